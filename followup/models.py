"""What every agreement in the method has: a rhythm or a date to follow up, and a status."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from followup import rhythm


class Cadence(models.TextChoices):
    DAILY = rhythm.DAILY, _("Hver dag")
    WEEKLY = rhythm.WEEKLY, _("Hver uge")
    EVERY_N_WEEKS = rhythm.EVERY_N_WEEKS, _("Hver N. uge")
    MONTHLY = rhythm.MONTHLY, _("Hver måned")
    QUARTERLY = rhythm.QUARTERLY, _("Hvert kvartal")
    ON_DATE = rhythm.ON_DATE, _("På en bestemt dato")


class Status(models.TextChoices):
    OPEN = "open", _("Åben")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Gennemført")
    DROPPED = "dropped", _("Droppet")


class FollowUpFields(models.Model):
    """An agreement's text, how it is followed up and where it stands."""

    text = models.TextField(_("aftale"))
    how = models.TextField(_("hvordan følger du op"), blank=True)
    cadence = models.CharField(
        _("hvornår følger du op"), max_length=20, choices=Cadence, default=Cadence.WEEKLY
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("antal uger"), default=2, help_text=_("Bruges ved „Hver N. uge“.")
    )
    due_date = models.DateField(_("dato"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_tickable(self) -> bool:
        return self.cadence in rhythm.TICKABLE

    def rhythm_label(self) -> str:
        if self.cadence == Cadence.EVERY_N_WEEKS:
            return _("Hver %(n)s. uge") % {"n": self.interval_weeks}
        if self.cadence == Cadence.ON_DATE and self.due_date:
            from django.utils.formats import date_format

            return _("Den %(date)s") % {"date": date_format(self.due_date, "j. F Y")}
        return str(self.get_cadence_display())
