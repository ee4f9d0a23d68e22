"""Tool 2: "Styrk ledelsesgruppen". Every object comes through the access policy."""

from __future__ import annotations

import functools
import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from access import policy
from benchmark import selectors as benchmark_selectors
from benchmark.models import Tool as BenchmarkTool
from groups import selectors, services
from groups.forms import (
    ClosingRemarkForm,
    EscalationForm,
    GroupAgreementForm,
    NewThemeForm,
    RoundForm,
    RoundNotesForm,
    ThemeForm,
)
from groups.models import Round, RoundStatus
from method import loader
from prioritymap.views import map_context
from ui import autosave
from ui.forms import RatingsForm
from ui.pdf import render_pdf
from ui.templatetags.dates import duration_formats


def _round(request, pk: int, *, leader_only: bool = False) -> Round:
    return policy.get_round(request.user, pk, leader_only=leader_only)


def round_content(view):
    """Views of a round's shared content: someone who has not agreed to the confidential
    room is sent to the round's page, where they can."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, pk: int, *args, **kwargs) -> HttpResponse:
        try:
            round_ = policy.get_round_content(request.user, pk)
        except policy.ConfidentialRoomNotAccepted:
            messages.info(
                request,
                _("Aftal først, at runden er et fortroligt rum. Så kan du se dens indhold."),
            )
            return redirect("groups:round_detail", pk=pk)
        return view(request, round_, *args, **kwargs)

    return wrapped


def _closed(request, round_: Round) -> HttpResponse:
    messages.error(
        request, _("Runden er afsluttet, så den kan ikke ændres længere. Her er opsummeringen.")
    )
    return redirect("groups:round_summary", pk=round_.pk)


def _is_leader(request, round_: Round) -> bool:
    return round_.group.leader_id == request.user.pk


def _add_names(context: dict, round_: Round) -> None:
    """Adds who picked each statement, for rounds that show names."""
    named = selectors.named_picks(round_=round_) if round_.show_names else {}
    context["named_picks"] = bool(named)
    for row in context.get("rows", []):
        row["names"] = ", ".join(named.get(row["position"].item, []))


def _labels(round_: Round) -> tuple[dict[int, str], dict[int, str]]:
    titles = selectors.statement_titles(version=round_.method_version)
    return {n: str(n) for n in titles}, titles


# --- Groups --------------------------------------------------------------------


@policy.member_required
def home(request: HttpRequest) -> HttpResponse:
    groups = selectors.groups_with_rounds(groups=policy.my_groups(request.user))
    texts = loader.current()
    return render(
        request,
        "groups/home.html",
        {
            "groups": groups,
            "tool": loader.tool(2),
            "texts": texts,
        },
    )


@policy.member_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = policy.get_group_as_member(request.user, pk)
    rounds = list(selectors.rounds_of(group=group, person=request.user))
    over_time = None
    shown = [(r, selectors.group_map(round_=r)) for r in rounds[:2]]
    if len(shown) == 2 and all(view.shown for _, view in shown):
        (latest, latest_view), (earlier, earlier_view) = shown
        labels, titles = _labels(latest)
        over_time = map_context(
            latest_view.map,
            labels,
            titles=titles,
            before=earlier_view.map,
            caption=_("Bevægelse fra %(before)s til %(after)s")
            % {
                "before": formats.date_format(earlier.meeting_date, _("j. F Y")),
                "after": formats.date_format(latest.meeting_date, _("j. F Y")),
            },
        )
        over_time["map_id"] = "over-time"
    return render(
        request,
        "groups/group.html",
        {
            "group": group,
            "rounds": rounds,
            "memberships": selectors.memberships_of(group=group),
            "is_leader": group.leader_id == request.user.pk,
            "over_time": over_time,
            "escalations": selectors.escalations_of_group(group=group),
        },
    )


@policy.member_required
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = policy.get_group_as_member(request.user, pk)
    policy.require_group_leader(request.user, group)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new = services.round_start(group=group, by=request.user, **form.cleaned_data)
        messages.success(request, _("Runden er startet. Medlemmerne kan nu forberede sig."))
        return redirect("groups:round_detail", pk=new.pk)
    return render(
        request,
        "groups/round_form.html",
        {
            "form": form,
            "group": group,
            "tips": loader.current().process_tips,
        },
        status=400 if form.errors else 200,
    )


# --- A round -------------------------------------------------------------------


@policy.member_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    participation = selectors.participation_of(round_=round_, person=request.user)
    is_leader = _is_leader(request, round_)
    participations = selectors.participations_of(round_=round_)
    previous = selectors.previous_round(round_=round_)
    stepper, next_step = selectors.round_stepper(
        round_=round_, complete=sum(1 for p in participations if p.prepared_at)
    )
    return render(
        request,
        "groups/round.html",
        {
            "round": round_,
            "stepper": stepper,
            "next_step": next_step,
            "participation": participation,
            "is_leader": is_leader,
            "prepared": [p for p in participations if p.prepared_at],
            "not_prepared": [p for p in participations if not p.prepared_at],
            "unvouched": [p for p in participations if p.person.vouched_at is None],
            "others_not_prepared": [
                p for p in participations if not p.prepared_at and p.person_id != request.user.pk
            ],
            "view": selectors.group_map(round_=round_),
            "previous": previous,
            "previous_agreements": selectors.round_agreements_open(round_=previous)
            if previous
            else [],
            "tips": loader.current().process_tips,
            "status_choices": RoundStatus.choices,
        },
    )


@require_POST
@policy.member_required
def round_accept(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    participation = policy.get_participation(request.user, round_)
    services.confidentiality_accept(participation=participation)
    messages.success(request, _("Tak. I har aftalt, at det er et fortroligt rum."))
    return redirect("groups:round_preparation", pk=pk)


@require_POST
@policy.member_required
def round_remind(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, leader_only=True)
    sent = services.preparation_remind(round_=round_, by=request.user)
    if sent:
        messages.success(
            request,
            ngettext(
                "Påmindelsen er sendt til %(n)s, der ikke har forberedt sig.",
                "Påmindelsen er sendt til de %(n)s, der ikke har forberedt sig.",
                sent,
            )
            % {"n": sent},
        )
    else:
        messages.info(request, _("Der er ingen at minde om i dag: alle er mindet eller klar."))
    return redirect("groups:round_detail", pk=pk)


@require_POST
@policy.member_required
def round_status(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, leader_only=True)
    status = request.POST.get("status")
    if status in RoundStatus.values:
        try:
            services.round_status_set(round_=round_, status=status)
        except services.PreparationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Rundens status er nu: %(status)s.") % {"status": round_.get_status_display()},
            )
    return redirect("groups:round_detail", pk=pk)


def _parse_picks(post, numbers: set[int]) -> list[int]:
    return sorted({int(v) for v in post.getlist("pick") if v.isdigit() and int(v) in numbers})


def _own_map_context(round_, participation) -> dict:
    labels, titles = _labels(round_)
    context = map_context(
        selectors.own_map(participation=participation),
        labels,
        titles=titles,
        caption=_("Dit eget prioriteringskort (kun du kan se det)"),
        key=False,
    )
    context["map_id"] = "own-map"
    # How far the member has come, updated with the map on every change.
    given = participation.given()
    context["rated"] = sum(
        1 for r in given.values() if r.importance is not None and r.success is not None
    )
    context["statement_total"] = len(loader.load(round_.method_version).statements)
    context["picked"] = len(participation.picks())
    return context


@policy.member_required
def preparation(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's private preparation: 20 statements, rated twice, and 2-3 picks."""
    round_ = _round(request, pk)
    participation = policy.get_participation(request.user, round_)
    texts = loader.load(round_.method_version)  # The round's own version of the texts.
    numbers = {statement.number for statement in texts.statements}
    error = None
    posted_picks = None
    if request.method == "POST":
        posted_picks = set(_parse_picks(request.POST, numbers))
        try:
            services.preparation_save(
                participation=participation,
                ratings=RatingsForm(request.POST, keys=sorted(numbers)).ratings(),
                picks=sorted(posted_picks),
                notes=request.POST.get("notes", "")[:10000],
            )
            if "done" in request.POST:
                services.preparation_complete(participation=participation)
                messages.success(
                    request,
                    _("Din forberedelse er klar. Du kan rette i den, indtil mødet går i gang."),
                )
                return redirect("groups:round_detail", pk=pk)
        except services.PreparationError as problem:
            error = str(problem)
        if request.headers.get("HX-Request") == "true":
            return render(
                request,
                "groups/partials/own_map.html",
                {
                    **_own_map_context(round_, participation),
                    "error": error,
                    "saved_at": timezone.localtime() if not error else None,
                },
            )
    ratings, picks = selectors.preparation_answers(participation=participation)
    if error and posted_picks is not None:
        picks = posted_picks  # Show the member's own choice back, with what to change.
    statement_rows = [
        {"statement": s, "rating": ratings.get(s.number), "picked": s.number in picks}
        for s in texts.statements
    ]
    return render(
        request,
        "groups/preparation.html",
        {
            "round": round_,
            "participation": participation,
            "statement_rows": statement_rows,
            "texts": texts,
            "scale": texts.scale,
            "error": error,
            "missing": selectors.ratings_missing(participation=participation),
            **_own_map_context(round_, participation),
        },
        status=400 if error else 200,
    )


