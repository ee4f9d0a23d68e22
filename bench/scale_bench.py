"""Benchmark: the product at the size of the largest organisations.

Run with `make bench-scale` (SQLite, then PostgreSQL). On an empty database it makes an
organisation of `SCALE_LEADERS` leaders (20,000 unless told), then measures against the
issue's goals:

- making the organisation (`generate_organisation`): under 2 minutes;
- the structure export, CSV and XLSX: under 10 s;
- importing that file into a new, empty organisation, and again into the same one
  (HR's monthly file where little has changed): under 30 s;
- the status snapshot: under 60 s;
- every page a person can open, as the director, HR, the administrator, a MED
  representative, an area head, a department head who leads groups and a leader:
  under 300 ms server time (files made on request, such as a PDF, under 2 s) and under
  150 KB of HTML. The pages are found as a user finds them, by following the links
  from the front page; two addresses of each kind are opened per person.

The organisation has a unit per leader of employees, as a municipality has (issue 24);
`SCALE_SHARED_UNITS=1` makes the earlier shape, where leaders share their department's.

It prints each figure next to its goal. No thresholds fail the run: speed is reported,
not tested (the query-count pins in the test suite keep pages flat in size).
"""

from __future__ import annotations

import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
LEADERS = int(os.environ.get("SCALE_LEADERS", "20000"))
PAGE_GOAL_MS = 300
PAGE_GOAL_KB = 150
SHARED_UNITS = os.environ.get("SCALE_SHARED_UNITS") == "1"
FILE_GOAL_MS = 2_000  # a PDF, a calendar: made on request, not a page
EXPORT_GOAL_MS = 10_000
PER_KIND = 2
# Not pages to open: leaving, and the files a page links to.
SKIP = re.compile(r"^/(static|media)/|/logout/|/log-ud/")
EXPORT = "organisations:export"


