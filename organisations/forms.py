import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from organisations import selectors
from organisations.models import ManagementGroup, Organisation, Person, Role, Unit
from organisations.selectors import descendant_ids
from ui.forms import DesignSystemFormMixin, PersonByEmailField, UnitByPathField

ASSIGNABLE_ROLES = [(role.value, role.label) for role in Role if role != Role.LEADER_OF_LEADERS]


UNIT_SEARCH_URL = reverse_lazy("organisations:unit_search")


def unit_field(units, *, label, search_url=UNIT_SEARCH_URL, help_text=None) -> UnitByPathField:
    """A unit of `units`, typed with suggestions: one field for every form that names a
    unit (a person's, a group's, a unit's parent, a plan's part of the organisation)."""
    return UnitByPathField(
        units,
        label=label,
        required=False,
        search_url=search_url,
        find=lambda queryset, text: selectors.units_by_path(units=queryset, text=text),
        path_of=lambda pk: selectors.unit_path_of(pk=pk),
        help_text=help_text or _("Skriv enhedens navn, og vælg den blandt forslagene."),
    )


class PeopleFilterForm(DesignSystemFormMixin, forms.Form):
    """The people page's filter (GET): a name or address, and a unit."""

    q = forms.CharField(
        label=_("Søg på navn eller e-mail"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhed"] = unit_field(
            Unit.objects.filter(organisation=organisation),
            label=_("Enhed"),
            help_text=_("Skriv enhedens navn, og vælg den blandt forslagene. Tomt felt: alle."),
        )

    def filters(self) -> tuple[str, Unit | None]:
        self.is_valid()
        return self.cleaned_data.get("q", "").strip()[:100], self.cleaned_data.get("enhed")


class OrganisationForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "sector", "anonymity_k"]


