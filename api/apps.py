from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from api import personal_data

        personal_data.register_all()
