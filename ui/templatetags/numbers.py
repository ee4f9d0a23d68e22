"""Numbers as people read them."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format

register = template.Library()

HUNDREDTHS = Decimal("0.01")


@register.filter
def decimal2(value) -> str:
    """Two decimals in the page's language, with a true minus sign (−0,57, not -0,57):
    a hyphen is easy to miss in a column of figures, and screen readers say "minus".

    The same figure as Django's floatformat (halves rounded up, never "−0,00"), written
    directly: a priority map's table shows sixty of them, and floatformat took almost
    half the map's time (issue 24)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(floatformat(value, 2)).replace("-", "\u2212")
    try:
        rounded = Decimal(repr(value)).quantize(HUNDREDTHS, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # inf and nan
        return str(floatformat(value, 2)).replace("-", "\u2212")
    if not rounded:
        rounded = abs(rounded)
    return f"{rounded:f}".replace(".", get_format("DECIMAL_SEPARATOR")).replace("-", "\u2212")