class UnitForm(DesignSystemFormMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "parent"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        self.fields["parent"] = unit_field(
            Unit.objects.filter(organisation=organisation),
            label=_("Overordnet enhed"),
            help_text=_(
                "Skriv navnet, og vælg blandt forslagene. Tomt felt: en enhed på øverste niveau."
            ),
        )

    def clean_parent(self) -> Unit | None:
        parent = self.cleaned_data["parent"]
        if parent and self.instance.pk and parent.pk in descendant_ids(unit=self.instance):
            raise forms.ValidationError(
                _("En enhed kan ikke ligge under sig selv eller under en af sine egne enheder.")
            )
        return parent

    def clean(self):
        cleaned = super().clean()
        name, parent = cleaned.get("name"), cleaned.get("parent")
        if name:
            clash = Unit.objects.filter(organisation=self.organisation, parent=parent, name=name)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", _("Der findes allerede en enhed med det navn samme sted."))
        return cleaned


SEARCH_URL = reverse_lazy("organisations:person_search")


class PersonForm(DesignSystemFormMixin, forms.ModelForm):
    manager = PersonByEmailField(
        Person.objects.none(),
        label=_("Nærmeste leder"),
        required=False,
        search_url=SEARCH_URL,
    )
    roles = forms.MultipleChoiceField(
        label=_("Roller"),
        choices=ASSIGNABLE_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("„Ledere af ledere“ følger af rapporteringslinjerne og skal ikke vælges."),
    )

    class Meta:
        model = Person
        fields = ["name", "email", "title", "unit", "manager", "is_active"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["unit"] = unit_field(
            Unit.objects.filter(organisation=organisation), label=_("Enhed")
        )
        managers = Person.objects.filter(organisation=organisation, is_active=True)
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.assigned_roles)
            managers = managers.exclude(pk=self.instance.pk)
        self.fields["manager"].queryset = managers
        self.fields["manager"].empty_label = _("Ingen nærmeste leder")
        self.fields["manager"].help_text = _(
            "Den leder, personen refererer til: skriv navn eller e-mail og vælg."
        )
        if self.instance.pk and self.instance.has_signed_in:
            self.fields["email"].help_text = _(
                "Personen logger ind med denne adresse. En ny adresse skifter først, når "
                "personen bekræfter den fra sin nuværende adresse."
            )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self) -> None:
        """A taken address is refused by the person's lifecycle command, as in every
        other channel."""

    def person_fields(self) -> dict:
        """What the form says about the person, for `organisations.people`, which
        checks the rules (a taken address, a reporting line in a circle, roles)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "title": data["title"],
            "unit": data["unit"],
            "manager": data["manager"],
            "roles": set(data["roles"]),
            "is_active": data["is_active"],
        }


class ManagementGroupForm(DesignSystemFormMixin, forms.ModelForm):
    """A group's members are listed to keep or take off, and new ones are added by
    e-mail address: an organisation may have 20,000 people to choose from."""

    leader = PersonByEmailField(
        Person.objects.none(),
        label=_("Leder af gruppen"),
        required=False,
        search_url=SEARCH_URL,
        help_text=_("Skriv navn eller e-mail og vælg. Lederen af gruppen er altid medlem."),
    )
    add_members = forms.CharField(
        label=_("Tilføj medlemmer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E-mailadresser, én pr. linje eller adskilt med komma."),
    )

    class Meta:
        model = ManagementGroup
        fields = ["name", "unit", "leader", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}
        labels = {"members": _("Medlemmer")}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        self.people = Person.objects.filter(organisation=organisation, is_active=True)
        self.fields["unit"] = unit_field(
            Unit.objects.filter(organisation=organisation), label=_("Enhed")
        )
        self.fields["leader"].queryset = self.people
        self.fields["leader"].empty_label = _("Vælg gruppens leder")
        # Only the present members are listed, each to keep (ticked) or take off.
        # The leader is always a member, so they are not listed to take off (a page that
        # still sends them, as before, is not refused for it).
        if self.is_bound and self.instance.leader_id and hasattr(self.data, "getlist"):
            self.data = self.data.copy()
            self.data.setlist(
                "members",
                [v for v in self.data.getlist("members") if v != str(self.instance.leader_id)],
            )
        if self.instance.pk:
            self.fields["members"].queryset = self.instance.members.exclude(
                pk=self.instance.leader_id
            ).order_by("name")
            self.fields["members"].required = False
            self.fields["members"].help_text = _(
                "Fjern fluebenet for at tage en person ud af gruppen. Lederen af gruppen er "
                "altid med."
            )
        else:
            del self.fields["members"]
        self.search_url = SEARCH_URL

    def clean_add_members(self) -> list[Person]:
        emails = {e.lower() for e in re.split(r"[,;\s]+", self.cleaned_data["add_members"]) if e}
        found = list(self.people.filter(email__in=emails)) if emails else []
        unknown = sorted(emails - {p.email for p in found})
        if unknown:
            raise forms.ValidationError(
                _("Ingen aktiv person i organisationen har e-mailadressen: %(emails)s.")
                % {"emails": ", ".join(unknown)}
            )
        return found

    def clean(self):
        cleaned = super().clean()
        if "add_members" in cleaned:
            cleaned["members"] = [*cleaned.get("members", []), *cleaned["add_members"]]
        # A leader who hands the group over stays a member; HR can take them off next.
        if self.instance.pk and self.instance.leader_id and "members" in cleaned:
            cleaned["members"] = [*cleaned["members"], self.instance.leader]
        return cleaned

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = ManagementGroup.objects.filter(organisation=self.organisation, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Der findes allerede en ledelsesgruppe med det navn."))
        return name


class ImportForm(DesignSystemFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil fra HR-systemet (CSV eller Excel)"),
        help_text=_("Højst 20 MB. Første række skal være kolonnenavne."),
    )


class ErasureForm(DesignSystemFormMixin, forms.Form):
    confirm_name = forms.CharField(
        label=_("Skriv personens navn for at bekræfte"), max_length=200, required=True
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirm_name(self) -> str:
        name = self.cleaned_data["confirm_name"].strip()
        if name != self.person.name:
            raise forms.ValidationError(_("Navnet passer ikke. Skriv det, som det står øverst."))
        return name
