"""Tool 3: "Styrk organisationen", the plan for leader well-being.

Every object comes through the access policy: the plan team edits, leaders in scope
rate privately and read what is published, group leaders report back.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from access import policy
from benchmark import selectors as benchmark_selectors
from benchmark.models import Tool as BenchmarkTool
from method import loader
from organisations import selectors as organisation_selectors
from plans import selectors, services
from plans.forms import (
    ActionCardForm,
    DecisionForm,
    FeedbackForm,
    OfferForm,
    OwnThemeForm,
    PlanForm,
    QualifyForm,
    TaskFormSet,
    TeamAddForm,
)
from plans.models import (
    Plan,
    PlanTheme,
    PlanVersion,
    RatingMode,
    Step,
)
from prioritymap.views import map_context
from ui import autosave
from ui.forms import RatingsForm
from ui.pdf import render_pdf


def _plan(request, pk: int) -> Plan:
    return policy.get_plan(request.user, pk)


def _theme(request, pk: int) -> PlanTheme:
    return policy.get_plan_theme(request.user, pk)


def _display(themes: list[PlanTheme]) -> list[PlanTheme]:
    """Puts the brochure's wording in the reader's language on each theme."""
    for theme in themes:
        theme.display_title = selectors.theme_title(theme=theme)
        theme.display_question = selectors.theme_question(theme=theme)
    return themes


def _map(plan: Plan, themes: list[PlanTheme], plan_map, caption: str, map_id: str) -> dict:
    labels = {t.pk: t.label for t in themes}
    titles = {t.pk: t.display_title for t in themes}
    # One's own map sits beside the themes themselves: no key needed there.
    context = map_context(plan_map, labels, titles=titles, caption=caption, key=map_id != "own-map")
    context.update({"map_id": map_id, "item_heading": _("Tema"), "hide_picks": True})
    return context


def _steps(plan: Plan) -> list[dict]:
    order = [Step.PRIORITISE, Step.QUALIFY, Step.PUBLISH]
    urls = ["plans:prioritise", "plans:qualify", "plans:publish"]
    reached = order.index(plan.step)
    return [
        {
            "number": i + 1,
            "label": step.label,
            "url": reverse(url, args=[plan.pk]),
            "current": i == reached,
            "done": i < reached,
        }
        for i, (step, url) in enumerate(zip(order, urls, strict=True))
    ]


# --- Plans ----------------------------------------------------------------------------


@policy.member_required
def home(request: HttpRequest) -> HttpResponse:
    plans = policy.readable_plans(request.user)
    rows = [
        {
            "plan": plan,
            "on_team": plan.on_team,
            "latest": selectors.plan_version_latest_prefetched(plan=plan),
        }
        for plan in plans
    ]
    rate = selectors.ratings_waiting(person=request.user)
    return render(
        request,
        "plans/home.html",
        {
            "rows": rows,
            "rate": rate,
            "rated": selectors.ratings_given(person=request.user),
            "feedback": selectors.feedback_waiting(person=request.user),
            "can_create": policy.can_create_plan(request.user),
            "tool": loader.tool(3),
            "texts": loader.current(),
        },
    )


@policy.allowed_if(policy.can_create_plan)
def plan_create(request: HttpRequest) -> HttpResponse:
    units = policy.plan_units_for(request.user)
    form = PlanForm(request.POST or None, units=units, organisation=request.user.organisation)
    if not policy.may_plan_whole_organisation(request.user):
        # A leader of leaders makes a plan for their own part of the organisation.
        form.fields["unit"].required = True
        form.fields["unit"].initial = request.user.unit_id
    if request.method == "POST" and form.is_valid():
        plan = services.plan_create(
            organisation=request.user.organisation, by=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("Planen er oprettet. Sæt planteamet sammen, og prioriter temaerne.")
        )
        return redirect("plans:detail", pk=plan.pk)
    return render(
        request,
        "plans/plan_form.html",
        {"form": form, "steps": loader.current().plan_steps},
        status=400 if form.errors else 200,
    )


@policy.allowed_if(policy.can_create_plan)
def unit_search(request: HttpRequest) -> HttpResponse:
    """Suggestions for a new plan's part of the organisation: the units this person may
    make a plan for."""
    text = request.GET.get(request.GET.get("field", "q"), "")
    units = policy.plan_units_for(request.user)
    found = organisation_selectors.units_matching(units=units, text=text)
    return render(request, "ui/partials/unit_options.html", {"units": found})


@policy.member_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    size = selectors.scope_size(plan=plan)
    return render(
        request,
        "plans/plan.html",
        {
            "plan": plan,
            "steps": _steps(plan),
            **selectors.plan_overview(plan=plan),
            "leader_count": size.leaders,
            "group_count": size.groups,
            "texts": selectors.method_texts_of(plan=plan),
            "escalations_waiting": len(selectors.escalations_undecided(plan=plan)),
            "next_step": selectors.plan_next_step(plan=plan, leader_count=size.leaders),
            # "Sådan har andre grebet det an" (issue 25): the team may share published
            # cards with the other organisations that take part.
            "sharing": _sharing(request, plan),
            "chooses_benchmark": policy.may_choose_benchmark(request.user),
        },
    )


def _sharing(request, plan: Plan) -> list | None:
    if not policy.may_share_plan_cards(request.user, plan):
        return None
    sharing = benchmark_selectors.shareable_themes(plan=plan)
    _display([item.theme for item in sharing])
    return sharing


@policy.member_required
def plan_team_search(request: HttpRequest, pk: int) -> HttpResponse:
    """Suggestions for the person to add to the plan's team, as the name is typed."""
    plan = _plan(request, pk)
    people = organisation_selectors.people_matching(
        people=policy.plan_team_candidates(request.user, plan),
        text=request.GET.get(request.GET.get("field", "q"), ""),
    )
    return render(request, "ui/partials/person_options.html", {"people": people})


