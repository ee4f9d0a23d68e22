"""The layout's menu and language switch, written in Python.

Each page shows both twice (the menu bar and the phone drawer). As template includes
they cost a third of the layout's rendering; as functions they cost near nothing, and
the menu is built once per page (issue 24).
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> str:
    """The menu's list: the same in the menu bar and in the phone drawer."""
    cached = context.render_context.get("main_menu_html")
    if cached is not None:
        return cached
    overdue = context.get("overdue_count") or 0
    rows = []
    for item in context.get("main_menu") or ():
        badge = ""
        if item["is_overview"] and overdue:
            badge = format_html(
                ' <strong class="menu-badge">{}<em class="sr-only"> {}</em></strong>',
                overdue,
                ngettext("forfalden aftale", "forfaldne aftaler", overdue),
            )
        current = item["current"]
        rows.append(
            (
                mark_safe(' class="active current"' if current else ""),  # noqa: S308
                item["url"],
                mark_safe(' aria-current="page"' if current else ""),  # noqa: S308
                item["label"],
                badge,
            )
        )
    items = format_html_join(
        "", '<li{}><a href="{}" class="nav-link"{}><span>{}{}</span></a></li>', rows
    )
    html = format_html('<ul class="mainmenu">{}</ul>', items)
    context.render_context["main_menu_html"] = html
    return html


@register.simple_tag(takes_context=True)
def language_form(context) -> str:
    """A button to the other language, back to the same page."""
    request = context.get("request")
    other, name = ("da", "Dansk") if get_language() != "da" else ("en", "English")
    return format_html(
        '<form action="{}" method="post" class="language-form">'
        "{}"
        '<input type="hidden" name="next" value="{}">'
        '<button type="submit" name="language" value="{}" class="function-link" lang="{}">{}'
        "</button></form>",
        reverse("set_language"),
        CsrfTokenNode().render(context),
        request.get_full_path() if request is not None else "/",
        other, other, name,
    )  # fmt: skip
