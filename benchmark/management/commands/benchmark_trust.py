"""The installation that hosts the benchmark trusts another installation's key:
`manage.py benchmark_trust --name "Aarhus Kommune" --public-key benchmark-key.pub.pem`.

Compare the printed fingerprint with the one the other installation's operator read out
when they made the key: the file cannot vouch for its own key."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from benchmark.exchange import ExchangeError, trust


class Command(BaseCommand):
    help = "Trusts another installation's public key for benchmark contributions."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--public-key", required=True, type=Path)

    def handle(self, *args, name, public_key: Path, **options):
        try:
            installation = trust(name=name, public_pem=public_key.read_text())
        except (ExchangeError, OSError) as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(f"{installation}: fingeraftryk {installation.fingerprint}")
