"""Writes for tool 2; reads are in selectors.py. Callers ask the access policy first."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import Kind
from followup import meeting_request, outbox
from groups import selectors, signals
from groups.models import (
    ClosingRemark,
    Escalation,
    EscalationStatus,
    FocusTheme,
    GroupAgreement,
    Participation,
    Round,
    RoundStatus,
)
from method import loader
from organisations.models import ManagementGroup, Person
from prioritymap.model import Rated

MIN_PICKS, MAX_PICKS = 2, 3


class PreparationError(ValueError):
    """The preparation cannot be saved or marked as done; the message says why, in Danish."""


@transaction.atomic
def round_start(*, group: ManagementGroup, by: Person, **fields) -> Round:
    new = Round.objects.create(
        organisation_id=group.organisation_id,
        group=group,
        created_by=by,
        method_version=loader.CURRENT_VERSION,
        anonymity_k=group.organisation.anonymity_k,
        **fields,
    )
    # The round's room is fixed now: who joins the group later does not see this round.
    members = set(group.members.filter(is_active=True).values_list("pk", flat=True))
    if group.leader_id:
        members.add(group.leader_id)
    # The leader who starts the round sets up the confidential room and has agreed to it.
    Participation.objects.bulk_create(
        Participation(
            round=new,
            person_id=pk,
            confidentiality_accepted_at=timezone.now() if pk == group.leader_id else None,
        )
        for pk in members
    )
    transaction.on_commit(lambda: round_invite(round_=new))
    return new


def round_invite(*, round_: Round) -> int:
    """E-mails each member (in their own language) that a round is waiting for them.

    Through the outbox: if the mail server is down, the worker sends it later.
    """
    url = f"{settings.SITE_URL}{reverse('groups:round_detail', args=[round_.pk])}"
    leader = round_.group.leader or round_.created_by
    return sum(
        outbox.send_mail(
            "groups/email/invitation",
            to=participation.person,
            context={"round": round_, "url": url},
            key=f"round-invitation:{round_.pk}:{participation.person_id}",
            calendar=_meeting_request(round_, participation.person, leader, url),
        )
        # The leader started the round: no mail telling them that they did.
        for participation in round_.participations.select_related("person").exclude(
            person_id=round_.created_by_id
        )
    )


def _meeting_request(round_: Round, person: Person, leader: Person | None, url: str) -> str:
    """The two-hour meeting as a calendar invitation, with the feed's UID for it."""
    with translation.override(person.language):
        summary = _("Møde i %(group)s") % {"group": round_.group.name}
    organiser = leader or person
    return meeting_request.build(
        uid=meeting_request.uid("round", round_.pk),
        summary=summary,
        on=round_.meeting_date,
        at=round_.meeting_time,
        location=round_.place,
        url=url,
        organizer=(organiser.name, organiser.email),
        attendee=(person.name, person.email),
    )


def _require_preparation_open(round_id: int) -> None:
    # Asked of the database: the round may have closed since this request loaded it.
    if not Round.objects.filter(
        pk=round_id, status=RoundStatus.PREPARATION, preparation_closed_at__isnull=True
    ).exists():
        raise PreparationError(_("Mødet er gået i gang, så svarene kan ikke længere ændres."))


def preparation_save(
    *,
    participation: Participation,
    ratings: dict[int, Rated],
    picks: list[int],
    notes: str,
) -> None:
    """Saves what the member has filled in so far (autosave: partial answers are fine).

    More than 3 picks: the ratings and notes are still saved (no work is lost), the
    picks stay as they were, and PreparationError says why.
    """
    _require_preparation_open(participation.round_id)
    too_many = len(set(picks)) > MAX_PICKS
    _preparation_write(
        participation=participation, ratings=ratings, picks=None if too_many else picks, notes=notes
    )
    if too_many:
        raise PreparationError(
            _(
                "Vælg højst 3 spørgsmål som de vigtigste. Dine vurderinger og noter er gemt; "
                "fjern et kryds, så gemmes dine valg også."
            )
        )


@transaction.atomic
def _preparation_write(
    *, participation: Participation, ratings: dict[int, Rated], picks: list[int] | None, notes: str
) -> None:
    # Read under a lock: a double click or a second tab may be saving at the same moment,
    # and the answers are one record.
    current = Participation.objects.select_for_update().get(pk=participation.pk)
    before = current.given()
    given = dict(before)
    for number, rated in ratings.items():
        if rated.importance is None and rated.success is None:
            given.pop(number, None)
        else:
            given[number] = rated
    chosen = current.picks() if picks is None else sorted(set(picks))
    if given != before or chosen != current.picks():
        participation.set_answers(given, chosen)
        Participation.objects.filter(pk=participation.pk).update(answers=participation.answers)
    else:
        participation.answers = current.answers
    if participation.notes != notes:
        Participation.objects.filter(pk=participation.pk).update(notes=notes)
        participation.notes = notes
    if participation.prepared_at and not _is_complete(participation):
        # Emptied after marking it done: no longer prepared, and not counted towards k.
        participation.prepared_at = None
        participation.save(update_fields=["prepared_at"])


