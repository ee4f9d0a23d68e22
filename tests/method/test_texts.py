"""The method's texts: complete, counted as the brochure has them, in both languages."""

import re

import pytest
from django.utils import translation

from method import loader
from method.loader import MethodTextError, Text

# The brochure as extracted from its PDF, kept beside the texts to check them against.
SEED = loader.TEXTS_DIR / "source" / "bfa-2023-brochure.txt"


@pytest.fixture
def texts():
    return loader.current()


def test_counts_match_the_brochure(texts):
    assert len(texts.statements) == 20
    assert [s.number for s in texts.statements] == list(range(1, 21))
    assert len(texts.themes) == 12
    assert len(texts.agenda.points) == 4
    assert len(texts.action_card.fields) == 7
    assert len(texts.priority_map.fields) == 4
    assert len(texts.scale) == 3
    assert len(texts.tools) == 3
    assert len(texts.directions) == 6
    assert len(texts.roles_and_responsibilities.roles) == 5
    assert len(texts.interview_guide.sections) == 3
    assert [len(s.questions) for s in texts.interview_guide.sections] == [5, 5, 7]
    assert len(texts.agreement_form.questions) == 5
    assert len(texts.qualification.questions) == 5
    assert len(texts.process_tips.tips) == 4
    assert len(texts.why.findings) == 4
    assert len(texts.why.important_themes) == 4
    assert len(texts.materials["items"]) == 4
    for tool in texts.tools:
        assert len(tool.steps) == 3
        assert len(tool.process_steps) == 3
        assert len(tool.role_table) == 5


def test_agenda_time_boxes_are_the_brochures(texts):
    boxes = [(p.minutes_min, p.minutes_max) for p in texts.agenda.points]
    assert boxes == [(10, 15), (15, 30), (45, 60), (20, 30)]
    total = texts.agenda.total_minutes
    assert (
        sum(p.minutes_min for p in texts.agenda.points)
        <= total
        <= sum(p.minutes_max for p in texts.agenda.points)
    )


def test_scale_is_the_three_point_scale(texts):
    assert [(s.symbol, s.value, s.label.da) for s in texts.scale] == [
        ("÷", -1, "I lav grad"),
        ("-", 0, "På stregen"),
        ("+", 1, "I høj grad"),
    ]


def test_priority_map_fields_and_their_quadrants(texts):
    fields = {f.number: (f.name.da, f.importance, f.success) for f in texts.priority_map.fields}
    assert fields == {
        1: ("Fokuser her", "high", "low"),
        2: ("Hold fast", "high", "high"),
        3: ("Forstå", "low", "high"),
        4: ("Overvej", "low", "low"),
    }


def _normalise(text: str) -> str:
    """The seed is a PDF extraction: undo its line breaks and hyphenation."""
    text = re.sub(r"-\s*\n\s*", "", text)
    text = re.sub(r"\s+", " ", text)
    return text.replace("‘", "'").replace("’", "'")


def _words(text: str) -> str:
    return re.sub(r"[^\wæøåÆØÅ]+", "", _normalise(text)).lower()


def test_statements_and_themes_are_word_for_word_from_the_seed(texts):
    seed = _words(SEED.read_text())
    for statement in texts.statements:
        assert _words(f"{statement.title.da} {statement.text.da}") in seed, statement.number
    for theme in texts.themes:
        assert _words(theme.question.da) in seed, theme.number
    for point in texts.agenda.points:
        assert _words(point.guidance.da) in seed, point.number
    for section in texts.interview_guide.sections:
        for question in section.questions:
            assert _words(question.da) in seed, question.da


def test_every_text_has_danish_and_english(texts):
    found = []

    def walk(node):
        if isinstance(node, Text):
            found.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(texts)
    assert len(found) > 200
    for text in found:
        assert text.da.strip() and text.en.strip()


def test_text_renders_in_the_active_language(texts):
    title = texts.tools[1].title
    with translation.override("da"):
        assert str(title) == "Styrk ledelsesgruppen"
    with translation.override("en"):
        assert str(title) == "Strengthen the management group"


def test_an_incomplete_translation_is_refused(tmp_path, monkeypatch):
    (tmp_path / "broken.toml").write_text('version = "broken"\n[x]\ntitle = { da = "Hej" }\n')
    monkeypatch.setattr(loader, "TEXTS_DIR", tmp_path)
    loader.load.cache_clear()
    try:
        with pytest.raises(MethodTextError, match="en"):
            loader.load("broken")
    finally:
        loader.load.cache_clear()


def test_versions_are_listed_and_unknown_ones_refused():
    assert loader.CURRENT_VERSION in loader.available_versions()
    with pytest.raises(MethodTextError):
        loader.load("no-such-version")


def test_a_screen_wording_is_shown_and_the_brochures_words_are_kept():
    from django.utils import translation

    from method import loader

    questions = loader.current().qualification.questions
    initiatives = next(q.text for q in questions if q.code == "initiatives")
    assert "Se eksempel på næste side." in initiatives.translations["da"]
    with translation.override("da"):
        assert "næste side" not in str(initiatives)
        assert "siden med action cards" in str(initiatives)
    with translation.override("en"):
        assert str(initiatives).endswith("See the example on the action cards page.")


def test_a_screen_wording_needs_both_languages():
    from method.loader import MethodTextError, _convert

    with pytest.raises(MethodTextError):
        _convert({"da": "a", "en": "b", "da_screen": "c"}, "x")
