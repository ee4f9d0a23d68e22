"""The inspiration library ("Sådan har andre grebet det an"): a plan team shares a
published action card with the other organisations that take part, de-identified in a
preview it edits; the others search, read and copy it; sharing can be withdrawn."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent, Kind
from benchmark import selectors, services
from benchmark.deidentify import Name, NameIndex
from benchmark.models import Participation, SharedCard
from organisations.models import ManagementGroup, Person, Unit
from plans import services as plan_services
from plans.models import ActionCard, ActionTask, RatingMode


def take_part(organisation, admin, representative, sector="kommune", size_band="200_999"):
    now = timezone.now()
    Participation.objects.create(
        organisation=organisation, sector=sector, size_band=size_band,
        admin_confirmed_by=admin, admin_confirmed_at=now,
        representative_confirmed_by=representative, representative_confirmed_at=now,
    )  # fmt: skip


def publish_a_card_with_names(world):
    """The team writes names of its people and units on a card and publishes again."""
    card = ActionCard.objects.get(theme=world.plan_theme)
    card.goal = "Chef og HR-konsulent mødes hver måned i Social og Sundhed."
    card.help = "Skriv til hr@test.example eller spørg Ledergruppen."
    card.save()
    ActionTask.objects.create(card=card, who="Topleder", text="Indkalder til møde i Hjemmeplejen")
    plan_services.plan_publish(plan=world.plan, by=world.top, announce=False)


@pytest.fixture
def sharing(world):
    take_part(world.organisation, world.admin, world.med)
    take_part(world.other_organisation, world.outsider, world.outsider, sector="finans",
              size_band="under_50")  # fmt: skip
    return world


def share_url(world):
    return reverse("benchmark:card_share", args=[world.plan_theme.pk])


def a_shared_card(world, **texts):
    return services.card_share(
        plan=world.plan, theme=world.plan_theme, by=world.hr,
        texts={"goal": "Lederne får en fast sparringspartner.", **texts},
        names=selectors.identifying_names(organisation_id=world.organisation.pk),
    )  # fmt: skip


def other_plan(world):
    plan = plan_services.plan_create(
        organisation=world.other_organisation, by=world.outsider, title="Vores plan",
        unit=None, rating_mode=RatingMode.TEAM,
    )  # fmt: skip
    theme = plan.themes.get(number=world.plan_theme.number)
    others = plan.themes.exclude(pk=theme.pk).filter(number__isnull=False)[:2]
    plan_services.plan_choose(plan=plan, theme_ids=[theme.pk, *(t.pk for t in others)])
    return theme


# --- De-identifying --------------------------------------------------------------------


def test_names_are_found_as_names_and_ordinary_words_pass():
    names = NameIndex([
        Name("Mette Kjær Hansen", "person"), Name("Bo Ek", "person"),
        Name("Økonomi", "unit"), Name("Teknik og Miljø", "unit"),
        Name("Direktionen", "group"), Name("Aarhus Kommune", "organisation"),
    ])  # fmt: skip
    text = (
        "Mette og Hansen taler med Økonomi og teknik og miljø om Aarhus kommune; "
        "mail mette@aarhus.dk. Vi har ikke økonomi til en skov af møder, og Bo kommer."
    )
    found = [(f.text, f.kind) for f in names.find(text)]
    assert found == [
        ("Mette", "person"), ("Hansen", "person"), ("Økonomi", "unit"),
        ("teknik og miljø", "unit"), ("Aarhus kommune", "organisation"),
        ("mette@aarhus.dk", "email"),
    ]  # fmt: skip
    assert names.scrub(text).startswith(
        "[navn] og [navn] taler med [enhed] og [enhed] om [organisationen]; mail [e-mail]."
    )
    assert names.find("Mette Kjær Hansen")[0].text == "Mette Kjær Hansen"
    assert (
        "»Mette« er navnet på en person i jeres organisation" in names.find("Mette")[0].explained()
    )


# --- Sharing ---------------------------------------------------------------------------


def test_the_team_is_proposed_the_published_card_with_every_name_replaced(sharing, login):
    publish_a_card_with_names(sharing)
    page = login(sharing.hr).get(share_url(sharing)).content.decode()
    assert "[navn] og [navn] mødes hver måned i [enhed]." in page
    assert "Skriv til [e-mail] eller spørg [ledelsesgruppe]." in page
    assert "[navn]: Indkalder til møde i [enhed]" in page
    for name in ("Chef og", "HR-konsulent mødes", "hr@test.example", "Social og Sundhed m"):
        assert name not in page
    assert not SharedCard.objects.exists()  # looking shares nothing


def test_a_name_written_back_is_refused_with_a_danish_message_and_nothing_is_shared(sharing, login):
    response = login(sharing.hr).post(
        share_url(sharing), {"action": "share", "goal": "Spørg Leder To om hjælp."}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "»Leder To« er navnet på en person i jeres organisation" in page
    assert not SharedCard.objects.exists()


def test_the_preview_shows_exactly_what_others_will_see_and_shares_nothing(sharing, login):
    response = login(sharing.hr).post(
        share_url(sharing),
        {"action": "preview", "goal": "Fast sparring", "tasks": "HR: Finder sparringspartnere"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sådan ser andre organisationer kortet" in page
    assert "Kommune · 200–999 ledere" in page and "Finder sparringspartnere" in page
    assert not SharedCard.objects.exists()


def test_sharing_stores_the_approved_text_with_sector_and_size_and_is_audited(sharing, login):
    response = login(sharing.hr).post(
        share_url(sharing),
        {"action": "share", "goal": "Fast sparring", "tasks": "HR: Finder sparringspartnere"},
    )
    assert response.status_code == 302
    card = SharedCard.objects.get()
    assert (card.goal, card.sector, card.size_band) == ("Fast sparring", "kommune", "200_999")
    assert card.task_lines() == [("HR", "Finder sparringspartnere")]
    assert card.theme_number == sharing.plan_theme.number and card.shared_by == sharing.hr
    assert AuditEvent.objects.filter(kind=Kind.CARD_SHARED, actor=sharing.hr).exists()
    # Sharing again replaces the card rather than adding a second.
    login(sharing.hr).post(share_url(sharing), {"action": "share", "goal": "Ny tekst"})
    assert SharedCard.objects.get().goal == "Ny tekst"


def test_no_shared_card_carries_a_name_of_a_person_or_unit_of_its_organisation(sharing, login):
    """Whatever the team does, through the form or the service: the rule is the
    service's, and holds for every name the organisation has."""
    publish_a_card_with_names(sharing)
    client = login(sharing.hr)
    proposal = selectors.share_proposal(
        published=selectors.shareable_themes(plan=sharing.plan)[0].published,
        names=selectors.identifying_names(organisation_id=sharing.organisation.pk),
    )
    for theme in sharing.plan.themes.filter(chosen=True):
        url = reverse("benchmark:card_share", args=[theme.pk])
        client.post(url, {"action": "share", **proposal})
    with pytest.raises(services.ShareError):
        a_shared_card(sharing, where="Hjemmeplejen og Chef")
    organisation = sharing.organisation
    names = [
        *Person.objects.filter(organisation=organisation).values_list("name", flat=True),
        *Unit.objects.filter(organisation=organisation).values_list("name", flat=True),
        *ManagementGroup.objects.filter(organisation=organisation).values_list("name", flat=True),
        organisation.name,
    ]
    cards = list(SharedCard.objects.all())
    assert len(cards) == 3
    for card in cards:
        text = " ".join([card.title, card.tasks, *(v for _, v in card.texts())])
        assert "@" not in text
        for name in names:
            assert name.lower() not in text.lower(), name


