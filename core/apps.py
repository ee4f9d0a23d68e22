from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self) -> None:
        # Logins, failed logins and lockouts for the operators' metrics.
        from core import metrics

        metrics.connect()
