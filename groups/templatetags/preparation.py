"""A member's twenty statements in the preparation, written in Python (issue 24: as a
template loop they were most of the page's cost)."""

from django import template
from django.utils.html import conditional_escape as e
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ui.templatetags.ratings import rating_pair

register = template.Library()


@register.simple_tag(takes_context=True)
def preparation_statements(context, rows, *, texts, scale, enabled) -> SafeString:
    """Each statement with its two scales and "one of my 2-3 most important"."""
    pick_label = e(gettext("Et af mine 2-3 vigtigste spørgsmål"))
    off = "" if enabled else " disabled"
    parts = []
    for row in rows:
        statement, rating = row["statement"], row["rating"]
        number = e(statement.number)
        pair = rating_pair(
            context,
            statement.number,
            texts=texts,
            scale=scale,
            importance=rating.importance if rating else None,
            success=rating.success if rating else None,
            enabled=enabled,
        )
        parts.append(
            f'<fieldset class="statement" id="udsagn-{number}"><legend>'
            f'<span class="statement-title">{number}. {e(statement.title)}</span>'
            f'<span class="statement-text">{e(statement.text)}</span></legend>{pair}'
            '<div class="form-group-checkbox pick"><input class="form-checkbox"'
            f' type="checkbox" name="pick" value="{number}" id="pick-{number}"'
            f"{' checked' if row['picked'] else ''}{off}>"
            f'<label class="form-label" for="pick-{number}">{pick_label}</label></div>'
            "</fieldset>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value is escaped above)
