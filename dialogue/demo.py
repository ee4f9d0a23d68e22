"""Tool 1 in the demo: Anne (leder1) has a whole cycle behind her, Mads (leder2) is
halfway through the interview guide, and Lars (chef) has his own agreement and a
dialogue with Birgitte (direktion). Dates follow today, so the demo never goes stale."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dialogue import selectors, services
from dialogue.models import (
    Dialogue,
    InterviewerKind,
    InterviewGuide,
    ManagerAgreement,
    Meeting,
    MeetingNote,
    PeriodLength,
    SelfAgreement,
    Tick,
)
from followup import rhythm
from followup.models import Cadence, Status
from organisations.models import Person

ANNE_NOTES = {
    "1.1": "Få den nye rehabiliteringsindsats i gang i hele Hjemmeplejen Nord, og få "
    "sygefraværet ned under 7 %. Forventningen fra Lars er, at vi holder budgettet.",
    "1.2": "Jeg tager målene op med Lars på næste dialog og tjekker dem med mine "
    "teamkoordinatorer.",
    "1.4": "Jeg siger ja til for mange projekter på tværs. Jeg skal vælge to fra i år.",
    "2.1": "At jeg har sparring med andre ledere og tid til at være til stede i teamene.",
    "2.2": "Ingen mails efter kl. 17 og i weekenden. Jeg vil holde fri, når jeg har fri.",
    "2.4": "Jeg tjekker mails tre gange om dagen og lægger en fast pause ind kl. 12.",
    "2.5": "1) Prioritering af projekterne på tværs. 2) Hvordan vi taler om sygefraværet. "
    "3) Min egen arbejdstid i opstartsperioden.",
    "3.1": "Hvilke projekter jeg kan sige nej til, og hvordan jeg får ro til opstarten.",
    "3.3": "Korte dialoger hver fjortende dag, 20 minutter.",
    "dir.up": "Holde budgettet og levere på rehabiliteringsindsatsen.",
    "dir.team": "Ro på vagtplanen og en god start for de nye medarbejdere.",
    "dir.out": "Borgerne oplever færre skift i hvem der kommer.",
}

MADS_NOTES = {
    "1.1": "Ny vagtplanlægning og færre vikarer.",
    "1.2": "Jeg er i tvivl om, hvem der kan hjælpe mig med at prioritere.",
    "2.1": "",
}

LARS_NOTES = {
    "2.2": "Jeg skal blive bedre til ikke at svare på alt med det samme.",
    "3.1": "Hvordan direktionen prioriterer mellem de store projekter i Social og Sundhed.",
}


def _notes(person: Person, notes: dict[str, str]) -> None:
    for key, text in notes.items():
        note = services.interview_note_for(owner=person, key=key)
        if not note.text and text:
            note.text = text
            note.version += 1
            note.save()


def _agreement(person: Person, *, months_ago: int, goals: str, wellbeing: str, items) -> None:
    if SelfAgreement.objects.filter(owner=person).exists():
        return
    today = timezone.localdate()
    start = rhythm.add_months(today.replace(day=1), -months_ago)
    agreement = services.self_agreement_start(
        owner=person, starts_on=start, length=PeriodLength.HALF_YEAR
    )
    agreement.goals, agreement.wellbeing = goals, wellbeing
    agreement.goals_version = agreement.wellbeing_version = 1
    agreement.save()
    for text, cadence, how, kept_days in items:
        item = services.item_add(agreement=agreement, text=text, cadence=cadence, how=how)
        for offset, kept in kept_days:
            Tick.objects.create(
                item=item,
                period=rhythm.tick_period(cadence, today - timedelta(days=offset)),
                kept=kept,
            )


def _dialogue(
    leader: Person,
    *,
    align: str,
    points: str,
    share: bool,
    meetings,
    agreements,
    rhythm_weeks: int | None,
) -> None:
    dialogue = services.dialogue_begin(leader=leader)
    if dialogue is None or dialogue.meetings.exists():
        return
    today = timezone.localdate()
    dialogue.align, dialogue.points = align, points
    dialogue.align_version = dialogue.points_version = 1
    if rhythm_weeks:
        dialogue.rhythm = Cadence.EVERY_N_WEEKS
        dialogue.rhythm_weeks = rhythm_weeks
        dialogue.rhythm_starts = today - timedelta(weeks=6)
    dialogue.save()
    if share:
        sources = [
            c.source
            for c in selectors.share_candidates(leader=leader, dialogue=dialogue)
            if c.source.startswith(("dialogue.", "agreement.goals", "note.2.5"))
        ]
        services.dialogue_share(dialogue=dialogue, sources=sources)
    for days_ago, notes in meetings:
        meeting = Meeting.objects.create(
            dialogue=dialogue, date=today - timedelta(days=days_ago), created_by=dialogue.manager
        )
        for author, text in notes:
            MeetingNote.objects.create(meeting=meeting, author=author(dialogue), text=text)
    for text, cadence, how, status in agreements:
        ManagerAgreement.objects.create(
            dialogue=dialogue,
            owner=leader,
            text=text,
            cadence=cadence,
            how=how,
            status=status,
            created_by=dialogue.manager,
            meeting=dialogue.meetings.first(),
        )


def leader_of(dialogue: Dialogue) -> Person:
    return dialogue.leader


def manager_of(dialogue: Dialogue) -> Person:
    return dialogue.manager


@transaction.atomic
def load() -> None:
    people = {
        p.email: p
        for p in Person.objects.filter(
            email__in=["leder1@demo.example", "leder2@demo.example", "chef@demo.example"]
        )
    }
    if len(people) < 3:
        return
    anne, mads, lars = (
        people["leder1@demo.example"],
        people["leder2@demo.example"],
        people["chef@demo.example"],
    )

    _notes(anne, ANNE_NOTES)
    InterviewGuide.objects.get_or_create(
        owner=anne,
        defaults={
            "organisation_id": anne.organisation_id,
            "interviewer_kind": InterviewerKind.COLLEAGUE,
            "interviewer_name": "Fatima",
            "interviewed_on": timezone.localdate() - timedelta(days=70),
        },
    )
    _agreement(
        anne,
        months_ago=2,
        goals="Rehabiliteringsindsatsen i drift i hele Hjemmeplejen Nord.\n"
        "Sygefravær under 7 %.\nBudgettet holder.",
        wellbeing="At jeg har sparring med mine lederkolleger.\n"
        "At jeg kan holde fri, når jeg har fri.",
        items=[
            (
                "Jeg tjekker mails tre gange om dagen",
                Cadence.DAILY,
                "Krydser af hver dag",
                [(0, True), (1, True), (2, False), (3, True), (4, True), (7, True), (8, False)],
            ),
            (
                "Ingen mails efter kl. 17 og i weekenden",
                Cadence.WEEKLY,
                "Fredag eftermiddag",
                [(0, True), (7, True), (14, False), (21, True)],
            ),
            ("Sparring med en lederkollega", Cadence.MONTHLY, "Aftale i kalenderen", []),
        ],
    )
    _dialogue(
        anne,
        align="Prioriteringen af projekterne på tværs, så jeg får ro til rehabiliteringsindsatsen.",
        points="1) Prioritering af projekterne på tværs.\n2) Hvordan vi taler om "
        "sygefraværet.\n3) Min arbejdstid i opstartsperioden.",
        share=True,
        meetings=[
            (
                42,
                [
                    (manager_of, "Vi aftalte at se på projektlisten sammen."),
                    (leader_of, "Godt at få talt om arbejdstiden."),
                ],
            ),
            (
                14,
                [
                    (
                        manager_of,
                        "Anne siger fra over for to projekter; jeg tager det videre i direktionen.",
                    )
                ],
            ),
            (-14, []),
        ],
        agreements=[
            (
                "Vi drøfter og prioriterer de vigtigste sager på vores møde hver 14. dag",
                Cadence.EVERY_N_WEEKS,
                "De sidste 5 minutter af mødet",
                Status.IN_PROGRESS,
            ),
            (
                "Anne trækker sig fra projektgruppen om ny it-platform",
                Cadence.ON_DATE,
                "Lars giver besked til projektlederen",
                Status.DONE,
            ),
        ],
        rhythm_weeks=2,
    )

    _notes(mads, MADS_NOTES)

    _notes(lars, LARS_NOTES)
    _agreement(
        lars,
        months_ago=1,
        goals="Samle de seks ledere om én plan for Social og Sundhed.",
        wellbeing="Tid til at lytte til mine ledere.",
        items=[("Ingen møder fredag eftermiddag", Cadence.WEEKLY, "", [(0, True), (7, True)])],
    )
    _dialogue(
        lars,
        align="Prioriteringen mellem de store projekter.",
        points="Hvordan vi skærmer lederne i opstartsperioden.",
        share=True,
        meetings=[
            (30, [(manager_of, "Kvartalsdialog: vi ser på projektporteføljen i direktionen.")])
        ],
        agreements=[("Kvartalsdialog om prioriteringer", Cadence.QUARTERLY, "", Status.OPEN)],
        rhythm_weeks=None,
    )
