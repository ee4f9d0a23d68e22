from django import forms
from django.utils.translation import gettext_lazy as _

from followup.models import Status


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
