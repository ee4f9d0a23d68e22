"""Encrypts all private text again with the first of FIELD_ENCRYPTION_KEYS.

To rotate: put a new key first in FIELD_ENCRYPTION_KEYS (keep the old ones after it),
restart, run this command, then remove the old keys. Text from before encryption is
encrypted too. Safe to run again.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from encrypted.fields import encrypted_fields, reencrypt


class Command(BaseCommand):
    help = "Encrypts all private text again with the first FIELD_ENCRYPTION_KEYS key."

    def handle(self, *args, **options):
        for model in apps.get_models():
            if not encrypted_fields(model):
                continue
            with transaction.atomic():
                count = reencrypt(model)
            if options["verbosity"]:
                self.stdout.write(f"{model._meta.label}: {count}")