@policy.member_required
@round_content
def round_map(request: HttpRequest, round_: Round) -> HttpResponse:
    view = selectors.group_map(round_=round_)
    context = {"round": round_, "view": view}
    if view.shown:
        labels, titles = _labels(round_)
        context.update(
            map_context(
                view.map,
                labels,
                titles=titles,
                caption=_("Ledelsesgruppens prioriteringskort"),
                fields_open=True,
            )
        )
        context["map_id"] = "group-map"
        _add_names(context, round_)
    return render(request, "groups/round_map.html", context)


# --- Meeting mode -----------------------------------------------------------------


def _meeting_context(request, round_: Round, **forms) -> dict:
    texts = loader.load(round_.method_version)
    view = selectors.group_map(round_=round_)
    context = {
        "round": round_,
        # A closed round is read-only: no controls or forms, for the leader either.
        "is_leader": _is_leader(request, round_) and policy.may_change_round(round_),
        "can_change": policy.may_change_round(round_),
        "agenda": texts.agenda,
        "focus_questions": loader.focus_questions(round_.method_version),
        "point": next((p for p in texts.agenda.points if p.number == round_.current_point), None),
        "elapsed": round_.elapsed_seconds(),
        "running": round_.point_started_at is not None,
        "view": view,
        **selectors.round_record(round_=round_),
        "theme_form": forms.get("theme_form") or NewThemeForm(statements=texts.statements),
        "notes_form": forms.get("notes_form") or RoundNotesForm(instance=round_),
        "agreement_form": forms.get("agreement_form") or GroupAgreementForm(round_=round_),
        "closing_form": forms.get("closing_form"),
        "escalation_form": forms.get("escalation_form") or EscalationForm(),
        "escalation_note": texts.priority_map.escalation_note,
    }
    if view.shown:
        labels, titles = _labels(round_)
        context.update(
            map_context(
                view.map,
                labels,
                titles=titles,
                caption=_("Ledelsesgruppens prioriteringskort"),
                fields_open=True,
            )
        )
        context["map_id"] = "meeting-map"
        context["most_picked"] = selectors.most_picked(view=view, titles=titles)
        _add_names(context, round_)
    if "closing_form" not in forms:
        # What this member already wrote, so saving as they write never starts over; a
        # callable, read only where the form is shown (not on the shared screen).
        remarks = context["closing_remarks"]

        def own_remark() -> str:
            return next((r.text for r in remarks if r.person_id == request.user.pk), "")

        context["closing_form"] = ClosingRemarkForm(initial={"text": own_remark})
    context["clock"] = selectors.meeting_clock(round_=round_)
    context["duration_formats"] = json.dumps(duration_formats())
    if context["point"]:
        planned = (context["point"].minutes_max + round_.point_extra_minutes) * 60
        context["planned_seconds"] = planned
        context["point_remaining"] = planned - context["elapsed"]
        context["point_overrun"] = max(context["elapsed"] - planned, 0)
        # Amber from the lower end of the point's time: time to round off.
        context["point_soft_limit"] = context["point"].minutes_min * 60
    return context