@policy.member_required
def plan_team(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    people = policy.plan_team_candidates(request.user, plan)
    search_url = reverse("plans:team_search", args=[plan.pk])
    form = TeamAddForm(people=people, search_url=search_url)
    if request.method == "POST":
        if request.POST.get("remove"):
            try:
                leaving = services.team_member_remove(plan=plan, person_pk=request.POST["remove"])
            except services.PlanError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request, _("%(name)s er ikke længere med i planteamet.") % {"name": leaving}
                )
                if leaving.pk == request.user.pk:
                    return redirect("plans:home")
            return redirect("plans:team", pk=pk)
        form = TeamAddForm(request.POST, people=people, search_url=search_url)
        if form.is_valid():
            services.team_member_add(plan=plan, person=form.cleaned_data["person"])
            messages.success(
                request, _("%(name)s er med i planteamet.") % {"name": form.cleaned_data["person"]}
            )
            return redirect("plans:team", pk=pk)
    return render(
        request,
        "plans/team.html",
        {"plan": plan, "team": selectors.team_of(plan=plan), "form": form},
        status=400 if form.errors else 200,
    )


# --- Step 1: prioritise ------------------------------------------------------------------


def _against_benchmark(plan: Plan, themes, group_map) -> list[dict]:
    """The plan's map beside the other organisations' (issue 25), theme by theme: only
    for an organisation that takes part, once a quarter has been released."""
    return benchmark_selectors.comparison_rows(
        benchmark=benchmark_selectors.benchmark_for(
            organisation_id=plan.organisation_id, tool=BenchmarkTool.PLAN
        ),
        entries=[
            (theme.label, theme.display_title, theme.number, group_map.positions.get(theme.pk))
            for theme in themes
        ],
    )


