"""Makes an organisation's signing key for the benchmark across installations:
`manage.py benchmark_key --private benchmark-key.pem --public benchmark-key.pub.pem`.

Keep the private key with the installation's other secrets; give the public key to the
operator of the installation that hosts the benchmark (docs/benchmark-exchange.md)."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from benchmark.exchange import fingerprint, new_key_pair


class Command(BaseCommand):
    help = "Makes an Ed25519 key pair for signing benchmark contributions."

    def add_arguments(self, parser):
        parser.add_argument("--private", required=True, type=Path)
        parser.add_argument("--public", required=True, type=Path)

    def handle(self, *args, private: Path, public: Path, **options):
        for path in (private, public):
            if path.exists():
                raise CommandError(f"{path} findes allerede og overskrives ikke.")
        private_pem, public_pem = new_key_pair()
        descriptor = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(private_pem)
        public.write_text(public_pem)
        self.stdout.write(f"Nøglens fingeraftryk: {fingerprint(public_pem)}")
