"""A figure of the status page ("12 af 40 (30 %)", or why it is hidden), written in
Python: the page shows some thirty, and as template includes they were a fifth of its
cost (issue 24)."""

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape as e
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


def _figure(figure, k) -> str:
    if figure is None:
        return "–"
    if figure.shown:
        of = e(gettext("af"))
        return (
            f"{e(formats.localize(figure.value))} {of} "
            f"{e(formats.localize(figure.population))} ({e(formats.localize(figure.share))} %)"
        )
    if not figure.population:
        return "–"
    if figure.few:
        why = gettext("skjult: færre end %(k)s") % {"k": e(formats.localize(k))}
    else:
        hidden, why_hidden = e(gettext("skjult")), e(gettext("hvorfor skjult"))
        why = (
            f'{hidden}<sup><a href="{reverse("organisation_status")}'
            f'#skjult-forklaring" aria-label="{why_hidden}">*</a></sup>'
        )
    return f'<span class="muted">{why}</span>'


@register.simple_tag
def status_figure(figure, k, *, bar=False) -> SafeString:
    """`bar`: a bar beside a shown figure, its share of 100."""
    # The line breaks keep the space the page has always had between figure and bar.
    html = _figure(figure, k) + "\n"
    if bar and figure is not None and figure.shown:
        html += (
            '<svg class="figure-bar" width="100" height="8" viewBox="0 0 100 8"'
            ' aria-hidden="true" focusable="false"><rect width="100" height="8"'
            f' fill="#e6e6e6"/><rect width="{e(formats.localize(figure.share))}" height="8"'
            ' fill="#004993"/></svg>'
        )
    if bar:
        html += "\n"
    return mark_safe(html)  # noqa: S308 (every value is escaped above)