def test_only_a_published_theme_of_an_organisation_that_takes_part_is_shared(sharing, login):
    unchosen = sharing.plan.themes.filter(chosen=False).first()
    client = login(sharing.hr)
    assert client.get(reverse("benchmark:card_share", args=[unchosen.pk])).status_code == 404
    Participation.objects.filter(organisation=sharing.organisation).update(
        withdrawn_at=timezone.now()
    )
    assert client.get(share_url(sharing)).status_code == 403
    with pytest.raises(services.ShareError):
        a_shared_card(sharing)
    # A leader outside the plan team never shares it.
    assert login(sharing.leader).get(share_url(sharing)).status_code == 403


# --- Reading, searching and copying ---------------------------------------------------


def test_other_organisations_find_the_card_by_theme_sector_size_and_words(sharing, login):
    card = a_shared_card(sharing, where="Alle nye ledere")
    client = login(sharing.outsider)
    library = reverse("benchmark:library")
    number = sharing.plan_theme.number
    found = {
        "": True, f"?theme={number}": True, "?theme=own": False,
        "?sector=kommune": True, "?sector=finans": False,
        "?size_band=200_999": True, "?size_band=under_50": False,
        "?q=sparringspartner": True, "?q=nye+ledere": True, "?q=golf": False,
    }  # fmt: skip
    for query, expected in found.items():
        page = client.get(library + query).content.decode()
        assert (reverse("benchmark:card", args=[card.pk]) in page) is expected, query
    page = client.get(reverse("benchmark:card", args=[card.pk])).content.decode()
    assert "Lederne får en fast sparringspartner." in page and "Kommune · 200–999 ledere" in page
    assert "Testkommune" not in page and "HR-konsulent" not in page
    # The organisation's own cards are not "others'".
    own = login(sharing.hr).get(library).content.decode()
    assert reverse("benchmark:card", args=[card.pk]) not in own


