"""Platform operators reach the operators' admin (/drift/) with a password and a second
factor: a code from an authenticator app, never a password alone."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from identity.models import SecondFactor
from organisations.models import Person
from tests.operators import EMAIL, PASSWORD, admin_login, code, operator_with_second_factor


def test_an_operator_signs_in_with_password_and_code(db, client):
    _operator, device, key = operator_with_second_factor()
    response = admin_login(client, device, code(key))
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:organisations_person_changelist")).status_code == 200
    # The device's QR code, for setting up another authenticator app.
    qr = client.get(reverse("admin:identity_secondfactor_qrcode", args=[device.pk]))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content


def test_a_wrong_code_or_no_code_keeps_the_operator_out(db, client):
    operator, device, key = operator_with_second_factor()
    wrong = f"{(int(code(key)) + 1) % 1_000_000:06d}"
    assert admin_login(client, device, wrong).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302
    # A password alone (as the product's own login page checks it) is not enough.
    client.force_login(operator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and reverse("admin:login") in response.url


def test_an_operator_without_a_second_factor_cannot_get_in(db, client):
    operator = Person.objects.create_superuser(EMAIL, PASSWORD)
    client.force_login(operator)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_second_factor_is_made_once_for_operators_only(db, world):
    operator_with_second_factor()
    shown = StringIO()
    call_command("operator_second_factor", EMAIL, replace=True, stdout=shown)
    # A QR code to scan, drawn with half blocks, then the address itself.
    assert "▀" in shown.getvalue() or "▄" in shown.getvalue()
    assert shown.getvalue().strip().splitlines()[-1].startswith("otpauth://totp/")
    with pytest.raises(CommandError, match="already"):
        call_command("operator_second_factor", EMAIL, stdout=StringIO())
    call_command("operator_second_factor", EMAIL, replace=True, stdout=StringIO())
    assert SecondFactor.objects.count() == 1
    with pytest.raises(CommandError, match="not a platform operator"):
        call_command("operator_second_factor", world.admin.email, stdout=StringIO())
