from django import forms
from django.utils.translation import gettext_lazy as _

from dialogue.models import (
    Dialogue,
    InterviewGuide,
    ManagerAgreement,
    Meeting,
    PeriodLength,
    SelfAgreementItem,
)
from followup.forms import DateInput, FollowUpForm
from followup.models import Cadence
from ui.forms import DesignSystemFormMixin


class InterviewerForm(DesignSystemFormMixin, forms.ModelForm):
    # Stored encrypted (a text field), entered as one short line.
    interviewer_name = forms.CharField(label=_("Navn"), max_length=200, required=False)

    class Meta:
        model = InterviewGuide
        fields = ["interviewer_kind", "interviewer_name", "interviewed_on"]
        widgets = {"interviewer_kind": forms.RadioSelect, "interviewed_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.fields["interviewer_kind"]
        kind.choices = [("", _("Ikke angivet")), *((v, label) for v, label in kind.choices if v)]


class PeriodForm(DesignSystemFormMixin, forms.Form):
    starts_on = forms.DateField(label=_("Perioden starter"), widget=DateInput)
    length = forms.ChoiceField(
        label=_("Periodens længde"),
        choices=PeriodLength,
        widget=forms.RadioSelect,
        initial=PeriodLength.HALF_YEAR,
    )


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
        labels = {"rhythm_weeks": _("Antal uger imellem (ved „Med et fast antal uger imellem“)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rhythm = self.fields["rhythm"]
        given = [(value, label) for value, label in rhythm.choices if value]
        rhythm.choices = [("", _("Ingen fast rytme endnu")), *given]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rhythm") and not cleaned.get("rhythm_starts"):
            self.add_error("rhythm_starts", _("Vælg datoen for jeres første samtale."))
        weeks = cleaned.get("rhythm_weeks")
        every_n = cleaned.get("rhythm") == Cadence.EVERY_N_WEEKS
        # Checked whatever the rhythm: a stored 0 would divide by zero when it is next used.
        if (every_n and not weeks) or (weeks is not None and not 1 <= weeks <= 52):
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
