"""Benchmark: the key pages' throughput against a bare Django view, on the same gunicorn.

Run with `make bench`. It loads the demo into a fresh SQLite database (or the PostgreSQL
server DATABASE_URL names: `make bench` runs both), starts gunicorn
(deploy/gunicorn.conf.py, 2 workers, DEBUG off) and measures with wrk, 4 connections,
logged in, each page and /bench/bare/ (a view that does nothing, through the same
middleware and session). It prints responses per second, the ratio to the bare view and
the queries each page makes. The goal is a ratio of at least 0.5 for every key page.
No thresholds fail the run: speed is reported, not tested.
"""

# The benchmark starts gunicorn and wrk with fixed command lines.
# ruff: noqa: S603, S607, S310

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
GOAL = 0.5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wrk(url: str, cookie: str, seconds: int) -> float:
    result = subprocess.run(
        ["wrk", "-t1", "-c4", f"-d{seconds}s", "-H", f"Cookie: {cookie}",
         "-H", "X-Forwarded-Proto: https", url],
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if errors:
        raise RuntimeError(f"{url} answered errors: {result.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="ledertrivsel-bench."))
    from cryptography.fernet import Fernet

    sys.path.insert(0, str(ROOT))
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING"}}
    if env.get("DATABASE_URL"):
        from bench.scale_bench import create_postgres_database

        create_postgres_database(env["DATABASE_URL"])
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SQLITE_PATH": str(work / "db.sqlite3"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "ERROR",
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "GUNICORN_WORKERS": "2",
            # No worker restarts while a page is measured.
            "GUNICORN_MAX_REQUESTS": "0",
        }
    )
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "-v0"],
                    ["collectstatic", "--noinput", "-v0"]):  # fmt: skip
        subprocess.run([str(BIN / "python"), "manage.py", *command], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    import django

    django.setup()
    pages, sessions = pages_to_measure()
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                request = urllib.request.Request(
                    f"{base}/healthz", headers={"X-Forwarded-Proto": "https"}
                )
                urllib.request.urlopen(request, timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        from django.db import connection

        database = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
        print(
            f"gunicorn, 2 workers, DEBUG off, {database}, demo data; wrk -c4 for {SECONDS} s each"
        )
        print(f"{'page':<34}{'as':<28}{'resp/s':>8}{'bare':>8}{'ratio':>7}{'queries':>9}")
        bare_of: dict[str, float] = {}
        for name, who, url, queries in pages:
            cookie = sessions[who]
            wrk(base + url, cookie, 1)  # warm up
            if who not in bare_of:
                wrk(base + "/bench/bare/", cookie, 1)
                bare_of[who] = wrk(base + "/bench/bare/", cookie, SECONDS)
            rate = wrk(base + url, cookie, SECONDS)
            ratio = rate / bare_of[who]
            mark = "" if ratio >= GOAL else "  < goal"
            print(
                f"{name:<34}{who:<28}{rate:>8.0f}{bare_of[who]:>8.0f}{ratio:>7.2f}{queries:>9}{mark}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


def pages_to_measure():
    """(name, person, url, queries) for each key page, and a session cookie per person."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from groups.models import Round, RoundStatus
    from organisations.models import Person
    from plans.models import Plan

    preparing = Round.objects.filter(status=RoundStatus.PREPARATION).first()
    closed = Round.objects.filter(status=RoundStatus.CLOSED).first()
    plan = Plan.objects.filter(team__email="direktion@demo.example").first()
    wanted = [
        ("home", "leder1@demo.example", "/"),
        ("Mit overblik", "leder1@demo.example", "/overblik/"),
        ("tool 1: interview guide", "leder1@demo.example", "/dialog/interviewguide/"),
        ("tool 2: preparation", "leder1@demo.example", f"/runder/{preparing.pk}/forberedelse/"),
        ("tool 2: group map", "chef@demo.example", f"/runder/{closed.pk}/kort/"),
        ("tool 1: Dine ledere", "chef@demo.example", "/dialog/ledere/"),
        ("tool 3: plan", "direktion@demo.example", f"/planer/{plan.pk}/"),
        ("tool 3: prioritise", "direktion@demo.example", f"/planer/{plan.pk}/prioriter/"),
        ("status", "direktion@demo.example", "/organisation/status/"),
        ("people (HR)", "hr@demo.example", "/organisation/personer/"),
    ]
    sessions, pages = {}, []
    for name, email, url in wanted:
        if email not in sessions:
            client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
            client.force_login(Person.objects.get(email=email))
            sessions[email] = f"sessionid={client.cookies['sessionid'].value}"
        client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
        client.cookies["sessionid"] = sessions[email].split("=", 1)[1]
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            status = client.get(url).status_code
        if status != 200:
            raise RuntimeError(f"{url} as {email}: {status}")
        pages.append((name, email, url, len(context.captured_queries)))
    return pages, sessions


if __name__ == "__main__":
    main()
