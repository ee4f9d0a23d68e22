from django import forms

from benchmark.models import Participation, Sector, SizeBand
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
