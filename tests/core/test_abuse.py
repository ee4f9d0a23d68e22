"""Abuse by someone with a login or none: bombs, formulas, floods, caches (issue 11)."""

from __future__ import annotations

import io
import time
import zipfile

from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from organisations import importer
from organisations.tokens import invitation_tokens


def test_an_xlsx_that_unpacks_to_too_much_is_refused_before_it_is_read(world):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["E-mail", "Navn"])
    buffer = io.BytesIO()
    book.save(buffer)
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        target.writestr("xl/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    assert len(bomb.getvalue()) < 200_000
    started = time.monotonic()
    try:
        importer.parse(bomb.getvalue(), "personer.xlsx")
    except importer.ImportFileError as error:
        assert "pakkes ud" in str(error)
    else:
        raise AssertionError("the bomb was read")
    assert time.monotonic() - started < 2


def test_an_export_never_hands_a_spreadsheet_a_formula(world, login):
    world.colleague.name = '=HYPERLINK("https://evil.example","Klik")'
    world.colleague.save()
    csv_text = login(world.hr).get(reverse("organisations:export", args=["csv"])).content
    assert b"'=HYPERLINK" in csv_text and b";=HYPERLINK" not in csv_text
    rows, _ignored, _present = importer.parse(csv_text, "eksport.csv")
    names = [row.values.get("name") for row in rows]
    assert '=HYPERLINK("https://evil.example","Klik")' in names

    from openpyxl import load_workbook

    xlsx = login(world.hr).get(reverse("organisations:export", args=["xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if "HYPERLINK" in str(cell.value)]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_password_reset_is_throttled_per_address_and_looks_the_same(world, client):
    for _attempt in range(5):
        response = client.post(reverse("password_reset"), {"email": world.leader.email})
        assert response.status_code == 302
    assert len(mail.outbox) == 3


def test_a_reset_link_lasts_an_hour_and_an_invitation_a_week(world, client):
    from django.contrib.auth.tokens import default_token_generator

    person = world.leader
    two_hours_ago = default_token_generator._num_seconds(default_token_generator._now()) - 7200
    reset = default_token_generator._make_token_with_timestamp(
        person, two_hours_ago, default_token_generator.secret
    )
    invitation = invitation_tokens._make_token_with_timestamp(
        person, two_hours_ago, invitation_tokens.secret
    )
    assert not default_token_generator.check_token(person, reset)
    assert invitation_tokens.check_token(person, invitation)
    # Neither link works as the other.
    fresh = invitation_tokens.make_token(person)
    assert not default_token_generator.check_token(person, fresh)
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    page = client.get(reverse("invitation_accept", args=[uid, fresh]), follow=True)
    assert "new_password1" in page.content.decode()


def test_private_pages_are_not_cached_and_unused_browser_features_are_off(world, login):
    client = login(world.leader)
    for url in (
        reverse("dialogue:agreement_detail", args=[world.agreement.pk]),
        reverse("dialogue:agreement_pdf", args=[world.agreement.pk]),
        reverse("my_data"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url
        assert "camera=()" in response["Permissions-Policy"]
