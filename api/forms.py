from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import Scope
from ui.forms import DesignSystemFormMixin


class TokenForm(DesignSystemFormMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=100, help_text=_("Fx Intranettet"))
    scopes = forms.MultipleChoiceField(
        label=_("Adgang"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vælg kun det, systemet skal bruge."),
    )