@policy.member_required
@round_content
def meeting(request: HttpRequest, round_: Round) -> HttpResponse:
    return render(request, "groups/meeting.html", _meeting_context(request, round_))


@require_POST
@policy.member_required
def meeting_control(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, leader_only=True)
    if not policy.may_change_round(round_):
        return _closed(request, round_)
    action = request.POST.get("action", "")
    point = request.POST.get("point", "")
    if action in services.TIMER_ACTIONS:
        number = int(point) if point.isdigit() and 1 <= int(point) <= 4 else None
        if action != "start" or number:
            services.round_timer(round_=round_, action=action, point=number)
    return redirect(reverse("groups:round_meeting", args=[pk]) + "#agenda")


@policy.member_required
@round_content
def screen(request: HttpRequest, round_: Round) -> HttpResponse:
    """For a shared screen: follows the facilitator's point without reloading."""
    return render(request, "groups/screen.html", _meeting_context(request, round_))


@policy.member_required
@round_content
def screen_content(request: HttpRequest, round_: Round) -> HttpResponse:
    return render(request, "groups/partials/screen_content.html", _meeting_context(request, round_))


def _back_to_meeting(pk: int, anchor: str) -> HttpResponse:
    return redirect(reverse("groups:round_meeting", args=[pk]) + anchor)