def test_an_organisation_that_does_not_take_part_reads_no_card(sharing, login):
    card = a_shared_card(sharing)
    Participation.objects.filter(organisation=sharing.other_organisation).delete()
    client = login(sharing.outsider)
    page = client.get(reverse("benchmark:library")).content.decode()
    assert "Jeres organisation deltager ikke" in page and "sparringspartner" not in page
    assert client.get(reverse("benchmark:card", args=[card.pk])).status_code == 403


def test_a_plan_team_copies_a_card_after_its_own_text_with_undated_tasks(sharing, login):
    shared = a_shared_card(sharing, tasks="HR: Finder sparringspartnere\nLederne mødes")
    theme = other_plan(sharing)
    ActionCard.objects.create(theme=theme, goal="Vores eget mål")
    response = login(sharing.outsider).post(
        reverse("benchmark:card", args=[shared.pk]), {"into": theme.pk}
    )
    assert response.status_code == 302
    assert response.url == reverse("plans:card_edit", args=[theme.pk])
    card = ActionCard.objects.get(theme=theme)
    assert card.goal == "Vores eget mål\n\nLederne får en fast sparringspartner."
    tasks = sorted((t.who, t.text, t.due_date) for t in card.tasks.all())
    assert tasks == [("Aftales", "Lederne mødes", None), ("HR", "Finder sparringspartnere", None)]
    shared.refresh_from_db()
    assert shared.copies == 1
    assert AuditEvent.objects.filter(kind=Kind.CARD_COPIED, actor=sharing.outsider).exists()


def test_a_card_is_copied_only_into_a_chosen_theme_of_ones_own_team(sharing, login):
    shared = a_shared_card(sharing)
    url = reverse("benchmark:card", args=[shared.pk])
    # Another organisation's theme is not offered and not accepted.
    response = login(sharing.outsider).post(url, {"into": sharing.plan_theme.pk})
    assert response.status_code == 400
    assert ActionCard.objects.get(theme=sharing.plan_theme).goal == "Et mål"
    # Someone on no plan team reads the card and is told why there is nothing to copy.
    page = login(sharing.leader).get(url).content.decode()
    assert "Du er ikke med i et planteam med valgte temaer" in page
    assert "Kopier til vores plan" not in page
    assert login(sharing.leader).post(url, {"into": sharing.plan_theme.pk}).status_code == 400


def test_qualify_shows_other_organisations_cards_for_each_chosen_theme(sharing, login):
    shared = a_shared_card(sharing)
    theme = other_plan(sharing)
    page = login(sharing.outsider).get(reverse("plans:qualify", args=[theme.plan_id]))
    text = page.content.decode()
    assert "Sådan har andre grebet det an" in text
    assert reverse("benchmark:card", args=[shared.pk]) in text
    assert "(Kommune, 200–999 ledere)" in text


# --- Withdrawing ------------------------------------------------------------------------


