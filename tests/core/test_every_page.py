"""Every page that opens with GET, for someone allowed to see it: it writes nothing, and
its title is plain text. The pages come from the permission matrix, so a new URL is
covered as soon as it has its row there."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.urls import reverse

from tests.access.test_permission_matrix import ACTORS, MATRIX, OK, actor_person
from tests.core.test_danish import ENGLISH_MONTH, visible_text

PAGES = sorted(
    (name, next(a for a in ACTORS if a != "anonymous" and row.expect[a] == OK))
    for name, row in MATRIX.items()
    if row.method == "get" and any(row.expect[a] == OK for a in ACTORS if a != "anonymous")
)


# Logs of what was read are the one thing a GET may add: the audit log records exports.
READ_LOGS = {"audit.AuditEvent"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.label not in READ_LOGS
    }


@pytest.mark.parametrize(("name", "actor"), PAGES)
def test_a_page_writes_nothing_has_a_plain_title_and_danish_details(name, actor, world, client):
    row = MATRIX[name]
    person = actor_person(world, actor)
    client.force_login(person)
    url = reverse(name, kwargs=row.kwargs(world))  # what the row sets up is not the page's
    before = row_counts()
    response = client.get(url, row.data_for(world))
    after = row_counts()
    changed = {label: (before[label], n) for label, n in after.items() if before[label] != n}
    assert not changed, f"GET {name} as {actor} wrote rows: {changed}"
    is_html = response.get("Content-Type", "").startswith("text/html")
    page = response.content.decode() if is_html and response.status_code == 200 else ""
    # The brochure's "på næste side" makes no sense on a screen.
    assert "næste side" not in page, f"{name} refers to the brochure's next page"
    # Danish in every detail (issue 23): "21. nov. 2026", never "21. Nov"; „…“, never "…".
    text = visible_text(page)
    assert not ENGLISH_MONTH.findall(text), f"{name} shows an English month: {text!r:.200}"
    quoted = [text[max(0, i - 30) : i + 30] for i, c in enumerate(text) if c == '"']
    assert not quoted, f"{name} has a straight quote: {quoted[:3]}"
    # Django's blank choice is no Danish: each select names its empty choice.
    assert "---------" not in page, f"{name} shows Django's blank choice '---------'"
    if "<html" in page:  # A whole page, not a fragment that htmx swaps in.
        title = re.search(r"<title>(.*?)</title>", page, re.S)
        assert title, f"{name} has no <title>"
        assert "<" not in title.group(1), f"{name}'s title holds markup: {title.group(1)!r}"
        # Lighthouse's SEO audit (issue 24): every page describes itself.
        assert '<meta name="description" content="' in page, f"{name} has no description"
