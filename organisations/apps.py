from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisationer")

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from organisations import personal_data_registrations

        personal_data_registrations.register_all()
