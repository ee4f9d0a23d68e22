from django import forms
from django.utils.translation import gettext_lazy as _

from benchmark.deidentify import NameIndex
from benchmark.models import Participation, Sector, SharedCard, SizeBand
from method import loader
from ui.forms import DesignSystemFormMixin


class ParticipationForm(DesignSystemFormMixin, forms.ModelForm):
    """The administrator's choice: which organisations the figures are compared with."""

    class Meta:
        model = Participation
        fields = ["sector", "size_band"]
        widgets = {"sector": forms.RadioSelect, "size_band": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no blank choice: nothing is chosen until one is.
        self.fields["sector"].choices = Sector.choices
        self.fields["size_band"].choices = SizeBand.choices


class ShareCardForm(DesignSystemFormMixin, forms.Form):
    """The card as other organisations will read it. It is proposed with every name
    replaced, and refused while a name of the organisation's is left in it."""

    title = forms.CharField(
        label=_("Temaets titel"),
        max_length=200,
        help_text=_("Jeres eget tema. Andre finder det under »Egne temaer«."),
    )
    where = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    goal = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    help = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    representatives = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    tasks = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Én opgave pr. linje: hvem, kolon, gør hvad. Datoerne deles ikke."),
    )
    follow_up = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, names: NameIndex, own_theme: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names
        if not own_theme:
            del self.fields["title"]
        # The seven fields carry the method's own wording.
        for field in loader.current().action_card.fields:
            self.fields[field.code].label = str(field.label)

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            found = self.names.find(value or "")
            if found:
                for each in found:
                    self.add_error(name, each.explained())
        if not self.errors and not any(
            data.get(field, "").strip() for field in SharedCard.TEXT_FIELDS
        ):
            raise forms.ValidationError(_("Kortet er tomt. Skriv mindst ét felt, før I deler det."))
        return data


def _all(label):
    return [("", label)]


class LibraryFilterForm(DesignSystemFormMixin, forms.Form):
    """Search the shared cards by theme, sector, size band and words."""

    theme = forms.ChoiceField(label=_("Tema"), required=False)
    sector = forms.ChoiceField(
        label=_("Sektor"), required=False, choices=_all(_("Alle sektorer")) + Sector.choices
    )
    size_band = forms.ChoiceField(
        label=_("Størrelse"),
        required=False,
        choices=_all(_("Alle størrelser")) + SizeBand.choices,
    )
    q = forms.CharField(label=_("Søg i teksten"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes = [(str(t.number), f"{t.number}. {t.title}") for t in loader.current().themes]
        self.fields["theme"].choices = _all(_("Alle temaer")) + themes + [("own", _("Egne temaer"))]


class CopyCardForm(DesignSystemFormMixin, forms.Form):
    """Which of the team's own action cards the shared card is copied into."""

    into = forms.ModelChoiceField(label=_("Kopier ind i"), queryset=None, empty_label=None)

    def __init__(self, *args, targets, titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = targets
        self.fields["into"].label_from_instance = lambda theme: (
            _("%(plan)s: tema %(label)s. %(title)s")
            % {"plan": theme.plan.title, "label": theme.label, "title": titles(theme)}
        )
