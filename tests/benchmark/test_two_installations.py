"""The round trip between two installations on this machine (docs/benchmark-exchange.md):
another installation (its own process and SQLite database, as `make run` makes one)
generates organisations that take part, makes its key and exports a quarter's signed
contribution; this installation (PostgreSQL, as a deployment) trusts the key, refuses
the file once tampered with, imports it and releases the quarter with the other
installation's organisations counted in.

It starts a second installation from scratch (half a minute), so it runs beside the
upgrade test in `make test-upgrade`, not in the quick suites."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from benchmark.models import ImportedContribution, Release, Tool
from benchmark.selectors import quarter_of

ROOT = Path(__file__).resolve().parents[2]


def other_installation(folder: Path, *command: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TESTING"}}
    env.update(
        {"DEBUG": "1", "SQLITE_PATH": str(folder / "db.sqlite3"), "LOG_LEVEL": "ERROR",
         "DJANGO_SETTINGS_MODULE": "ledertrivsel.settings"}
    )  # fmt: skip
    result = subprocess.run(  # noqa: S603 - this project's own manage.py
        [sys.executable, "manage.py", *command],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_a_quarter_travels_signed_from_one_installation_to_the_other(tmp_path):
    quarter = quarter_of(timezone.localdate())
    other = tmp_path / "anden"
    other.mkdir()
    other_installation(other, "migrate", "--verbosity", "0")
    other_installation(other, "generate_organisation", "--organisations", "6", "--leaders",
                       "20", "--benchmark", "--slug", "anden")  # fmt: skip
    said = other_installation(other, "benchmark_key", "--private", str(other / "key.pem"),
                              "--public", str(other / "key.pub.pem"))  # fmt: skip
    printed_fingerprint = said.strip().rsplit(" ", 1)[-1]
    contribution = other / "bidrag.json"
    other_installation(other, "benchmark_export", "--quarter", quarter, "--tool", "3",
                       "--key", str(other / "key.pem"), "--installation", "Anden kommune",
                       "--out", str(contribution))  # fmt: skip
    document = json.loads(contribution.read_text())
    assert "organisation_id" not in contribution.read_text()  # cells, never rows
    assert document["key"] == printed_fingerprint

    # This installation has organisations of its own that take part: too few for a
    # figure, as the other installation's leaders are.
    call_command("generate_organisation", organisations=2, leaders=60, benchmark=True,
                 slug="her", verbosity=0)  # fmt: skip
    # Before it trusts the key, the file is refused.
    with pytest.raises(CommandError, match="ikke kender"):
        call_command("benchmark_import", str(contribution))
    call_command("benchmark_trust", "--name", "Anden kommune", "--public-key",
                 str(other / "key.pub.pem"))  # fmt: skip
    # A tampered copy is refused, and nothing of it is imported.
    tampered = json.loads(contribution.read_text())
    tampered["payload"]["cells"][""]["organisations"] += 40
    (tmp_path / "ændret.json").write_text(json.dumps(tampered))
    with pytest.raises(CommandError, match="Signaturen passer ikke"):
        call_command("benchmark_import", str(tmp_path / "ændret.json"))
    assert not ImportedContribution.objects.exists()

    call_command("benchmark_import", str(contribution))
    imported = ImportedContribution.objects.get()
    theirs = imported.cells[""]["organisations"]
    assert theirs >= 5 and imported.cells[""]["leaders"] < 50
    call_command("release_benchmark", "--quarter", quarter, "--tool", "3")
    made = Release.objects.get(tool=Tool.PLAN, quarter=quarter)
    overall = made.figures.get(sector="", item=1)
    # Together they pass both thresholds; the noisy count stands for theirs and ours
    # (2), within the noise.
    assert abs(overall.organisations - (theirs + 2)) <= 4 * imported.scale
    expected_margin = 1.96 * (2 * imported.scale**2) ** 0.5 / overall.organisations
    assert overall.margin == pytest.approx(expected_margin)
