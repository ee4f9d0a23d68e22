from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = _("Log ind via organisationen")

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from identity import personal_data

        personal_data.register_all()