@require_POST
@policy.member_required
def theme_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, leader_only=True)
    if not policy.may_change_round(round_):
        return _closed(request, round_)
    form = NewThemeForm(request.POST, statements=loader.load(round_.method_version).statements)
    if not form.is_valid():
        return render(
            request,
            "groups/meeting.html",
            _meeting_context(request, round_, theme_form=form),
            status=400,
        )
    services.focus_theme_add(
        round_=round_,
        statement=form.cleaned_data["statement"],
        title=form.cleaned_data["title"].strip(),
    )
    return _back_to_meeting(pk, "#temaer")


@require_POST
@policy.member_required
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = policy.get_focus_theme(request.user, pk)
    if not policy.may_change_round(theme.round):
        return _closed(request, theme.round)
    form = ThemeForm(request.POST, instance=theme)
    if form.is_valid():
        services.focus_theme_update(theme=theme, **form.cleaned_data)
        if autosave.is_autosave(request):
            return autosave.saved(request)
        messages.success(request, _("Temaet er gemt."))
    else:
        if autosave.is_autosave(request):
            return autosave.saved(request, error=_("Temaet skal have en titel. Det er ikke gemt."))
        messages.error(request, _("Temaet skal have en titel."))
    return _back_to_meeting(theme.round_id, f"#tema-{theme.pk}")


@require_POST
@policy.member_required
def round_notes(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, leader_only=True)
    if not policy.may_change_round(round_):
        return _closed(request, round_)
    form = RoundNotesForm(request.POST, instance=round_)
    if not form.is_valid() and autosave.is_autosave(request):
        errors = " ".join(e for field_errors in form.errors.values() for e in field_errors)
        return autosave.saved(request, error=errors)
    if not form.is_valid():
        return render(
            request,
            "groups/meeting.html",
            _meeting_context(request, round_, notes_form=form),
            status=400,
        )
    services.round_notes_save(round_=round_, **form.cleaned_data)
    if autosave.is_autosave(request):
        return autosave.saved(request)
    messages.success(request, _("Det er gemt."))
    return _back_to_meeting(pk, "#aftaler")


