from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarkConfig(AppConfig):
    name = "benchmark"
    verbose_name = _("Sammenligning med andre organisationer")

    def ready(self) -> None:
        # What this app holds about a person, for "Mine data" and erasure.
        from benchmark import personal_data

        personal_data.register_all()
