"""The platform operators' view. Structure only: no tool's private content is registered
here, and the test suite checks that it stays so."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.log import record
from audit.models import Kind
from organisations import people
from organisations.forms import ASSIGNABLE_ROLES
from organisations.models import ManagementGroup, OperatorRequest, Organisation, Person, Unit


class AuditedAdmin(admin.ModelAdmin):
    """Every change an operator makes lands in the organisation's audit log too, so HR
    and the person can see it (which fields, never their values)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record(
            Kind.OPERATOR,
            actor=request.user,
            subject=obj if isinstance(obj, Person) else None,
            organisation_id=_organisation_id(obj),
            model=obj._meta.model_name,
            fields=sorted(form.changed_data),
        )

    def delete_model(self, request, obj):
        organisation_id = _organisation_id(obj)
        super().delete_model(request, obj)
        record(
            Kind.OPERATOR,
            actor=request.user,
            organisation_id=organisation_id,
            model=obj._meta.model_name,
            deleted=True,
        )


def _organisation_id(obj) -> int | None:
    return obj.pk if isinstance(obj, Organisation) else getattr(obj, "organisation_id", None)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "slug", "sector", "anonymity_k"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "organisation", "parent"]
    list_filter = ["organisation"]


def _roles_field() -> forms.MultipleChoiceField:
    """The roles an operator may name, as HR's own form offers them."""
    return forms.MultipleChoiceField(
        label=_("Roller"),
        choices=ASSIGNABLE_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class OperatorPersonForm(forms.ModelForm):
    """An operator sets an organisation up and names its first administrator; the rules
    are the person's lifecycle's (`organisations.people`), checked here to show them."""

    roles = _roles_field()

    class Meta:
        model = Person
        fields = ["organisation", "name", "email", "title", "unit", "manager", "is_active"]

    def __init__(self, *args, operator: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.operator = operator
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.assigned_roles)

    def validate_unique(self) -> None:
        """A taken address is refused by the lifecycle's rules below."""

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.operator is None:
            return cleaned
        source = people.Source.operator(self.operator)
        try:
            if self.instance.pk is None:
                organisation = cleaned.get("organisation")
                if organisation is None:
                    raise ValidationError(_("Vælg organisationen."))
                people.check_create(
                    organisation_id=organisation.pk,
                    email=cleaned["email"].strip().lower(),
                    manager=cleaned.get("manager"),
                    roles=set(cleaned["roles"]),
                    source=source,
                )
            else:
                stored = Person.objects.get(pk=self.instance.pk)
                people.check_change(
                    person=stored,
                    source=source,
                    manager=cleaned.get("manager"),
                    roles=set(cleaned["roles"]),
                    is_active=cleaned["is_active"],
                )
        except people.PersonError as error:
            raise ValidationError(str(error)) from error
        return cleaned


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """People change through the same commands as in every other channel, which record
    each change with the operator as its source. An operator never deletes a person
    (erasure is the person's own request) and never moves an existing login."""

    form = OperatorPersonForm
    list_display = ["name", "email", "organisation", "unit", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["name", "email"]
    fields = [
        "organisation",
        "name",
        "email",
        "title",
        "unit",
        "manager",
        "is_active",
        "roles",
        "last_login",
        "invited_at",
    ]
    readonly_fields = ["last_login", "invited_at", "pending_email"]
    raw_id_fields = ["manager", "unit"]
    actions = ["invite"]

    def get_readonly_fields(self, request, obj=None):
        # An operator never moves an existing login: a new address would let whoever
        # controls it use "Glemt adgangskode" and read the person's private text.
        if obj is not None:
            return [*self.readonly_fields, "email", "organisation"]
        return self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class WithOperator(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, operator=request.user, **inner)

        return WithOperator

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        source = people.Source.operator(request.user)
        fields = {
            "name": data["name"],
            "title": data["title"],
            "unit": data["unit"],
            "manager": data["manager"],
            "roles": set(data["roles"]),
            "is_active": data["is_active"],
        }
        if change:
            people.person_change(person=obj, source=source, **fields)
            obj.refresh_from_db()
        else:
            created = people.person_create(
                organisation=data["organisation"], email=data["email"], source=source, **fields
            )
            obj.pk = created.pk
            obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        """Roles were given by the lifecycle command in `save_model`."""

    @admin.action(description=_("Send en invitation, så personen kan vælge en adgangskode"))
    def invite(self, request, queryset):
        for person in queryset:
            try:
                people.person_invite(person=person, source=people.Source.operator(request.user))
            except people.PersonError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, _("Invitationen er sendt til %(email)s.") % {"email": person.email}
                )


class OperatorRequestForm(forms.ModelForm):
    roles = _roles_field()

    class Meta:
        model = OperatorRequest
        fields = ["organisation", "person", "email", "name", "roles", "reason"]
        help_texts = {"person": _("Kun når rollerne er til en, der allerede er i organisationen.")}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            people.operator_request_check(
                organisation_id=cleaned["organisation"].pk,
                person=cleaned.get("person"),
                email=(cleaned.get("email") or "").strip().lower(),
                roles=cleaned["roles"],
            )
        except people.PersonError as error:
            raise ValidationError(str(error)) from error
        return cleaned


@admin.register(OperatorRequest)
class OperatorRequestAdmin(admin.ModelAdmin):
    """An operator asks an organisation that has an administrator for a person or for
    roles; the organisation's administrators decide in the product."""

    form = OperatorRequestForm
    list_display = ["organisation", "email", "person", "created_at", "approved"]
    list_filter = ["organisation"]
    raw_id_fields = ["person"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [f.name for f in OperatorRequest._meta.fields]
        return []

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        made = people.operator_request_create(
            organisation=data["organisation"],
            source=people.Source.operator(request.user),
            reason=data["reason"],
            person=data.get("person"),
            email=data.get("email") or "",
            name=data.get("name") or "",
            roles=data["roles"],
        )
        obj.pk = made.pk
        obj.refresh_from_db()


# django-otp's TOTP device keeps its seed in clear; operators' second factors are
# identity.SecondFactor (identity/admin.py), and the old model has no page.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(ManagementGroup)
class ManagementGroupAdmin(AuditedAdmin):
    list_display = ["name", "organisation", "leader"]
    list_filter = ["organisation"]
    raw_id_fields = ["leader", "unit"]
