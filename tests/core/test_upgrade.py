"""An upgrade keeps every row: a database filled by the previous release (the commit that
CHANGELOG.md names for it) is migrated by the current code, and then every row is
there, every field (private texts and answers decrypted) reads as it did, and the
application serves its pages. PostgreSQL only, as a deployment runs; the procedure it
checks is in docs/operators.md ("Opgradering")."""

# git, the release's code and the upgraded application run as processes with fixed
# arguments.
# ruff: noqa: S603, S607

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
RELEASE_HEADING = re.compile(r"^## (?P<version>\S+) – commit `(?P<commit>[0-9a-f]{7,40})`", re.M)

# Fields a release removed or changed on purpose, as "app_label.model.field": why. An
# upgrade that drops or changes anything not named here fails.
CHANGED_ON_PURPOSE: dict[str, str] = {}

# Run by both the release's code and the current code (the working directory is the
# code's root): every row of every model through Django's serializer, so encrypted
# fields are read back as their plain text.
SNAPSHOT = """
import json, sys, django
django.setup()
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
for command, options in json.loads(sys.argv[1]):
    call_command(command, verbosity=0, **options)
rows = {}
for model in apps.get_models():
    if not model._meta.managed or model._meta.proxy:
        continue
    for row in serializers.serialize("python", model._base_manager.order_by("pk")):
        rows[f"{row['model']}:{row['pk']}"] = row["fields"]
with open(sys.argv[2], "w") as out:
    json.dump(rows, out, default=str, sort_keys=True)
"""

# Run by the current code on the upgraded database: demo people (one of each set of roles
# in each organisation) sign in and follow the links from their home page; every linked
# page must answer without an error. Each person opens each kind of page (its URL name)
# once, so the walk stays short.
WALK = r"""
import json, re, django
django.setup()
from collections import Counter, deque
from django.test import Client
from django.urls import resolve, Resolver404
from organisations.models import Person
LINK = re.compile(r'href="(/[^"#]*)')
seen_kinds, pages, failures = Counter(), 0, []
demo = r"@(demo|finans)\.example$"
walkers, by_roles = [], Counter()
for person in Person.objects.filter(email__regex=demo, is_active=True).order_by("pk"):
    roles = (person.organisation_id, tuple(sorted(person.roles)))
    by_roles[roles] += 1
    if by_roles[roles] == 1:
        walkers.append(person)
for person in walkers:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(person)
    queue, visited, kinds = deque(["/"]), set(), set()
    while queue:
        url = queue.popleft()
        if url in visited:
            continue
        visited.add(url)
        pages += 1
        response = client.get(url)
        if response.status_code not in (200, 302):
            failures.append([person.email, url, response.status_code])
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(response.content.decode()):
            link = link.replace("&amp;", "&")
            if link.startswith(("/static/", "/logout", "/drift/")) or link in visited:
                continue
            try:
                kind = resolve(link.split("?")[0]).view_name
            except Resolver404:
                failures.append([person.email, link, "no such page"])
                continue
            if kind not in kinds:
                kinds.add(kind)
                seen_kinds[kind] += 1
                queue.append(link)
print(json.dumps({"kinds": sorted(seen_kinds), "pages": pages, "walkers": len(walkers),
                  "failures": failures}))
"""

# What the previous release puts in its database: the demo and a generated organisation.
FILL = [
    ["migrate", {}],
    ["load_demo", {}],
    ["generate_organisation", {"leaders": 120, "slug": "opgradering"}],
]


def previous_release() -> tuple[str, str]:
    found = RELEASE_HEADING.search((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert found, "CHANGELOG.md names no release with its commit"
    return found["version"], found["commit"]


def release_code(commit: str, into: Path) -> Path:
    known = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"], check=False
    )
    assert known.returncode == 0, (
        f"The release's commit {commit} is not in this clone: the upgrade test needs the "
        "history (a full clone, not a shallow one)."
    )
    into.mkdir()
    archive = into.with_suffix(".tar")
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), commit], check=True)
    subprocess.run(["tar", "-xf", str(archive), "-C", str(into)], check=True)
    # The release's settings name the design system's files in its own node_modules.
    (into / "node_modules").symlink_to(ROOT / "node_modules")
    return into


def fresh_database() -> str:
    """An empty database on the test run's PostgreSQL server; returns its DATABASE_URL."""
    import psycopg

    config = settings.DATABASES["default"]
    name = f"{config['NAME']}_upgrade"
    user = config["USER"] or "postgres"
    server = {"host": config["HOST"], "user": user, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://{user}@{quote(config['HOST'], safe='')}/{name}"


def run(code: str, args: list[str], *, cwd: Path, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{cwd}:\n{result.stderr[-4000:]}"
    return result.stdout


def rows_of(snapshot: dict, model: str) -> list[dict]:
    return [fields for key, fields in snapshot.items() if key.split(":")[0] == model]


def differences(before: dict, after: dict) -> list[str]:
    found = []
    for key, fields in before.items():
        if key not in after:
            found.append(f"{key} is gone")
            continue
        for name, value in fields.items():
            model = key.split(":")[0]
            if f"{model}.{name}" in CHANGED_ON_PURPOSE:
                continue
            if name not in after[key]:
                found.append(f"{key}.{name} is gone")
            elif after[key][name] != value:
                found.append(f"{key}.{name}: {value!r} became {after[key][name]!r}")
    return found


@pytest.mark.postgres_only
def test_a_database_of_the_previous_release_upgrades_with_every_row_intact(tmp_path):
    version, commit = previous_release()
    release = release_code(commit, tmp_path / "release")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TESTING"}}
    env.update(
        {
            "DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings",
            "DATABASE_URL": fresh_database(),
            # One key for both: an upgrade keeps the installation's keys.
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "SECRET_KEY": "upgrade-test-" + "x" * 50,
            "LOG_LEVEL": "ERROR",
        }
    )

    run(SNAPSHOT, [json.dumps(FILL), str(tmp_path / "before.json")], cwd=release, env=env)
    run(SNAPSHOT, [json.dumps([["migrate", {}]]), str(tmp_path / "after.json")], cwd=ROOT, env=env)
    before = json.loads((tmp_path / "before.json").read_text())
    after = json.loads((tmp_path / "after.json").read_text())

    # The release filled it: the demo, the generated organisation and private texts.
    models = {key.split(":")[0] for key in before}
    assert {
        "dialogue.selfagreement",
        "managementgroups.participation",
        "plans.planresponse",
    } <= models, version
    assert len(before) > 1500, len(before)
    assert not differences(before, after), differences(before, after)[:20]
    goals = [fields["goals"] for fields in rows_of(after, "dialogue.selfagreement")]
    assert any(goal and not goal.startswith("gAAAA") for goal in goals), goals[:3]
    answers = [fields["answers"] for fields in rows_of(after, "managementgroups.participation")]
    assert any(json.loads(answer or "{}").get("ratings") for answer in answers), answers[:3]

    walked = json.loads(run(WALK, [], cwd=ROOT, env=env).strip().splitlines()[-1])
    assert not walked["failures"], walked["failures"]
    # The walk reached the three tools, the organisation's pages and the plan team's.
    print(walked["kinds"], walked["pages"])
    assert len(walked["kinds"]) > 40, walked["kinds"]
    for kind in (
        "dialogue:guide",
        "groups:round_detail",
        "plans:detail",
        "organisations:person_list",
    ):
        assert kind in walked["kinds"], walked["kinds"]
