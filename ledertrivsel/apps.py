from django.contrib.admin.apps import AdminConfig


class PlatformAdminConfig(AdminConfig):
    default_site = "ledertrivsel.admin.PlatformAdminSite"
