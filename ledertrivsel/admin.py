from django.contrib import admin

from access import policy


class PlatformAdminSite(admin.AdminSite):
    """The Django admin, for platform operators only.

    People of an organisation (HR and administrators included) manage their
    organisation in the product itself, where the access policy applies.
    """

    site_header = "Ledertrivsel – drift"
    site_title = "Ledertrivsel – drift"

    def has_permission(self, request) -> bool:
        return policy.can_access_django_admin(request.user)
