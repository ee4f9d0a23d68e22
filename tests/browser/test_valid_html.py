"""Every page that opens with GET is valid HTML by the Nu HTML Checker, for someone
allowed to see it, in Danish. The browser tests check the pages they pass through; this
covers every page in the permission matrix, so a new URL is checked as soon as it has
its row there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.access.test_permission_matrix import ACTORS, MATRIX, OK, actor_person

PAGES = sorted(
    (name, next(a for a in ACTORS if row.expect[a] == OK))
    for name, row in MATRIX.items()
    if row.method == "get" and any(row.expect[a] == OK for a in ACTORS)
)

# Pages that are files to download or machine-readable, not HTML.
NOT_HTML = {
    "application/json",
    "application/pdf",
    "text/calendar",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@pytest.mark.parametrize(("name", "actor"), PAGES)
def test_a_page_is_valid_html(name, actor, world, client, html_checker):
    row = MATRIX[name]
    if actor != "anonymous":
        client.force_login(actor_person(world, actor))
    response = client.get(reverse(name, kwargs=row.kwargs(world)), row.data_for(world))
    content_type = response.get("Content-Type", "").split(";")[0]
    if content_type != "text/html":
        assert content_type in NOT_HTML, f"{name} sends {content_type}"
        return
    page = response.content.decode()
    if "<html" not in page:
        # A fragment that htmx swaps into a page: checked inside a minimal document
        # (suggestions for a person field go into its datalist).
        if page.lstrip().startswith("<option"):
            page = f'<datalist id="suggestions">{page}</datalist>'
        page = f'<!doctype html><html lang="da"><title>-</title><body>{page}</body></html>'
    errors = html_checker.errors(page)
    assert not errors, f"{name} as {actor}:\n" + "\n".join(errors)


def test_the_checker_finds_what_it_should(html_checker):
    """Guards the check itself: a checker that silently found nothing would pass every
    page above."""
    page = (
        '<!doctype html><html lang="da"><title>-</title><body>'
        '<div hx-get="/x">x</div><input aria-describedby="gone"></body></html>'
    )
    errors = html_checker.errors(page)
    assert any("hx-get" in error for error in errors)
    assert any("“gone”" in error for error in errors)
