"""`make soak`: the production topology on this machine, under load and faults.

Run inside scripts/with-postgres.sh (a throwaway PostgreSQL cluster). It starts nginx
(deploy/nginx/ledertrivsel.conf, TLS with a throwaway certificate) in front of two
gunicorn app servers (deploy/gunicorn.conf.py), the mail and reminder worker, and an
SMTP server; makes a large organisation (generate_organisation); and runs locust with
realistic users (scripts/soak/locustfile.py). A third of the way in it SIGKILLs one app
server and starts it again; two thirds in it restarts PostgreSQL. Afterwards it checks
that every write a client got a 2xx for is in the database, and reports requests,
failures, p50/p95/p99 per page, the error ratio outside the restart windows and lost
writes, against the goals. Exit status 1 when a goal that the run enforces is missed.

    scripts/with-postgres.sh .venv/bin/python scripts/soak/run.py --users 50 --minutes 3
"""

# This script starts the deployment's processes; every command line is fixed here.
# ruff: noqa: S603, S607

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
KEY_PAGES = {
    "home",
    "Mit overblik",
    "tool 1: interview guide",
    "tool 1: autosave",
    "tool 2: prepare",
    "tool 2: group map",
    "tool 3: rate themes",
    "HR: people",
    "HR: units",
    "status",
}
GOAL_ERROR_RATIO = 0.001
GOAL_P95_MS = 200
RESTART_GRACE_S = 10  # after a restart, until the pools have reconnected


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def say(message: str) -> None:
    print(f"[soak {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


class Topology:
    """Every process of the deployment, started and stopped in order."""

    def __init__(self, work: Path, env: dict, app_ports: list[int], https: int, http: int):
        self.work, self.env = work, env
        self.app_ports, self.https, self.http = app_ports, https, http
        self.apps: dict[int, subprocess.Popen] = {}
        self.worker = self.nginx = None
        self.logs = open(work / "processes.log", "ab")  # noqa: SIM115

    def manage(self, *args: str) -> None:
        subprocess.run(
            [str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=self.env, check=True
        )

    def manage_in_background(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=self.env)

    def start_app(self, port: int, *, wait: bool = True) -> None:
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "2"}
        self.apps[port] = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=self.logs,
            stderr=self.logs,
            start_new_session=True,  # its own process group: SIGKILL takes its workers too
        )
        if wait:
            self.wait_for_app(port)

    def wait_for_app(self, port: int) -> None:
        wait_for(f"http://127.0.0.1:{port}/healthz", host="127.0.0.1")

    def kill_app(self, port: int) -> None:
        os.killpg(self.apps[port].pid, signal.SIGKILL)
        self.apps[port].wait()

    def start_worker(self) -> None:
        self.worker = subprocess.Popen(
            [str(BIN / "python"), "manage.py", "send_reminders", "--loop", "5", "-v0"],
            cwd=ROOT,
            env=self.env,
            stdout=self.logs,
            stderr=self.logs,
        )

    def start_nginx(self) -> None:
        certificate, key = self.work / "tls.crt", self.work / "tls.key"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
            check=True,
            capture_output=True,
        )  # fmt: skip
        site = (ROOT / "deploy" / "nginx" / "ledertrivsel.conf").read_text()
        upstream = "\n    ".join(
            f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in self.app_ports
        )
        for name, value in {
            "@UPSTREAM_SERVERS@": upstream,
            "@HTTP_PORT@": str(self.http),
            "@HTTPS_PORT@": str(self.https),
            "@SERVER_NAME@": "127.0.0.1 localhost",
            "@TLS_CERTIFICATE@": str(certificate),
            "@TLS_KEY@": str(key),
        }.items():
            site = site.replace(name, value)
        (self.work / "site.conf").write_text(site)
        user = "user root;" if os.getuid() == 0 else ""
        (self.work / "nginx.conf").write_text(
            f"""{user}
worker_processes 1;
pid {self.work}/nginx.pid;
error_log {self.work}/nginx-error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {self.work}/body;
    proxy_temp_path {self.work}/proxy;
    fastcgi_temp_path {self.work}/fastcgi;
    uwsgi_temp_path {self.work}/uwsgi;
    scgi_temp_path {self.work}/scgi;
    include {self.work}/site.conf;
}}
"""
        )
        self.nginx = subprocess.Popen(
            ["/usr/sbin/nginx", "-c", str(self.work / "nginx.conf"), "-p", str(self.work)],
            stdout=self.logs,
            stderr=self.logs,
        )
        wait_for(f"https://127.0.0.1:{self.https}/healthz", host="127.0.0.1")

    def stop(self) -> int | None:
        """Stops everything; returns the worker's exit status after SIGTERM."""
        worker_status = None
        if self.worker and self.worker.poll() is None:
            self.worker.send_signal(signal.SIGTERM)
            try:
                worker_status = self.worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker_status = "did not stop within 60 s of SIGTERM"
                self.worker.kill()
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            self.nginx.wait(timeout=30)
        for process in self.apps.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=60)
        return worker_status


