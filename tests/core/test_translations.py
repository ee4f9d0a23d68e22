"""Danish is the source language; every UI text has an English translation."""

import re
from pathlib import Path

PO_FILE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries():
    text = PO_FILE.read_text()
    for block in text.split("\n\n")[1:]:
        if block.lstrip().startswith("#~"):
            continue
        msgid = "".join(
            re.findall(r'"(.*)"', re.search(r"^msgid ((?:\".*\"\n?)+)", block, re.M).group(1))
        )
        plural = re.search(r"^msgid_plural ((?:\".*\"\n?)+)", block, re.M)
        if plural:
            msgid += " " + "".join(re.findall(r'"(.*)"', plural.group(1)))
        translations = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        yield block, msgid, ["".join(re.findall(r'"(.*)"', t)) for t in translations]


def test_every_ui_text_is_translated_to_english():
    untranslated = [msgid for block, msgid, texts in entries() if not all(texts)]
    assert not untranslated, f"Missing English translations: {untranslated}"


def test_no_translation_is_marked_fuzzy():
    fuzzy = [msgid for block, msgid, _ in entries() if "#, fuzzy" in block]
    assert not fuzzy, f"Fuzzy translations are not used by Django: {fuzzy}"


def test_placeholders_survive_translation():
    for block, msgid, texts in entries():
        wanted = set(re.findall(r"%\(\w+\)s", msgid))
        for text in texts:
            found = set(re.findall(r"%\(\w+\)s", text))
            if "msgid_plural" in block:
                # A singular form may leave out the count ("the item" for one).
                assert found <= wanted, msgid
            else:
                assert found == wanted, msgid


BASE = PO_FILE.parents[3]
TEMPLATES = [
    path
    for pattern in ("*/templates/**/*.html", "*/templates/**/*.txt", "templates/**/*.*")
    for path in BASE.glob(pattern)
    if ".venv" not in path.parts and "node_modules" not in path.parts
]


def test_every_date_format_in_a_template_is_translated():
    # A literal format ("j. F Y") would give an English page Danish dates ("29. November").
    assert len(TEMPLATES) > 100
    literal = [
        f"{path.relative_to(BASE)}: {match}"
        for path in TEMPLATES
        for match in re.findall(r'\|date:"[^"]*"', path.read_text())
    ]
    assert not literal, literal


def test_dates_follow_the_language_of_the_page():
    from datetime import date

    from django.template import engines
    from django.utils import translation

    template = engines["django"].from_string(
        '{% load dates %}{{ day|date:_("j. F Y") }} · {{ "2027-02-01"|from_iso|date:_("j. F Y") }}'
    )
    with translation.override("da"):
        assert template.render({"day": date(2026, 11, 22)}) == "22. november 2026 · 1. februar 2027"
    with translation.override("en"):
        assert template.render({"day": date(2026, 11, 22)}) == "22 November 2026 · 1 February 2027"
