import logging
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _

from audit import ratelimit
from followup import outbox
from identity import saml, services
from identity.models import SAML_EMAIL_ATTRIBUTE, IdentityProvider, Protocol
from identity.oidc import ProviderUnavailable
from identity.services import CONNECTION_FIELDS
from ui.forms import DesignSystemFormMixin

logger = logging.getLogger(__name__)


class ProviderForm(DesignSystemFormMixin, forms.ModelForm):
    issuer = forms.URLField(
        label=IdentityProvider._meta.get_field("issuer").verbose_name,
        help_text=IdentityProvider._meta.get_field("issuer").help_text,
        required=False,
        assume_scheme="https",
        # An Entra ID issuer is some 70 characters: the design system's widest input.
        widget=forms.URLInput(attrs={"class": "input-width-xl"}),
    )
    client_secret = forms.CharField(
        label=_("Client secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "Gemmes krypteret og vises aldrig igen. Lad feltet stå tomt for at beholde det."
        ),
    )

    protocol = forms.ChoiceField(
        label=IdentityProvider._meta.get_field("protocol").verbose_name,
        choices=Protocol.choices,
        initial=Protocol.OIDC,
        required=False,
        widget=forms.RadioSelect,
    )
    saml_metadata_url = forms.URLField(
        label=IdentityProvider._meta.get_field("saml_metadata_url").verbose_name,
        help_text=IdentityProvider._meta.get_field("saml_metadata_url").help_text,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "input-width-xl"}),
    )
    saml_metadata_file = forms.FileField(
        label=_("Eller metadata som fil (XML)"),
        required=False,
        help_text=_("Fx fra en OIOSAML-broker, der ikke udgiver en adresse."),
    )

    class Meta:
        model = IdentityProvider
        widgets = {
            "email_domains": forms.TextInput(attrs={"class": "input-width-xl"}),
            "client_id": forms.TextInput(attrs={"class": "input-width-xl"}),
            "saml_email_attribute": forms.TextInput(attrs={"class": "input-width-xl"}),
        }
        fields = [
            "protocol",
            "email_domains",
            "saml_metadata_url",
            "saml_email_attribute",
            "issuer",
            "client_id",
            "client_secret",
            "scopes",
            "email_claim",
            "create_people",
            "password_login",
            "is_enabled",
        ]

    def clean_email_domains(self) -> str:
        domains = [
            d.strip().lower().lstrip("@")
            for d in self.cleaned_data["email_domains"].split(",")
            if d.strip()
        ]
        if not domains or any("." not in d or " " in d for d in domains):
            raise forms.ValidationError(_("Skriv domænerne adskilt med komma, fx kommune.dk."))
        # A domain leads to one organisation's sign-in only: another organisation that
        # claimed it would receive its people at the login page.
        others = IdentityProvider.objects.exclude(organisation_id=self.instance.organisation_id)
        taken = sorted({d for p in others for d in p.domains} & set(domains))
        if taken:
            raise forms.ValidationError(
                _("%(domains)s bruges allerede af en anden organisation.")
                % {"domains": ", ".join(taken)}
            )
        return ", ".join(domains)

    def field_groups(self) -> list[tuple[str, list]]:
        """The fields as the page shows them: what both protocols need, each protocol's
        own, then the switches."""
        groups = [
            ("", ["protocol", "email_domains"]),
            (
                _("Hvis I bruger SAML 2.0"),
                ["saml_metadata_url", "saml_metadata_file", "saml_email_attribute"],
            ),
            (
                _("Hvis I bruger OpenID Connect"),
                ["issuer", "client_id", "client_secret", "scopes", "email_claim"],
            ),
            ("", ["create_people", "password_login", "is_enabled"]),
        ]
        return [(legend, [self[name] for name in names]) for legend, names in groups]

    def clean_protocol(self) -> str:
        return self.cleaned_data["protocol"] or self.instance.protocol or Protocol.OIDC

    def clean_saml_email_attribute(self) -> str:
        return self.cleaned_data["saml_email_attribute"].strip() or (
            self.instance.saml_email_attribute or SAML_EMAIL_ATTRIBUTE
        )

    def clean_client_secret(self) -> str:
        return self.cleaned_data["client_secret"] or self.instance.client_secret

    def clean_scopes(self) -> str:
        return " ".join(self.cleaned_data["scopes"].split())

    def _clean_oidc(self, cleaned: dict) -> None:
        if not cleaned.get("issuer") and "issuer" not in self.errors:
            self.add_error("issuer", _("Skriv udbyderens issuer-adresse."))
        if not cleaned.get("client_id"):
            self.add_error("client_id", _("Skriv Client ID fra jeres identitetsudbyder."))
        if not cleaned.get("client_secret"):
            self.add_error("client_secret", _("Skriv client secret fra jeres identitetsudbyder."))
        if "openid" not in cleaned.get("scopes", "").split():
            self.add_error("scopes", _("Scopes skal indeholde openid."))

    def _clean_saml(self, cleaned: dict) -> None:
        upload = cleaned.get("saml_metadata_file")
        url = cleaned.get("saml_metadata_url")
        metadata = self.instance.saml_metadata
        try:
            if upload:
                metadata = upload.read(saml.MAX_METADATA_BYTES + 1).decode("utf-8", "replace")
            elif url and (url != self.instance.saml_metadata_url or not metadata):
                metadata = saml.fetch_metadata(url)
        except ProviderUnavailable as error:
            logger.warning("SAML metadata from %s: %s", url, error)
            self.add_error(
                "saml_metadata_url",
                _(
                    "Vi kunne ikke hente metadata fra adressen. Tjek adressen, og at "
                    "Ledertrivsels server kan nå jeres identitetsudbyder."
                ),
            )
            return
        if not metadata:
            self.add_error(
                "saml_metadata_url", _("Skriv metadata-adressen, eller vælg metadata som fil.")
            )
            return
        try:
            saml.idp_entity_id(metadata)
        except ValueError:
            self.add_error(
                "saml_metadata_file" if upload else "saml_metadata_url",
                _("Det er ikke metadata for en SAML-identitetsudbyder (IdP)."),
            )
            return
        if metadata != self.instance.saml_metadata:
            cleaned["saml_metadata"] = metadata
            self.instance.saml_metadata = metadata
            self.changed_data.append("saml_metadata")
        if not cleaned.get("saml_email_attribute"):
            self.add_error("saml_email_attribute", _("Skriv navnet på attributten."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("protocol") == Protocol.SAML:
            self._clean_saml(cleaned)
        else:
            self._clean_oidc(cleaned)
        same_secret = (
            self.instance.pk and cleaned.get("client_secret") == self.instance.client_secret
        )
        unchanged = {
            n
            for n in ("protocol", "saml_email_attribute", "saml_metadata_url")
            if cleaned.get(n, "") == (getattr(self.instance, n) or "")
        }
        self.changed_fields = [
            n
            for n in self.changed_data
            if n not in unchanged and not (n == "client_secret" and same_secret)
        ]
        self.connection_changed = (
            any(n in CONNECTION_FIELDS for n in self.changed_fields) or not self.instance.pk
        )
        if cleaned.get("is_enabled") and (self.connection_changed or not self.instance.tested_at):
            self.add_error(
                "is_enabled",
                _("Gem og test forbindelsen, før du slår log ind via organisationen til."),
            )
        if not cleaned.get("password_login") and not cleaned.get("is_enabled"):
            self.add_error(
                "password_login",
                _("Adgangskoder kan først slås fra, når log ind via organisationen er slået til."),
            )
        return cleaned


class LinkForm(DesignSystemFormMixin, forms.Form):
    password = forms.CharField(
        label=_("Din adgangskode i Ledertrivsel"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


# --- Logging in with a password --------------------------------------------------


class EmailAuthenticationForm(DesignSystemFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadresse"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "E-mailadressen eller adgangskoden er forkert. Prøv igen – vær opmærksom på "
            "store og små bogstaver i adgangskoden."
        ),
        "inactive": _("Din konto er ikke aktiv. Kontakt HR i din organisation."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class OutboxPasswordResetForm(PasswordResetForm):
    """Sends the reset link like every other mail (text and HTML, in the person's own
    language), but never through the queue: a live link must not be stored.

    At most 3 links an hour per address and 10 per client: the page looks the same
    either way, so it tells nobody whether an address has an account.
    """

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        per_address = ratelimit.allow(
            f"reset:address:{ratelimit.hashed(email)}", limit=3, per=timedelta(hours=1)
        )
        client = get_client_ip_address(request) if request is not None else "unknown"
        per_client = ratelimit.allow(
            f"reset:client:{ratelimit.hashed(str(client))}", limit=10, per=timedelta(hours=1)
        )
        if per_address and per_client:
            super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        outbox.send_now("registration/password_reset_email", to=context["user"], context=context)


class SetPasswordWithRulesForm(DesignSystemFormMixin, SetPasswordForm):
    """Used both for password reset and for accepting an invitation."""

    def save(self, commit=True):
        person = super().save(commit)
        if commit:
            services.password_saved(person=person, from_link=True)
        return person


class AuditedPasswordChangeForm(DesignSystemFormMixin, PasswordChangeForm):
    def save(self, commit=True):
        person = super().save(commit)
        if commit:
            services.password_saved(person=person, from_link=False)
        return person
