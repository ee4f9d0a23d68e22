from django.apps import AppConfig


class ScimConfig(AppConfig):
    name = "scim"
    verbose_name = "SCIM"

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from scim import personal_data

        personal_data.register_all()