def _prioritise_context(request, plan: Plan, **forms) -> dict:
    themes = _display(list(selectors.themes_of(plan=plan)))
    for theme in themes:
        theme.my_importance, theme.my_success = theme.importance, theme.success
    plan_map = selectors.plan_map(plan=plan, theme_list=themes)
    context = {
        "plan": plan,
        "steps": _steps(plan),
        "texts": selectors.method_texts_of(plan=plan),
        "themes": themes,
        "team_rates": plan.rating_mode == RatingMode.TEAM,
        "view": plan_map,
        "candidates": selectors.escalations_undecided(plan=plan),
        "decided": selectors.escalation_decisions_of(plan=plan),
        "own_form": forms.get("own_form") or OwnThemeForm(),
        "decision_form": DecisionForm(),
        "failed_decision": forms.get("failed_decision"),
        "choose_error": forms.get("choose_error"),
        "leader_count": (
            selectors.scope_size(plan=plan).leaders if plan.rating_mode == RatingMode.LEADERS else 0
        ),
        "min_chosen": selectors.method_texts_of(plan=plan).themes_intro.min_chosen,
        "max_chosen": selectors.method_texts_of(plan=plan).themes_intro.max_chosen,
    }
    if plan_map.shown:
        caption = (
            _("Planteamets prioriteringskort")
            if plan.rating_mode == RatingMode.TEAM
            else _("Ledernes prioriteringskort")
        )
        context.update(_map(plan, themes, plan_map.map, caption, "plan-map"))
        context["benchmark_rows"] = _against_benchmark(plan, themes, plan_map.map)
        ranked = {row["position"].item: index for index, row in enumerate(context["rows"])}
        context["choice_order"] = sorted(themes, key=lambda t: (ranked.get(t.pk, 999), t.position))
    else:
        context["choice_order"] = themes
    return context


@policy.member_required
def prioritise(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    if request.method == "POST":
        if plan.rating_mode != RatingMode.TEAM:
            messages.error(request, _("Lederne vurderer temaerne hver for sig i denne plan."))
            return redirect("plans:prioritise", pk=pk)
        themes = selectors.themes_of(plan=plan)
        ratings = RatingsForm(request.POST, keys=[t.pk for t in themes]).ratings()
        services.team_ratings_save(plan=plan, ratings=ratings)
        if request.headers.get("HX-Request") == "true":
            context = _prioritise_context(request, plan)
            context["saved_at"] = timezone.localtime()
            return render(request, "plans/partials/plan_map.html", context)
        messages.success(request, _("Vurderingerne er gemt."))
        return redirect(reverse("plans:prioritise", args=[pk]) + "#kort")
    return render(request, "plans/prioritise.html", _prioritise_context(request, plan))


@require_POST
@policy.member_required
def own_theme_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = OwnThemeForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "plans/prioritise.html",
            _prioritise_context(request, plan, own_form=form),
            status=400,
        )
    try:
        services.own_theme_add(plan=plan, **form.cleaned_data)
    except services.PlanError as error:
        messages.error(request, str(error))
        return redirect(reverse("plans:prioritise", args=[pk]) + "#egne-temaer")
    messages.success(request, _("Temaet er tilføjet."))
    return redirect(reverse("plans:prioritise", args=[pk]) + "#egne-temaer")


@require_POST
@policy.member_required
def theme_delete(request: HttpRequest, pk: int) -> HttpResponse:
    theme = _theme(request, pk)
    try:
        services.own_theme_delete(theme=theme)
    except services.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Temaet er slettet."))
    return redirect(reverse("plans:prioritise", args=[theme.plan_id]) + "#egne-temaer")


