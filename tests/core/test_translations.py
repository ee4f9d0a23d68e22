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
