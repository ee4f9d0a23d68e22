"""Tool 1: a leader's interview guide, agreement with themself and dialogue with their
nearest manager.

Privacy is in the shape of the data: notes and self-agreements belong to their author
alone. What a manager may see is a `Dialogue` between this leader and that manager:
snapshots the leader chose to share with them, meetings, notes and agreements. When
the reporting line changes, a new Dialogue starts and the former one is closed to the
former manager (see access/policy.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encrypted.fields import (
    EncryptedBooleanField,
    EncryptedDateField,
    EncryptedIntegerField,
    EncryptedTextField,
)
from followup import rhythm
from followup.models import Cadence, FollowUpFields, Status
from organisations.models import Organisation, Person


class VersionedText(models.Model):
    """A text written with autosave: `version` goes up on every save, so a save based on
    an older version (another tab, another device) is detected instead of overwriting."""

    text = EncryptedTextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class InterviewNote(VersionedText):
    """The leader's note on one question of the interview guide (or one direction of the
    "hele vejen rundt" figure). Private to the author.

    Which question a note answers is encrypted with its text, and the row keeps no time
    of writing: a copy of the database shows how many notes a leader has, not which
    questions they answered or when (issue 22, path 4). A leader's notes are read
    together and matched to their questions in Python; `services.interview_note_for`
    keeps one note per question.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    owner = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interview_notes")
    key = EncryptedTextField()
    updated_at = None

    def __str__(self) -> str:
        return f"{self.owner}: {self.key}"


class InterviewerKind(models.TextChoices):
    SELF = "self", _("Jeg gennemgik den selv")
    COLLEAGUE = "colleague", _("En kollega")
    FRIEND = "friend", _("En ven")
    SPARRING = "sparring", _("En sparringspartner")
    OTHER = "other", _("En anden")


