"""A platform operator with their second factor, signed in to /drift/ as they would."""

from __future__ import annotations

import base64
from io import StringIO
from urllib.parse import parse_qs, urlsplit

from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp

from identity.models import SecondFactor
from organisations.models import Person

PASSWORD = "drift-Kode-42"
EMAIL = "drift@ledertrivsel.example"


def operator_with_second_factor() -> tuple[Person, SecondFactor, bytes]:
    operator = Person.objects.create_superuser(EMAIL, PASSWORD)
    out = StringIO()
    call_command("operator_second_factor", operator.email, stdout=out)
    url = out.getvalue().strip().splitlines()[-1]
    assert url.startswith("otpauth://totp/")
    secret = parse_qs(urlsplit(url).query)["secret"][0]
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return operator, SecondFactor.objects.get(user=operator), key


def code(key: bytes) -> str:
    """The code an authenticator app shows now."""
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def admin_login(client, device, token: str):
    return client.post(
        reverse("admin:login"),
        {
            "username": EMAIL,
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": token,
            "next": reverse("admin:index"),
        },
    )


def signed_in_operator(client) -> Person:
    operator, device, key = operator_with_second_factor()
    response = admin_login(client, device, code(key))
    assert response.status_code == 302, response.content.decode()[:500]
    return operator
