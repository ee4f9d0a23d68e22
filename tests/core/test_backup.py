"""A backup restores: made while the application runs, restored into a fresh database,
served by the application with nothing missing and the private texts readable with the
same key. Runs on SQLite (the online backup API) and on PostgreSQL (pg_dump and
pg_restore) as the suite does."""

# The PostgreSQL tools and the restored application run as processes with fixed arguments.
# ruff: noqa: S603

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from dialogue.models import SelfAgreement
from tests.conftest import PRIVATE_GOAL

ROOT = Path(__file__).resolve().parents[2]

# Run by the restored application: what it holds, and whether it serves.
READ_BACK = """
import json, django
django.setup()
from django.apps import apps
from django.test import Client
from dialogue.models import SelfAgreement
counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
goals = sorted(a.goals for a in SelfAgreement.objects.all())
status = Client(HTTP_HOST="127.0.0.1").get("/healthz").status_code
print(json.dumps({"counts": counts, "goals": goals, "healthz": status}))
"""


def _restore_postgres(dump: Path) -> str:
    """A fresh database from the dump; returns its DATABASE_URL."""
    config = connection.settings_dict
    name = f"{config['NAME']}_restored"
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    common = ["-h", config["HOST"], "-U", config["USER"] or "postgres"]
    subprocess.run([pg_bin / "dropdb", *common, "--if-exists", name], check=True)
    subprocess.run([pg_bin / "createdb", *common, name], check=True)
    subprocess.run(
        [pg_bin / "pg_restore", *common, "--no-owner", "-d", name, str(dump)],
        check=True,
        capture_output=True,
    )
    from urllib.parse import quote

    return f"postgres://{config['USER'] or 'postgres'}@{quote(config['HOST'], safe='')}/{name}"


@pytest.mark.django_db(transaction=True)
def test_a_backup_made_while_running_restores_with_nothing_missing(world, tmp_path):
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    assert any(a.goals == PRIVATE_GOAL for a in SelfAgreement.objects.all())
    backup = tmp_path / "backup.db"
    call_command("backup", str(backup), verbosity=0)
    assert backup.stat().st_size > 0

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TESTING"}}
    env.update(
        {
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings",
            # The same key as the running application: keys are kept apart from backups.
            "FIELD_ENCRYPTION_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS),
            "SECRET_KEY": settings.SECRET_KEY,
            "LOG_LEVEL": "ERROR",
        }
    )
    if connection.vendor == "sqlite":
        env["SQLITE_PATH"] = str(backup)
    else:
        env["DATABASE_URL"] = _restore_postgres(backup)
    result = subprocess.run(
        [sys.executable, "-c", READ_BACK],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    restored = json.loads(result.stdout.strip().splitlines()[-1])
    assert restored["healthz"] == 200
    missing = {
        label: (n, restored["counts"].get(label))
        for label, n in counts.items()
        if restored["counts"].get(label) != n
    }
    assert not missing, missing
    assert PRIVATE_GOAL in restored["goals"]


def test_a_backup_never_overwrites_a_file(db, tmp_path):
    from django.core.management.base import CommandError

    existing = tmp_path / "there.db"
    existing.write_text("keep me")
    with pytest.raises(CommandError):
        call_command("backup", str(existing), verbosity=0)
    assert existing.read_text() == "keep me"
