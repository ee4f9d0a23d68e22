"""Django's form widgets written in Python instead of through their templates.

The built-in widget templates (an input is three nested templates: text.html, input.html,
attrs.html) cost about 0.2 ms a field, more than the rest of a form's page; these write
the same HTML in a few microseconds (issue 24). A widget with a template of its own (the
unit picker, the person picker) or one not listed here still renders through its
template, so nothing changes but the speed. tests/ui/test_renderers.py holds each
writer to the template it replaces.
"""

from __future__ import annotations

from collections.abc import Callable

from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"


def _attrs(attrs: dict) -> str:
    # attrs.html: a False value leaves the attribute out, True writes it bare.
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>\n'
    )


def _input_option(widget: dict) -> str:
    if not widget.get("wrap_label"):
        return f"{_input(widget)}\n"
    for_id = widget["attrs"].get("id")
    label_for = f' for="{conditional_escape(for_id)}"' if for_id else ""
    return f"<label{label_for}>{_input(widget)} {conditional_escape(widget['label'])}</label>\n"


def _radio_option(widget: dict) -> str:
    return f"{_input_option(widget)}\n"


def _textarea(widget: dict) -> str:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{value}</textarea>\n"
    )


def _option(widget: dict) -> str:
    return (
        f'<option value="{conditional_escape(str(widget["value"]))}"{_attrs(widget["attrs"])}>'
        f"{conditional_escape(widget['label'])}</option>\n"
    )


def _select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        parts.extend(f"\n  {_nested(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_input(widget: dict) -> str:
    id_ = widget["attrs"].get("id")
    class_ = widget["attrs"].get("class")
    parts = ["<div"]
    if id_:
        parts.append(f' id="{conditional_escape(id_)}"')
    if class_:
        parts.append(f' class="{conditional_escape(class_)}"')
    parts.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        parts.extend(f"<div>\n    {_nested(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


INPUT_TYPES = (
    "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number",
    "password", "search", "tel", "text", "time", "url",
)  # fmt: skip


def _included(writer: Callable[[dict], str]) -> Callable[[dict], str]:
    """A template that only includes another adds its own last line's newline."""
    return lambda widget: f"{writer(widget)}\n"


# Each writer gives what its template gives, trailing newlines included: the renderer
# strips the outermost as Django's does, and an option keeps them inside its widget.
WRITERS: dict[str, Callable[[dict], str]] = {
    f"{WIDGETS}input.html": _input,
    **{f"{WIDGETS}{name}.html": _included(_input) for name in INPUT_TYPES},
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}select.html": _select,
    f"{WIDGETS}select_option.html": _option,
    f"{WIDGETS}input_option.html": _input_option,
    f"{WIDGETS}radio_option.html": _radio_option,
    f"{WIDGETS}checkbox_option.html": _radio_option,
    f"{WIDGETS}multiple_input.html": _multiple_input,
    f"{WIDGETS}radio.html": _included(_multiple_input),
    f"{WIDGETS}checkbox_select.html": _included(_multiple_input),
}


def _nested(option: dict) -> str:
    writer = WRITERS.get(option["template_name"])
    if writer is None:
        # An option template of a widget's own, through the templates, unstripped.
        return (
            get_default_renderer().get_template(option["template_name"]).render({"widget": option})
        )
    return writer(option)


class PythonWidgetRenderer(DjangoTemplates):
    """FORM_RENDERER: the widgets above in Python, every other template as before."""

    def render(self, template_name, context, request=None) -> SafeString | str:
        writer = WRITERS.get(template_name)
        if writer is not None and "widget" in context:
            return mark_safe(writer(context["widget"]).strip())  # noqa: S308 (all escaped)
        return super().render(template_name, context, request)
