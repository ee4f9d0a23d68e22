"""Bad input anywhere gets an answer, never a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.access.test_permission_matrix import MATRIX

JUNK = {
    "name": "x" * 5000,
    "email": "ikke-en-mail",
    "title": "\x00",
    "parent": "abc",
    "unit": "1; DROP TABLE",
    "manager": "999999",
    "leader": "-1",
    "members": ["x", "999999"],
    "roles": ["bogus"],
    "anonymity_k": "-1",
    "sector": "mars",
    "is_active": "måske",
    "file": "ikke en fil",
    "language": "xx",
    "next": "javascript:alert(1)",
    "q": "'\"<script>",
    "enhed": "abc",
    "username": "x" * 300,
    "password": "",
    "new_password1": "a",
    "new_password2": "b",
}


@pytest.mark.parametrize("actor", ["hr", "admin", "leader"])
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_junk_is_answered_without_a_server_error(name, actor, world):
    client = Client(raise_request_exception=False)
    client.force_login(getattr(world, actor))
    url = reverse(name, kwargs=MATRIX[name].kwargs(world))
    for response in (client.get(url, JUNK), client.post(url, JUNK)):
        assert response.status_code < 500, (name, response.status_code)


def test_an_expired_form_gets_a_danish_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.hr)
    response = client.post("/organisation/enheder/ny/", {"name": "Uden token"})
    assert response.status_code == 403
    assert "Siden er udløbet" in response.content.decode()


def test_the_import_template_is_a_file_the_import_reads(world, login):
    from organisations import importer

    response = login(world.hr).get(reverse("organisations:import_template"))
    content = response.content
    assert response["Content-Type"].startswith("text/csv")
    rows, ignored, present = importer.parse(content, "skabelon.csv")
    assert len(rows) == 2 and not ignored
    assert importer.plan(world.organisation, (rows, ignored, present)).errors == []
