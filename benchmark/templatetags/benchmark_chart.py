"""The organisation against the benchmark, as a picture: per theme, where its own map
puts it and where the other organisations stand, with the noise's margin as a band.

Two panels, importance and success, on the scale's −1..+1; the others are a grey band
(their mean ± the 95 % margin) with a ring at the mean, the organisation a filled
square. Shapes as well as colours tell them apart, and a table beside it has the same
figures."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape as e
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_noop

from ui.templatetags.numbers import decimal2

register = template.Library()

WORDS = (
    gettext_noop("Vigtigt"),
    gettext_noop("Lykkes"),
    gettext_noop("Jer"),
    gettext_noop("De andre organisationer (gennemsnit og usikkerhed)"),
    gettext_noop("Jer og de andre organisationer, punkt for punkt"),
    gettext_noop(
        "For hvert punkt: jeres kort som en udfyldt firkant, de andre organisationers "
        "gennemsnit som en ring med usikkerheden som et gråt bånd. Tabellen under har de "
        "samme tal."
    ),
    gettext_noop("Vis som tabel"),
    gettext_noop("Spørgsmål eller tema"),
    gettext_noop("Jer: vigtigt"),
    gettext_noop("De andre: vigtigt"),
    gettext_noop("Jer: lykkes"),
    gettext_noop("De andre: lykkes"),
    gettext_noop("Usikkerhed"),
)

LABEL_WIDTH = 260
PANEL = 230
PAD = 12  # inside each panel, so a mark at −1 or +1 stays inside it
GAP = 40
ROW = 30
TOP = 46


def _left(panel: int) -> int:
    return LABEL_WIDTH + panel * (PANEL + GAP)


def _x(panel: int, value: float) -> float:
    """Where a value of −1..+1 lies in panel 0 (importance) or 1 (success)."""
    inside = PANEL - 2 * PAD
    return round(_left(panel) + PAD + (max(-1.0, min(1.0, value)) + 1) / 2 * inside, 1)


def _svg(rows: list[dict], w: dict) -> str:
    height = TOP + ROW * len(rows) + 10
    width = LABEL_WIDTH + 2 * PANEL + GAP + 10
    out = [
        f'<svg viewBox="0 0 {width} {height}" role="img" class="benchmark-chart"'
        ' aria-labelledby="benchmark-chart-title benchmark-chart-desc"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f'<title id="benchmark-chart-title">{w["Jer og de andre organisationer, punkt for punkt"]}'
        "</title>",
        '<desc id="benchmark-chart-desc">'
        + w[
            "For hvert punkt: jeres kort som en udfyldt firkant, de andre organisationers "
            "gennemsnit som en ring med usikkerheden som et gråt bånd. Tabellen under har de "
            "samme tal."
        ]
        + "</desc>",
    ]
    for panel, heading in enumerate((w["Vigtigt"], w["Lykkes"])):
        left, middle = _x(panel, -1), _x(panel, 0)
        out.append(
            f'<rect x="{_left(panel)}" y="{TOP - 8}" width="{PANEL}" height="{height - TOP + 2}"'
            ' fill="#f7f7f7" stroke="#d9d9d9"/>'
            f'<text x="{middle}" y="16" font-size="14" font-weight="600" text-anchor="middle"'
            f' fill="#1a1a1a">{heading}</text>'
            f'<text x="{left}" y="34" font-size="12" fill="#545454">−1</text>'
            f'<text x="{_x(panel, 1)}" y="34" font-size="12" text-anchor="end"'
            ' fill="#545454">+1</text>'
            f'<line x1="{middle}" y1="{TOP - 6}" x2="{middle}" y2="{height - 6}"'
            ' stroke="#8c8c8c" stroke-dasharray="3 3"/>'
        )
    for index, row in enumerate(rows):
        y = TOP + index * ROW + ROW / 2
        out.append(
            f'<text x="{LABEL_WIDTH - 10}" y="{y + 4}" font-size="13" text-anchor="end"'
            f' fill="#1a1a1a">{e(row["label"])}. {e(Truncator(row["title"]).chars(30))}</text>'
        )
        for panel, (own, others) in enumerate(
            ((row["own_importance"], row["others_importance"]),
             (row["own_success"], row["others_success"]))
        ):  # fmt: skip
            low, high = _x(panel, others - row["margin"]), _x(panel, others + row["margin"])
            out.append(
                f'<rect x="{low}" y="{y - 6}" width="{round(high - low, 1)}" height="12"'
                ' fill="#d9d9d9"/>'
                f'<circle cx="{_x(panel, others)}" cy="{y}" r="5" fill="#ffffff"'
                ' stroke="#545454" stroke-width="2"/>'
            )
            if own is not None:
                x = _x(panel, own)
                out.append(f'<rect x="{x - 5}" y="{y - 5}" width="10" height="10" fill="#004993"/>')
    out.append("</svg>")
    return "".join(out)


def _table(rows: list[dict], w: dict) -> str:
    head = "".join(
        f'<th scope="col">{w[name]}</th>'
        for name in ("Spørgsmål eller tema", "Jer: vigtigt", "De andre: vigtigt", "Jer: lykkes",
                     "De andre: lykkes", "Usikkerhed")
    )  # fmt: skip
    body = "".join(
        f'<tr><th scope="row">{e(row["label"])}. {e(row["title"])}</th>'
        f"<td>{e(decimal2(row['own_importance'])) if row['own_importance'] is not None else '–'}"
        f"</td><td>{e(decimal2(row['others_importance']))}</td>"
        f"<td>{e(decimal2(row['own_success'])) if row['own_success'] is not None else '–'}"
        f"</td><td>{e(decimal2(row['others_success']))}</td>"
        f"<td>± {e(decimal2(row['margin']))}</td></tr>"
        for row in rows
    )
    return (
        f'<details class="map-table"><summary>{w["Vis som tabel"]}</summary>'
        '<div class="table--responsive-scroll"><table class="table table--compact">'
        f"<caption>{w['Jer og de andre organisationer, punkt for punkt']}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>"
    )


@register.simple_tag
def benchmark_chart(rows) -> SafeString:
    """`rows`: label, title, own_importance, own_success (None when the
    organisation's map has no position for the theme), others_importance,
    others_success and margin."""
    w = {word: e(gettext(word)) for word in WORDS}
    legend = (
        '<p class="benchmark-legend"><span class="legend-own" aria-hidden="true">■</span> '
        f'{w["Jer"]} <span class="legend-others" aria-hidden="true">○</span> '
        f"{w['De andre organisationer (gennemsnit og usikkerhed)']}</p>"
    )
    return mark_safe(legend + _svg(rows, w) + _table(rows, w))  # noqa: S308 (escaped above)
