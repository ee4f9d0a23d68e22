from datetime import date

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def from_iso(value: str) -> date | str:
    """A date kept as ISO text (in a published plan's frozen content) as a date, so the
    `date` filter shows it in the reader's language."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


def duration_formats() -> dict[str, str]:
    """The formats `duration` uses, for the clocks that tick on in the browser."""
    return {
        "h": _("%(h)s t"),
        "hm": _("%(h)s t %(m)s min"),
        "ms": _("%(m)s min %(s)s s"),
        "s": _("%(s)s s"),
    }


@register.filter
def duration(seconds) -> str:
    """A length of time that cannot be misread: "1 t 13 min", "12 min 5 s", never
    "1:13" (hours or minutes?). The meeting's clocks count the same way in app.js."""
    try:
        seconds = max(int(seconds), 0)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    formats = duration_formats()
    kind = ("hm" if minutes else "h") if hours else ("ms" if minutes else "s")
    return formats[kind] % {"h": hours, "m": minutes, "s": secs}
