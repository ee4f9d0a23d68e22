"""The platform operators' view. Structure only: no tool's private content is registered
here, and the test suite checks that it stays so."""

from django.contrib import admin

from audit.log import record
from audit.models import Kind
from organisations.models import ManagementGroup, Organisation, Person, RoleAssignment, Unit


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


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
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
        "language",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "invited_at",
    ]
    readonly_fields = ["last_login", "invited_at", "pending_email"]

    def get_readonly_fields(self, request, obj=None):
        # An operator never moves an existing login: a new address would let whoever
        # controls it use "Glemt adgangskode" and read the person's private text.
        if obj is not None:
            return [*self.readonly_fields, "email"]
        return self.readonly_fields

    raw_id_fields = ["manager", "unit"]
    inlines = [RoleInline]


@admin.register(ManagementGroup)
class ManagementGroupAdmin(AuditedAdmin):
    list_display = ["name", "organisation", "leader"]
    list_filter = ["organisation"]
    raw_id_fields = ["leader", "unit"]
