"""The UI kit's forms: Det Fælles Designsystem on Django's widgets, a person chosen by
e-mail address, a unit by its path, and the ratings of tools 2 and 3 on the method's
scale."""

from django import forms
from django.utils.translation import gettext_lazy as _

from prioritymap.model import SCALE, Rated


class DesignSystemFormMixin:
    """Puts Det Fælles Designsystem's classes on each widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = (
                    "form-checkbox"
                    if isinstance(widget, forms.CheckboxSelectMultiple)
                    else "form-radio"
                )
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-checkbox"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            elif isinstance(widget, forms.FileInput):
                css = "form-file-input"
            else:
                css = "form-input"
            classes = widget.attrs.get("class", "").split()
            widget.attrs["class"] = " ".join(classes if css in classes else [*classes, css])


class PersonPicker(forms.TextInput):
    """A person's e-mail address, with suggestions by name as you type.

    The suggestions come from `search_url` (set by the form), which lists only people
    the field accepts. Without scripts the address is typed whole. A large organisation
    has 20,000 people: too many for a list to choose from.
    """

    template_name = "ui/widgets/person_picker.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.search_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = self.search_url
        return context


class PersonByEmailField(forms.ModelChoiceField):
    """One person of `queryset`, chosen by e-mail address (PersonPicker)."""

    widget = PersonPicker
    default_error_messages = {
        "invalid_choice": _(
            "Der er ingen at vælge med e-mailadressen %(value)s. Skriv hele adressen, eller "
            "vælg en person blandt forslagene."
        ),
    }

    def __init__(self, queryset, *, search_url: str = "", **kwargs):
        super().__init__(queryset, to_field_name="email", **kwargs)
        self.widget.search_url = search_url

    def to_python(self, value):
        return super().to_python(value.strip().lower() if isinstance(value, str) else value)

    def prepare_value(self, value):
        # A model form's initial value is the person's id; the field shows the address.
        if isinstance(value, int) and not isinstance(value, bool):
            people = self.queryset.model._default_manager
            return people.filter(pk=value).values_list("email", flat=True).first() or ""
        return super().prepare_value(value)


class UnitPicker(PersonPicker):
    """A unit's path ("Social og Sundhed / Hjemmeplejen") or its name, with
    suggestions by name as you type: an organisation with a unit per leader has 20,000
    units, too many for a list to choose from."""


class UnitByPathField(forms.ModelChoiceField):
    """One unit of `queryset`, named by its path or its name (UnitPicker).

    `find(queryset, text)` lists the units the text names and `path_of(pk)` gives a
    unit's path: the organisation's selectors, which the UI kit does not know.
    """

    widget = UnitPicker
    default_error_messages = {
        "invalid_choice": _(
            "Der er ingen enhed at vælge, der hedder „%(value)s“. Skriv enhedens navn, og "
            "vælg den blandt forslagene."
        ),
        "ambiguous": _(
            "Flere enheder hedder „%(value)s“. Vælg den rigtige blandt forslagene, eller skriv "
            "enheden over den foran med / imellem, fx „Social og Sundhed / Hjemmeplejen“."
        ),
    }

    def __init__(self, queryset, *, find, path_of, search_url: str = "", **kwargs):
        super().__init__(queryset, **kwargs)
        self.find, self.path_of = find, path_of
        self.widget.search_url = search_url
        # Forms put it in place after the design system's classes are given out.
        self.widget.attrs.setdefault("class", "form-input")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = " ".join(str(value).split())
        found = self.find(self.queryset, text)
        if len(found) != 1:
            code = "ambiguous" if found else "invalid_choice"
            raise forms.ValidationError(
                self.error_messages[code], code=code, params={"value": text}
            )
        return found[0]

    def prepare_value(self, value):
        if hasattr(value, "_meta"):
            value = value.pk
        if isinstance(value, int) and not isinstance(value, bool):
            return self.path_of(value)
        return value


class RatingsForm(forms.Form):
    """Importance and success on the method's scale (÷ / - / +) for each item: tool 2's
    statements and tool 3's themes. The fields are `i<key>` and `s<key>`.

    Answers are saved as the person goes, so an empty field is None, and so is a field
    with a value off the scale: a bad value never costs the person their other answers.
    """

    def __init__(self, data=None, *, keys):
        super().__init__(data)
        self.keys = list(keys)
        for key in self.keys:
            for prefix in ("i", "s"):
                self.fields[f"{prefix}{key}"] = forms.TypedChoiceField(
                    choices=[(str(value), str(value)) for value in SCALE],
                    coerce=int,
                    empty_value=None,
                    required=False,
                )

    def ratings(self) -> dict[int, Rated]:
        self.is_valid()  # Fills cleaned_data with every field that is on the scale.
        return {
            key: Rated(
                importance=self.cleaned_data.get(f"i{key}"),
                success=self.cleaned_data.get(f"s{key}"),
            )
            for key in self.keys
        }