def create_postgres_database(url: str) -> None:
    """scripts/with-postgres.sh starts an empty cluster: the database is made here."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    settings = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres", host=settings["HOST"], user=settings["USER"], autocommit=True
    ) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"])))


def setup() -> None:
    if os.environ.get("DATABASE_URL"):
        create_postgres_database(os.environ["DATABASE_URL"])
    else:
        os.environ.setdefault(
            "SQLITE_PATH", str(Path(tempfile.mkdtemp(prefix="ledertrivsel-scale.")) / "db.sqlite3")
        )
    from cryptography.fernet import Fernet

    for name in ("DEBUG", "TESTING"):
        os.environ.pop(name, None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "ERROR",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # DEBUG is off: pages name their static files through the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - started) * 1000


def line(what: str, ms: float, goal_ms: float) -> None:
    mark = "" if ms <= goal_ms else "  over goal"
    print(f"{what:<58}{ms / 1000:>9.2f} s{goal_ms / 1000:>9.0f} s{mark}")


def measure_bulk(slug: str) -> None:
    from django.core.management import call_command

    from core import export, status
    from organisations import importer
    from organisations.models import Organisation

    _, ms = timed(
        call_command,
        "generate_organisation",
        leaders=LEADERS,
        slug=slug,
        shared_units=SHARED_UNITS,
        verbosity=0,
    )
    organisation = Organisation.objects.get(slug=slug)
    people, units = organisation.people.count(), organisation.units.count()
    print(f"{'':<58}{'time':>11}{'goal':>11}")
    line(f"generate_organisation ({people:,} people, {units:,} units)", ms, 120_000)
    csv_text, ms = timed(export.as_csv, organisation)
    line("structure export, CSV", ms, EXPORT_GOAL_MS)
    _, ms = timed(export.as_xlsx, organisation)
    line("structure export, XLSX", ms, EXPORT_GOAL_MS)

    def import_file(into: Organisation, content: bytes) -> dict:
        plan = importer.plan(into, importer.parse(content, "people.csv"))
        assert not plan.errors, plan.errors[:5]
        return importer.apply(into, plan)

    # The same people in a new organisation: their addresses must be its own.
    fresh = Organisation.objects.create(name="Import", slug=f"{slug}-import")
    moved = csv_text.replace(f"@{slug}.example", f"@{slug}-import.example").encode("utf-8")
    result, ms = timed(import_file, fresh, moved)
    line(f"import into an empty organisation ({result['created']:,} created)", ms, 30_000)
    result, ms = timed(import_file, fresh, moved)
    line(f"the same file again ({result['unchanged']:,} unchanged)", ms, 30_000)
    status.StatusSnapshot.objects.filter(organisation=organisation).delete()
    _, ms = timed(status.snapshot_take, organisation=organisation)
    line("status snapshot", ms, 60_000)


def crawl(email: str) -> dict[str, tuple[str, float, bool, int]]:
    """Every page this person reaches from the front page: the slowest address of each
    kind, with its median server time over three visits, whether it is a page, and the
    largest size of the kind in bytes."""
    from django.test import Client
    from django.urls import Resolver404, resolve

    from organisations.models import Person

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(Person.objects.get(email=email))
    queue, seen, per_kind = deque(["/"]), {"/"}, {}
    slowest: dict[str, tuple[str, float, bool, int]] = {}
    largest: dict[str, int] = {}
    while queue:
        url = queue.popleft()
        try:
            kind = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        if per_kind.get(kind, 0) >= PER_KIND:
            continue
        response = client.get(url)
        if response.status_code != 200:
            continue
        per_kind[kind] = per_kind.get(kind, 0) + 1
        times = []
        for _ in range(3):
            _, ms = timed(client.get, url)
            times.append(ms)
        ms = statistics.median(times)
        is_page = "html" in response.get("Content-Type", "")
        largest[kind] = max(largest.get(kind, 0), len(response.content))
        if ms > slowest.get(kind, ("", -1))[1]:
            slowest[kind] = (url, ms, is_page, 0)
        if not is_page:
            continue
        for link in re.findall(r'href="(/[^"#]*)', response.content.decode()):
            link = link.replace("&amp;", "&")
            if link not in seen and not SKIP.search(link):
                seen.add(link)
                queue.append(link)
    return {kind: (*found[:3], largest[kind]) for kind, found in slowest.items()}


def measure_pages(slug: str) -> None:
    domain = f"{slug}.example"
    people = {
        "director": f"direktion@{domain}",
        "HR": f"hr@{domain}",
        "administrator": f"admin@{domain}",
        "MED": f"med@{domain}",
        "area head": f"omraade1@{domain}",
        "department head": f"chef1@{domain}",
        "leader": f"leder1@{domain}",
    }
    rows = []
    for who, email in people.items():
        for kind, (url, ms, is_page, size) in crawl(email).items():
            goal = EXPORT_GOAL_MS if kind == EXPORT else PAGE_GOAL_MS if is_page else FILE_GOAL_MS
            rows.append((ms, kind, who, url, goal, is_page, size))
    rows.sort(reverse=True)
    pages = [r for r in rows if r[5]]
    heavy = [r for r in pages if r[6] > PAGE_GOAL_KB * 1024]
    over = [r for r in rows if r[0] > r[4]]
    print(
        f"\n{len(pages)} pages and {len(rows) - len(pages)} files opened (each kind, as each "
        f"person); the slowest page {pages[0][0]:.0f} ms, median "
        f"{statistics.median(r[0] for r in pages):.0f} ms; {len(over)} over their time goal; "
        f"the largest page {max(r[6] for r in pages) / 1024:.0f} KB, {len(heavy)} over "
        f"{PAGE_GOAL_KB} KB"
    )
    print(f"{'ms':>7}{'goal':>7}{'KB':>6}  {'page':<34}{'as':<17}address")
    shown = rows[:15] + [r for r in heavy if r not in rows[:15]]
    for ms, kind, who, url, goal, is_page, size in shown:
        mark = "  over goal" if ms > goal or (is_page and size > PAGE_GOAL_KB * 1024) else ""
        print(f"{ms:>7.0f}{goal:>7}{size / 1024:>6.0f}  {kind:<34}{who:<17}{url[:60]}{mark}")


def main() -> None:
    setup()
    from django.db import connection

    database = connection.vendor
    print(f"{LEADERS:,} leaders on {database} (server time, in-process, DEBUG off)")
    measure_bulk("skala")
    measure_pages("skala")


if __name__ == "__main__":
    main()
