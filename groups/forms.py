from django import forms
from django.utils.translation import gettext_lazy as _

from followup.forms import DateInput, FollowUpForm
from groups.models import FocusTheme, GroupAgreement, Round
from organisations.models import Person
from ui.forms import DesignSystemFormMixin


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class RoundForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["meeting_date", "meeting_time", "place", "show_names"]
        widgets = {"meeting_date": DateInput, "meeting_time": TimeInput}


class ThemeForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = FocusTheme
        fields = ["title", "meaning", "field_and_why", "moves_right"]
        widgets = {
            "meaning": forms.Textarea(attrs={"rows": 2}),
            "field_and_why": forms.Textarea(attrs={"rows": 2}),
            "moves_right": forms.Textarea(attrs={"rows": 2}),
        }


class NewThemeForm(DesignSystemFormMixin, forms.Form):
    prefix = "theme"  # Several forms share the meeting page.

    statement = forms.TypedChoiceField(
        label=_("Vælg et udsagn"), coerce=int, required=False, empty_value=None
    )
    title = forms.CharField(label=_("… eller skriv et tema"), max_length=300, required=False)

    def __init__(self, *args, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].choices = [("", "—")] + [
            (s.number, f"{s.number}. {s.title}") for s in statements
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("statement") and not cleaned.get("title", "").strip():
            raise forms.ValidationError(_("Vælg et udsagn eller skriv et tema."))
        return cleaned


class RoundNotesForm(DesignSystemFormMixin, forms.ModelForm):
    prefix = "notes"  # Several forms share the meeting page.

    class Meta:
        model = Round
        fields = ["unchosen_plan", "next_meeting"]
        widgets = {"unchosen_plan": forms.Textarea(attrs={"rows": 2}), "next_meeting": DateInput}


class GroupAgreementForm(FollowUpForm):
    prefix = "agreement"  # Several forms share the meeting page.

    owners = forms.ModelMultipleChoiceField(
        label=_("Hvem står for det?"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kun dem, I vælger, får aftalen som deres egen i Mit overblik."),
        error_messages={"required": _("Vælg mindst én, der står for aftalen.")},
    )

    class Meta(FollowUpForm.Meta):
        model = GroupAgreement
        fields = ["theme", "text", "owners", "who", "cadence", "interval_weeks", "due_date", "how"]
        labels = {
            **FollowUpForm.Meta.labels,
            "text": _("Hvad vil I arbejde hen imod?"),
            "who": _("Hvordan fordeler I opgaverne?"),
            "cadence": _("Hvornår følger I op?"),
            "due_date": _("Dato (ved „På en bestemt dato“)"),
            "how": _("Hvordan følger I op?"),
        }

    def __init__(self, *args, round_=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = round_.themes.all() if round_ else FocusTheme.objects.none()
        self.fields["theme"].label = _("Tema")
        self.fields["theme"].empty_label = _("Intet bestemt tema")
        self.fields["who"].help_text = _("Fx hvem der indkalder, og hvem der samler op.")
        # The round's room: the people who were in the group when it started.
        self.fields["owners"].queryset = (
            Person.objects.filter(participations__round=round_).order_by("name")
            if round_
            else Person.objects.none()
        )


class ClosingRemarkForm(DesignSystemFormMixin, forms.Form):
    prefix = "closing"  # Several forms share the meeting page.

    text = forms.CharField(
        label=_("Det tager jeg med fra mødet"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EscalationForm(DesignSystemFormMixin, forms.Form):
    prefix = "escalation"  # Several forms share the meeting page.

    title = forms.CharField(label=_("Tema, der skal eskaleres"), max_length=300)
    description = forms.CharField(
        label=_("Hvad skal organisationen vide?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
