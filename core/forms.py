from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from organisations.models import Person


class DesignSystemFormMixin:
    """Puts Det Fælles Designsystem's classes on each widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = (
                    "form-checkbox"
                    if isinstance(widget, forms.CheckboxSelectMultiple)
                    else "form-radio"
                )
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-checkbox"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            elif isinstance(widget, forms.FileInput):
                css = "form-file-input"
            else:
                css = "form-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


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


class SetPasswordWithRulesForm(DesignSystemFormMixin, SetPasswordForm):
    """Used both for password reset and for accepting an invitation."""


class ReminderForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["reminder_frequency"]
        widgets = {"reminder_frequency": forms.RadioSelect}
