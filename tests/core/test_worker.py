"""The mail and reminder worker as a real process: it works, and it stops cleanly on the
signal that systemd and container runtimes send."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def worker_env(tmp_path) -> dict:
    env = {
        key: value for key, value in os.environ.items() if key not in {"TESTING", "DATABASE_URL"}
    }
    env.update({"DEBUG": "1", "SQLITE_PATH": str(tmp_path / "db.sqlite3"), "LOG_LEVEL": "ERROR"})
    return env


def test_the_worker_stops_cleanly_on_sigterm(tmp_path):
    env = worker_env(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
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
