"""Generated junk in every form field and URL parameter, as the people allowed to use the
page: the answer is never a server error (issue 11). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import os

import pytest
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access.test_permission_matrix import ACTORS, MATRIX, actor_person
from tests.client import SessionClient
from tests.core.test_bad_input import JUNK

FIELDS = sorted(
    {key for row in MATRIX.values() if isinstance(row.data, dict) for key in row.data}
    | set(JUNK)
    | {
        "text", "version", "force", "status", "rhythm", "rhythm_weeks", "rhythm_starts",
        "date", "cadence", "interval_weeks", "due_date", "how", "kept", "source", "point",
        "action", "statement", "description", "decision", "reason", "answer", "theme", "who",
        "goal", "responsible", "pick", "notes", "starts_on", "length", "i1", "s1", "done",
        "meeting_date", "meeting_time", "place", "show_names", "rating_mode", "person",
        "outcome", "response", "offers", "unchosen_plan", "next_meeting", "meaning",
    }
)  # fmt: skip

NASTY = [
    "", "\x00", "a\x00b", "x" * 60_000, "-1", "0", "9" * 30, "1e309", "nan", "\r\n\r\n",
    "Navn\nmed linjeskift", "💥", "<script>alert(1)</script>", "../../etc/passwd", "%00",
    "2026-02-30", "99:99", "true", "[]", "{}",
]  # fmt: skip

junk = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=200),
    st.text(max_size=20).map(lambda text: f"{text}\x00{text}"),
)
INTS = [0, 1, 2**31 - 1, 2**63 - 1, 2**64]

# The suite's run is short and always the same; `make fuzz` runs many more examples from
# a fresh seed each time, before a release (docs/measurements.md).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
RANDOM_SEED = os.environ.get("FUZZ_RANDOM") == "1"


def _actor(row) -> str:
    """Someone the page is for, so the junk reaches the view instead of a 403."""
    for status in (200, 302, 400):
        for actor in ACTORS:
            if actor != "anonymous" and row.expect.get(actor) == status:
                return actor
    return "anonymous"


@pytest.mark.parametrize("name", sorted(MATRIX))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM_SEED,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_junk_never_gives_a_server_error(name, world, data):
    row = MATRIX[name]
    client = SessionClient(raise_request_exception=False)
    person = actor_person(world, _actor(row))
    if person is not None:
        client.force_login(person)
    kwargs = {}
    for key, value in row.kwargs(world).items():
        if isinstance(value, int):
            kwargs[key] = data.draw(st.sampled_from([value, *INTS]), label=key)
        else:
            kwargs[key] = data.draw(
                st.one_of(st.just(value), junk.filter(lambda s: s and "/" not in s)), label=key
            )
    try:
        url = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        url = reverse(name, kwargs=row.kwargs(world))
    chosen = data.draw(st.lists(st.sampled_from(FIELDS), max_size=8, unique=True), label="fields")
    form = {field: data.draw(junk, label=field) for field in chosen}
    for response in (client.get(url, form), client.post(url, form)):
        assert response.status_code < 500, (name, url, form, response.status_code)
