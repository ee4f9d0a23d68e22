"""Tool 2: a management group's rounds of "Styrk ledelsesgruppen".

A member's ratings, top picks and notes (on `Participation`, encrypted) are theirs
alone. The group sees aggregates only, and only when at least k members have prepared
(access/policy.py). What the meeting produces (themes, agreements, the closing round,
escalations) is shared with the group; escalations also reach the organisation's plan
(tool 3).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encrypted.fields import EncryptedTextField
from followup.models import FollowUpFields
from organisations.models import ManagementGroup, Organisation, Person
from prioritymap.model import Rated

SCALE_OR_NONE = (-1, 0, 1, None)


class RoundStatus(models.TextChoices):
    PREPARATION = "preparation", _("Forberedelse")
    MEETING = "meeting", _("Møde")
    AGREEMENTS = "agreements", _("Aftaler")
    FOLLOW_UP = "follow_up", _("Opfølgning")
    CLOSED = "closed", _("Afsluttet")


class Round(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    group = models.ForeignKey(ManagementGroup, on_delete=models.CASCADE, related_name="rounds")
    status = models.CharField(max_length=20, choices=RoundStatus, default=RoundStatus.PREPARATION)
    meeting_date = models.DateField(_("Mødedato"))
    meeting_time = models.TimeField(_("Klokkeslæt"), null=True, blank=True)
    place = models.CharField(_("Sted"), max_length=200, blank=True)
    show_names = models.BooleanField(
        _("Vis navne ved de vigtigste spørgsmål"),
        default=False,
        help_text=_("Ellers vises medlemmernes 2-3 vigtigste spørgsmål anonymt."),
    )
    method_version = models.CharField(max_length=40)
    # The organisation's k when the round started: lowering it later does not open a
    # map that members prepared for under a higher one.
    anonymity_k = models.PositiveSmallIntegerField(default=settings.MIN_ANONYMITY_K)
    # The group's map as it stood when preparation closed: never live while members
    # answer, and never changed afterwards, so no two readings can be subtracted.
    preparation_closed_at = models.DateTimeField(null=True, blank=True)
    map_snapshot = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Meeting mode: which agenda point is on, and its timer.
    current_point = models.PositiveSmallIntegerField(default=0)
    point_started_at = models.DateTimeField(null=True, blank=True)
    point_elapsed = models.PositiveIntegerField(default=0)
    point_extra_minutes = models.PositiveSmallIntegerField(default=0)
    # The whole meeting's clock against the agenda's two hours, and how far it got:
    # the phase bar and "Næste punkt" follow these.
    meeting_started_at = models.DateTimeField(null=True, blank=True)
    meeting_ended_at = models.DateTimeField(null=True, blank=True)
    points_done = models.PositiveSmallIntegerField(default=0)
    unchosen_plan = models.TextField(
        _("Hvad sker der med de temaer, I ikke prioriterer?"), blank=True
    )
    next_meeting = models.DateField(_("Hvornår taler I sammen igen?"), null=True, blank=True)

    class Meta:
        ordering = ["-meeting_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.group} {self.meeting_date}"

    @property
    def is_open_for_preparation(self) -> bool:
        return self.status == RoundStatus.PREPARATION and self.preparation_closed_at is None

    def elapsed_seconds(self, now=None) -> int:
        running = 0
        if self.point_started_at:
            running = int(((now or timezone.now()) - self.point_started_at).total_seconds())
        return self.point_elapsed + max(running, 0)

    def meeting_seconds(self, now=None) -> int:
        """Wall-clock time since the meeting began (pauses included: the room waits too)."""
        if self.meeting_started_at is None:
            return 0
        end = self.meeting_ended_at or now or timezone.now()
        return max(int((end - self.meeting_started_at).total_seconds()), 0)


class Participation(models.Model):
    """A member's part in a round. Their ratings hang on it and are private."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    confidentiality_accepted_at = models.DateTimeField(null=True, blank=True)
    prepared_at = models.DateTimeField(null=True, blank=True)
    notes = EncryptedTextField(_("Dine noter"), blank=True)
    # The member's ratings and top picks as one encrypted record, so a copy of the
    # database shows neither (issue 22, path 4), also in rounds run anonymously:
    # JSON {"ratings": {"<statement>": [importance, success]}, "picks": [statement, …]}.
    answers = EncryptedTextField(blank=True, default="")

    ORGANISATION_PATH = "round__organisation"
    # The policy reaches the tool's root through this path (access/).
    ROUND_PATH = "round"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="participation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} i {self.round}"

    def _answers(self) -> dict:
        return json.loads(self.answers) if self.answers else {"ratings": {}, "picks": []}

    def given(self) -> dict[int, Rated]:
        """The ratings by statement number."""
        return {
            int(number): Rated(importance=pair[0], success=pair[1])
            for number, pair in self._answers()["ratings"].items()
        }

    def picks(self) -> list[int]:
        return list(self._answers()["picks"])

    def set_answers(self, ratings: dict[int, Rated], picks: list[int]) -> None:
        for rated in ratings.values():
            if rated.importance not in SCALE_OR_NONE or rated.success not in SCALE_OR_NONE:
                raise ValueError(f"not on the scale: {rated}")
        self.answers = json.dumps(
            {
                "ratings": {str(n): [r.importance, r.success] for n, r in sorted(ratings.items())},
                "picks": sorted(set(picks)),
            }
        )


class FocusTheme(models.Model):
    """A theme the group chose at point 3, with the brochure's three questions."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="themes")
    statement = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(_("Tema"), max_length=300)
    meaning = models.TextField(_("Hvad forstår I ved temaet?"), blank=True)
    field_and_why = models.TextField(_("Hvilket felt placerer I det på? Hvorfor?"), blank=True)
    moves_right = models.TextField(_("Hvad skal der til for at flytte det mod højre?"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    ORGANISATION_PATH = "round__organisation"
    # The policy reaches the tool's root through this path (access/).
    ROUND_PATH = "round"

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class GroupAgreement(FollowUpFields):
    """What the group works towards on a theme, who does what, and the follow-up."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="agreements")
    theme = models.ForeignKey(
        FocusTheme, on_delete=models.SET_NULL, null=True, blank=True, related_name="agreements"
    )
    who = models.CharField(_("Hvem gør hvad"), max_length=300, blank=True)
    # The members who follow up on it: only they get it as their own (Mit overblik,
    # reminders, calendar); the rest of the group see it under the group.
    owners = models.ManyToManyField(
        Person, verbose_name=_("Hvem står for det?"), related_name="group_agreements_owned"
    )

    ORGANISATION_PATH = "round__organisation"
    # The policy reaches the tool's root through this path (access/).
    ROUND_PATH = "round"

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ClosingRemark(models.Model):
    """The closing round: what each member takes away from the meeting."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="closing_remarks")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("Det tager jeg med fra mødet"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="closing_remark_unique")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class EscalationStatus(models.TextChoices):
    OPEN = "open", _("Sendt videre")
    # Accepted as a candidate theme: whether it ends in the plan is decided later.
    ACCEPTED = "accepted", _("Tages op i arbejdet med planen")
    NOTED = "noted", _("Noteret")
    DECLINED = "declined", _("Afvist")


class Escalation(models.Model):
    """A theme to raise in the organisation. The group leader is responsible."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="escalations")
    title = models.CharField(_("Tema"), max_length=300)
    description = models.TextField(_("Hvad skal organisationen vide?"), blank=True)
    responsible = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, related_name="escalations"
    )
    status = models.CharField(
        max_length=20, choices=EscalationStatus, default=EscalationStatus.OPEN
    )
    response = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
