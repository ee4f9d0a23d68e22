"""Numbers as people read them."""

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def decimal2(value) -> str:
    """Two decimals in the page's language, with a true minus sign (−0,57, not -0,57):
    a hyphen is easy to miss in a column of figures, and screen readers say "minus"."""
    return str(floatformat(value, 2)).replace("-", "\u2212")