def wait_for(url: str, *, host: str, seconds: float = 60) -> None:
    context = ssl._create_unverified_context()  # noqa: S323 - the soak's own certificate
    deadline = time.monotonic() + seconds
    while True:
        try:
            # As the proxy would ask: an app server sends plain-http requests to https.
            headers = {"Host": host, "X-Forwarded-Proto": "https"}
            request = urllib.request.Request(url, headers=headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=5, context=context) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer")
        time.sleep(0.3)


def static_files_served(base: str) -> int:
    """Every stylesheet and script the sign-in page names, and every font those
    stylesheets name, answers 200 through nginx: collectstatic left nothing out (the
    tests serve static files from their sources, so only a deployment can show this)."""
    context = ssl._create_unverified_context()  # noqa: S323 - the soak's own certificate

    def get(url: str) -> str:
        with urllib.request.urlopen(url, timeout=10, context=context) as response:  # noqa: S310
            return response.read().decode("utf-8", "replace")

    page = get(f"{base}/log-ind/")
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', page)
    fonts = set()
    for stylesheet in (a for a in assets if a.endswith(".css")):
        for font in re.findall(r"url\([\"']?([^\"')]+\.woff2)", get(base + stylesheet)):
            fonts.add(urllib.parse.urljoin(stylesheet, font))
    for url in [*assets, *sorted(fonts)]:
        get(base + url)  # raises on anything but a success
    if not assets or not fonts:
        raise SystemExit(f"the sign-in page names no stylesheet or font: {assets}")
    return len(assets) + len(fonts)


def _cluster() -> tuple[str, Path, list[str]]:
    """The cluster that scripts/with-postgres.sh made: its socket folder is
    DATABASE_URL's host."""
    folder = unquote(urlparse(os.environ["DATABASE_URL"]).hostname or "")
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    return folder, pg_bin, as_owner


def create_database() -> None:
    folder, pg_bin, as_owner = _cluster()
    name = urlparse(os.environ["DATABASE_URL"]).path.lstrip("/")
    subprocess.run(
        [*as_owner, str(pg_bin / "createdb"), "-h", folder, "-U", "postgres", name],
        check=True,
        capture_output=True,
    )


