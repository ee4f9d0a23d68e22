"""The forms of the pages across the tools."""

from django import forms

from organisations.models import Person
from ui.forms import DesignSystemFormMixin


class ReminderForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["reminder_frequency"]
        widgets = {"reminder_frequency": forms.RadioSelect}
