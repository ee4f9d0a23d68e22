"""Production settings pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "DATABASE_URL"}
    }
    env.update(
        {
            "SECRET_KEY": "a-long-random-production-secret-" + "x9Kq2!vB7#pLm4$wZ8" * 3,
            "FIELD_ENCRYPTION_KEYS": "hK0cY8v5U3Hq0o3J8i9Zx2m4b1c7d6e5f4a3b2c1d0E=",
            "ALLOWED_HOSTS": "ledertrivsel.example.dk",
            "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "SECRET_KEY", "DATABASE_URL"}
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_encryption_keys(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "DATABASE_URL", "FIELD_ENCRYPTION_KEYS"}
    }
    env["SECRET_KEY"] = "a-long-random-production-secret-" + "x9Kq2!vB7#pLm4$wZ8" * 3
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS must be set" in result.stderr


@pytest.mark.postgres_only
def test_postgresql_sessions_run_without_the_query_compiler(db):
    """JIT compiling costs a page 10-40 ms on the largest organisations' counts and never
    pays for itself in a web request (docs/measurements.md, 2026-12-05)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
