"""Tool 1: "Styrk din dialog med nærmeste leder".

Every object is fetched through the access policy: private things with `get_own`,
the shared room with `get_dialogue`, a manager's leaders with `get_report`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from access import policy
from dialogue import selectors, services
from dialogue.forms import (
    AutosaveForm,
    InterviewerForm,
    ManagerAgreementForm,
    MeetingForm,
    NoteForm,
    PeriodForm,
    RhythmForm,
    SelfAgreementItemEditForm,
    SelfAgreementItemForm,
)
from dialogue.models import (
    Dialogue,
    SelfAgreement,
)
from followup import rhythm
from method import loader
from ui import charts
from ui.pdf import render_pdf
from ui.redirects import local_path

TICK_HISTORY = {rhythm.DAILY: 14, rhythm.WEEKLY: 8}


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _tool():
    return loader.tool(1)


# --- Start page ---------------------------------------------------------------


@policy.member_required
def start(request: HttpRequest) -> HttpResponse:
    person = request.user
    notes_written = selectors.interview_notes_written(owner=person)
    agreement = selectors.self_agreement_current(owner=person)
    dialogue = selectors.dialogue_with_current_manager(leader=person)
    return render(
        request,
        "dialogue/start.html",
        {
            "tool": _tool(),
            "role_table": loader.role_table(1),
            "my_roles": person.roles,
            "notes_written": notes_written,
            "notes_total": len(selectors.interview_guide_keys()),
            "agreement": agreement,
            "dialogue": dialogue,
            "has_reports": policy.has_reports(person),
        },
    )


# --- Step 1: interview guide ----------------------------------------------------


@policy.member_required
def guide(request: HttpRequest) -> HttpResponse:
    person = request.user
    interview = selectors.interview_guide_of(owner=person)
    form = InterviewerForm(request.POST or None, instance=interview)
    if request.method == "POST" and form.is_valid():
        services.interview_guide_save(guide=form.instance)
        messages.success(request, _("Det er gemt. Det deles ikke med nogen."))
        return redirect("dialogue:guide")
    notes = selectors.interview_notes_by_key(owner=person)
    texts = loader.current()
    sections = [
        {
            "section": section,
            "questions": [
                {
                    "key": f"{section.number}.{index}",
                    "text": question,
                    "note": notes.get(f"{section.number}.{index}"),
                }
                for index, question in enumerate(section.questions, start=1)
            ],
        }
        for section in texts.interview_guide.sections
    ]
    directions = [
        {"key": f"dir.{d.code}", "text": d.label, "note": notes.get(f"dir.{d.code}")}
        for d in texts.directions
    ]
    return render(
        request,
        "dialogue/guide.html",
        {
            "guide": texts.interview_guide,
            "sections": sections,
            "directions": directions,
            "wheel": charts.wheel(
                [
                    (slugify(f"note-{d['key']}"), d["text"], bool(d["note"] and d["note"].text))
                    for d in directions
                ]
            ),
            "wheel_done": sum(1 for d in directions if d["note"] and d["note"].text),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


# --- Autosave -----------------------------------------------------------------


def _autosave(request, *, instance, field: str, version_field: str, field_id: str, back: str):
    form = AutosaveForm(request.POST)
    if not form.is_valid():
        if _is_htmx(request):
            return render(
                request,
                "dialogue/partials/autosave_status.html",
                {"field_id": field_id, "error": True},
                status=200,
            )
        messages.error(request, _("Teksten kunne ikke gemmes. Prøv igen."))
        return redirect(back)
    text = form.cleaned_data["text"]
    base = form.cleaned_data["version"]
    if form.cleaned_data["force"]:
        base = getattr(instance, version_field)
    try:
        version = services.text_save_versioned(
            instance=instance,
            field=field,
            version_field=version_field,
            text=text,
            base_version=base,
        )
    except services.Conflict as conflict:
        context = {"field_id": field_id, "conflict": conflict, "my_text": text}
        if _is_htmx(request):
            return render(request, "dialogue/partials/autosave_conflict.html", context)
        messages.warning(
            request,
            _("Teksten var ændret et andet sted. Din tekst er ikke gemt; den står herunder."),
        )
        return render(request, "dialogue/conflict_page.html", {**context, "back": back}, status=409)
    if _is_htmx(request):
        return render(
            request,
            "dialogue/partials/autosave_status.html",
            {"field_id": field_id, "version": version, "saved_at": timezone.localtime()},
        )
    messages.success(request, _("Gemt."))
    return redirect(back)


@require_POST
@policy.member_required
def autosave_note(request: HttpRequest, key: str) -> HttpResponse:
    if key not in selectors.interview_guide_keys():
        raise Http404
    note = services.interview_note_for(owner=request.user, key=key)
    return _autosave(
        request,
        instance=note,
        field="text",
        version_field="version",
        field_id=slugify(f"note-{key}"),
        back=reverse("dialogue:guide"),
    )


@require_POST
@policy.member_required
def autosave_agreement(request: HttpRequest, pk: int, field: str) -> HttpResponse:
    if field not in {"goals", "wellbeing"}:
        raise Http404
    agreement = policy.get_self_agreement(request.user, pk)
    return _autosave(
        request,
        instance=agreement,
        field=field,
        version_field=f"{field}_version",
        field_id=f"agreement-{field}",
        back=reverse("dialogue:agreement_detail", args=[pk]),
    )


@require_POST
@policy.member_required
def autosave_dialogue(request: HttpRequest, pk: int, field: str) -> HttpResponse:
    if field not in {"align", "points"}:
        raise Http404
    dialogue = policy.get_dialogue(request.user, pk, leader_only=True)
    return _autosave(
        request,
        instance=dialogue,
        field=field,
        version_field=f"{field}_version",
        field_id=f"dialogue-{field}",
        back=reverse("dialogue:conversation"),
    )


# --- Step 2: agreement with yourself ---------------------------------------------


@policy.member_required
def agreement(request: HttpRequest) -> HttpResponse:
    current = selectors.self_agreement_current(owner=request.user)
    if current is None:
        return render(
            request,
            "dialogue/agreement_start.html",
            {
                "form": PeriodForm(initial={"starts_on": services.period_default_start()}),
                "example": loader.current().example_agreement,
            },
        )
    return redirect("dialogue:agreement_detail", pk=current.pk)


@require_POST
@policy.member_required
def agreement_start(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "dialogue/agreement_start.html",
            {"form": form, "example": loader.current().example_agreement},
            status=400,
        )
    new = services.self_agreement_start(
        owner=request.user,
        starts_on=form.cleaned_data["starts_on"],
        length=form.cleaned_data["length"],
    )
    messages.success(request, _("Den nye periode er startet."))
    return redirect("dialogue:agreement_detail", pk=new.pk)


def _item_rows(items, today):
    """Each item with its recent ticks, for the "kept it today" history."""
    rows = []
    for item in items:
        ticks = {t.period: t.kept for t in item.ticks.all()}
        history = []
        if item.is_tickable:
            for period in rhythm.recent_periods(item.cadence, today, TICK_HISTORY[item.cadence]):
                history.append({"period": period, "kept": ticks.get(period)})
        current = rhythm.tick_period(item.cadence, today)
        rows.append({"item": item, "history": history, "today": ticks.get(current)})
    return rows


@policy.member_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = policy.get_self_agreement(request.user, pk)
    today = timezone.localdate()
    items = selectors.self_agreement_items_with_ticks(agreement=agreement)
    texts = loader.current()
    return render(
        request,
        "dialogue/agreement.html",
        {
            "agreement": agreement,
            "rows": _item_rows(items, today),
            "periods": selectors.self_agreements_of(owner=request.user),
            "item_form": SelfAgreementItemForm(),
            "period_form": PeriodForm(initial={"starts_on": agreement.ends_on}),
            "form_texts": {q.code: q.text for q in texts.agreement_form.questions},
            "example": texts.example_agreement,
            "is_current": agreement == selectors.self_agreement_current(owner=request.user),
        },
    )


@require_POST
@policy.member_required
def agreement_example(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = policy.get_self_agreement(request.user, pk)
    services.self_agreement_copy_example(agreement=agreement)
    messages.success(
        request, _("Eksemplet er kopieret ind i din aftale. Tilpas det, så det passer til dig.")
    )
    return redirect("dialogue:agreement_detail", pk=pk)


@require_POST
@policy.member_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = policy.get_self_agreement(request.user, pk)
    form = SelfAgreementItemForm(request.POST)
    if not form.is_valid():
        return render(
            request, "dialogue/item_form.html", {"form": form, "agreement": agreement}, status=400
        )
    services.item_add(agreement=agreement, **form.cleaned_data)
    messages.success(request, _("Aftalen er tilføjet."))
    return redirect(reverse("dialogue:agreement_detail", args=[pk]) + "#aftaler")


@policy.member_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = policy.get_self_agreement_item(request.user, pk)
    form = SelfAgreementItemEditForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        services.item_update(item=form.instance, by=request.user)
        messages.success(request, _("Aftalen er gemt."))
        return redirect(reverse("dialogue:agreement_detail", args=[item.agreement_id]) + "#aftaler")
    return render(
        request,
        "dialogue/item_form.html",
        {"form": form, "item": item, "agreement": item.agreement},
        status=400 if form.errors else 200,
    )


@require_POST
@policy.member_required
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = policy.get_self_agreement_item(request.user, pk)
    agreement_id = item.agreement_id
    services.item_delete(item=item)
    messages.success(request, _("Aftalen er slettet."))
    return redirect(reverse("dialogue:agreement_detail", args=[agreement_id]) + "#aftaler")


@require_POST
@policy.member_required
def item_tick(request: HttpRequest, pk: int) -> HttpResponse:
    item = policy.get_self_agreement_item(request.user, pk)
    if item.is_tickable:
        services.item_tick(item=item, kept=request.POST.get("kept") != "0")
    # Ticked from Mit overblik: back there, to the same item.
    back = local_path(request, request.POST.get("next"))
    return redirect(
        back or reverse("dialogue:agreement_detail", args=[item.agreement_id]) + f"#punkt-{item.pk}"
    )


def _print_context(request, agreement: SelfAgreement) -> dict:
    """The agreement as the brochure's form: only what its owner wrote and agreed."""
    texts = loader.current()
    dialogue = selectors.dialogue_with_current_manager(leader=agreement.owner)
    return {
        "agreement": agreement,
        "form": texts.agreement_form,
        "form_texts": {q.code: q.text for q in texts.agreement_form.questions},
        "items": selectors.self_agreement_items_kept(agreement=agreement),
        "dialogue": dialogue,
        "manager_agreements": selectors.manager_agreements_kept(dialogue=dialogue)
        if dialogue
        else [],
        "printed_at": timezone.localtime(),
    }


