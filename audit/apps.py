from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from audit import personal_data

        personal_data.register_all()
        # Imported here, not at the top: the receivers need the app registry ready.
        from audit import receivers  # noqa: F401
