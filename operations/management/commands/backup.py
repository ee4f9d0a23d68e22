"""A consistent copy of the database while the application runs.

SQLite: the online backup API (never a file copy of a live WAL database, which can
miss what is still in the -wal file). PostgreSQL: pg_dump in its custom format, which
`pg_restore` reads.

The private texts in the copy stay encrypted; the keys (FIELD_ENCRYPTION_KEYS) are not
in it. Keep them apart from the backups: a backup without its key cannot be read, and
a restored backup needs the key it was made with (or a newer one after
rotate_encryption_keys, with the old one still listed).
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Writes a consistent backup of the database to a file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The file to write (it must not exist).")

    def handle(self, *args, path, **options):
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists already.")
        target.parent.mkdir(parents=True, exist_ok=True)
        if connection.vendor == "sqlite":
            self._sqlite(target)
        elif connection.vendor == "postgresql":
            self._postgresql(target)
        else:
            raise CommandError(f"No backup for {connection.vendor}.")
        if options["verbosity"]:
            self.stdout.write(f"Backup written to {target} ({target.stat().st_size} bytes).")

    def _sqlite(self, target: Path) -> None:
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            with destination:
                connection.connection.backup(destination)
        finally:
            destination.close()

    def _postgresql(self, target: Path) -> None:
        pg_dump = shutil.which("pg_dump") or _debian_pg_dump()
        if pg_dump is None:
            raise CommandError("pg_dump is not installed (Debian: postgresql-client).")
        settings = connection.settings_dict
        env = {**os.environ}
        if settings.get("PASSWORD"):
            env["PGPASSWORD"] = settings["PASSWORD"]
        command = [pg_dump, "--format=custom", f"--file={target}", "--no-owner"]
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if settings.get(key):
                command.append(f"{option}={settings[key]}")
        command.append(settings["NAME"])
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode:
            target.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")


def _debian_pg_dump() -> str | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))
    return str(found[-1]) if found else None