@require_POST
@policy.member_required
def agreement_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, leader_only=True)
    if not policy.may_change_round(round_):
        return _closed(request, round_)
    form = GroupAgreementForm(request.POST, round_=round_)
    if not form.is_valid():
        return render(
            request,
            "groups/meeting.html",
            _meeting_context(request, round_, agreement_form=form),
            status=400,
        )
    services.group_agreement_add(round_=round_, by=request.user, **form.cleaned_data)
    messages.success(request, _("Aftalen er gemt."))
    return _back_to_meeting(pk, "#aftaler")


@require_POST
@policy.member_required
def closing_remark(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    if not policy.may_change_round(round_):
        return _closed(request, round_)
    form = ClosingRemarkForm(request.POST)
    if not form.is_valid() and autosave.is_autosave(request):
        return autosave.saved(request, error=_("Skriv, hvad du tager med. Det er ikke gemt."))
    if not form.is_valid():
        return render(
            request,
            "groups/meeting.html",
            _meeting_context(request, round_, closing_form=form),
            status=400,
        )
    services.closing_remark_save(round_=round_, person=request.user, text=form.cleaned_data["text"])
    if autosave.is_autosave(request):
        return autosave.saved(request)
    messages.success(request, _("Tak. Det er gemt."))
    return _back_to_meeting(pk, "#afslutning")


@require_POST
@policy.member_required
def escalation_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, leader_only=True)
    if not policy.may_change_round(round_):
        return _closed(request, round_)
    form = EscalationForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "groups/meeting.html",
            _meeting_context(request, round_, escalation_form=form),
            status=400,
        )
    services.escalation_add(round_=round_, **form.cleaned_data)
    # Said where the leader is looking, beside the list it joined, not at the page's top.
    messages.success(
        request,
        _("Temaet er sendt til planteamet for organisationens plan for ledertrivsel."),
        extra_tags="inline escalation",
    )
    return _back_to_meeting(pk, "#eskaleringer")


def _summary_context(request, round_: Round) -> dict:
    context = _meeting_context(request, round_)
    context["printed_at"] = timezone.localtime()
    context["benchmark_rows"] = _against_benchmark(round_, context["view"])
    return context


def _against_benchmark(round_: Round, view) -> list[dict]:
    """The group's map beside the other organisations' mean, statement by statement
    (issue 25). Only after the meeting: seen before or in it, it could steer what the
    group makes of its own map. Only for an organisation that takes part."""
    after_the_meeting = {RoundStatus.AGREEMENTS, RoundStatus.FOLLOW_UP, RoundStatus.CLOSED}
    if round_.status not in after_the_meeting or not view.shown:
        return []
    return benchmark_selectors.comparison_rows(
        benchmark=benchmark_selectors.benchmark_for(
            organisation_id=round_.organisation_id, tool=BenchmarkTool.GROUP
        ),
        entries=[
            (s.number, s.title, s.number, view.map.positions.get(s.number))
            for s in loader.load(round_.method_version).statements
        ],
    )


@policy.member_required
@round_content
def summary(request: HttpRequest, round_: Round) -> HttpResponse:
    return render(request, "groups/summary.html", _summary_context(request, round_))


@policy.member_required
@round_content
def summary_pdf(request: HttpRequest, round_: Round) -> HttpResponse:
    html = render_to_string(
        "groups/summary.html",
        {**_summary_context(request, round_), "for_pdf": True},
        request=request,
    )
    return render_pdf(request, html, filename=f"runde-{round_.meeting_date:%Y-%m-%d}.pdf")
