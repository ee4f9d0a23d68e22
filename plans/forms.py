from django import forms
from django.db import models
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from followup.forms import DateInput
from organisations.forms import unit_field
from plans.models import ActionCard, ActionTask, Decision, FeedbackRequest, Offer, Plan, PlanTheme
from ui.forms import DesignSystemFormMixin, PersonByEmailField


class PlanForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "unit", "rating_mode", "anonymity_k"]
        widgets = {"rating_mode": forms.RadioSelect}

    def __init__(self, *args, units=None, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["unit"] = unit_field(
            units,
            label=_("Område"),
            search_url=reverse_lazy("plans:unit_search"),
            help_text=_(
                "Skriv enhedens navn, og vælg den blandt forslagene. Tomt felt: hele "
                "organisationen."
            ),
        )
        if organisation is not None:
            self.fields["anonymity_k"].min_value = organisation.anonymity_k
            self.fields["anonymity_k"].initial = max(
                self.fields["anonymity_k"].initial or 0, organisation.anonymity_k
            )

    def clean_anonymity_k(self) -> int:
        k = self.cleaned_data["anonymity_k"]
        if self.organisation is not None and k < self.organisation.anonymity_k:
            raise forms.ValidationError(
                _("Mindst %(k)s: det er organisationens grænse for samlede tal.")
                % {"k": self.organisation.anonymity_k}
            )
        return k


class TeamAddForm(DesignSystemFormMixin, forms.Form):
    person = PersonByEmailField(
        None,
        label=_("Tilføj en person til planteamet"),
        help_text=_("Skriv navn eller e-mail, og vælg personen."),
    )

    def __init__(self, *args, people=None, search_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].widget.search_url = search_url


class OwnThemeForm(DesignSystemFormMixin, forms.ModelForm):
    prefix = "own"

    class Meta:
        model = PlanTheme
        fields = ["title", "question", "source"]
        widgets = {"question": forms.Textarea(attrs={"rows": 2})}
        labels = {"title": _("Jeres eget tema")}


class DecisionForm(DesignSystemFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Hvad gør I med eskaleringen?"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Begrundelse (lederen af gruppen ser den)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.DECLINED and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Skriv en begrundelse, som lederen af gruppen kan se."))
        return cleaned


class QualifyForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = PlanTheme
        fields = [*PlanTheme.QUALIFY_FIELDS, "offers"]
        widgets = {
            "q_success": forms.Textarea(attrs={"rows": 3}),
            "q_improve": forms.Textarea(attrs={"rows": 3}),
            "q_bright_spots": forms.Textarea(attrs={"rows": 3}),
            "q_others": forms.Textarea(attrs={"rows": 3}),
            "q_initiatives": forms.Textarea(attrs={"rows": 3}),
            "offers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, offers=None, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = offers
        self.fields["offers"].label = _("Eksisterende tilbud, der hører til temaet")
        self.fields["offers"].help_text = ""
        # The brochure's wording, in the reader's language.
        for question in questions or []:
            name = f"q_{question.code}"
            if name in self.fields:
                self.fields[name].label = str(question.text)


def _https_links(field, **kwargs):
    """Links typed without a scheme become https:// (Django 6's default, now)."""
    if isinstance(field, models.URLField):
        return field.formfield(assume_scheme="https", **kwargs)
    return field.formfield(**kwargs)


class OfferForm(DesignSystemFormMixin, forms.ModelForm):
    prefix = "offer"

    class Meta:
        formfield_callback = _https_links
        model = Offer
        fields = ["name", "description", "url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class ActionCardForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = ActionCard
        fields = ["where", "goal", "responsible", "help", "representatives", "follow_up"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ["where", "goal", "responsible", "help", "representatives", "follow_up"]
        }

    def __init__(self, *args, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in (labels or {}).items():
            if code in self.fields:
                self.fields[code].label = label
        self.fields["goal"].required = True
        self.fields["responsible"].required = True
        self.fields["goal"].error_messages["required"] = _("Skriv, hvad målet er.")
        self.fields["responsible"].error_messages["required"] = _("Skriv, hvem der er ansvarlig.")


class ActionTaskForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = ActionTask
        fields = ["who", "text", "due_date"]
        widgets = {"text": forms.TextInput, "due_date": DateInput}
        labels = {"who": _("Hvem"), "text": _("Gør hvad"), "due_date": _("Hvornår")}


class BaseTaskFormSet(BaseInlineFormSet):
    def changes(self) -> tuple[list[ActionTask], list[ActionTask]]:
        """The new and changed tasks, and the deleted ones, from the validated forms, for
        the service to write: the view itself saves nothing."""
        deleted = [form.instance for form in self.deleted_forms if form.instance.pk]
        changed = [
            form.instance
            for form in self.forms
            if form.has_changed() and form not in self.deleted_forms
        ]
        return changed, deleted


TaskFormSet = inlineformset_factory(
    ActionCard,
    ActionTask,
    form=ActionTaskForm,
    formset=BaseTaskFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


class FeedbackForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = FeedbackRequest
        fields = ["answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True
        self.fields["answer"].error_messages["required"] = _(
            "Skriv kort, hvordan jeres ledelsesgruppe bruger planen."
        )
