from django.core.management.base import BaseCommand

from organisations.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Loads the demo organisations Demo Kommune and Demo Finans (idempotent)."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data er klar. Log ind med:"))
        for email, description in logins:
            self.stdout.write(f"  {email:<28} {description}")
        self.stdout.write(f"Adgangskode for alle: {DEMO_PASSWORD}")
