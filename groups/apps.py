from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    label = "managementgroups"
    verbose_name = _("Værktøj 2: Styrk ledelsesgruppen")
