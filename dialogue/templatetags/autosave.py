"""A text that saves itself as the leader writes (dialogue/partials/autosave_status.html
answers each save).

Written in Python: the interview guide shows some thirty of them, and as a template
include they were three quarters of the page's cost (issue 24).
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag(takes_context=True)
def autosave_field(context, *, url, field_id, label, text, version, rows=3, help=""):
    hint, described_by = "", ""
    if help:
        hint = format_html('<span class="form-hint" id="{}-hint">{}</span>', field_id, help)
        described_by = format_html(' aria-describedby="{}-hint"', field_id)
    return format_html(
        '<form method="post" action="{url}" class="autosave" data-autosave="{id}"'
        ' data-hx-post="{url}"'
        ' data-hx-trigger="input changed delay:800ms from:find textarea, submit"'
        ' data-hx-target="#{id}-status" data-hx-swap="outerHTML">{csrf}'
        '<input type="hidden" name="version" value="{version}" id="{id}-version">'
        '<div class="form-group"><label class="form-label" for="{id}">{label}</label>{hint}'
        '<textarea class="form-input autosave-text" id="{id}" name="text"'
        ' rows="{rows}"{described_by}>'
        "{text}</textarea></div>"
        '<div class="autosave-bar"><p class="autosave-status" id="{id}-status" role="status"></p>'
        '<button type="submit" class="button button-secondary button-small">{save}</button>'
        '<span class="form-hint autosave-hint">{hint_text}</span></div></form>',
        url=url,
        id=field_id,
        csrf=CsrfTokenNode().render(context),
        version=version or 0,
        label=label,
        hint=hint,
        rows=rows,
        described_by=described_by,
        # A textarea drops one newline right after its opening tag.
        text=f"\n{text}" if text and text.startswith("\n") else (text or ""),
        save=gettext("Gem nu"),
        hint_text=gettext(
            "Teksten gemmes af sig selv, mens du skriver. Knappen gemmer med det samme."
        ),
    )
