from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "dialogue"
    verbose_name = _("Værktøj 1: Dialog med nærmeste leder")

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from dialogue import personal_data

        personal_data.register_all()
