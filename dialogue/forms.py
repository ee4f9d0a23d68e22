from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DesignSystemFormMixin
from dialogue.models import (
    Dialogue,
    InterviewGuide,
    ManagerAgreement,
    Meeting,
    PeriodLength,
    SelfAgreementItem,
)
from followup.models import Cadence


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class InterviewerForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = InterviewGuide
        fields = ["interviewer_kind", "interviewer_name", "interviewed_on"]
        widgets = {"interviewer_kind": forms.RadioSelect, "interviewed_on": DateInput}


class PeriodForm(DesignSystemFormMixin, forms.Form):
    starts_on = forms.DateField(label=_("Perioden starter"), widget=DateInput)
    length = forms.ChoiceField(
        label=_("Periodens længde"),
        choices=PeriodLength,
        widget=forms.RadioSelect,
        initial=PeriodLength.HALF_YEAR,
    )


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
            "interval_weeks": _("Hver hvilken uge? (ved „Hver N. uge“)"),
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


class SelfAgreementItemForm(FollowUpForm):
    class Meta(FollowUpForm.Meta):
        model = SelfAgreementItem


class SelfAgreementItemEditForm(FollowUpForm):
    class Meta(FollowUpForm.Meta):
        model = SelfAgreementItem
        fields = [*FollowUpForm.Meta.fields, "status"]


class ManagerAgreementForm(FollowUpForm):
    class Meta(FollowUpForm.Meta):
        model = ManagerAgreement


class RhythmForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Dialogue
        fields = ["rhythm", "rhythm_weeks", "rhythm_starts"]
        widgets = {"rhythm_starts": DateInput}
        labels = {"rhythm_weeks": _("Antal uger (ved „Hver N. uge“)")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rhythm") and not cleaned.get("rhythm_starts"):
            self.add_error("rhythm_starts", _("Vælg datoen for jeres første samtale."))
        weeks = cleaned.get("rhythm_weeks")
        if cleaned.get("rhythm") == Cadence.EVERY_N_WEEKS and (not weeks or not 1 <= weeks <= 52):
            self.add_error("rhythm_weeks", _("Skriv et antal uger mellem 1 og 52."))
        return cleaned


class MeetingForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date"]
        widgets = {"date": DateInput}


class NoteForm(DesignSystemFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Note (I kan begge se den)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
    )


class AutosaveForm(forms.Form):
    text = forms.CharField(required=False, max_length=50000, strip=False)
    version = forms.IntegerField(min_value=0)
    force = forms.BooleanField(required=False)
