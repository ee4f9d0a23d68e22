"""Tool 3: the organisation's plan for leader well-being (plan for ledertrivsel).

A plan covers the whole organisation or one unit with the units below it. Its team
edits it through three steps (prioritise → qualify → publish). Publishing freezes a
numbered `PlanVersion`; what leaders, the intranet link and the PDF show comes from
that frozen copy, never from the draft.

A leader's ratings of the themes (`PlanResponse.answers`, encrypted) are theirs alone:
the team sees the aggregate only when at least the plan's k leaders have answered
(access/policy.py).
"""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from encrypted.fields import EncryptedTextField
from followup.models import Cadence, FollowUpFields
from organisations.models import ManagementGroup, Organisation, Person, Unit
from prioritymap.model import Rated

SCALE_OR_NONE = (-1, 0, 1, None)

DEFAULT_PLAN_K = 5
# The brochure's 12 themes take positions 1-12; the organisation's own follow them.
OWN_THEMES_START = 12


class Step(models.TextChoices):
    PRIORITISE = "prioritise", _("Prioriter")
    QUALIFY = "qualify", _("Kvalificer")
    PUBLISH = "publish", _("Udgiv")


class RatingMode(models.TextChoices):
    TEAM = "team", _("Planteamet vurderer temaerne sammen")
    LEADERS = "leaders", _("Alle ledere i planens område vurderer hver for sig")


class Plan(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(_("Titel"), max_length=200)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("Område"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        help_text=_("Tom: hele organisationen. Ellers enheden og enhederne under den."),
    )
    team = models.ManyToManyField(Person, verbose_name=_("Planteam"), related_name="plan_teams")
    step = models.CharField(max_length=20, choices=Step, default=Step.PRIORITISE)
    rating_mode = models.CharField(
        _("Hvem vurderer temaerne?"), max_length=20, choices=RatingMode, default=RatingMode.TEAM
    )
    anonymity_k = models.PositiveSmallIntegerField(
        _("Mindste antal svar bag det samlede kort"),
        default=DEFAULT_PLAN_K,
        validators=[MinValueValidator(settings.MIN_ANONYMITY_K)],
        help_text=_("Kortet over ledernes svar vises først, når mindst så mange har svaret."),
    )
    rating_opened_at = models.DateTimeField(null=True, blank=True)
    # The leaders' combined map as it stood when the plan team closed the rating: never
    # live while leaders answer, never changed afterwards.
    rating_closed_at = models.DateTimeField(null=True, blank=True)
    map_snapshot = models.JSONField(null=True, blank=True)
    method_version = models.CharField(max_length=40)
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymity_k__gte=settings.MIN_ANONYMITY_K),
                name="plan_anonymity_k_at_least_minimum",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_label(self) -> str:
        return self.unit.name if self.unit_id else str(_("Hele organisationen"))

    @property
    def rating_open(self) -> bool:
        return self.rating_mode == RatingMode.LEADERS and self.rating_opened_at is not None

    @property
    def themes_frozen(self) -> bool:
        """While leaders rate, the list of themes stays as they were asked about."""
        return self.rating_open and self.rating_closed_at is None


