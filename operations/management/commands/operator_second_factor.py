"""Gives a platform operator their second factor for the operators' admin (/drift/):
a TOTP key for an authenticator app. The operator signs in with password and code."""

import io

import segno
from django.core.management.base import BaseCommand, CommandError

from identity.models import SecondFactor
from organisations.models import Person


class Command(BaseCommand):
    help = "Makes an operator's TOTP second factor and prints the address for the app."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--replace", action="store_true", help="Replace a second factor already made."
        )

    def handle(self, *args, email, replace, **options):
        operator = Person.objects.filter(
            email__iexact=email, is_staff=True, organisation__isnull=True
        ).first()
        if operator is None:
            raise CommandError(f"{email} is not a platform operator.")
        existing = SecondFactor.objects.devices_for_user(operator, confirmed=None)
        if existing.exists() and not replace:
            raise CommandError(f"{email} has a second factor already (--replace makes a new one).")
        existing.delete()
        device = SecondFactor.objects.create(user=operator, name="Authenticator", confirmed=True)
        code = io.StringIO()
        segno.make(device.config_url, error="m").terminal(out=code, compact=True)
        self.stdout.write(
            "Scan this with the operator's authenticator app (it is shown only now):\n"
            f"{code.getvalue()}\n"
            "Or add this address to the app:\n"
            f"{device.config_url}"
        )
