from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Værktøj 3: Styrk organisationen")

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from plans import personal_data, receivers

        personal_data.register_all()
        receivers.connect()
