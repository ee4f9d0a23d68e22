"""The priority map (an SVG, the four fields, the table and the movement), written in
Python from the context prioritymap.views.map_context makes.

Four key pages and every autosave of a preparation show it; as a template it cost about
4 ms a map, most of it in loops over twenty bubbles and table rows (issue 24).
"""

from __future__ import annotations

from django import template
from django.utils import formats
from django.utils.html import conditional_escape as e
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext

from ui.templatetags.numbers import decimal2

register = template.Library()

# The map's fixed words, marked for makemessages here: gettext inside an f-string is
# not found by it.
WORDS = (
    gettext_noop("Tabellen under kortet (Vis som tabel) har de samme tal."),
    gettext_noop("Numrene på kortet"),
    gettext_noop("De fire felter og deres spørgsmål"),
    gettext_noop("Nr."),
    gettext_noop("Vigtigt (÷1 til +1)"),
    gettext_noop("Lykkes (÷1 til +1)"),
    gettext_noop("Felt"),
    gettext_noop("Uenighed (0–1)"),
    gettext_noop("Valgt som vigtigst"),
    gettext_noop("Vis som tabel"),
    gettext_noop("mod højre"),
    gettext_noop("Bevægelse siden sidste runde"),
    gettext_noop("(største bevægelse først; vælg en kolonne for at sortere efter den)"),
)


def _words() -> dict[str, str]:
    """Each word in the page's language, escaped."""
    return {word: e(gettext(word)) for word in WORDS}


# What the includers may set besides map_context's keys.
OPTIONAL = ("map_id", "table_open", "item_heading", "hide_picks")