def _is_complete(participation: Participation) -> bool:
    picks = len(participation.picks())
    return not selectors.ratings_missing(participation=participation) and (
        MIN_PICKS <= picks <= MAX_PICKS
    )


def preparation_complete(*, participation: Participation) -> None:
    """Marks the preparation as done, or says in Danish what is missing."""
    _require_preparation_open(participation.round_id)
    missing = selectors.ratings_missing(participation=participation)
    if missing:
        raise PreparationError(
            _("Vurder alle 20 spørgsmål på begge skalaer. Mangler: %(numbers)s.")
            % {"numbers": ", ".join(str(n) for n in missing)}
        )
    picks = len(participation.picks())
    if not MIN_PICKS <= picks <= MAX_PICKS:
        raise PreparationError(
            _("Vælg de 2-3 vigtigste spørgsmål, I skal arbejde videre med. Du har valgt %(n)s.")
            % {"n": picks}
        )
    participation.prepared_at = timezone.now()
    participation.save(update_fields=["prepared_at"])


# --- Meeting mode ------------------------------------------------------------------


TIMER_ACTIONS = {"start", "next", "pause", "resume", "extend", "end", "finish"}
AGENDA_POINTS = (1, 2, 3, 4)


@transaction.atomic
def round_timer(*, round_: Round, action: str, point: int | None = None) -> None:
    """The facilitator's controls. "next" is the one the meeting runs on: it ends the
    running point and starts the following one (or the first, or ends the meeting after
    the last); "start" with a point number restarts or jumps, behind a secondary control."""
    now = timezone.now()
    if action == "next":
        if round_.meeting_ended_at:
            return
        if round_.current_point:
            _point_done(round_, now)
            if round_.points_done >= len(AGENDA_POINTS):
                round_.meeting_ended_at = now
            else:
                _point_start(round_, round_.points_done + 1, now)
        else:
            _point_start(round_, min(round_.points_done + 1, len(AGENDA_POINTS)), now)
    elif action == "start" and point is not None:
        round_.meeting_ended_at = None
        _point_start(round_, point, now)
    elif action == "pause" and round_.point_started_at:
        round_.point_elapsed = round_.elapsed_seconds(now)
        round_.point_started_at = None
    elif action == "resume" and round_.current_point and not round_.point_started_at:
        round_.point_started_at = now
    elif action == "extend" and round_.current_point:
        round_.point_extra_minutes = min(round_.point_extra_minutes + 5, 60)
    elif action == "end" and round_.current_point:
        _point_done(round_, now)
    elif action == "finish" and round_.meeting_started_at and not round_.meeting_ended_at:
        if round_.current_point:
            _point_done(round_, now)
        round_.meeting_ended_at = now
    # Only the timer's fields: the notes form may be saving the round at the same moment.
    round_.save(
        update_fields=[
            "current_point",
            "point_elapsed",
            "point_extra_minutes",
            "point_started_at",
            "status",
            "meeting_started_at",
            "meeting_ended_at",
            "points_done",
        ]
    )


def _point_start(round_: Round, point: int, now) -> None:
    round_.current_point = point
    round_.point_elapsed = 0
    round_.point_extra_minutes = 0
    round_.point_started_at = now
    if round_.meeting_started_at is None:
        round_.meeting_started_at = now
    if round_.status == RoundStatus.PREPARATION:
        preparation_close(round_=round_)
        round_.status = RoundStatus.MEETING
    if point == 4 and round_.status == RoundStatus.MEETING:
        round_.status = RoundStatus.AGREEMENTS


def _point_done(round_: Round, now) -> None:
    round_.point_elapsed = round_.elapsed_seconds(now)
    round_.point_started_at = None
    round_.points_done = max(round_.points_done, round_.current_point)
    round_.current_point = 0


def focus_theme_add(*, round_: Round, statement: int | None, title: str) -> FocusTheme:
    position = (round_.themes.aggregate(Max("position"))["position__max"] or 0) + 1
    if statement and not title:
        title = selectors.statement_titles(version=round_.method_version).get(statement, "")
    return FocusTheme.objects.create(
        round=round_, statement=statement, title=title, position=position
    )


