"""The benchmark across installations: an organisation that runs its own installation
takes part through a signed file (docs/benchmark-exchange.md).

The other installation runs the same mechanism as a release here (benchmark/release.py:
OpenDP, the same budget, the organisation as the privacy unit) over its own
organisations, and signs the noisy cells with its Ed25519 key. The installation that
hosts the benchmark imports a file only if a key it trusts signed it, the signature
covers every byte of what is imported, and OpenDP's accounting of the stated noise keeps
within a release's budget. Its next release adds the noisy cells to its own.

Each organisation is in one installation, so the releases of different installations
are about different organisations: each organisation's loss is one release's, however
many installations contribute (parallel composition).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from importlib.metadata import version

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.db import IntegrityError, transaction
from django.utils import timezone

from benchmark.models import ImportedContribution, Release, Sector, Tool, TrustedInstallation
from benchmark.release import (
    ALL_SECTORS,
    MIN_LEADERS,
    MIN_ORGANISATIONS,
    RHO_PER_RELEASE,
    BenchmarkError,
    Contribution,
    accounted,
    exact_counts,
    measurement,
    noisy_cells,
    refuse_second_release,
)
from benchmark.selectors import ITEMS

FORMAT = "ledertrivsel-benchmark-contribution/1"


class ExchangeError(Exception):
    """Said to the operator in Danish."""


# --- Keys -------------------------------------------------------------------------------


def new_key_pair() -> tuple[str, str]:
    """An organisation's signing key (private, PEM) and the public key to give the host."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return private, public_key_of(key)


