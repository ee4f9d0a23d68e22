from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    label = "managementgroups"
    verbose_name = _("Værktøj 2: Styrk ledelsesgruppen")

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from groups import personal_data

        personal_data.register_all()
