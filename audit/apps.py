from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"

    def ready(self) -> None:
        # Imported here, not at the top: the receivers need the app registry ready.
        from audit import receivers  # noqa: F401
