"""The benchmark across organisations (issue 25): which organisations take part, and
the figures released about them all.

Nothing here holds one organisation's own figures: the inputs are read from the closed
maps when a release is made, pass through OpenDP's measurement, and only the noisy
results are stored (benchmark/release.py).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, Person


class Sector(models.TextChoices):
    MUNICIPALITY = "kommune", _("Kommune")
    REGION = "region", _("Region")
    STATE = "stat", _("Stat")
    FINANCE = "finans", _("Finans")
    OTHER = "andet", _("Andet")


class SizeBand(models.TextChoices):
    SMALL = "under_50", _("Under 50 ledere")
    MEDIUM = "50_199", _("50–199 ledere")
    LARGE = "200_999", _("200–999 ledere")
    VERY_LARGE = "1000_plus", _("1.000 ledere eller flere")


class Participation(models.Model):
    """An organisation's choice to take part. Its administrator and a MED/SU
    representative both confirm; either may withdraw, after which nothing new of the
    organisation's is released."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="benchmark_participation"
    )
    sector = models.CharField(_("Sektor"), max_length=20, choices=Sector)
    size_band = models.CharField(_("Størrelse"), max_length=20, choices=SizeBand)
    admin_confirmed_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    admin_confirmed_at = models.DateTimeField(null=True, blank=True)
    representative_confirmed_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    representative_confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_sector_display()}"

    @property
    def taking_part(self) -> bool:
        return (
            self.admin_confirmed_at is not None
            and self.representative_confirmed_at is not None
            and self.withdrawn_at is None
        )


class Tool(models.IntegerChoices):
    GROUP = 2, _("Ledelsesgruppens 20 spørgsmål")
    PLAN = 3, _("Organisationens 12 temaer")


class Release(models.Model):
    """One quarter's figures for one tool: released once, never again with fresh noise
    (the quarter's privacy budget is spent)."""

    tool = models.PositiveSmallIntegerField(choices=Tool)
    quarter = models.CharField(max_length=7)  # "2026-Q4"
    # The privacy loss of this release, as OpenDP's accountant reported it: zero-
    # concentrated DP (rho) and the (epsilon, delta) it implies.
    rho = models.FloatField()
    epsilon = models.FloatField()
    delta = models.FloatField()
    min_organisations = models.PositiveSmallIntegerField()
    min_leaders = models.PositiveSmallIntegerField()
    released_at = models.DateTimeField(auto_now_add=True)
    # True: the quarter went into a signed file for the installation that hosts the
    # benchmark (benchmark/exchange.py) instead of figures here. The budget is spent
    # either way, so the one-release-per-quarter constraint covers both.
    exported = models.BooleanField(default=False)

    class Meta:
        ordering = ["-quarter", "tool"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "quarter"], name="one_release_per_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.quarter}, {self.get_tool_display()}"


class ReleasedFigure(models.Model):
    """A released cell: the mean importance and success of one statement or theme across
    the organisations of a sector (or all), with the noise's 95 % margin."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="figures")
    sector = models.CharField(max_length=20, blank=True)  # "": all sectors
    item = models.PositiveSmallIntegerField()
    importance = models.FloatField()
    success = models.FloatField()
    margin = models.FloatField()
    # How many organisations stand behind the cell, as released (with noise).
    organisations = models.PositiveIntegerField()

    class Meta:
        ordering = ["release", "sector", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "sector", "item"], name="one_figure_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.release}, {self.sector or 'alle'}, {self.item}"


class SharedCard(models.Model):
    """An action card a plan team shared with the other organisations that take part
    ("Sådan har andre grebet det an"), exactly as the team approved it in the preview:
    de-identified, with no name of a person, unit, management group or the organisation.

    Others see the theme, the sector and the size band, never which organisation shared
    it. Withdrawing deletes the row; copies already made are the copier's own text.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # The theme whose published card was shared: one shared card per theme. String
    # references: the benchmark reads tool 3's rows without importing its models here.
    theme = models.OneToOneField(
        "plans.PlanTheme", on_delete=models.SET_NULL, null=True, related_name="shared_card"
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.SET_NULL, null=True, related_name="+")
    # 1-12: the method's theme. None: the organisation's own theme, shared with its title.
    theme_number = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(_("Temaets titel"), max_length=200, blank=True)
    sector = models.CharField(max_length=20, choices=Sector)
    size_band = models.CharField(max_length=20, choices=SizeBand)
    where = models.TextField(blank=True)
    goal = models.TextField(blank=True)
    responsible = models.TextField(blank=True)
    help = models.TextField(blank=True)
    representatives = models.TextField(blank=True)
    follow_up = models.TextField(blank=True)
    # "Hvem gør hvad, hvornår": one task a line, "who: what". No dates: another
    # organisation's dates mean nothing to the one that copies.
    tasks = models.TextField(blank=True)
    shared_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shared_at = models.DateTimeField()
    copies = models.PositiveIntegerField(default=0)

    TEXT_FIELDS = ("where", "goal", "responsible", "help", "representatives", "follow_up")
    # What the team writes on the share page.
    EDITABLE_FIELDS = (*TEXT_FIELDS, "tasks", "title")

    class Meta:
        ordering = ["-shared_at", "-pk"]
        indexes = [models.Index(fields=["theme_number", "sector", "size_band"])]

    def __str__(self) -> str:
        return f"{self.get_sector_display()}, {self.theme_number or self.title}"

    def texts(self) -> list[tuple[str, str]]:
        return [(field, getattr(self, field)) for field in self.TEXT_FIELDS]

    def task_lines(self) -> list[tuple[str, str]]:
        """The tasks as (who, what); a line without a colon has no "who"."""
        result = []
        for line in self.tasks.splitlines():
            line = line.strip()
            if not line:
                continue
            who, colon, what = line.partition(":")
            result.append((who.strip(), what.strip()) if colon else ("", line))
        return result


class TrustedInstallation(models.Model):
    """Another installation whose organisations take part: the host imports its signed
    files (benchmark/exchange.py) when they are signed with this public key."""

    name = models.CharField(max_length=200, unique=True)
    public_key = models.TextField()  # PEM, Ed25519
    fingerprint = models.CharField(max_length=64, unique=True)
    added_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class ImportedContribution(models.Model):
    """A quarter's noisy cells from another installation, verified and kept until the
    host's release adds them to its own. Never one organisation's figures: the other
    installation ran the same mechanism over its organisations before signing."""

    installation = models.ForeignKey(
        TrustedInstallation, on_delete=models.PROTECT, related_name="contributions"
    )
    tool = models.PositiveSmallIntegerField(choices=Tool)
    quarter = models.CharField(max_length=7)
    rho = models.FloatField()
    scale = models.FloatField()
    # {"<sector or empty>": {"len": noisy count, "i1": noisy sum, "s1": ...,
    #  "organisations": exact, "leaders": exact}}
    cells = models.JSONField()
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["installation", "tool", "quarter"], name="one_contribution_per_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.installation}, {self.quarter}, {self.get_tool_display()}"
