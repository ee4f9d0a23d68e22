from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DesignSystemFormMixin
from followup.models import Status
from organisations.models import Person


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


class ReminderForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["reminder_frequency"]
        widgets = {"reminder_frequency": forms.RadioSelect}