@policy.member_required
def agreement_print(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = policy.get_self_agreement(request.user, pk)
    return render(request, "dialogue/agreement_print.html", _print_context(request, agreement))


@policy.member_required
def agreement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = policy.get_self_agreement(request.user, pk)
    html = render_to_string(
        "dialogue/agreement_print.html",
        {**_print_context(request, agreement), "for_pdf": True},
        request=request,
    )
    return render_pdf(request, html, filename=f"aftale-{agreement.starts_on:%Y-%m-%d}.pdf")


# --- Step 3: dialogue with the nearest manager --------------------------------------


@policy.member_required
def conversation(request: HttpRequest) -> HttpResponse:
    """The leader prepares the dialogue and chooses what to share, with a preview.

    Looking never writes: until the leader saves something, the dialogue is unsaved.
    """
    person = request.user
    dialogue = selectors.dialogue_current_or_new(leader=person)
    if dialogue is None:
        return render(request, "dialogue/no_manager.html", status=200)
    candidates = selectors.share_candidates(leader=person, dialogue=dialogue)
    shared = {item.source: item for item in selectors.shared_items_of(dialogue=dialogue)}
    return render(
        request,
        "dialogue/conversation.html",
        {
            "dialogue": dialogue,
            "candidates": candidates,
            "shared": shared,
            "preview": list(shared.values()),
            "form_texts": {q.code: q.text for q in loader.current().agreement_form.questions},
            "points_question": loader.interview_question("points_for_manager"),
            "earlier": selectors.dialogues_earlier(leader=person, current=dialogue),
        },
    )


@require_POST
@policy.member_required
def autosave_conversation(request: HttpRequest, field: str) -> HttpResponse:
    """The first text the leader writes in step 3 begins the dialogue with their manager."""
    if field not in {"align", "points"}:
        raise Http404
    dialogue = services.dialogue_begin(leader=request.user)
    if dialogue is None:
        raise Http404
    return _autosave(
        request,
        instance=dialogue,
        field=field,
        version_field=f"{field}_version",
        field_id=f"dialogue-{field}",
        back=reverse("dialogue:conversation"),
    )


@require_POST
@policy.member_required
def share_preview(request: HttpRequest) -> HttpResponse:
    """Exactly what the manager would see with the boxes ticked now (nothing is saved)."""
    dialogue = selectors.dialogue_current_or_new(leader=request.user)
    if dialogue is None:
        raise Http404
    chosen = set(request.POST.getlist("source"))
    preview = [
        c
        for c in selectors.share_candidates(leader=request.user, dialogue=dialogue)
        if c.source in chosen
    ]
    return render(
        request, "dialogue/partials/share_preview.html", {"preview": preview, "dialogue": dialogue}
    )


@require_POST
@policy.member_required
def share(request: HttpRequest) -> HttpResponse:
    dialogue = services.dialogue_begin(leader=request.user)
    if dialogue is None:
        raise Http404
    shared = services.dialogue_share(dialogue=dialogue, sources=request.POST.getlist("source"))
    if shared:
        messages.success(
            request,
            ngettext(
                "%(name)s kan nu se det punkt, du har valgt.",
                "%(name)s kan nu se de %(count)s punkter, du har valgt.",
                len(shared),
            )
            % {"name": dialogue.manager.name, "count": len(shared)},
        )
    else:
        messages.success(
            request, _("Du deler ikke noget med %(name)s.") % {"name": dialogue.manager.name}
        )
    return redirect("dialogue:conversation")


# --- The shared room: leader and manager ---------------------------------------------


def _dialogue_page(request, dialogue: Dialogue, *, status: int = 200, **forms) -> HttpResponse:
    is_leader = dialogue.leader_id == request.user.pk
    return render(
        request,
        "dialogue/dialogue.html",
        {
            "dialogue": dialogue,
            "is_leader": is_leader,
            "other": dialogue.manager if is_leader else dialogue.leader,
            "shared_items": selectors.shared_items_of(dialogue=dialogue),
            "meetings": selectors.meetings_with_notes(dialogue=dialogue),
            "agreements": selectors.manager_agreements_of(dialogue=dialogue),
            "next_date": dialogue.next_date(),
            "rhythm_form": forms.get("rhythm_form") or RhythmForm(instance=dialogue),
            "meeting_form": forms.get("meeting_form")
            or MeetingForm(initial={"date": dialogue.next_date() or timezone.localdate()}),
            "note_form": forms.get("note_form") or NoteForm(),
            "note_meeting": forms.get("note_meeting"),
            "agreement_form": forms.get("agreement_form") or ManagerAgreementForm(),
            "is_current": policy.is_current_dialogue(dialogue),
        },
        status=status,
    )


@policy.member_required
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = policy.get_dialogue(request.user, pk)
    return _dialogue_page(request, dialogue)


@policy.member_required
def dialogue_with(request: HttpRequest, person_pk: int) -> HttpResponse:
    """A manager opens the dialogue with one of their leaders; a first visit offers to begin it."""
    leader = policy.get_report(request.user, person_pk)
    dialogue = selectors.dialogue_with_current_manager(leader=leader)
    if dialogue is None:
        return render(request, "dialogue/not_begun.html", {"leader": leader})
    return redirect("dialogue:detail", pk=dialogue.pk)


@require_POST
@policy.member_required
def dialogue_begin_with(request: HttpRequest, person_pk: int) -> HttpResponse:
    leader = policy.get_report(request.user, person_pk)
    dialogue = services.dialogue_begin(leader=leader)
    return redirect("dialogue:detail", pk=dialogue.pk)


@require_POST
@policy.member_required
def dialogue_rhythm(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = policy.get_dialogue(request.user, pk, for_change=True)
    form = RhythmForm(request.POST, instance=dialogue)
    if not form.is_valid():
        return _dialogue_page(request, dialogue, rhythm_form=form, status=400)
    services.dialogue_rhythm_save(dialogue=form.instance, changed=form.has_changed())
    messages.success(request, _("Rytmen for jeres samtaler er gemt."))
    return redirect("dialogue:detail", pk=pk)


@require_POST
@policy.member_required
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = policy.get_dialogue(request.user, pk, for_change=True)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        return _dialogue_page(request, dialogue, meeting_form=form, status=400)
    services.meeting_add(dialogue=dialogue, on=form.cleaned_data["date"], by=request.user)
    messages.success(request, _("Samtalen er tilføjet."))
    return redirect("dialogue:detail", pk=pk)


@require_POST
@policy.member_required
def meeting_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = policy.get_meeting(request.user, pk, for_change=True)
    dialogue = meeting.dialogue
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _dialogue_page(
            request, dialogue, note_form=form, note_meeting=meeting.pk, status=400
        )
    services.meeting_note_add(meeting=meeting, text=form.cleaned_data["text"], by=request.user)
    messages.success(request, _("Noten er gemt. I kan begge se den."))
    return redirect(reverse("dialogue:detail", args=[dialogue.pk]) + f"#samtale-{meeting.pk}")


@require_POST
@policy.member_required
def manager_agreement_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = policy.get_dialogue(request.user, pk, for_change=True)
    form = ManagerAgreementForm(request.POST)
    if not form.is_valid():
        return _dialogue_page(request, dialogue, agreement_form=form, status=400)
    latest = selectors.meeting_latest(dialogue=dialogue, today=timezone.localdate())
    services.manager_agreement_add(
        dialogue=dialogue, by=request.user, meeting=latest, **form.cleaned_data
    )
    messages.success(request, _("Aftalen er gemt. I kan begge se den."))
    return redirect(reverse("dialogue:detail", args=[pk]) + "#aftaler")


@policy.member_required
def dialogue_print(request: HttpRequest, pk: int) -> HttpResponse:
    """What the two share, for either of them: never the leader's private notes."""
    dialogue = policy.get_dialogue(request.user, pk)
    return render(
        request,
        "dialogue/dialogue_print.html",
        {
            "dialogue": dialogue,
            "shared_items": selectors.shared_items_of(dialogue=dialogue),
            "agreements": selectors.manager_agreements_kept(dialogue=dialogue),
            "meetings": selectors.meetings_recent(dialogue=dialogue),
            "printed_at": timezone.localtime(),
        },
    )


# --- The manager's overview -----------------------------------------------------


@policy.member_required
def my_leaders(request: HttpRequest) -> HttpResponse:
    """The leaders who report to this person: what each shared and when they talked.

    Nothing here reveals whether a leader has private notes or an agreement with
    themselves. The number of queries does not grow with the number of leaders.
    """
    person = request.user
    today = timezone.localdate()
    leaders = selectors.leaders_with_dialogue_summary(
        leaders=policy.visible_reports(person), manager=person, today=today
    )
    rows = [
        {"leader": leader, "dialogue": leader.with_me[0] if leader.with_me else None}
        for leader in leaders
    ]
    return render(request, "dialogue/my_leaders.html", {"rows": rows})
