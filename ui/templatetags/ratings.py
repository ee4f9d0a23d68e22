"""The two scales a statement or theme is rated on (tool 2's preparation, tool 3's
rating and prioritising), written in Python.

Twenty statements of two five-step scales are 200 radio buttons: as template loops they
were half of the preparation page's cost (issue 24).
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

CHECKED = mark_safe(" checked")
DISABLED = mark_safe(" disabled")


def _option(prefix: str, key, step, chosen, off) -> tuple:
    checked = CHECKED if chosen == step.value else ""
    return (prefix, key, step.code, step.value, checked, off, step.symbol, step.label)


def _scale(prefix: str, key, legend, scale, chosen, disabled: bool) -> str:
    off = DISABLED if disabled else ""
    options = format_html_join(
        "",
        '<span class="rating-option form-group-radio"><input class="form-radio" type="radio"'
        ' name="{0}{1}" id="{0}{1}-{2}" value="{3}"{4}{5}><label class="form-label"'
        ' for="{0}{1}-{2}"><span aria-hidden="true" class="scale-symbol">{6}</span> {7}'
        "</label></span>",
        (_option(prefix, key, step, chosen, off) for step in scale),
    )
    return format_html('<fieldset class="rating"><legend>{}</legend>{}</fieldset>', legend, options)


@register.simple_tag
def rating_pair(key, *, texts, scale, importance, success, enabled=True) -> str:
    """Importance and success, as radio buttons named i<key> and s<key>. `texts` is the
    method's preparation texts (the two questions); a scale that is not `enabled` shows
    the answers without taking new ones."""
    return format_html(
        '<div class="rating-pair">{}{}</div>',
        _scale("i", key, texts.importance_question, scale, importance, not enabled),
        _scale("s", key, texts.success_question, scale, success, not enabled),
    )
