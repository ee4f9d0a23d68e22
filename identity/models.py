"""Sign-in with the organisation's own identity provider (single sign-on).

An organisation has at most one provider. A person signs in through it once their
identity there (issuer and subject) is linked to them; see access/identity.py for who
may be linked and how.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from encrypted.fields import EncryptedTextField
from organisations.models import Organisation, Person


class Protocol(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect")


class IdentityProvider(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="identity_provider"
    )
    protocol = models.CharField(
        _("Protokol"), max_length=10, choices=Protocol, default=Protocol.OIDC
    )
    is_enabled = models.BooleanField(_("Log ind via organisationen er slået til"), default=False)
    email_domains = models.CharField(
        _("E-maildomæner"),
        max_length=500,
        help_text=_(
            "Adskilt med komma, fx kommune.dk. Den, der skriver en e-mail med et af dem på "
            "log ind-siden, sendes til jeres log ind."
        ),
    )
    password_login = models.BooleanField(
        _("Adgangskoder må stadig bruges"),
        default=True,
        help_text=_("Slå fra, når alle logger ind via organisationen."),
    )
    create_people = models.BooleanField(
        _("Opret personer, der ikke findes, når de logger ind"),
        default=False,
        help_text=_("Ellers skal personen først være oprettet eller importeret."),
    )
    issuer = models.URLField(
        _("Issuer (udsteder)"),
        help_text=_(
            "Fx https://login.microsoftonline.com/<tenant-id>/v2.0. Vi henter resten fra "
            "/.well-known/openid-configuration."
        ),
    )
    client_id = models.CharField(_("Client ID"), max_length=255)
    client_secret = EncryptedTextField(_("Client secret"))
    scopes = models.CharField(_("Scopes"), max_length=255, default="openid email profile")
    email_claim = models.CharField(
        _("Claim med e-mailadressen"),
        max_length=100,
        default="email",
        help_text=_("Hos Entra ID ofte email eller preferred_username."),
    )
    tested_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.issuer}"

    @property
    def domains(self) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()]


class SignInIdentity(models.Model):
    """A person's identity at an identity provider: whoever the provider vouches for
    with this issuer and subject signs in as this person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identities")
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="identity_unique_subject")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.subject}"
