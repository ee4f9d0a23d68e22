from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from organisations.demo import DEMO_PASSWORD, load_demo

# Each tool adds its part of the demo story to the same people, in this order.
TOOL_DEMOS = ["dialogue.demo.load", "groups.demo.load", "plans.demo.load", "followup.demo.load"]


class Command(BaseCommand):
    help = "Loads the demo organisations Demo Kommune and Demo Finans (idempotent)."

    def handle(self, *args, **options):
        logins = load_demo()
        for loader in TOOL_DEMOS:
            import_string(loader)()
        self.stdout.write(self.style.SUCCESS("Demo data er klar. Log ind med:"))
        for email, description in logins:
            self.stdout.write(f"  {email:<28} {description}")
        self.stdout.write(f"Adgangskode for alle: {DEMO_PASSWORD}")
