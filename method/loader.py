"""Loads the method's texts (see texts/README.md) and checks they are complete.

Every `{ da = "…", en = "…" }` table becomes a `Text`, which renders in the active
language, so templates and code use the method's texts like any other string.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

TEXTS_DIR = Path(__file__).resolve().parent / "texts"
CURRENT_VERSION = "bfa-2023"
LANGUAGES = ("da", "en")


class MethodTextError(ValueError):
    """A texts file is malformed or incomplete."""


class Text(str):
    """A method text: renders in the active language, keeps every translation.

    A text that code refers to carries a `code`, so the code names it instead of
    counting its position in a list. A text that speaks of paper ("se eksempel på næste
    side") carries the product's own wording as `da_screen`/`en_screen`: that is what
    is shown, and the brochure's words stay in `translations`.
    """

    translations: Mapping[str, str]
    screen: Mapping[str, str]
    code: str

    def __new__(
        cls,
        translations: Mapping[str, str],
        code: str = "",
        screen: Mapping[str, str] | None = None,
    ) -> Text:
        # The str value itself is the Danish original, so equality, sorting and
        # hashing are stable whatever language is active.
        obj = super().__new__(cls, translations["da"])
        obj.translations = dict(translations)
        obj.screen = dict(screen or {})
        obj.code = code
        return obj

    def __str__(self) -> str:
        return self.in_language(get_language())

    def __html__(self) -> str:
        from django.utils.html import escape

        return escape(str(self))

    def in_language(self, language: str | None) -> str:
        code = (language or "da").split("-")[0]
        shown = self.screen or self.translations
        return shown.get(code) or shown["da"]

    @property
    def da(self) -> str:
        return self.translations["da"]

    @property
    def en(self) -> str:
        return self.translations["en"]


class Node(dict):
    """A table of the texts file; keys are reachable as attributes too."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error


def _convert(value: Any, where: str) -> Any:
    if isinstance(value, dict):
        if set(value) & set(LANGUAGES):
            missing = [lang for lang in LANGUAGES if not str(value.get(lang, "")).strip()]
            screen_keys = {f"{lang}_screen" for lang in LANGUAGES}
            if missing or set(value) - {*LANGUAGES, *screen_keys, "code"}:
                raise MethodTextError(f"{where}: needs exactly {LANGUAGES}, missing {missing}")
            has_screen = screen_keys & set(value)
            if has_screen and has_screen != screen_keys:
                raise MethodTextError(f"{where}: a screen wording needs {sorted(screen_keys)}")
            screen = {lang: value[f"{lang}_screen"] for lang in LANGUAGES} if has_screen else None
            return Text(
                {lang: value[lang] for lang in LANGUAGES}, code=value.get("code", ""), screen=screen
            )
        return Node({key: _convert(item, f"{where}.{key}") for key, item in value.items()})
    if isinstance(value, list):
        return [_convert(item, f"{where}[{index}]") for index, item in enumerate(value)]
    return value


@functools.cache
def load(version: str = CURRENT_VERSION) -> Node:
    """The texts of one edition of the method."""
    path = TEXTS_DIR / f"{version}.toml"
    if not path.is_file():
        raise MethodTextError(f"No method texts for version {version!r}")
    with path.open("rb") as handle:
        data = _convert(tomllib.load(handle), version)
    if data.get("version") != version:
        raise MethodTextError(f"{path.name} says version {data.get('version')!r}")
    return data


def available_versions() -> list[str]:
    return sorted(path.stem for path in TEXTS_DIR.glob("*.toml"))


def current() -> Node:
    return load(CURRENT_VERSION)


def tool(number: int, version: str = CURRENT_VERSION) -> Node:
    for item in load(version).tools:
        if item.number == number:
            return item
    raise KeyError(number)


def role_text(role: str, version: str = CURRENT_VERSION) -> Node | None:
    """The brochure's "Roller og ansvar" entry for a role, if the role has one."""
    for item in load(version).roles_and_responsibilities.roles:
        if item.role == role:
            return item
    return None


def role_table(number: int, version: str = CURRENT_VERSION) -> list[dict]:
    """A tool's "Sådan kan I bruge værktøj N" rows with the roles' names."""
    names = {row.role: row.name for row in load(version).roles_and_responsibilities.roles}
    return [
        {"name": names[row.role], "text": row.text, "role": row.role}
        for row in tool(number, version).role_table
    ]


def by_code(texts: list[Text], code: str) -> Text:
    """The text with `code` from a list of texts; a missing code is a bug, so it raises."""
    for text in texts:
        if text.code == code:
            return text
    raise MethodTextError(f"No text with code {code!r}")


def coded(texts: list[Text]) -> dict[str, Text]:
    """A list's coded texts by code, for templates (`questions.meaning`)."""
    return {text.code: text for text in texts if text.code}


def agenda_point(number: int, version: str = CURRENT_VERSION) -> Node:
    for point in load(version).agenda.points:
        if point.number == number:
            return point
    raise KeyError(number)


def interview_question(code: str, version: str = CURRENT_VERSION) -> Text:
    """A question of the interview guide, whichever section it sits in."""
    questions = [q for section in load(version).interview_guide.sections for q in section.questions]
    return by_code(questions, code)


def focus_questions(version: str = CURRENT_VERSION) -> dict[str, Text]:
    """Agenda point 3's questions for each focus theme, by the theme's field names."""
    return coded(agenda_point(3, version).questions)
