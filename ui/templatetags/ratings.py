"""The two scales a statement or theme is rated on (tool 2's preparation, tool 3's
rating and prioritising), written in Python.

Twenty statements of two five-step scales are 200 radio buttons: as template loops they
were half of the preparation page's cost (issue 24). The scale's steps are escaped once
a page, and each statement only fills in its key and its answers.
"""

from django import template
from django.utils.html import conditional_escape as e
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _steps(context, scale) -> list[tuple]:
    """(code, value, escaped value, symbol and label as HTML) per step, once a page."""
    memo = context.render_context.get("rating_steps")
    if memo is None:
        memo = context.render_context["rating_steps"] = {}
    steps = memo.get(id(scale))
    if steps is None:
        steps = memo[id(scale)] = [
            (
                e(step.code),
                step.value,
                e(step.value),
                f'<span aria-hidden="true" class="scale-symbol">{e(step.symbol)}</span> '
                f"{e(step.label)}",
            )
            for step in scale
        ]
    return steps


def _scale(name: str, legend: str, steps, chosen, off: str) -> str:
    options = "".join(
        f'<span class="rating-option form-group-radio"><input class="form-radio" type="radio"'
        f' name="{name}" id="{name}-{code}" value="{value_html}"'
        f"{' checked' if chosen == value else ''}{off}>"
        f'<label class="form-label" for="{name}-{code}">{label}</label></span>'
        for code, value, value_html, label in steps
    )
    return f'<fieldset class="rating"><legend>{legend}</legend>{options}</fieldset>'


@register.simple_tag(takes_context=True)
def rating_pair(context, key, *, texts, scale, importance, success, enabled=True) -> SafeString:
    """Importance and success, as radio buttons named i<key> and s<key>. `texts` is the
    method's preparation texts (the two questions); a scale that is not `enabled` shows
    the answers without taking new ones."""
    steps, key, off = _steps(context, scale), e(key), "" if enabled else " disabled"
    return mark_safe(  # noqa: S308 (every value is escaped above)
        '<div class="rating-pair">'
        + _scale(f"i{key}", e(texts.importance_question), steps, importance, off)
        + _scale(f"s{key}", e(texts.success_question), steps, success, off)
        + "</div>"
    )