def restart_postgres() -> None:
    folder, pg_bin, as_owner = _cluster()
    # The restarted server keeps its output: to a log file, never to a pipe of ours
    # (waiting for that pipe to close would wait for the server to stop).
    subprocess.run(
        [*as_owner, str(pg_bin / "pg_ctl"), "-D", f"{folder}/data", "-l",
         f"{folder}/server.log", "-m", "fast", "-w", "restart"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--leaders", type=int, default=20000)
    parser.add_argument("--report", default=str(ROOT / "test-artifacts" / "soak.json"))
    parser.add_argument(
        "--enforce-latency",
        action="store_true",
        help="Fail when a key page's p95 is above the goal (make soak; the 30-second "
        "smoke in make test runs beside nothing else but checks only correctness).",
    )
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("Run inside scripts/with-postgres.sh.")
    from cryptography.fernet import Fernet

    work = Path(tempfile.mkdtemp(prefix="ledertrivsel-soak."))
    work.chmod(0o755)
    https, http = free_port(), free_port()
    app_ports = [free_port(), free_port()]
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING"}}
    env.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https}",
            "SITE_URL": f"https://127.0.0.1:{https}",
            "PROXY_COUNT": "1",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_ACCESS_LOG": "/dev/null",
        }
    )
    # Mail goes to a real SMTP server that this process runs.
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    class Counting(Sink):
        received = 0

        async def handle_DATA(self, server, session, envelope):
            Counting.received += 1
            return "250 OK"

    smtp = Controller(Counting(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    env.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port), "EMAIL_USE_TLS": "0"})
    os.environ.update(env)
    os.environ.pop("DEBUG", None)
    topology = Topology(work, env, app_ports, https, http)
    try:
        say(f"set-up in {work}")
        create_database()
        # The static files need no database: collected while the database is filled.
        collecting = topology.manage_in_background("collectstatic", "--noinput", "-v0")
        topology.manage("migrate", "--noinput", "-v0")
        started = time.monotonic()
        topology.manage("generate_organisation", "--leaders", str(args.leaders), "--slug", "soak")
        generate_seconds = time.monotonic() - started
        if collecting.wait() != 0:
            raise SystemExit("collectstatic failed")
        users_file = work / "users.json"
        users_file.write_text(json.dumps(soak_users(args.users)))
        for port in app_ports:
            topology.start_app(port, wait=False)
        topology.start_worker()
        for port in app_ports:
            topology.wait_for_app(port)
        topology.start_nginx()
        say(f"nginx on https://127.0.0.1:{https}/ in front of gunicorn on {app_ports}")
        assets = static_files_served(f"https://127.0.0.1:{https}")
        say(f"the sign-in page's {assets} stylesheets, scripts and fonts are served")

        windows: list[tuple[str, float, float]] = []

        def chaos() -> None:
            time.sleep(args.seconds * 0.35)
            killed = time.time()
            say(f"SIGKILL app server on {app_ports[0]}")
            topology.kill_app(app_ports[0])
            time.sleep(3)
            topology.start_app(app_ports[0])
            windows.append(("app server killed", killed, time.time() + RESTART_GRACE_S))
            say("app server back")
            time.sleep(max(0, args.seconds * 0.7 - (time.time() - load_started)))
            restarted = time.time()
            say("restarting PostgreSQL")
            restart_postgres()
            windows.append(("PostgreSQL restarted", restarted, time.time() + RESTART_GRACE_S))
            say("PostgreSQL back")

        # Users arrive two a second (for 50): people log in over the morning, not all in
        # the same five seconds, and each login costs an Argon2 hash on purpose.
        results_file = work / "results.json"
        load_started = time.time()
        chaos_thread = threading.Thread(target=chaos, daemon=True)
        chaos_thread.start()
        subprocess.run(
            [str(BIN / "locust"), "-f", str(ROOT / "scripts/soak/locustfile.py"),
             "--headless", "--users", str(args.users),
             "--spawn-rate", str(max(1, args.users // 25)),
             "--run-time", f"{args.seconds}s", "--stop-timeout", "10", "--only-summary",
             "--host", f"https://127.0.0.1:{https}", "--loglevel", "WARNING"],
            cwd=ROOT,
            env={**env, "SOAK_USERS_FILE": str(users_file), "SOAK_RESULTS_FILE": str(results_file)},
            check=False,
            stdout=topology.logs,
            stderr=topology.logs,
        )  # fmt: skip
        chaos_thread.join(timeout=120)
        time.sleep(6)  # one more worker pass after the load
        worker_status = topology.stop()
        results = json.loads(results_file.read_text())
        report = build_report(results, windows, args, generate_seconds, worker_status)
        report["mails_received"] = Counting.received
    finally:
        topology.stop()
        smtp.stop()
    Path(args.report).parent.mkdir(exist_ok=True)
    Path(args.report).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print_report(report)
    shutil.rmtree(work, ignore_errors=True)
    return 0 if report["passed"] else 1


def soak_users(count: int) -> dict:
    """Leaders for the locust users: each with an open round to prepare where there is
    one, a closed round's map, an interview-guide question, the plan and its themes."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledertrivsel.settings")
    django.setup()
    from dialogue import selectors as dialogue_selectors
    from groups.models import Participation, RoundStatus
    from plans.models import Plan

    plan = Plan.objects.get(organisation__slug="soak")
    open_rounds = dict(
        Participation.objects.filter(
            round__organisation=plan.organisation, round__status=RoundStatus.PREPARATION
        ).values_list("person__email", "round_id")
    )
    closed = dict(
        Participation.objects.filter(
            round__organisation=plan.organisation, round__status=RoundStatus.CLOSED
        ).values_list("person__email", "round_id")
    )
    key = dialogue_selectors.interview_guide_keys()[0]
    with_open = [email for email in closed if email in open_rounds and email.startswith("leder")]
    others = [email for email in closed if email not in open_rounds and email.startswith("leder")]
    chosen = (with_open[: count // 2] + others)[: count * 2]
    from django.db import connections

    connections.close_all()
    return {
        "password": "skala-ledertrivsel",
        "hr": "hr@soak.example",
        "plan": plan.pk,
        "themes": list(plan.themes.values_list("pk", flat=True)),
        "leaders": [
            {
                "email": email,
                "note_key": key,
                "open_round": open_rounds.get(email),
                "closed_round": closed.get(email),
            }
            for email in chosen
        ],
    }


def lost_writes(writes: list[dict]) -> list[dict]:
    """Each acknowledged write, or a later attempt, must be what the database holds."""
    from django.db import connections

    from dialogue.selectors import interview_notes_by_key
    from groups.models import Participation
    from organisations.models import Person
    from plans.models import PlanResponse

    connections.close_all()  # the server restarted since the last query
    lost = []
    by_target: dict[tuple, list[dict]] = {}
    for write in writes:
        target = (
            write["kind"],
            write["email"],
            write.get("key") or write.get("round") or write.get("plan"),
        )
        by_target.setdefault(target, []).append(write)
    for (kind, email, where), attempts in by_target.items():
        acked = [w["sequence"] for w in attempts if w.get("acked")]
        if not acked:
            continue
        allowed = [w for w in attempts if w["sequence"] >= max(acked)]
        if kind == "note":
            owner = Person.objects.filter(email=email).first()
            note = interview_notes_by_key(owner=owner).get(where) if owner else None
            held = note.text if note else None
            ok = held in {f"soak {email} {w['sequence']}" for w in allowed}
        elif kind == "rating":
            participation = Participation.objects.filter(
                round_id=where, person__email=email
            ).first()
            rated = participation.given().get(1) if participation else None
            held = rated.success if rated else None
            ok = held in {w["success"] for w in allowed}
        else:
            # Every theme is rated the same; the ratings are one encrypted record.
            response = PlanResponse.objects.filter(plan_id=where, person__email=email).first()
            given = list(response.given().values()) if response else []
            held = given[0].success if given else None
            ok = held in {w["success"] for w in allowed}
        if not ok:
            lost.append({"kind": kind, "email": email, "where": where, "held": held,
                         "last_acknowledged": max(acked)})  # fmt: skip
    return lost


def build_report(results, windows, args, generate_seconds, worker_status) -> dict:
    requests = results["requests"]

    def in_window(at: float) -> bool:
        return any(start <= at <= end for _name, start, end in windows)

    # Latency is measured outside the restart windows, like the error ratio: a request
    # that waited for a restarting server says nothing about how fast the pages are.
    pages: dict[str, dict] = {}
    for at, name, ms, ok, _status in requests:
        page = pages.setdefault(name, {"times": [], "all_times": [], "failures": 0})
        page["all_times"].append(ms)
        if not in_window(at):
            page["times"].append(ms)
        page["failures"] += not ok
    outside = [r for r in requests if not in_window(r[0])]
    failures_outside = sum(not r[3] for r in outside)
    error_ratio = failures_outside / len(outside) if outside else 1.0
    lost = lost_writes(results["writes"])
    acknowledged = sum(1 for w in results["writes"] if w.get("acked"))
    per_page = {
        name: {
            "requests": len(page["all_times"]),
            "failures": page["failures"],
            "p50_ms": percentile(page["times"], 0.50),
            "p95_ms": percentile(page["times"], 0.95),
            "p99_ms": percentile(page["times"], 0.99),
            "p95_ms_with_restart_windows": percentile(page["all_times"], 0.95),
        }
        for name, page in sorted(pages.items())
    }
    slow = [
        name
        for name, figures in per_page.items()
        if name in KEY_PAGES and figures["p95_ms"] > GOAL_P95_MS
    ]
    missing = sorted(KEY_PAGES - set(per_page))
    passed = (
        not lost
        and error_ratio <= GOAL_ERROR_RATIO
        and len(windows) == 2
        and worker_status == 0
        and (not args.enforce_latency or not (slow or missing))
    )
    return {
        "users": args.users,
        "seconds": args.seconds,
        "leaders": args.leaders,
        "generate_seconds": round(generate_seconds, 1),
        "requests": len(requests),
        "failures": sum(not r[3] for r in requests),
        "failures_outside_restart_windows": failures_outside,
        "error_ratio_outside_restart_windows": round(error_ratio, 5),
        "restart_windows": [
            {"what": what, "seconds": round(end - start, 1)} for what, start, end in windows
        ],
        "writes_acknowledged": acknowledged,
        "lost_writes": lost,
        "worker_exit_status_after_sigterm": worker_status,
        "pages": per_page,
        "slow_key_pages": slow,
        "pages_never_requested": missing,
        "goals": {"error_ratio": GOAL_ERROR_RATIO, "p95_ms": GOAL_P95_MS, "lost_writes": 0},
        "passed": passed,
    }


def print_report(report: dict) -> None:
    print()
    print("Latency outside the restart windows (p95 with them in the last column):")
    print(
        f"{'page':<26}{'requests':>9}{'failures':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'p95 all':>9}"
    )
    for name, page in report["pages"].items():
        print(
            f"{name:<26}{page['requests']:>9}{page['failures']:>9}"
            f"{page['p50_ms']:>9.0f}{page['p95_ms']:>9.0f}{page['p99_ms']:>9.0f}"
            f"{page['p95_ms_with_restart_windows']:>9.0f}"
        )
    print()
    print(f"requests {report['requests']}, failures {report['failures']} "
          f"({report['failures_outside_restart_windows']} outside the restart windows: "
          f"error ratio {report['error_ratio_outside_restart_windows']:.3%}, "
          "goal ≤ 0.1 %)")  # fmt: skip
    print(f"writes acknowledged {report['writes_acknowledged']}, "
          f"lost {len(report['lost_writes'])} (goal 0)")  # fmt: skip
    print(f"restart windows: {report['restart_windows']}")
    print(f"key pages over p95 {GOAL_P95_MS} ms: {report['slow_key_pages'] or 'none'}")
    print(f"worker exit status after SIGTERM: {report['worker_exit_status_after_sigterm']}")
    print(f"mails received by the SMTP server: {report.get('mails_received')}")
    print("PASSED" if report["passed"] else "FAILED")


if __name__ == "__main__":
    sys.exit(main())
