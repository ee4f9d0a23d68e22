"""De-identifying an action card before it is shared with other organisations: the
names of the organisation's people, units and management groups, its own name and any
e-mail address are found in the text, proposed replaced by a placeholder, and refused
if the team writes them back.

Names are matched as whole words. A one-word name (a first name, a surname, a unit
called "Økonomi") counts only where it is written with a capital, as names are, so that
"skov" and "økonomi" as ordinary words pass; names of several words count in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

PERSON, UNIT, GROUP, ORGANISATION, EMAIL = "person", "unit", "group", "organisation", "email"

# The placeholders stay Danish in both languages: the shared text is read by Danish
# organisations, whatever language the team that shared it used the product in.
PLACEHOLDERS = {
    PERSON: "[navn]",
    UNIT: "[enhed]",
    GROUP: "[ledelsesgruppe]",
    ORGANISATION: "[organisationen]",
    EMAIL: "[e-mail]",
}

WORD = re.compile(r"\w+")
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Name:
    text: str
    kind: str


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    kind: str

    def explained(self) -> str:
        what = {
            PERSON: _("navnet på en person i jeres organisation"),
            UNIT: _("navnet på en enhed i jeres organisation"),
            GROUP: _("navnet på en ledelsesgruppe i jeres organisation"),
            ORGANISATION: _("jeres organisations navn"),
            EMAIL: _("en e-mailadresse"),
        }[self.kind]
        return _("»%(found)s« er %(what)s. Skriv fx en rolle eller en funktion i stedet.") % {
            "found": self.text,
            "what": what,
        }


class NameIndex:
    """The organisation's names, by first word and length: an organisation of 20,000
    people has thousands of names that begin with "Anne"."""

    def __init__(self, names: Iterable[Name]):
        # first word (lower case) -> number of words -> all words -> kind
        self._phrases: dict[str, dict[int, dict[tuple[str, ...], str]]] = {}
        phrases = self._phrases
        for name in names:
            words = tuple(WORD.findall(name.text.lower()))
            if not words:
                continue
            phrases.setdefault(words[0], {}).setdefault(len(words), {}).setdefault(words, name.kind)
            if name.kind == PERSON and len(words) > 1:
                # A first name or a surname alone names the person too. Two letters
                # ("Bo", "Ib") are left to the full name: they are words too often.
                for word in words:
                    if len(word) > 2:
                        phrases.setdefault(word, {}).setdefault(1, {}).setdefault((word,), PERSON)

    def find(self, text: str) -> list[Found]:
        found = [Found(m.start(), m.end(), m.group(), EMAIL) for m in EMAIL_ADDRESS.finditer(text)]
        inside_email = [(f.start, f.end) for f in found]
        tokens = [
            m
            for m in WORD.finditer(text)
            if not any(start <= m.start() < end for start, end in inside_email)
        ]
        lowered = [m.group().lower() for m in tokens]
        i = 0
        while i < len(tokens):
            match = None
            # The longest name that starts here; a one-word name only with a capital.
            for length, phrases in sorted(self._phrases.get(lowered[i], {}).items(), reverse=True):
                kind = phrases.get(tuple(lowered[i : i + length]))
                if kind is None or (length == 1 and not tokens[i].group()[0].isupper()):
                    continue
                match = (length, kind)
                break
            if match is None:
                i += 1
                continue
            length, kind = match
            start, end = tokens[i].start(), tokens[i + length - 1].end()
            found.append(Found(start, end, text[start:end], kind))
            i += length
        return sorted(found, key=lambda f: f.start)

    def scrub(self, text: str) -> str:
        """The text with every name replaced by its placeholder: the team's proposal."""
        for found in reversed(self.find(text)):
            text = text[: found.start] + PLACEHOLDERS[found.kind] + text[found.end :]
        return text
