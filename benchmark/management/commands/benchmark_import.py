"""Imports another installation's signed contribution to the benchmark:
`manage.py benchmark_import bidrag.json`. A file signed by a key this installation does
not trust, or changed after it was signed, is refused and nothing is imported. The
quarter's release here adds the contribution to its own figures."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from benchmark.exchange import ExchangeError, import_contribution


class Command(BaseCommand):
    help = "Verifies and imports another installation's benchmark contribution."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            document = json.loads(file.read_text())
        except (OSError, ValueError) as wrong:
            raise CommandError(f"{file} kan ikke læses som et bidrag: {wrong}") from wrong
        try:
            contribution = import_contribution(document)
        except ExchangeError as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(f"Læst ind: {contribution}")
