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
