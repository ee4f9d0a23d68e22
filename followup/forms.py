from django import forms
from django.utils.translation import gettext_lazy as _

from followup.models import Cadence, Status
from ui.forms import DesignSystemFormMixin


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class FollowUpForm(DesignSystemFormMixin, forms.ModelForm):
    """An agreement with when and how it is followed up."""

    class Meta:
        fields = ["text", "cadence", "interval_weeks", "due_date", "how"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "how": forms.Textarea(attrs={"rows": 2}),
            "due_date": DateInput,
        }
        labels = {
            "text": _("Aftale"),
            "cadence": _("Hvornår følger du op?"),
            "interval_weeks": _("Antal uger imellem (ved „Med et fast antal uger imellem“)"),
            "due_date": _("Dato (ved „På en bestemt dato“)"),
            "how": _("Hvordan følger du op?"),
        }

    def clean(self):
        cleaned = super().clean()
        cadence = cleaned.get("cadence")
        if cadence == Cadence.ON_DATE and not cleaned.get("due_date"):
            self.add_error("due_date", _("Vælg den dato, du vil følge op."))
        weeks = cleaned.get("interval_weeks")
        if cadence == Cadence.EVERY_N_WEEKS and (not weeks or not 1 <= weeks <= 52):
            self.add_error("interval_weeks", _("Skriv et antal uger mellem 1 og 52."))
        if not cleaned.get("interval_weeks"):
            cleaned["interval_weeks"] = 2
        return cleaned
