"""Taking part in the benchmark: chosen by the organisation's administrator and a
MED/SU representative together, withdrawn by either. Everything is audited."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import Kind
from benchmark.deidentify import NameIndex
from benchmark.models import Participation, SharedCard
from organisations.models import Person
from plans import services as plan_services
from plans.models import Plan, PlanTheme


class ParticipationError(Exception):
    """Said to the person in Danish."""


@transaction.atomic
def participation_confirm(
    *, person: Person, as_admin: bool, sector: str = "", size_band: str = ""
) -> Participation:
    """The administrator confirms with the sector and size; the representative confirms
    what the administrator chose. Taking part begins when both have confirmed."""
    participation = (
        Participation.objects.select_for_update()
        .filter(organisation_id=person.organisation_id)
        .first()
    )
    if participation is None or participation.withdrawn_at is not None:
        if not as_admin:
            raise ParticipationError(
                _("Administratoren vælger først sektor og størrelse og bekræfter.")
            )
        participation = participation or Participation(organisation_id=person.organisation_id)
        participation.representative_confirmed_by = None
        participation.representative_confirmed_at = None
        participation.withdrawn_at = None
    now = timezone.now()
    if as_admin:
        if participation.representative_confirmed_at and (
            (sector, size_band) != (participation.sector, participation.size_band)
        ):
            # The representative confirmed something else: they confirm again.
            participation.representative_confirmed_by = None
            participation.representative_confirmed_at = None
        participation.sector, participation.size_band = sector, size_band
        participation.admin_confirmed_by, participation.admin_confirmed_at = person, now
    else:
        participation.representative_confirmed_by = person
        participation.representative_confirmed_at = now
    participation.save()
    record(
        Kind.BENCHMARK_JOINED,
        actor=person,
        role="admin" if as_admin else "representative",
        sector=participation.sector,
        size_band=participation.size_band,
        taking_part=participation.taking_part,
    )
    return participation


@transaction.atomic
def participation_withdraw(*, person: Person) -> Participation | None:
    """From now on, nothing new of the organisation's is released. What was released
    before stays released: it was noisy and about many organisations at once."""
    participation = (
        Participation.objects.select_for_update()
        .filter(organisation_id=person.organisation_id, withdrawn_at__isnull=True)
        .first()
    )
    if participation is None:
        return None
    participation.withdrawn_at = timezone.now()
    participation.admin_confirmed_at = participation.representative_confirmed_at = None
    participation.admin_confirmed_by = participation.representative_confirmed_by = None
    participation.save()
    # The cards were shared with the organisations that take part, as one of them.
    unshared, _kinds = SharedCard.objects.filter(organisation_id=person.organisation_id).delete()
    record(Kind.BENCHMARK_WITHDRAWN, actor=person, cards_unshared=unshared)
    return participation


# --- The inspiration library ------------------------------------------------------


class ShareError(Exception):
    """Said to the plan team in Danish."""


@transaction.atomic
def card_share(
    *, plan: Plan, theme: PlanTheme, by: Person, texts: dict[str, str], names: NameIndex
) -> SharedCard:
    """Shares (or, shared before, replaces) a theme's card as the team approved it. The
    names are checked here too, whatever channel the text came through."""
    participation = (
        Participation.objects.select_for_update()
        .filter(organisation_id=plan.organisation_id)
        .first()
    )
    if participation is None or not participation.taking_part:
        raise ShareError(_("Organisationen deltager ikke i sammenligningen og deler ikke kort."))
    texts = {field: texts.get(field, "").strip() for field in SharedCard.EDITABLE_FIELDS}
    if theme.number is not None:
        texts["title"] = ""
    for text in texts.values():
        found = names.find(text)
        if found:
            raise ShareError(found[0].explained())
    if not any(texts[field] for field in SharedCard.TEXT_FIELDS):
        raise ShareError(_("Kortet er tomt. Skriv mindst ét felt, før I deler det."))
    shared, created = SharedCard.objects.update_or_create(
        theme=theme,
        defaults={
            **texts,
            "organisation_id": plan.organisation_id,
            "plan": plan,
            "theme_number": theme.number,
            "sector": participation.sector,
            "size_band": participation.size_band,
            "shared_by": by,
            "shared_at": timezone.now(),
        },
    )
    record(Kind.CARD_SHARED, actor=by, plan=plan.pk, theme=theme.label, replaced=not created)
    return shared


@transaction.atomic
def card_unshare(*, shared: SharedCard, by: Person) -> None:
    record(Kind.CARD_UNSHARED, actor=by, plan=shared.plan_id, theme=shared.theme_number)
    shared.delete()


@transaction.atomic
def card_copy(*, shared: SharedCard, into: PlanTheme, by: Person) -> None:
    """Another organisation's card as a starting point on one of the team's own cards:
    added after what the team wrote, tasks without dates."""
    plan_services.action_card_add_text(
        theme=into,
        texts={field: getattr(shared, field) for field in SharedCard.TEXT_FIELDS},
        tasks=shared.task_lines(),
        by=by,
    )
    SharedCard.objects.filter(pk=shared.pk).update(copies=F("copies") + 1)
    record(Kind.CARD_COPIED, actor=by, plan=into.plan_id, theme=into.label)