@transaction.atomic
def group_agreement_add(
    *, round_: Round, owners=(), by: Person | None = None, **fields
) -> GroupAgreement:
    """A group agreement and the members who follow up on it (the group leader when
    nobody is named). Each owner other than whoever wrote it down is told at once, so
    nobody first learns of their agreement in the next digest (issue 23)."""
    fields.setdefault("owner_id", round_.group.leader_id)
    agreement = GroupAgreement.objects.create(round=round_, **fields)
    agreement.owners.set(owners or [p for p in [round_.group.leader_id] if p])
    url = f"{settings.SITE_URL}{reverse('groups:round_detail', args=[round_.pk])}"
    told = [p for p in agreement.owners.filter(is_active=True) if by is None or p.pk != by.pk]

    def tell() -> None:
        for person in told:
            # The agreement's words stay in the product: the mail says only that there
            # is one, where, and for whom.
            outbox.send_mail(
                "groups/email/agreement_owner",
                to=person,
                context={"round": round_, "url": url},
                key=f"group-agreement-owner:{agreement.pk}:{person.pk}",
            )

    transaction.on_commit(tell)
    return agreement


def closing_remark_save(*, round_: Round, person: Person, text: str) -> ClosingRemark:
    remark, _created = ClosingRemark.objects.update_or_create(
        round=round_, person=person, defaults={"text": text}
    )
    return remark


def escalation_add(*, round_: Round, title: str, description: str) -> Escalation:
    escalation = Escalation.objects.create(
        organisation_id=round_.organisation_id,
        round=round_,
        title=title,
        description=description,
        responsible_id=round_.group.leader_id,
    )
    transaction.on_commit(
        lambda: signals.escalation_sent.send(sender=Escalation, escalation=escalation)
    )
    return escalation


def confidentiality_accept(*, participation: Participation) -> None:
    """The member has agreed that the group is a confidential room (once)."""
    if participation.confidentiality_accepted_at is None:
        participation.confidentiality_accepted_at = timezone.now()
        participation.save(update_fields=["confidentiality_accepted_at"])


def focus_theme_update(
    *, theme: FocusTheme, title: str, meaning: str, field_and_why: str, moves_right: str
) -> None:
    """The group's answers to the brochure's three questions about a chosen theme."""
    theme.title, theme.meaning = title, meaning
    theme.field_and_why, theme.moves_right = field_and_why, moves_right
    theme.save(update_fields=["title", "meaning", "field_and_why", "moves_right"])


def round_notes_save(*, round_: Round, unchosen_plan: str, next_meeting) -> None:
    """Only these fields: the timer may be changing the round at the same moment."""
    round_.unchosen_plan, round_.next_meeting = unchosen_plan, next_meeting
    round_.save(update_fields=["unchosen_plan", "next_meeting"])


@transaction.atomic
def preparation_close(*, round_: Round) -> None:
    """Locks the answers and computes the group's map once, from complete preparations.

    From now on the map does not change, so nobody can compare two readings of it.
    """
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.preparation_closed_at is not None:
        round_.preparation_closed_at, round_.map_snapshot = (
            locked.preparation_closed_at,
            locked.map_snapshot,
        )
        return
    round_.map_snapshot = selectors.group_map_compute(round_=round_).to_json()
    round_.preparation_closed_at = timezone.now()
    round_.save(update_fields=["map_snapshot", "preparation_closed_at"])


@transaction.atomic
def round_status_set(*, round_: Round, status: RoundStatus | str) -> None:
    status = RoundStatus(status)
    if status == RoundStatus.PREPARATION and round_.preparation_closed_at is not None:
        raise PreparationError(
            _("Forberedelsen er lukket, og gruppens kort er lavet. Den kan ikke åbnes igen.")
        )
    if status != RoundStatus.PREPARATION:
        preparation_close(round_=round_)
    round_.status = status
    round_.save(update_fields=["status"])


def escalation_respond(*, escalation: Escalation, outcome: str, response: str) -> None:
    """What the organisation decided (accepted, noted or declined) and why; the group
    leader sees it with the escalation."""
    escalation.status = EscalationStatus(outcome)
    escalation.response = response
    escalation.save(update_fields=["status", "response"])


def preparation_remind(*, round_: Round, by: Person) -> int:
    """One reminder mail to each member who has not prepared yet, at most once a day per
    round (a second click the same day sends nothing). Returns how many were sent now."""
    if not round_.is_open_for_preparation:
        return 0
    url = f"{settings.SITE_URL}{reverse('groups:round_detail', args=[round_.pk])}"
    today = timezone.localdate().isoformat()
    waiting = round_.participations.filter(prepared_at__isnull=True).select_related("person")
    sent = 0
    for participation in waiting:
        if not participation.person.is_active or participation.person_id == by.pk:
            continue
        key = f"preparation-reminder:{round_.pk}:{participation.person_id}:{today}"
        if outbox.mail_exists(key):
            continue
        outbox.send_mail(
            "groups/email/reminder",
            to=participation.person,
            context={"round": round_, "url": url},
            key=key,
        )
        sent += 1
    if sent:
        record(
            Kind.PREPARATION_REMINDED,
            actor=by,
            organisation_id=round_.organisation_id,
            group=round_.group.name,
            count=sent,
        )
    return sent
