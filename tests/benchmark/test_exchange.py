"""The benchmark across installations (docs/benchmark-exchange.md): another installation
runs the release's mechanism over its organisations and signs the noisy cells; this one
imports a file only when a key it trusts signed exactly that content, within a release's
budget, once per quarter, and its release adds the cells to its own.

The other installation's database is this one's inside a rolled-back transaction; the
round trip between two real installations is tests/benchmark/test_two_installations.py."""

import base64
import copy
import math

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from benchmark import exchange
from benchmark.exchange import ExchangeError
from benchmark.models import ImportedContribution, Release, Tool
from benchmark.release import BenchmarkError, Contribution, release
from benchmark.selectors import ITEMS

pytestmark = pytest.mark.django_db
QUARTER = "2026-Q3"


def rows(sector: str, first_id: int, count: int = 3, leaders: int = 20) -> list[Contribution]:
    return [
        Contribution(
            organisation_id=first_id + n, sector=sector, leaders=leaders,
            means={item: (0.5, -0.25) for item in ITEMS[Tool.PLAN]},
        )
        for n in range(count)
    ]  # fmt: skip


@pytest.fixture(scope="module")
def keys():
    return exchange.new_key_pair()


def from_another_installation(private_pem, **overrides) -> dict:
    """What the other installation's export writes; its database is not this one's."""
    with transaction.atomic():
        document = exchange.export(
            tool=Tool.PLAN, quarter=QUARTER, rows=overrides.pop("rows", rows("finans", 100)),
            installation="Anden installation", private_pem=private_pem,
        )  # fmt: skip
        transaction.set_rollback(True)
    return document


def trusted(keys):
    return exchange.trust(name="Anden installation", public_pem=keys[1])


def test_a_trusted_file_joins_the_release_and_its_organisations_count_for_thresholds(keys):
    trusted(keys)
    contribution = exchange.import_contribution(from_another_installation(keys[0]))
    assert set(contribution.cells) == {"", "finans"}
    assert contribution.cells[""]["organisations"] == 3
    # Three organisations here and three there: neither alone passes the threshold of 5.
    made = release(tool=Tool.PLAN, quarter=QUARTER, rows=rows("kommune", 1),
                   items=ITEMS[Tool.PLAN])  # fmt: skip
    figures = {(f.sector, f.item): f for f in made.figures.all()}
    assert {sector for sector, _ in figures} == {""}
    overall = figures[("", 1)]
    scale = contribution.scale
    assert overall.margin == pytest.approx(1.96 * math.sqrt(2) * scale / overall.organisations)
    assert -1 <= overall.importance <= 1


def test_without_the_other_installation_nothing_would_be_shown(keys):
    made = release(tool=Tool.PLAN, quarter=QUARTER, rows=rows("kommune", 1),
                   items=ITEMS[Tool.PLAN])  # fmt: skip
    assert not made.figures.exists()


def test_a_file_changed_after_signing_is_refused_and_nothing_is_imported(keys):
    trusted(keys)
    document = from_another_installation(keys[0])
    for change in (
        lambda p: p["cells"][""].update(i1=p["cells"][""]["i1"] + 1),
        lambda p: p["cells"]["finans"].update(organisations=30),
        lambda p: p.update(quarter="2026-Q2"),
    ):
        tampered = copy.deepcopy(document)
        change(tampered["payload"])
        with pytest.raises(ExchangeError, match="Signaturen passer ikke"):
            exchange.import_contribution(tampered)
    assert not ImportedContribution.objects.exists()


def test_a_file_signed_by_an_unknown_or_revoked_key_is_refused(keys):
    document = from_another_installation(keys[0])
    with pytest.raises(ExchangeError, match="ikke kender"):
        exchange.import_contribution(document)
    installation = trusted(keys)
    installation.revoked_at = installation.added_at
    installation.save()
    with pytest.raises(ExchangeError, match="ikke kender"):
        exchange.import_contribution(document)


def test_another_key_cannot_sign_in_a_trusted_keys_name(keys):
    trusted(keys)
    impostor, _ = exchange.new_key_pair()
    document = from_another_installation(impostor)
    document["key"] = exchange.fingerprint(keys[1])
    with pytest.raises(ExchangeError, match="Signaturen passer ikke"):
        exchange.import_contribution(document)


def test_a_signed_file_with_less_noise_than_the_budget_allows_is_refused(keys):
    trusted(keys)
    document = from_another_installation(keys[0])
    payload = document["payload"]
    payload["scale"] /= 2  # the key's holder claims less noise than a release may have
    key = exchange._private_key(keys[0])
    document["signature"] = base64.b64encode(key.sign(exchange._canonical(payload))).decode()
    with pytest.raises(ExchangeError, match="mindre støj"):
        exchange.import_contribution(document)


def test_a_quarter_is_imported_once_and_not_after_it_is_released_here(keys):
    trusted(keys)
    document = from_another_installation(keys[0])
    exchange.import_contribution(document)
    with pytest.raises(ExchangeError, match="allerede læst ind"):
        exchange.import_contribution(from_another_installation(keys[0]))
    ImportedContribution.objects.all().delete()
    release(tool=Tool.PLAN, quarter=QUARTER, rows=[], items=ITEMS[Tool.PLAN])
    with pytest.raises(ExchangeError, match="kom for sent"):
        exchange.import_contribution(document)


def test_exporting_spends_the_quarter_as_a_release_does(keys):
    exchange.export(tool=Tool.PLAN, quarter=QUARTER, rows=rows("finans", 1),
                    installation="Her", private_pem=keys[0])  # fmt: skip
    assert Release.objects.get(tool=Tool.PLAN, quarter=QUARTER).exported
    with pytest.raises(BenchmarkError, match="allerede frigivet"):
        exchange.export(tool=Tool.PLAN, quarter=QUARTER, rows=[], installation="Her",
                        private_pem=keys[0])  # fmt: skip
    with pytest.raises(BenchmarkError, match="allerede frigivet"):
        release(tool=Tool.PLAN, quarter=QUARTER, rows=[], items=ITEMS[Tool.PLAN])


def test_the_commands_say_in_danish_why_a_file_is_refused(keys, tmp_path):
    public = tmp_path / "nøgle.pub.pem"
    public.write_text(keys[1])
    call_command("benchmark_trust", "--name", "Anden installation", "--public-key", str(public))
    with pytest.raises(CommandError, match="allerede kendt"):
        call_command("benchmark_trust", "--name", "Anden", "--public-key", str(public))
    not_a_file = tmp_path / "bidrag.json"
    not_a_file.write_text('{"payload": {"format": "noget andet"}}')
    with pytest.raises(CommandError, match="ikke kender"):
        call_command("benchmark_import", str(not_a_file))
    not_a_file.write_text("{ikke json")
    with pytest.raises(CommandError, match="kan ikke læses"):
        call_command("benchmark_import", str(not_a_file))
