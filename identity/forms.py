from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DesignSystemFormMixin
from identity.models import IdentityProvider
from identity.services import CONNECTION_FIELDS


class ProviderForm(DesignSystemFormMixin, forms.ModelForm):
    issuer = forms.URLField(
        label=IdentityProvider._meta.get_field("issuer").verbose_name,
        help_text=IdentityProvider._meta.get_field("issuer").help_text,
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

    class Meta:
        model = IdentityProvider
        widgets = {
            "email_domains": forms.TextInput(attrs={"class": "input-width-xl"}),
            "client_id": forms.TextInput(attrs={"class": "input-width-xl"}),
        }
        fields = [
            "email_domains",
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

    def clean_client_secret(self) -> str:
        secret = self.cleaned_data["client_secret"]
        if not secret and not self.instance.pk:
            raise forms.ValidationError(_("Skriv client secret fra jeres identitetsudbyder."))
        return secret or self.instance.client_secret

    def clean_scopes(self) -> str:
        scopes = " ".join(self.cleaned_data["scopes"].split())
        if "openid" not in scopes.split():
            raise forms.ValidationError(_("Scopes skal indeholde openid."))
        return scopes

    def clean(self):
        cleaned = super().clean()
        same_secret = (
            self.instance.pk and cleaned.get("client_secret") == self.instance.client_secret
        )
        self.changed_fields = [
            n for n in self.changed_data if not (n == "client_secret" and same_secret)
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