def public_key_of(key: Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def _public_key(pem: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem.encode())
    except ValueError as wrong:
        raise ExchangeError("Det er ikke en offentlig nøgle i PEM-format.") from wrong
    if not isinstance(key, Ed25519PublicKey):
        raise ExchangeError("Nøglen skal være en Ed25519-nøgle.")
    return key


def _private_key(pem: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as wrong:
        raise ExchangeError("Det er ikke en privat nøgle i PEM-format uden adgangskode.") from wrong
    if not isinstance(key, Ed25519PrivateKey):
        raise ExchangeError("Nøglen skal være en Ed25519-nøgle.")
    return key


def fingerprint(public_pem: str) -> str:
    """SHA-256 of the raw public key: how a file names the key that signed it."""
    raw = _public_key(public_pem).public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return hashlib.sha256(raw).hexdigest()


def trust(*, name: str, public_pem: str) -> TrustedInstallation:
    """The host trusts another installation's key (its operator received it in person or
    over a channel they trust: the file itself cannot vouch for its key)."""
    found = fingerprint(public_pem)
    try:
        with transaction.atomic():
            return TrustedInstallation.objects.create(
                name=name, public_key=public_pem.strip() + "\n", fingerprint=found
            )
    except IntegrityError as twice:
        raise ExchangeError(f"Nøglen eller navnet »{name}« er allerede kendt.") from twice


def _canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# --- The other installation: export ------------------------------------------------------


def export(
    *, tool: int, quarter: str, rows: list[Contribution], installation: str, private_pem: str
) -> dict:
    """Runs the release's mechanism over this installation's organisations and signs the
    noisy cells. The quarter's budget is spent here as by a release: exporting it again,
    or releasing it here too, is refused."""
    key = _private_key(private_pem)
    items = ITEMS[tool]
    refuse_second_release(tool=tool, quarter=quarter)
    scale, rho, epsilon, delta = accounted(items)
    complete = [row for row in rows if all(item in row.means for item in items)]
    exact = exact_counts(complete)
    cells = {}
    for sector, cell in noisy_cells(complete, items, scale).items():
        organisations, leaders = exact.get(sector, (0, 0))
        if sector != ALL_SECTORS and not organisations:
            continue
        cells[sector] = {
            **{name: float(value) for name, value in cell.items() if name not in {"sector"}},
            "organisations": organisations,
            "leaders": leaders,
        }
    payload = {
        "format": FORMAT,
        "installation": installation,
        "tool": int(tool),
        "quarter": quarter,
        "items": items,
        "mechanism": f"opendp {version('opendp')}, zCDP, organisation as the privacy unit",
        "rho": rho,
        "epsilon": epsilon,
        "delta": delta,
        "scale": scale,
        "cells": cells,
        "made_at": timezone.now().isoformat(timespec="seconds"),
    }
    try:
        with transaction.atomic():
            Release.objects.create(
                tool=tool, quarter=quarter, rho=rho, epsilon=epsilon, delta=delta,
                min_organisations=MIN_ORGANISATIONS, min_leaders=MIN_LEADERS, exported=True,
            )  # fmt: skip
    except IntegrityError as race:
        raise BenchmarkError(f"Kvartalet {quarter} er allerede frigivet.") from race
    return {
        "payload": payload,
        "key": fingerprint(public_key_of(key)),
        "signature": base64.b64encode(key.sign(_canonical(payload))).decode(),
    }


# --- The host: verify and import -------------------------------------------------------


def verify(document) -> tuple[TrustedInstallation, dict]:
    """The trusted installation and the payload, or ExchangeError saying why not."""
    if not isinstance(document, dict) or not isinstance(document.get("payload"), dict):
        raise ExchangeError("Filen er ikke et bidrag til sammenligningen.")
    installation = TrustedInstallation.objects.filter(
        fingerprint=str(document.get("key", "")), revoked_at__isnull=True
    ).first()
    if installation is None:
        raise ExchangeError(
            "Filen er signeret med en nøgle, som denne installation ikke kender. Bed den "
            "anden installation om dens offentlige nøgle, og læs den ind med "
            "benchmark_trust, før filen læses ind."
        )
    try:
        signature = base64.b64decode(str(document.get("signature", "")), validate=True)
        _public_key(installation.public_key).verify(signature, _canonical(document["payload"]))
    except (InvalidSignature, binascii.Error, ValueError) as forged:
        raise ExchangeError(
            "Signaturen passer ikke til indholdet: filen er ændret, efter den blev "
            "signeret, eller signeret med en anden nøgle. Intet er læst ind."
        ) from forged
    payload = document["payload"]
    _check(payload)
    return installation, payload


def _check(payload: dict) -> None:
    """A signed file can still promise what this installation's rules do not allow."""
    if payload.get("format") != FORMAT:
        raise ExchangeError(f"Filens format er ikke {FORMAT}.")
    try:
        tool = Tool(payload["tool"])
        items = ITEMS[tool]
        quarter = str(payload["quarter"])
        rho, scale = float(payload["rho"]), float(payload["scale"])
        cells = payload["cells"]
        wanted = {"len", "organisations", "leaders", *(f"{a}{i}" for i in items for a in "is")}
        valid = (
            payload["items"] == items
            and len(quarter) == 7
            and quarter[4:6] == "-Q"
            and quarter[6] in "1234"
            and all(
                sector in (ALL_SECTORS, *Sector.values)
                and set(cell) == wanted
                and all(math.isfinite(float(value)) for value in cell.values())
                and int(cell["organisations"]) >= 0
                and int(cell["leaders"]) >= 0
                for sector, cell in cells.items()
            )
        )
    except (KeyError, TypeError, ValueError, AttributeError) as wrong:
        raise ExchangeError("Filen er ikke et bidrag til sammenligningen.") from wrong
    if not valid:
        raise ExchangeError("Filen er ikke et bidrag til sammenligningen.")
    # OpenDP's own accounting of the noise the file says it used: the host's promise to
    # every organisation holds for the other installation's organisations too.
    spent = measurement(items, scale).map(1)
    if rho > RHO_PER_RELEASE or math.isnan(spent) or spent > RHO_PER_RELEASE:
        raise ExchangeError(
            "Bidraget har mindre støj, end budgettet for en frigivelse tillader. Intet er læst ind."
        )


def import_contribution(document) -> ImportedContribution:
    installation, payload = verify(document)
    tool, quarter = payload["tool"], payload["quarter"]
    if Release.objects.filter(tool=tool, quarter=quarter).exists():
        raise ExchangeError(
            f"Kvartalet {quarter} er allerede frigivet her for værktøj {tool}; bidraget "
            "kom for sent og læses ikke ind."
        )
    try:
        with transaction.atomic():
            return ImportedContribution.objects.create(
                installation=installation, tool=tool, quarter=quarter,
                rho=payload["rho"], scale=payload["scale"], cells=payload["cells"],
            )  # fmt: skip
    except IntegrityError as twice:
        raise ExchangeError(
            f"{installation}s bidrag for {quarter} er allerede læst ind. Et nyt bidrag "
            "med frisk støj ville bruge kvartalets budget igen."
        ) from twice