@require_POST
@policy.member_required
def escalation_decide(request: HttpRequest, pk: int, escalation_pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    escalation = next(
        (e for e in selectors.escalations_undecided(plan=plan) if e.pk == escalation_pk), None
    )
    if escalation is None:
        # An escalation of another organisation does not exist (404); one of this
        # organisation that is no longer a candidate has been decided already.
        policy.get_escalation(request.user, plan, escalation_pk)
        messages.error(request, _("Der er allerede taget stilling til eskaleringen."))
        return redirect(reverse("plans:prioritise", args=[pk]) + "#eskaleringer")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        context = _prioritise_context(request, plan, failed_decision=(escalation.pk, form))
        return render(request, "plans/prioritise.html", context, status=400)
    services.escalation_decide(
        plan=plan, escalation=escalation, by=request.user, **form.cleaned_data
    )
    messages.success(request, _("Beslutningen er gemt, og lederen af gruppen kan se den."))
    return redirect(reverse("plans:prioritise", args=[pk]) + "#eskaleringer")


@require_POST
@policy.member_required
def rating_open(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    try:
        count = services.plan_rating_open(plan=plan)
    except services.PlanError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(
            request, _("%(n)s ledere i planens område kan nu vurdere temaerne.") % {"n": count}
        )
    return redirect("plans:prioritise", pk=pk)


@require_POST
@policy.member_required
def rating_close(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    services.plan_rating_close(plan=plan)
    messages.success(request, _("Vurderingen er lukket, og kortet over ledernes svar er lavet."))
    return redirect(reverse("plans:prioritise", args=[pk]) + "#kort")


@require_POST
@policy.member_required
def rating_remind(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    sent = services.rating_remind(plan=plan, by=request.user)
    if sent:
        messages.success(
            request,
            ngettext(
                "Påmindelsen er sendt til %(n)s leder, der ikke har svaret.",
                "Påmindelsen er sendt til de %(n)s ledere, der ikke har svaret.",
                sent,
            )
            % {"n": sent},
        )
    else:
        messages.info(
            request, _("Der er ingen at minde om i dag: alle er mindet eller har svaret.")
        )
    return redirect("plans:prioritise", pk=pk)


@require_POST
@policy.member_required
def choose(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    picked = [int(v) for v in request.POST.getlist("chosen") if v.isdigit()]
    try:
        services.plan_choose(plan=plan, theme_ids=picked)
    except services.PlanError as problem:
        context = _prioritise_context(request, plan, choose_error=str(problem))
        context["picked"] = set(picked)
        return render(request, "plans/prioritise.html", context, status=400)
    messages.success(request, _("Temaerne er valgt. Nu skal I kvalificere dem."))
    return redirect("plans:qualify", pk=pk)


@policy.member_required
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    """A leader's private rating of the themes (rating mode "leaders")."""
    plan = policy.get_plan_to_rate(request.user, pk)
    response = selectors.response_of(plan=plan, person=request.user)
    themes = _display(list(selectors.themes_of(plan=plan)))
    error = None
    if request.method == "POST":
        response = services.response_get_or_create(plan=plan, person=request.user)
        ratings = RatingsForm(request.POST, keys=[t.pk for t in themes]).ratings()
        try:
            services.response_save(response=response, ratings=ratings)
        except services.PlanError as problem:
            messages.error(request, str(problem))
            return redirect("plans:rate", pk=pk)
        if "done" in request.POST:
            try:
                services.response_submit(response=response)
            except services.PlanError as problem:
                error = str(problem)
            else:
                messages.success(request, _("Tak for dine svar. Du kan rette i dem senere."))
                return redirect("plans:home")
        if request.headers.get("HX-Request") == "true" and not error:
            own = _map(
                plan, themes, selectors.own_map(response=response), _("Dit eget kort"), "own-map"
            )
            return render(
                request, "plans/partials/own_map.html", {**own, "saved_at": timezone.localtime()}
            )
    ratings = selectors.response_ratings(response=response)
    for theme in themes:
        rating = ratings.get(theme.pk)
        theme.my_importance = rating.importance if rating else None
        theme.my_success = rating.success if rating else None
    return render(
        request,
        "plans/rate.html",
        {
            "plan": plan,
            "themes": themes,
            "texts": selectors.method_texts_of(plan=plan),
            "response": response,
            "error": error,
            **_map(
                plan, themes, selectors.own_map(response=response), _("Dit eget kort"), "own-map"
            ),
        },
        status=400 if error else 200,
    )


# --- Step 2: qualify -----------------------------------------------------------------------


def _offers(plan: Plan):
    return selectors.offers_of(organisation_id=plan.organisation_id)


def _qualify_context(request, plan: Plan, failed=None, offer_form=None) -> dict:
    texts = selectors.method_texts_of(plan=plan)
    offers = _offers(plan)
    chosen = _display(list(selectors.chosen_themes(plan=plan)))
    # "Hvilke andre organisationer lykkes godt med temaet?" (issue 25): the method's
    # themes, for an organisation that takes part in the benchmark.
    benchmark = benchmark_selectors.benchmark_for(
        organisation_id=plan.organisation_id, tool=BenchmarkTool.PLAN
    )
    others_cards = (
        benchmark_selectors.others_cards_by_theme(
            reader_organisation_id=plan.organisation_id,
            numbers=[theme.number for theme in chosen if theme.number],
            sector=benchmark.sector,
        )
        if benchmark is not None
        else {}
    )
    for theme in chosen:
        theme.others_cards, theme.others_count = others_cards.get(theme.number, ([], 0))
        theme.comparison = (
            benchmark.by_item.get(theme.number, [])
            if benchmark is not None and theme.number
            else None
        )
        if failed and failed.instance.pk == theme.pk:
            theme.form = failed
        else:
            theme.form = QualifyForm(
                instance=theme,
                offers=offers,
                questions=texts.qualification.questions,
                prefix=f"t{theme.pk}",
            )
    return {
        "plan": plan,
        "steps": _steps(plan),
        "texts": texts,
        "chosen": chosen,
        "offers": offers,
        "offer_form": offer_form or OfferForm(),
        "benchmark": benchmark,
        "chooses_benchmark": policy.may_choose_benchmark(request.user),
    }


@policy.member_required
def qualify(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return render(request, "plans/qualify.html", _qualify_context(request, plan))


@require_POST
@policy.member_required
def theme_qualify(request: HttpRequest, pk: int) -> HttpResponse:
    theme = _theme(request, pk)
    plan = theme.plan
    form = QualifyForm(
        request.POST,
        instance=theme,
        offers=_offers(plan),
        questions=selectors.method_texts_of(plan=plan).qualification.questions,
        prefix=f"t{theme.pk}",
    )
    if not form.is_valid() and autosave.is_autosave(request):
        errors = " ".join(e for field_errors in form.errors.values() for e in field_errors)
        return autosave.saved(request, error=errors + " " + _("Det er ikke gemt."))
    if not form.is_valid():
        return render(
            request, "plans/qualify.html", _qualify_context(request, plan, failed=form), status=400
        )
    services.theme_qualify_save(theme=theme, **form.cleaned_data)
    if autosave.is_autosave(request):
        return autosave.saved(request)
    messages.success(request, _("Det er gemt."))
    return redirect(reverse("plans:qualify", args=[plan.pk]) + f"#tema-{theme.pk}")


@require_POST
@policy.member_required
def offer_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = OfferForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "plans/qualify.html",
            _qualify_context(request, plan, offer_form=form),
            status=400,
        )
    services.offer_add(organisation=plan.organisation, **form.cleaned_data)
    messages.success(request, _("Tilbuddet er gemt og kan bruges ved alle temaer."))
    return redirect(reverse("plans:qualify", args=[pk]) + "#tilbud")


# --- Step 3: action cards and publishing ----------------------------------------------------


def _card_labels(plan: Plan) -> dict[str, str]:
    return {f.code: str(f.label) for f in selectors.method_texts_of(plan=plan).action_card.fields}


@policy.member_required
def cards(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    if request.method == "POST":
        services.plan_to_publish_step(plan=plan)
        return redirect("plans:publish", pk=pk)
    return render(
        request,
        "plans/cards.html",
        {
            "plan": plan,
            "steps": _steps(plan),
            "texts": selectors.method_texts_of(plan=plan),
            "chosen": _display(list(selectors.chosen_themes(plan=plan))),
            "labels": _card_labels(plan),
        },
    )


@policy.member_required
def card_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = _theme(request, pk)
    if not theme.chosen:
        messages.error(request, _("Vælg temaet i trin 1, før I laver et action card til det."))
        return redirect("plans:prioritise", pk=theme.plan_id)
    plan = theme.plan
    card = selectors.card_of(theme=theme)
    labels = _card_labels(plan)
    form = ActionCardForm(request.POST or None, instance=card, labels=labels)
    tasks = TaskFormSet(request.POST or None, instance=card, prefix="tasks")
    if request.method == "POST" and form.is_valid() and tasks.is_valid():
        changed, deleted = tasks.changes()
        services.action_card_save(
            card=form.instance, tasks=changed, deleted=deleted, by=request.user
        )
        messages.success(request, _("Action cardet er gemt."))
        return redirect(reverse("plans:cards", args=[plan.pk]) + f"#tema-{theme.pk}")
    _display([theme])
    return render(
        request,
        "plans/card_form.html",
        {
            "plan": plan,
            "theme": theme,
            "form": form,
            "tasks": tasks,
            "texts": selectors.method_texts_of(plan=plan),
            "labels": labels,
        },
        status=400 if form.errors or tasks.total_error_count() else 200,
    )


@policy.member_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    if request.method == "POST":
        try:
            version = services.plan_publish(plan=plan, by=request.user)
        except services.PlanError as problem:
            messages.error(request, str(problem))
            return redirect("plans:publish", pk=pk)
        messages.success(
            request,
            _(
                "Version %(n)s er udgivet. Lederne i planens område har fået besked, og "
                "ledelsesgrupperne er bedt om at melde tilbage."
            )
            % {"n": version.number},
        )
        return redirect("plans:detail", pk=pk)
    chosen = _display(list(selectors.chosen_themes(plan=plan)))
    size = selectors.scope_size(plan=plan)
    return render(
        request,
        "plans/publish.html",
        {
            "plan": plan,
            "steps": _steps(plan),
            "texts": selectors.method_texts_of(plan=plan),
            "chosen": chosen,
            "problems": selectors.publish_problems(plan=plan, chosen=chosen),
            "latest": selectors.plan_version_latest(plan=plan),
            "leader_count": size.leaders,
            "group_count": size.groups,
        },
    )


def _version_context(version: PlanVersion) -> dict:
    texts = loader.load(version.method_version)
    brochure = {t.number: t for t in texts.themes}
    themes = []
    for theme in version.content["themes"]:
        text = brochure.get(theme["number"]) if theme["number"] else None
        themes.append(
            {
                **theme,
                "display_title": str(text.title) if text else theme["title"],
                "display_question": str(text.question) if text else theme["question"],
            }
        )
    return {
        "version": version,
        "content": version.content,
        "themes": themes,
        "fields": [f for f in texts.action_card.fields if f.code != "tasks"],
        "tasks_label": next(f.label for f in texts.action_card.fields if f.code == "tasks"),
        "texts": texts,
    }


def _version(request, pk: int, number: int) -> PlanVersion:
    return policy.get_published_version(request.user, pk, number)


@policy.member_required
def version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found = _version(request, pk, number)
    context = _version_context(found)
    context["on_team"] = policy.is_plan_team(request.user, found.plan)
    latest = selectors.plan_version_latest(plan=found.plan)
    context["newer"] = latest if latest.number > number else None
    return render(request, "plans/version.html", context)


@policy.member_required
def version_print(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found = _version(request, pk, number)
    return render(request, "plans/version_print.html", _version_context(found))


@policy.member_required
def version_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    found = _version(request, pk, number)
    html = render_to_string(
        "plans/version_print.html",
        {**_version_context(found), "for_pdf": True},
        request=request,
    )
    return render_pdf(request, html, filename=f"plan-for-ledertrivsel-v{found.number}.pdf")


@require_POST
@policy.member_required
def link_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    try:
        services.public_link_create(plan=plan, by=request.user)
    except services.PlanError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, _("Linket er lavet. Kopiér det til jeres intranet."))
    return redirect(reverse("plans:detail", args=[pk]) + "#intranet")


@require_POST
@policy.member_required
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = policy.get_public_link(request.user, pk)
    services.public_link_revoke(link=link)
    messages.success(request, _("Linket virker ikke længere."))
    return redirect(reverse("plans:detail", args=[link.plan_id]) + "#intranet")


def public_plan(request: HttpRequest, token: str) -> HttpResponse:
    """The intranet's read-only copy: no login, no names, gone when the link is revoked."""
    found = selectors.plan_version_for_link(token=token)
    if found is None:
        raise Http404
    response = render(request, "plans/public.html", {**_version_context(found), "public": True})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


@policy.member_required
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    found = policy.get_feedback_request(request.user, pk)
    form = FeedbackForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        services.feedback_answer(
            feedback_request=found, by=request.user, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Tak. Planteamet kan nu se jeres tilbagemelding."))
        return redirect("plans:home")
    return render(
        request,
        "plans/feedback.html",
        {"request_": found, "form": form, "version": found.version},
        status=400 if form.errors else 200,
    )
