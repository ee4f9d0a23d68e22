"""The audit log: who did what to whose account, never what anyone wrote.

Append-only: events are created and read, never changed. Erasure (GDPR) anonymises
the person's own events instead of deleting the organisation's record of them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    LOGIN = "login", _("Logget ind")
    LOGIN_FAILED = "login_failed", _("Forkert adgangskode")
    LOCKED_OUT = "locked_out", _("Låst efter for mange forsøg")
    PASSWORD_SET = "password_set", _("Adgangskode valgt fra et link")
    PASSWORD_CHANGED = "password_changed", _("Adgangskode skiftet")
    INVITED = "invited", _("Invitation sendt")
    EMAIL_CORRECTED = "email_corrected", _("E-mailadresse rettet før første login")
    EMAIL_CHANGE_REQUESTED = "email_change_requested", _("Ny e-mailadresse venter på bekræftelse")
    EMAIL_CHANGED = "email_changed", _("E-mailadresse skiftet efter bekræftelse")
    ROLES_CHANGED = "roles_changed", _("Roller ændret")
    GROUP_CHANGED = "group_changed", _("Medlemmer af en ledelsesgruppe ændret")
    DEACTIVATED = "deactivated", _("Konto deaktiveret")
    REACTIVATED = "reactivated", _("Konto aktiveret igen")
    K_CHANGED = "k_changed", _("Mindste antal svar ændret")
    EXPORTED = "exported", _("Data hentet ud")
    ERASURE_REQUESTED = "erasure_requested", _("Har bedt om at få sine data slettet")
    ERASED = "erased", _("Personens data slettet")
    OPERATOR = "operator", _("Ændret af driften")
    PREPARATION_REMINDED = "preparation_reminded", _("Påmindelse om forberedelse sendt")
    SIGN_IN_CONFIGURED = "sign_in_configured", _("Log ind via organisationen ændret")
    SIGN_IN_LINKED = "sign_in_linked", _("Konto forbundet med organisationens log ind")
    API_TOKEN_CREATED = "api_token_created", _("API-nøgle oprettet")
    API_TOKEN_REVOKED = "api_token_revoked", _("API-nøgle trukket tilbage")
    PERSON_PROVISIONED = "person_provisioned", _("Oprettet af HR-systemet (SCIM)")
    PERSON_CREATED = "person_created", _("Person oprettet")
    PERSON_VOUCHED = "person_vouched", _("Bekræftet som en person i organisationen")
    PERSON_CHANGED = "person_changed", _("Navn eller stilling ændret")
    MANAGER_CHANGED = "manager_changed", _("Nærmeste leder ændret")
    UNIT_CHANGED = "unit_changed", _("Enhed ændret")
    OPERATOR_REQUESTED = "operator_requested", _("Driften har bedt om en person eller roller")
    OPERATOR_REQUEST_DECIDED = "operator_request_decided", _("Anmodning fra driften afgjort")
    BENCHMARK_JOINED = "benchmark_joined", _("Bekræftet: deltager i sammenligningen")
    BENCHMARK_WITHDRAWN = "benchmark_withdrawn", _("Trukket ud af sammenligningen")
    CARD_SHARED = "card_shared", _("Action card delt med andre organisationer")
    CARD_UNSHARED = "card_unshared", _("Delt action card trukket tilbage")
    CARD_COPIED = "card_copied", _("Andres action card kopieret ind i en plan")


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events_done",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events_about",
    )
    # Facts only (a role's code, a group's name, an old and a new k), never text that
    # someone wrote in the tools.
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are never changed")
        super().save(*args, **kwargs)


class RateLimitHit(models.Model):
    """One counted request for a rate limit, kept in the database so that every app
    server sees the same count. The key holds a hash, never an e-mail address."""

    key = models.CharField(max_length=100, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        # Made by the core app before the rate limits moved here.
        db_table = "core_ratelimithit"

    def __str__(self) -> str:
        return self.key