def test_the_team_withdraws_a_shared_card_and_others_no_longer_find_it(sharing, login):
    shared = a_shared_card(sharing)
    url = reverse("benchmark:card_unshare", args=[shared.pk])
    assert login(sharing.leader).post(url).status_code == 403
    assert login(sharing.outsider).post(url).status_code == 404
    assert login(sharing.hr).post(url).status_code == 302
    assert not SharedCard.objects.exists()
    assert AuditEvent.objects.filter(kind=Kind.CARD_UNSHARED, actor=sharing.hr).exists()


def test_leaving_the_benchmark_withdraws_every_shared_card(sharing):
    a_shared_card(sharing)
    services.participation_withdraw(person=sharing.med)
    assert not SharedCard.objects.exists()
    event = AuditEvent.objects.get(kind=Kind.BENCHMARK_WITHDRAWN)
    assert event.detail["cards_unshared"] == 1


def test_the_plan_page_offers_sharing_after_publishing(sharing, login):
    page = login(sharing.hr).get(reverse("plans:detail", args=[sharing.plan.pk])).content.decode()
    assert "Del action cards med andre organisationer" in page
    assert share_url(sharing) in page


def test_others_cards_by_theme_take_two_queries_however_many_there_are(
    sharing, django_assert_num_queries
):
    for number in range(1, 13):
        for n in range(4):
            SharedCard.objects.create(
                organisation=sharing.other_organisation, theme_number=number, sector="finans",
                size_band="under_50", goal=f"Mål {n}", shared_at=timezone.now(),
            )  # fmt: skip
    with django_assert_num_queries(2):
        found = selectors.others_cards_by_theme(
            reader_organisation_id=sharing.organisation.pk, numbers=[1, 5, 9], sector="kommune"
        )
    assert sorted(found) == [1, 5, 9]
    assert all(len(cards) == 3 and count == 4 for cards, count in found.values())


def test_the_library_page_reads_as_much_for_forty_cards_as_for_two(sharing, login):
    """A page of twenty, whatever the library holds: the page never grows with it."""
    client = login(sharing.outsider)
    url = reverse("benchmark:library")

    def queries_with(cards: int) -> int:
        SharedCard.objects.all().delete()
        SharedCard.objects.bulk_create(
            SharedCard(
                organisation=sharing.organisation, theme_number=1 + n % 12, sector="kommune",
                size_band="50_199", goal=f"Mål {n}", shared_at=timezone.now(), copies=n % 3,
            )
            for n in range(cards)
        )  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries_with(2) == queries_with(40)


def test_an_own_theme_is_shared_with_its_title_and_found_under_own_themes(sharing, login):
    themes = list(sharing.plan.themes.filter(number__isnull=False).order_by("position")[:2])
    plan_services.plan_choose(
        plan=sharing.plan, theme_ids=[sharing.own_theme.pk, *(t.pk for t in themes)]
    )
    ActionCard.objects.update_or_create(
        theme=sharing.own_theme,
        defaults={"goal": "Arbejdstiden aftales med Chef", "responsible": "HR"},
    )
    for theme in themes:
        ActionCard.objects.update_or_create(
            theme=theme, defaults={"goal": "Et mål", "responsible": "HR"}
        )
    plan_services.plan_publish(plan=sharing.plan, by=sharing.top, announce=False)
    url = reverse("benchmark:card_share", args=[sharing.own_theme.pk])
    client = login(sharing.hr)
    page = client.get(url).content.decode()
    assert "Arbejdstiden aftales med [navn]" in page and "Lederes arbejdstid" in page
    response = client.post(url, {"action": "share", "goal": "Arbejdstiden aftales"})
    assert response.status_code == 400  # an own theme needs its title
    client.post(url, {"action": "share", "title": "Lederes arbejdstid", "goal": "Aftales"})
    card = SharedCard.objects.get()
    assert card.theme_number is None and card.title == "Lederes arbejdstid"
    # Another organisation finds it under own themes, and copies it into a new card.
    reader = login(sharing.outsider)
    own = reader.get(reverse("benchmark:library") + "?theme=own").content.decode()
    assert reverse("benchmark:card", args=[card.pk]) in own and "Lederes arbejdstid" in own
    target = other_plan(sharing)
    assert not ActionCard.objects.filter(theme=target).exists()
    reader.post(reverse("benchmark:card", args=[card.pk]), {"into": target.pk})
    assert ActionCard.objects.get(theme=target).goal == "Aftales"