def _svg(c: dict) -> str:
    w = _words()
    g, map_id, texts = c["geometry"], e(c["map_id"]), c["map_texts"]
    out = [
        f'<svg viewBox="0 0 {g["width"]} {g["height"]}" role="img"'
        f' aria-labelledby="{map_id}-title {map_id}-desc" class="priority-map-svg"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{map_id}-title">{e(texts.title)}</title>',
        f'<desc id="{map_id}-desc">'
        f"{w['Tabellen under kortet (Vis som tabel) har de samme tal.']}</desc>",
        f'<defs><marker id="{map_id}-arrowhead" viewBox="0 0 10 10" refX="9" refY="5"'
        ' markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#1a1a1a"/></marker></defs>',
    ]
    for x, y, fill in (
        (g["left"], g["top"], "#fbe9e9"),
        (g["mid_x"], g["top"], "#e6f2e6"),
        (g["mid_x"], g["mid_y"], "#eef3f8"),
        (g["left"], g["mid_y"], "#f3f3f3"),
    ):
        out.append(
            f'<rect x="{x}" y="{y}" width="{g["half_w"]}" height="{g["half_h"]}" fill="{fill}"/>'
        )
    out.append(
        f'<line x1="{g["left"]}" y1="{g["mid_y"]}" x2="{g["right"]}" y2="{g["mid_y"]}"'
        ' stroke="#545454" stroke-width="1.5"/>'
        f'<line x1="{g["mid_x"]}" y1="{g["top"]}" x2="{g["mid_x"]}" y2="{g["bottom"]}"'
        ' stroke="#545454" stroke-width="1.5"/>'
    )
    field = e(gettext("Felt"))
    for name in c["field_names"]:
        out.append(
            f'<text x="{name["x"]}" y="{name["y"]}" font-size="15" font-weight="600"'
            f' text-anchor="{e(name["anchor"])}" fill="#1a1a1a">'
            f"{field} {e(name['number'])}: {e(name['name'])}</text>"
        )
    low, high = e(texts.low), e(texts.high)
    out.append(
        f'<text x="{g["mid_x"]}" y="{g["axis_y"]}" font-size="13" text-anchor="middle"'
        f' fill="#1a1a1a">{e(texts.x_axis)}</text>'
        f'<text x="{g["left"]}" y="{g["scale_y"]}" font-size="12" fill="#1a1a1a">{low}</text>'
        f'<text x="{g["right"]}" y="{g["scale_y"]}" font-size="12" text-anchor="end"'
        f' fill="#1a1a1a">{high}</text>'
        f'<text transform="translate(30 {g["mid_y"]}) rotate(-90)" font-size="13"'
        f' text-anchor="middle" fill="#1a1a1a">{e(texts.y_axis)}</text>'
        f'<text transform="translate(52 {g["bottom"]}) rotate(-90)" font-size="12"'
        f' fill="#1a1a1a">{low}</text>'
        f'<text transform="translate(52 {g["top"]}) rotate(-90)" font-size="12"'
        f' text-anchor="end" fill="#1a1a1a">{high}</text>'
    )
    for arrow in c.get("arrows") or ():
        out.append(
            f'<line x1="{arrow.x1}" y1="{arrow.y1}" x2="{arrow.x2}" y2="{arrow.y2}"'
            ' stroke="#1a1a1a" stroke-width="1.5" stroke-dasharray="4 3"'
            f' marker-end="url(#{map_id}-arrowhead)"/>'
        )
    for entry in c["bubbles"]:
        bubble = entry["shape"]
        lines = "".join(
            f'<tspan x="{bubble.cx}" dy="{line["dy"]}">{e(line["text"])}</tspan>'
            for line in bubble.text_lines
        )
        out.append(
            f'<g class="bubble"><title>{e(entry["title"])}</title>'
            f'<rect x="{bubble.x}" y="{bubble.y}" width="{bubble.width}"'
            f' height="{bubble.height}" rx="{bubble.corner}" fill="#004993" fill-opacity="0.85"'
            ' stroke="#ffffff" stroke-width="1.5"/>'
            f'<text x="{bubble.cx}" y="{bubble.cy}" font-size="12" font-weight="600"'
            f' text-anchor="middle" fill="#ffffff">{lines}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def map_key(entries) -> str:
    """The numbers' titles beside the map (also on the meeting's screen)."""
    w = _words()
    items = "".join(
        f'<li><span class="map-key-label">{e(entry["label"])}</span> {e(entry["title"])}</li>'
        for entry in entries
    )
    return (
        f'<div class="map-key"><p class="map-key-heading">{w["Numrene på kortet"]}'
        f'</p><ol class="nobullet-list">{items}</ol></div>'
    )


def _caption(c: dict) -> str:
    caption = e(c["caption"])
    left_out = c.get("arrows_left_out")
    if not left_out:
        return caption
    # As blocktranslate does: the values escaped, the translation trusted.
    said = ngettext(
        "Pilene viser de udsagn, der har skiftet felt eller flyttet sig mindst "
        "%(threshold)s; %(n)s udsagn har flyttet sig mindre og står uden pil.",
        "Pilene viser de udsagn, der har skiftet felt eller flyttet sig mindst "
        "%(threshold)s; %(n)s udsagn har flyttet sig mindre og står uden pil.",
        left_out,
    ) % {"threshold": e(c["threshold"]), "n": e(formats.localize(left_out))}
    return f"{caption}. {said}"


def _fields(c: dict) -> str:
    w = _words()
    field = e(gettext("Felt"))
    blocks = "".join(
        f'<div class="map-field map-field-{e(f.number)}"><p class="map-field-name">'
        f"{field} {e(f.number)}: {e(f.name)}</p><ul>"
        + "".join(f"<li>{e(question)}</li>" for question in f.questions)
        + "</ul></div>"
        for f in c["field_order"]
    )
    return (
        f'<details class="map-fields"{" open" if c.get("fields_open") else ""}>'
        f"<summary>{w['De fire felter og deres spørgsmål']}</summary>"
        f'<div class="map-fields-grid">{blocks}</div></details>'
    )


def _where(row) -> str:
    if row["field"]:
        return f"{e(row['field'].number)}. {e(row['field'].name)}"
    if len(row["between"]) == 2:
        a, b = row["between"]
        return gettext("Mellem felt %(a)s og %(b)s") % {"a": e(a.number), "b": e(b.number)}
    return e(gettext("Midt i kortet"))


def _table(c: dict) -> str:
    w = _words()
    picks = not c.get("hide_picks")
    heading = c.get("item_heading") or gettext("Udsagn")
    head = (
        f'<th scope="col">{w["Nr."]}</th><th scope="col">{e(heading)}</th>'
        f'<th scope="col">{w["Vigtigt (÷1 til +1)"]}</th>'
        f'<th scope="col">{w["Lykkes (÷1 til +1)"]}</th>'
        f'<th scope="col">{w["Felt"]}</th>'
        f'<th scope="col">{w["Uenighed (0–1)"]}</th>'
        + (f'<th scope="col">{w["Valgt som vigtigst"]}</th>' if picks else "")
    )
    rows = []
    for row in c["rows"]:
        position = row["position"]
        rows.append(
            f'<tr><td>{e(row["label"])}</td><th scope="row">{e(row["title"])}</th>'
            f"<td>{e(decimal2(position.importance))}</td>"
            f"<td>{e(decimal2(position.success))}</td>"
            f"<td>{_where(row)}</td><td>{e(decimal2(position.disagreement))}</td>"
            + (f"<td>{e(formats.localize(position.top_picks))}</td>" if picks else "")
            + "</tr>"
        )
    caption = gettext("%(caption)s – som tabel") % {"caption": e(c["caption"])}
    return (
        f'<details class="map-table"{" open" if c.get("table_open") else ""}>'
        f"<summary>{w['Vis som tabel']}</summary>"
        '<div class="table--responsive-scroll">'
        '<table class="table table--compact priority-table">'
        f"<caption>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div></details>"
    )


def _moves(c: dict) -> str:
    w = _words()
    moves = c.get("moves")
    if not moves:
        return ""
    rows = []
    for row in moves:
        move = row["move"]
        right = f" ({w['mod højre']})" if move.moved_right else ""
        rows.append(
            f'<tr><td data-sort-value="{move.item}">{e(row["label"])}</td>'
            f'<th scope="row">{e(row["title"])}</th>'
            f'<td data-sort-value="{move.importance}">{e(row["importance"])}</td>'
            f'<td data-sort-value="{move.success}">{e(row["success"])}{right}</td>'
            f'<td data-sort-value="{move.distance}">{e(row["distance"])}</td>'
            f"<td>{e(row['field_before'])} → {e(row['field_after'])}</td></tr>"
        )
    columns = (
        ("number", gettext("Nr.")),
        ("text", gettext("Udsagn")),
        ("number", gettext("Vigtigt")),
        ("number", gettext("Lykkes")),
        ("number", gettext("Flyttet i alt")),
        ("text", gettext("Felt før → nu")),
    )
    # The table opens sorted by the distance moved, largest first.
    sorted_by = ' aria-sort="descending"'
    head = "".join(
        f'<th scope="col" data-sort-type="{kind}"{sorted_by if index == 4 else ""}>{e(label)}</th>'
        for index, (kind, label) in enumerate(columns)
    )
    return (
        '<div class="table--responsive-scroll">'
        '<table class="table table--compact movement-table" data-sortable>'
        f"<caption>{w['Bevægelse siden sidste runde']} "
        '<span class="muted weight-normal">'
        f"{w['(største bevægelse først; vælg en kolonne for at sortere efter den)']}"
        f"</span></caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_map(c: dict) -> SafeString:
    keyed = bool(c.get("map_key"))
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<figure class="priority-map{" priority-map--keyed" if keyed else ""}"'
        f' aria-labelledby="{e(c["map_id"])}-caption"><div class="priority-map-body">'
        + _svg(c)
        + (map_key(c["map_key"]) if keyed else "")
        + f'</div><figcaption id="{e(c["map_id"])}-caption">{_caption(c)}</figcaption></figure>'
        + _fields(c)
        + _table(c)
        + _moves(c)
    )


@register.simple_tag(takes_context=True)
def priority_map(context, of=None) -> SafeString:
    """The map from the page's context (as map_context makes it), or from `of`, a
    dict of the same keys (the group page's map over time)."""
    if of is not None:
        return render_map({**{key: context.get(key) for key in OPTIONAL}, **of})
    return render_map(context.flatten())


@register.simple_tag
def priority_map_key(entries) -> SafeString:
    return mark_safe(map_key(entries))  # noqa: S308 (escaped in map_key)
