from datetime import date

from django import template

register = template.Library()


@register.filter
def from_iso(value: str) -> date | str:
    """A date kept as ISO text (in a published plan's frozen content) as a date, so the
    `date` filter shows it in the reader's language."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