class InterviewGuide(models.Model):
    """Who interviewed the leader, if anyone. Nothing is shared with that person."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    owner = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="interview_guide")
    # All three encrypted: who interviewed the leader, and when, is theirs alone.
    interviewer_kind = EncryptedTextField(
        _("Hvem gennemgik interviewguiden med dig?"),
        choices=InterviewerKind,
        default=InterviewerKind.SELF,
    )
    interviewer_name = EncryptedTextField(_("Navn (valgfrit)"), blank=True)
    interviewed_on = EncryptedDateField(_("Dato"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.owner}"


class PeriodLength(models.TextChoices):
    HALF_YEAR = "half_year", _("Et halvt år")
    YEAR = "year", _("Et år")


class SelfAgreement(models.Model):
    """The agreement with yourself (lederkontrakt) for one period. Private to the author.

    Its period, like its text, is encrypted, and so are its items' rhythms, dates and
    statuses and their ticks: a copy of the database shows that a leader has agreements
    with themself, not when, how they follow up or whether they keep them (issue 22,
    path 4). Readers decrypt the rows they may see and select in Python.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    owner = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="self_agreements")
    starts_on = EncryptedDateField(_("Perioden starter"))
    length = EncryptedTextField(
        _("Periodens længde"), choices=PeriodLength, default=PeriodLength.HALF_YEAR
    )
    goals = EncryptedTextField(blank=True)
    goals_version = models.PositiveIntegerField(default=0)
    wellbeing = EncryptedTextField(blank=True)
    wellbeing_version = models.PositiveIntegerField(default=0)
    method_version = models.CharField(max_length=40)
    # No times of writing: they would tell when the period began.

    class Meta:
        # The period cannot be ordered in SQL: `selectors.self_agreements_of` sorts.
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.owner}: {self.starts_on}"

    @property
    def ends_on(self) -> date:
        return rhythm.add_months(self.starts_on, 6 if self.length == PeriodLength.HALF_YEAR else 12)

    @property
    def last_day(self) -> date:
        return self.ends_on - timedelta(days=1)

    def is_current(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today < self.ends_on


class SelfAgreementItem(FollowUpFields):
    """A concrete agreement with yourself, with when and how you follow up."""

    agreement = models.ForeignKey(SelfAgreement, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    # Private, unlike the other tools' agreements: encrypted (see SelfAgreement).
    cadence = EncryptedTextField(_("hvornår følger du op"), choices=Cadence, default=Cadence.WEEKLY)
    interval_weeks = EncryptedIntegerField(
        _("antal uger"), default=2, help_text=_("Bruges ved „Med et fast antal uger imellem“.")
    )
    due_date = EncryptedDateField(_("dato"), null=True, blank=True)
    status = EncryptedTextField(_("status"), choices=Status, default=Status.OPEN)

    ORGANISATION_PATH = "agreement__organisation"

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Tick(models.Model):
    """ "I kept it today / this week", like the brochure's paper at the desk."""

    item = models.ForeignKey(SelfAgreementItem, on_delete=models.CASCADE, related_name="ticks")
    # Encrypted: whether a leader kept an agreement, and when, is theirs alone.
    # `services.item_tick` keeps one tick per item and period.
    period = EncryptedDateField()
    kept = EncryptedBooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.item}: {self.period}"


class Dialogue(models.Model):
    """A leader's dialogue with one nearest manager: the only place both can see."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    leader = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="dialogues")
    manager = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="dialogues_as_manager"
    )
    align = EncryptedTextField(blank=True)
    align_version = models.PositiveIntegerField(default=0)
    points = EncryptedTextField(blank=True)
    points_version = models.PositiveIntegerField(default=0)
    rhythm = models.CharField(
        _("Hvor ofte taler I sammen?"), max_length=20, choices=Cadence, blank=True
    )
    rhythm_weeks = models.PositiveSmallIntegerField(_("Antal uger"), default=2)
    rhythm_starts = models.DateField(_("Første gang"), null=True, blank=True)
    rhythm_sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["leader", "manager"], name="dialogue_unique_pair")
        ]

    def __str__(self) -> str:
        return f"{self.leader} ↔ {self.manager}"

    def rhythm_label(self) -> str:
        """ "Hver 2. uge" rather than the choice's name, which has no number in it."""
        if self.rhythm == Cadence.EVERY_N_WEEKS:
            return _("Hver %(n)s. uge") % {"n": self.rhythm_weeks}
        return str(self.get_rhythm_display())

    def next_date(self, today: date | None = None) -> date | None:
        if not self.rhythm or not self.rhythm_starts:
            return None
        return rhythm.next_due(
            self.rhythm,
            start=self.rhythm_starts,
            today=today or timezone.localdate(),
            interval_weeks=self.rhythm_weeks,
            due_date=self.rhythm_starts,
        )


class SharedItem(models.Model):
    """A snapshot of something the leader chose to share with this manager.

    A snapshot, not a link: later private edits stay private until shared again.
    """

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="shared_items")
    source = models.CharField(max_length=60)
    title = models.CharField(max_length=500)
    text = EncryptedTextField()
    position = models.PositiveSmallIntegerField(default=0)
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "source"], name="shared_item_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    """One dialogue between the leader and the manager, planned or held."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("Dato"))

    ORGANISATION_PATH = "dialogue__organisation"
    # The policy reaches the tool's root through this path (access/).
    DIALOGUE_PATH = "dialogue"
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.dialogue}: {self.date}"

    @property
    def is_past(self) -> bool:
        return self.date <= timezone.localdate()


class MeetingNote(models.Model):
    """A note on a dialogue, visible to the leader and the manager."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    text = EncryptedTextField(_("Note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ManagerAgreement(FollowUpFields):
    """An agreement between the leader and the manager, visible to both."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="agreements")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="agreements"
    )
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")

    ORGANISATION_PATH = "dialogue__organisation"
    # The policy reaches the tool's root through this path (access/).
    DIALOGUE_PATH = "dialogue"

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
