"""Sign-in with the organisation's own identity provider (single sign-on).

An organisation has at most one provider. A person signs in through it once their
identity there (issuer and subject) is linked to them; see access/identity.py for who
may be linked and how.
"""

from __future__ import annotations

from binascii import unhexlify

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from encrypted.fields import EncryptedTextField
from organisations.models import Organisation, Person


class Protocol(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect")
    SAML = "saml", _("SAML 2.0 (fx OIOSAML)")


# Where Entra ID and AD FS put the e-mail address, unless the organisation says otherwise.
SAML_EMAIL_ATTRIBUTE = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"


class IdentityProvider(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="identity_provider"
    )
    protocol = models.CharField(
        _("Protokol"), max_length=10, choices=Protocol, default=Protocol.OIDC
    )
    is_enabled = models.BooleanField(_("Log ind via organisationen er slået til"), default=False)
    # The fingerprint of the provider this connection trusts (identity/connection.py),
    # kept up to date on every save: links hold only under the one they were made with.
    connection = models.CharField(max_length=64, blank=True, editable=False)
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
        blank=True,
        help_text=_(
            "Fx https://login.microsoftonline.com/<tenant-id>/v2.0. Vi henter resten fra "
            "/.well-known/openid-configuration."
        ),
    )
    client_id = models.CharField(_("Client ID"), max_length=255, blank=True)
    client_secret = EncryptedTextField(_("Client secret"), blank=True)
    scopes = models.CharField(_("Scopes"), max_length=255, default="openid email profile")
    email_claim = models.CharField(
        _("Claim med e-mailadressen"),
        max_length=100,
        default="email",
        help_text=_("Hos Entra ID ofte email eller preferred_username."),
    )
    # SAML 2.0: the identity provider's metadata (fetched from its URL or uploaded), the
    # attribute that holds the e-mail, and our own signing key and certificate.
    saml_metadata_url = models.URLField(
        _("Metadata-adresse"),
        blank=True,
        help_text=_(
            "Fx Entra ID's App Federation Metadata Url. Eller hent filen, og vælg den nedenfor."
        ),
    )
    saml_metadata = models.TextField(_("Metadata (XML)"), blank=True)
    saml_email_attribute = models.CharField(
        _("Attribut med e-mailadressen"),
        max_length=255,
        blank=True,
        default=SAML_EMAIL_ATTRIBUTE,
        help_text=_("Hos Entra ID og AD FS som regel den foreslåede."),
    )
    saml_sp_key = EncryptedTextField(blank=True)
    saml_sp_certificate = models.TextField(blank=True)
    tested_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.issuer or self.saml_metadata_url}"

    def save(self, *args, **kwargs):
        from identity.connection import fingerprint

        self.connection = fingerprint(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "connection"}
        super().save(*args, **kwargs)

    @property
    def domains(self) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()]


class SignInIdentity(models.Model):
    """A person's identity at an identity provider: whoever the provider vouches for
    with this issuer and subject signs in as this person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identities")
    # The connection the link was made under: it holds only while the organisation's
    # provider has the same fingerprint (identity/connection.py).
    provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="links", null=True
    )
    connection = models.CharField(max_length=64, blank=True)
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "issuer", "subject"], name="identity_unique_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.subject}"


class SamlAnswer(models.Model):
    """A SAML request that has had its answer: a second answer to it is a replay."""

    request_id = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.request_id


def _new_seed() -> str:
    return random_hex(20)


class SecondFactor(TimestampMixin, ThrottlingMixin, Device):
    """A platform operator's TOTP second factor for /drift/.

    django-otp's TOTPDevice with one difference: the seed is encrypted with the field
    keys, so a copy of the database does not hold what an authenticator app needs to
    make codes. The operator gets it once, as a QR code, from
    `manage.py operator_second_factor`.
    """

    seed = EncryptedTextField(default=_new_seed)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    # The time step of the last code accepted: a code is never accepted twice.
    last_t = models.BigIntegerField(default=-1)

    class Meta(Device.Meta):
        verbose_name = _("andet trin (TOTP)")
        verbose_name_plural = _("andet trin (TOTP)")

    @property
    def bin_key(self) -> bytes:
        return unhexlify(self.seed.encode())

    # The rest is django-otp's own TOTP device: how a code is checked, throttled and
    # offered to an authenticator app.
    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    config_url = TOTPDevice.config_url
    _read_str_from_settings = TOTPDevice._read_str_from_settings
