from django.core.management.base import BaseCommand

from benchmark import demo as benchmark_demo
from core import status
from dialogue import demo as dialogue_demo
from groups import demo as groups_demo
from operations import demo as followup_demo
from organisations.demo import DEMO_PASSWORD, load_demo
from plans import demo as plans_demo

# Each tool adds its part of the demo story to the same people, in this order.
TOOL_DEMOS = [
    dialogue_demo.load,
    groups_demo.load,
    plans_demo.load,
    followup_demo.load,
    benchmark_demo.load,
]


class Command(BaseCommand):
    help = "Loads the demo organisations Demo Kommune and Demo Finans (idempotent)."

    def handle(self, *args, **options):
        logins = load_demo()
        for loader in TOOL_DEMOS:
            loader()
        # The status page shows the worker's daily figures; the demo has today's at once,
        # and the last quarters' for the trend.
        status.snapshots_take_missing()
        followup_demo.status_history()
        self.stdout.write(self.style.SUCCESS("Demo data er klar. Log ind med:"))
        for email, description in logins:
            self.stdout.write(f"  {email:<28} {description}")
        self.stdout.write(f"Adgangskode for alle: {DEMO_PASSWORD}")
