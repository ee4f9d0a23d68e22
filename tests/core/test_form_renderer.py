"""ui.renderers writes Django's widgets in Python: each writer must give exactly what
the template it replaces gives, or a form would change where nobody looks."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from ui.forms import PersonPicker
from ui.renderers import WRITERS, PythonWidgetRenderer

CHOICES = [("a", "Første <valg>"), ("b", 'Andet "valg"'), (3, "Tredje & sidste")]
GROUPED = [("Gruppe & en", [("x", "X"), ("y", "Y")]), ("z", "Z alene")]


class EveryWidget(forms.Form):
    text = forms.CharField(
        max_length=20, help_text="hjælp", widget=forms.TextInput(attrs={"class": "form-input"})
    )
    empty = forms.CharField(required=False)
    email = forms.EmailField(required=False)
    number = forms.IntegerField(required=False, min_value=1)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    choose = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, required=False)
    grouped_radio = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    flags = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"disabled": True, "readonly": False})
    )


DATA = {
    "text": '<b>fed</b> & "citat"',
    "email": "a@b.dk",
    "number": "0",
    "day": "2026-12-05",
    "secret": "hemmelig<",
    "hidden": "skjult",
    "agree": "on",
    "note": "\nlinje to <i>",
    "choose": "b",
    "grouped": "y",
    "many": ["a", "3"],
    "radio": "3",
    "grouped_radio": "z",
    "boxes": ["b"],
}


@pytest.mark.parametrize(
    "form",
    [
        EveryWidget(),
        EveryWidget(data=DATA),
        EveryWidget(initial={"text": mark_safe("<sikker>"), "day": datetime.date(2026, 1, 2)}),
    ],
    ids=["unbound", "bound with every value", "initial"],
)
def test_each_widget_reads_as_its_template_does(form):
    templates, python = DjangoTemplates(), PythonWidgetRenderer()
    for bound in form:
        widget, name = bound.field.widget, bound.html_name
        value = bound.value()
        by_template = widget.render(name, value, attrs={"id": bound.auto_id}, renderer=templates)
        by_python = widget.render(name, value, attrs={"id": bound.auto_id}, renderer=python)
        assert by_python == by_template, name
        for option in widget.subwidgets(name, value, attrs={"id": bound.auto_id}):
            # Each choice alone, as partials/field.html writes it ({{ choice.tag }}).
            assert forms.boundfield.BoundWidget(widget, option, python).tag() == (
                forms.boundfield.BoundWidget(widget, option, templates).tag()
            ), name


def test_every_widget_in_the_test_form_is_written_in_python():
    """The comparison above only means something if each kind of widget went through a
    writer, not the template fallback."""
    written = {bound.field.widget.template_name for bound in EveryWidget()} | {
        "django/forms/widgets/select_option.html",
        "django/forms/widgets/radio_option.html",
    }
    assert written <= set(WRITERS)


def test_a_widget_with_a_template_of_its_own_still_renders_through_it():
    picker = PersonPicker()
    picker.search_url = "/find/"
    by_python = picker.render("who", "a@b.dk", {"id": "id_who"}, renderer=PythonWidgetRenderer())
    assert by_python == picker.render("who", "a@b.dk", {"id": "id_who"}, renderer=DjangoTemplates())
    assert '<datalist id="id_who_options">' in by_python


def test_the_product_renders_its_forms_in_python(settings):
    assert settings.FORM_RENDERER == "ui.renderers.PythonWidgetRenderer"
