"""Figures in the priority map's tables, as people read them."""

from django.template import Context, Template
from django.utils import translation


def render(value) -> str:
    return Template("{% load numbers %}{{ value|decimal2 }}").render(Context({"value": value}))


def test_a_negative_figure_has_a_true_minus_in_the_pages_language():
    with translation.override("da"):
        assert render(-0.5) == "\u22120,50"
        assert render(0.25) == "0,25"
    with translation.override("en"):
        assert render(-1) == "\u22121.00"


def test_each_figure_reads_as_djangos_floatformat_does():
    """decimal2 writes the figure itself for speed; Django's floatformat is the
    reference, halves and near-zero negatives included."""
    from django.template.defaultfilters import floatformat

    from ui.templatetags.numbers import decimal2

    values = [i / 8 for i in range(-9, 10)] + [i / 3 for i in range(-4, 5)]
    values += [-0.001, 0.005, -0.005, 0.015, 2.675, 1, 0, -1, 12, 0.3333333, -0.6666667]
    for language in ("da", "en"):
        with translation.override(language):
            for value in values:
                reference = str(floatformat(value, 2)).replace("-", "\u2212")
                assert decimal2(value) == reference, (language, value)