class Offer(models.Model):
    """An offer the organisation already has (a mentor scheme …), reusable across themes."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="offers")
    name = models.CharField(_("Navn"), max_length=200)
    description = models.TextField(_("Beskrivelse"), blank=True)
    url = models.URLField(_("Link"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PlanTheme(models.Model):
    """One of the brochure's 12 themes, or one of the organisation's own, in a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(_("Tema"), max_length=300)
    question = models.TextField(_("Spørgsmål"), blank=True)
    source = models.CharField(
        _("Kilde"), max_length=200, blank=True, help_text=_("Fx „lederAPV 2026“.")
    )
    escalation = models.ForeignKey(
        "managementgroups.Escalation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_themes",
    )
    # The plan team's joint rating (rating mode "team").
    importance = models.SmallIntegerField(null=True, blank=True)
    success = models.SmallIntegerField(null=True, blank=True)
    chosen = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    # Step 2: the brochure's support questions.
    # The brochure's support questions for a chosen theme (the qualify step).
    QUALIFY_FIELDS = ("q_success", "q_improve", "q_bright_spots", "q_others", "q_initiatives")
    q_success = models.TextField(_("I hvor høj grad lykkes vi med temaet?"), blank=True)
    q_improve = models.TextField(_("Hvordan løfter vi bedst vores arbejde med temaet?"), blank=True)
    q_bright_spots = models.TextField(_("Hvor lykkes vi godt med temaet?"), blank=True)
    q_others = models.TextField(
        _("Hvilke andre organisationer lykkes godt med temaet?"), blank=True
    )
    q_initiatives = models.TextField(_("Hvilke tiltag er særligt vigtige hos jer?"), blank=True)
    offers = models.ManyToManyField(Offer, blank=True, related_name="themes")

    ORGANISATION_PATH = "plan__organisation"
    # The policy reaches the tool's root through this path (access/).
    PLAN_PATH = "plan"

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                condition=models.Q(number__isnull=False),
                name="plan_theme_unique_number",
            ),
            models.CheckConstraint(
                condition=models.Q(importance__in=[-1, 0, 1]) | models.Q(importance__isnull=True),
                name="plan_theme_importance_scale",
            ),
            models.CheckConstraint(
                condition=models.Q(success__in=[-1, 0, 1]) | models.Q(success__isnull=True),
                name="plan_theme_success_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_own(self) -> bool:
        return self.number is None

    @property
    def label(self) -> str:
        """The short label on the map: the brochure's number, or E1, E2 … for own themes."""
        if self.number is not None:
            return str(self.number)
        return f"E{self.position - OWN_THEMES_START}"


class ActionCard(models.Model):
    """Step 3: the brochure's action card for a chosen theme (seven fields)."""

    theme = models.OneToOneField(PlanTheme, on_delete=models.CASCADE, related_name="card")
    where = models.TextField(_("Hvor anvendes action cardet"), blank=True)
    goal = models.TextField(_("Hvad er målet"), blank=True)
    responsible = models.TextField(_("Hvem er ansvarlig"), blank=True)
    help = models.TextField(_("Hvor får jeg hjælp som ansvarlig"), blank=True)
    representatives = models.TextField(
        _("Hvad er medarbejderrepræsentanter og samarbejdsforas rolle"), blank=True
    )
    follow_up = models.TextField(_("Hvordan følger jeg op som ansvarlig"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    ORGANISATION_PATH = "theme__plan__organisation"
    # The policy reaches the tool's root through this path (access/).
    PLAN_PATH = "theme.plan"
    TEXT_FIELDS = ("where", "goal", "responsible", "help", "representatives", "follow_up")

    def __str__(self) -> str:
        return str(self.theme)

    @property
    def is_complete(self) -> bool:
        return bool(self.goal.strip() and self.responsible.strip())


class ActionTask(FollowUpFields):
    """A row of "who does what, when" on an action card; followed up like any agreement."""

    card = models.ForeignKey(ActionCard, on_delete=models.CASCADE, related_name="tasks")
    who = models.CharField(_("Hvem"), max_length=200)

    ORGANISATION_PATH = "card__theme__plan__organisation"
    # The policy reaches the tool's root through this path (access/).
    PLAN_PATH = "card.theme.plan"

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.who}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        # A task is followed up on its date ("hvornår"), not on a rhythm.
        self.cadence = Cadence.ON_DATE
        super().save(*args, **kwargs)


class PlanResponse(models.Model):
    """A leader's private answer to the plan's invitation to rate the themes.

    The ratings are one encrypted record (`answers`): a copy of the database shows
    neither what a leader answered nor which themes they have rated (issue 22, path 4).
    The map is computed in Python from the decrypted records when the rating closes.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="plan_responses")
    submitted_at = models.DateTimeField(null=True, blank=True)
    # JSON: {"<theme id>": [importance, success]}, each -1, 0, 1 or null.
    answers = EncryptedTextField(blank=True, default="")

    ORGANISATION_PATH = "plan__organisation"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "person"], name="plan_response_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} / {self.plan}"

    def given(self) -> dict[int, Rated]:
        """The ratings by theme id."""
        if not self.answers:
            return {}
        return {
            int(theme_id): Rated(importance=pair[0], success=pair[1])
            for theme_id, pair in json.loads(self.answers).items()
        }

    def set_given(self, ratings: dict[int, Rated]) -> None:
        for rated in ratings.values():
            if rated.importance not in SCALE_OR_NONE or rated.success not in SCALE_OR_NONE:
                raise ValueError(f"not on the scale: {rated}")
        self.answers = json.dumps(
            {str(theme_id): [r.importance, r.success] for theme_id, r in sorted(ratings.items())}
        )


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Tag med som tema")
    NOTED = "noted", _("Behold som note")
    DECLINED = "declined", _("Afvis med en begrundelse")


class EscalationDecision(models.Model):
    """What the plan team did with an escalation from a management group."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="decisions")
    escalation = models.OneToOneField(
        "managementgroups.Escalation", on_delete=models.CASCADE, related_name="decision"
    )
    decision = models.CharField(max_length=20, choices=Decision)
    reason = models.TextField(_("Begrundelse"), blank=True)
    decided_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    ORGANISATION_PATH = "plan__organisation"

    def __str__(self) -> str:
        return f"{self.escalation} → {self.decision}"


class PublishedVersionError(RuntimeError):
    """A published version never changes."""


class PlanVersion(models.Model):
    """A published version: a frozen copy of the plan. Never changes after it is made."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    method_version = models.CharField(max_length=40)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")

    ORGANISATION_PATH = "plan__organisation"
    # The policy reaches the tool's root through this path (access/).
    PLAN_PATH = "plan"

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PublishedVersionError("A published version of a plan never changes.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PublishedVersionError("A published version of a plan is never deleted.")


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PublicLink(models.Model):
    """A revocable, unguessable address that serves the latest published version."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="links")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    ORGANISATION_PATH = "plan__organisation"
    # The policy reaches the tool's root through this path (access/).
    PLAN_PATH = "plan"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.plan} ({'revoked' if self.revoked_at else 'active'})"


class FeedbackRequest(models.Model):
    """A management group in scope is asked how it uses a published version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="feedback")
    group = models.ForeignKey(
        ManagementGroup, on_delete=models.CASCADE, related_name="plan_feedback"
    )
    answer = models.TextField(_("Sådan bruger vi planen"), blank=True)
    answered_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    ORGANISATION_PATH = "group__organisation"

    class Meta:
        ordering = ["group__name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "group"], name="feedback_request_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group} / {self.version}"
