"""The platform operators' view. Structure only: no tool's private content is registered
here, and the test suite checks that it stays so."""

from django.contrib import admin

from organisations.models import ManagementGroup, Organisation, Person, RoleAssignment, Unit


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sector", "anonymity_k"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "parent"]
    list_filter = ["organisation"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
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
    readonly_fields = ["last_login", "invited_at"]
    raw_id_fields = ["manager", "unit"]
    inlines = [RoleInline]


@admin.register(ManagementGroup)
class ManagementGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "leader"]
    list_filter = ["organisation"]
    raw_id_fields = ["leader", "unit"]
