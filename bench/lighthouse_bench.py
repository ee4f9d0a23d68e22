"""Benchmark: Lighthouse's scores on a phone for the key pages, behind the production nginx.

Run by `make bench`. It loads the demo into a fresh SQLite database and collects the
static files; starts the soak's topology without the load (deploy/nginx with TLS in
front of a gunicorn app server, DEBUG off); signs each person in; and runs Lighthouse
12 (bench/lighthouse, installed there so that `make test` never needs it) with Debian's
Chromium and Lighthouse's default mobile settings: a phone's screen, simulated slow 4G
and a 4× slower CPU. It prints performance, accessibility, best practices and SEO, and
LCP, CLS and total blocking time, per page, against the goals (performance 95 or more,
the rest 100, LCP at most 2.5 s, CLS at most 0.1). Speed is reported, not tested.
"""

# The benchmark starts nginx, gunicorn and Lighthouse with fixed command lines.
# ruff: noqa: S603

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LCP_GOAL_S, CLS_GOAL = 2.5, 0.1


def lighthouse(url: str, cookie: str | None) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --ignore-certificate-errors",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    # Chromium now and then fails to start or to connect; a second try settles it.
    for attempt in (1, 2):
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        )
        if result.returncode == 0:
            break
        if attempt == 2:
            raise RuntimeError(f"Lighthouse on {url} failed:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"{url}: {report['runtimeError']}")
    audits = report["audits"]
    return {
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "final_url": report["finalDisplayedUrl"],
        "shifted": [
            item.get("node", {}).get("snippet", "")[:90]
            for item in audits.get("layout-shifts", {}).get("details", {}).get("items", [])[:3]
        ],
    }


def main() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts" / "soak"))
    from cryptography.fernet import Fernet

    # The soak's own processes: the same nginx configuration as a deployment.
    from run import Topology, free_port

    work = Path(tempfile.mkdtemp(prefix="ledertrivsel-lighthouse."))
    work.chmod(0o755)
    https, http, app = free_port(), free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "TESTING", "DATABASE_URL"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings",
            "SQLITE_PATH": str(work / "db.sqlite3"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https}",
            "SITE_URL": f"https://127.0.0.1:{https}",
            "PROXY_COUNT": "1",
            "LOG_LEVEL": "ERROR",
            "GUNICORN_ACCESS_LOG": "/dev/null",
        }
    )
    topology = Topology(work, env, [app], https, http)
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "-v0"],
                    ["collectstatic", "--noinput", "-v0"]):  # fmt: skip
        topology.manage(*command)
    os.environ.update(env)
    import django

    django.setup()
    from pages_bench import pages_to_measure

    pages, sessions = pages_to_measure()
    try:
        topology.start_app(app)
        topology.start_nginx()
        base = f"https://127.0.0.1:{https}"
        print("Lighthouse 12, mobile (simulated slow 4G, 4× CPU), behind nginx, demo data")
        header = f"{'page':<26}{'perf':>5}{'a11y':>6}{'b.p.':>6}{'seo':>5}{'LCP s':>7}"
        print(f"{header}{'CLS':>7}{'TBT ms':>8}")
        for name, who, url in [("log in", None, "/log-ind/")] + [
            (name, who, url) for name, who, url, _queries in pages
        ]:
            found = lighthouse(base + url, sessions.get(who) if who else None)
            if who and "/log-ind/" in found["final_url"]:
                raise RuntimeError(f"{url}: not signed in")
            short = (
                [name for name, goal in GOALS.items() if found[name] < goal]
                + ["LCP"] * (found["lcp"] > LCP_GOAL_S)
                + ["CLS"] * (found["cls"] > CLS_GOAL)
            )
            mark = f"  under goal: {', '.join(short)}" if short else ""
            print(
                f"{name:<26}{found['performance']:>5}{found['accessibility']:>6}"
                f"{found['best-practices']:>6}{found['seo']:>5}{found['lcp']:>7.1f}"
                f"{found['cls']:>7.2f}{found['tbt']:>8.0f}{mark}"
            )
            if found["cls"] > CLS_GOAL:
                for snippet in found["shifted"]:
                    print(f"{'':<8}shifted: {snippet}")
    finally:
        topology.stop()


if __name__ == "__main__":
    main()
