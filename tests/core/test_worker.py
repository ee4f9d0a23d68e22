"""The mail and reminder worker as a real process: it works, and it stops cleanly on the
signal that systemd and container runtimes send."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]


def worker_env(tmp_path) -> dict:
    env = {
        key: value for key, value in os.environ.items() if key not in {"TESTING", "DATABASE_URL"}
    }
    env.update({"DEBUG": "1", "SQLITE_PATH": str(tmp_path / "db.sqlite3"), "LOG_LEVEL": "ERROR"})
    return env


@pytest.fixture
def database_file(tmp_path, django_db_blocker) -> Path:
    """A SQLite file with every table of the models, made in a moment by the schema
    editor, where running every migration in a new process took many seconds. (The
    migrations themselves are applied by the suites' own databases and by the soak.)"""
    path = tmp_path / "db.sqlite3"
    settings_dict = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {},
    }
    connections.settings["worker_file"] = settings_dict
    try:
        with django_db_blocker.unblock():
            wrapper = connections["worker_file"]
            with wrapper.schema_editor() as editor:
                for model in apps.get_models():
                    if model._meta.managed and not model._meta.proxy:
                        editor.create_model(model)
            wrapper.close()
    finally:
        del connections["worker_file"]
        del connections.settings["worker_file"]
    return path


def test_the_worker_stops_cleanly_on_sigterm(tmp_path, database_file):
    env = worker_env(tmp_path)
    assert env["SQLITE_PATH"] == str(database_file)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders", "--loop", "3600"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The first pass runs at once; then the worker waits an hour for the next.
        first_line = worker.stdout.readline()
        assert first_line.startswith("Queued 0, sent 0."), first_line + worker.stderr.read()
        started = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=20)
        assert time.monotonic() - started < 10  # not the hour's wait
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, err
    assert "Stopped." in out
