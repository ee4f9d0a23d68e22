"""What every agreement in the method has: an owner, a rhythm or a date to follow up, a
status, and a history.

Every agreement of the three tools (with yourself, with your nearest manager, in a
management group, an action card's task) is a `FollowUpFields` model. Each keeps the
access rules of its tool, so the agreements stay in their tools' tables; what they share
is this one set of fields, one history (`FollowUpEvent`) and one reader of what is due
(core/overview.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encrypted.fields import EncryptedTextField
from followup import rhythm

TRACKED = ("status", "due_date", "cadence", "interval_weeks")


class Cadence(models.TextChoices):
    DAILY = rhythm.DAILY, _("Hver dag")
    WEEKLY = rhythm.WEEKLY, _("Hver uge")
    EVERY_N_WEEKS = rhythm.EVERY_N_WEEKS, _("Med et fast antal uger imellem")
    MONTHLY = rhythm.MONTHLY, _("Hver måned")
    QUARTERLY = rhythm.QUARTERLY, _("Hvert kvartal")
    ON_DATE = rhythm.ON_DATE, _("På en bestemt dato")


class Status(models.TextChoices):
    OPEN = "open", _("Åben")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Gennemført")
    DROPPED = "dropped", _("Droppet")


# Agreements still to follow up on.
OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)


class FollowUpFields(models.Model):
    """An agreement's text, how it is followed up and where it stands."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = EncryptedTextField(_("aftale"))
    how = EncryptedTextField(_("hvordan følger du op"), blank=True)
    cadence = models.CharField(
        _("hvornår følger du op"), max_length=20, choices=Cadence, default=Cadence.WEEKLY
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("antal uger"), default=2, help_text=_("Bruges ved „Med et fast antal uger imellem“.")
    )
    due_date = models.DateField(_("dato"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tracked = self._tracked_values()

    def save(self, *args, changed_by=None, **kwargs):
        """Saves and writes what changed to the agreement's history."""
        created = self._state.adding
        # Views whose ModelForm saves the agreement set `changed_by` on it first.
        changed_by = changed_by or getattr(self, "changed_by", None)
        super().save(*args, **kwargs)
        now = self._tracked_values()
        events = []
        if created:
            events.append((FollowUpEvent.Kind.CREATED, "", self.status))
        else:
            for name in TRACKED:
                if now[name] != self._tracked[name]:
                    kind = (
                        FollowUpEvent.Kind.STATUS if name == "status" else FollowUpEvent.Kind.DATE
                    )
                    events.append((kind, str(self._tracked[name] or ""), str(now[name] or "")))
        if events:
            content_type = ContentType.objects.get_for_model(type(self))
            FollowUpEvent.objects.bulk_create(
                FollowUpEvent(
                    content_type=content_type,
                    object_id=self.pk,
                    kind=kind,
                    old=old,
                    new=new,
                    actor=changed_by,
                )
                for kind, old, new in events
            )
        self._tracked = now

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._tracked = self._tracked_values()

    def _tracked_values(self) -> dict:
        # __dict__, not getattr: reading a deferred field would load it from the database.
        return {name: self.__dict__.get(name) for name in TRACKED}

    @property
    def is_tickable(self) -> bool:
        return self.cadence in rhythm.TICKABLE

    @property
    def is_overdue(self) -> bool:
        """An open agreement on a date that has passed."""
        return (
            self.cadence == Cadence.ON_DATE
            and self.due_date is not None
            and self.due_date < timezone.localdate()
            and self.status in OPEN_STATUSES
        )

    def rhythm_label(self) -> str:
        if self.cadence == Cadence.EVERY_N_WEEKS:
            return _("Hver %(n)s. uge") % {"n": self.interval_weeks}
        if self.cadence == Cadence.ON_DATE and self.due_date:
            from django.utils.formats import date_format

            return _("Den %(date)s") % {"date": date_format(self.due_date, _("j. F Y"))}
        return str(self.get_cadence_display())


class FollowUpEvent(models.Model):
    """One line of an agreement's history: made, status changed, date or rhythm changed.

    The calendar feed counts an agreement's date changes as its SEQUENCE.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Oprettet")
        STATUS = "status", _("Status ændret")
        DATE = "date", _("Dato eller rytme ændret")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    agreement = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=20, choices=Kind)
    # Encrypted: for an agreement with yourself, its statuses and dates are private
    # (issue 22, path 4); one rule for every agreement's history is simpler.
    old = EncryptedTextField(blank=True)
    new = EncryptedTextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.old} → {self.new}"

    @property
    def status_label(self) -> str:
        return str(dict(Status.choices).get(self.new, self.new))


def _feed_token() -> str:
    import secrets

    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's calendar address. Renewing it gives a new token; the old one stops."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.person}"

    def renew(self) -> None:
        self.token = _feed_token()
        self.save(update_fields=["token", "created_at"])


class OutgoingMail(models.Model):
    """The mail queue. Any number of workers may run: each claims a mail with a
    conditional UPDATE, so a mail is sent once; a failed send waits and is tried again."""

    class State(models.TextChoices):
        PENDING = "pending", _("Venter")
        SENDING = "sending", _("Sendes")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Opgivet")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outgoing_mails"
    )
    key = models.CharField(max_length=120, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html = models.TextField(blank=True)
    # An iCalendar meeting request sent with the mail (a round's invitation), or "".
    calendar = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.key


def forget_history(sender, instance, **kwargs) -> None:
    """An agreement's history goes with it (also when a person's data is erased)."""
    FollowUpEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()
