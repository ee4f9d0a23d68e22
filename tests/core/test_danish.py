"""Danish in every detail (issue 23): dates and times as Danes write them. Every page is
checked for English month names and straight quotes in tests/core/test_every_page.py."""

from __future__ import annotations

import re
from datetime import date, datetime
from html.parser import HTMLParser

from django.template import Context, Template
from django.utils import translation

# A day followed by an English month, short or long: "21. Nov", "5 December". (Danish
# writes "21. nov." and "5. december"; "Jan" alone is also a Danish name.)
ENGLISH_MONTH = re.compile(
    r"\d\.?\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|"
    r"April|June|July|August|September|October|November|December)\b"
)


class _Text(HTMLParser):
    """The text a reader sees: not scripts, styles or attributes."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "pre", "code"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "pre", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def test_short_dates_and_times_are_written_the_danish_way():
    moment = datetime(2026, 11, 21, 10, 42)
    with translation.override("da"):
        rendered = Template(
            '{% load i18n %}{{ d|date:_("j. b. Y") }}|{{ d|date:_("j. F Y \\k\\l. H.i") }}'
        ).render(Context({"d": moment}))
    assert rendered == "21. nov. 2026|21. november 2026 kl. 10.42"
    with translation.override("en"):
        rendered = Template('{% load i18n %}{{ d|date:_("j. b. Y") }}').render(
            Context({"d": date(2026, 11, 21)})
        )
    assert rendered == "21 Nov 2026"


def test_mails_greet_people_by_their_first_name(world, mailoutbox):
    from organisations import people
    from tests.factories import PersonFactory

    anne = PersonFactory(
        organisation=world.organisation, name="Anne Sørensen", email="anne@test.example"
    )
    anne.set_unusable_password()
    anne.save()
    people.person_invite(person=anne, source=people.Source.hr(world.hr))
    (invitation,) = [m for m in mailoutbox if m.to == ["anne@test.example"]]
    assert invitation.body.startswith("Hej Anne\n")
