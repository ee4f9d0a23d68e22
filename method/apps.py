from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodConfig(AppConfig):
    name = "method"
    verbose_name = _("Metoden")

    def ready(self) -> None:
        # Imported here, not at the top: an AppConfig module loads before the app registry.
        from method import loader

        # Fail at start-up, not on a user's page, if a texts file is broken.
        loader.current()
