"""Turns a GroupMap into what the map template needs (shared by tools 2 and 3)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils import formats
from django.utils.translation import gettext as _

from method import loader
from prioritymap import layout
from prioritymap.model import GroupMap, movement


def _signed(value: float) -> str:
    """+0,57 in Danish, +0.57 in English: a change always shows its sign."""
    sign = "+" if value >= 0 else "−"
    return sign + formats.number_format(abs(value), 2, use_l10n=True)


def where(position) -> str:
    """The field a position is in, or the line it sits on: "2", "mellem 1 og 2", or
    "midt i kortet" for the centre."""
    if position.field is not None:
        return str(position.field)
    beside = position.fields
    if len(beside) == 2:
        return _("mellem %(a)s og %(b)s") % {"a": beside[0], "b": beside[1]}
    return _("midt i kortet")


def map_context(
    group: GroupMap,
    labels: Mapping[int, str],
    *,
    titles: Mapping[int, str],
    caption: str,
    before: GroupMap | None = None,
    show_cells: bool = True,
    key: bool = True,
    fields_open: bool = False,
) -> dict:
    """`key`: the numbers' titles beside the map (not in a narrow panel beside the
    statements themselves). `fields_open`: the fields' questions shown, not folded."""
    texts = loader.current()
    moves = sorted(movement(before, group) if before else [], key=lambda m: (-m.distance, m.item))
    arrows = layout.arrows(before, moves) if before else []
    fields = {f.number: f for f in texts.priority_map.fields}
    return {
        "geometry": layout.GEOMETRY,
        "bubbles": [
            {
                "shape": bubble,
                "title": "; ".join(
                    f"{labels.get(item, item)}. {titles.get(item, '')}".strip()
                    for item in bubble.items
                ),
            }
            for bubble in layout.bubbles(group, labels)
        ],
        "arrows": arrows,
        "arrows_left_out": len(moves) - len(arrows),
        "threshold": formats.number_format(layout.MOVE_THRESHOLD, 2, use_l10n=True),
        "moves": [
            {
                "move": m,
                "label": labels.get(m.item, m.item),
                "title": titles.get(m.item, ""),
                "importance": _signed(m.importance),
                "success": _signed(m.success),
                "distance": formats.number_format(m.distance, 2, use_l10n=True),
                "field_before": where(before.positions[m.item]),
                "field_after": where(group.positions[m.item]),
            }
            for m in moves
        ],
        "map_key": [
            {"label": labels.get(item, item), "title": titles.get(item, "")}
            for item in sorted(group.positions)
        ]
        if key
        else [],
        "fields_open": fields_open,
        "rows": [
            {
                "position": p,
                "title": titles.get(p.item, ""),
                "label": labels.get(p.item, ""),
                "field": fields.get(p.field),
                "between": [fields[n] for n in p.fields] if p.field is None else [],
            }
            for p in group.ranking()
        ],
        "fields": fields,
        "field_names": layout.field_names(texts.priority_map.fields),
        # The legend's grid reads like the map: 1 and 2 on top, 4 and 3 below.
        "field_order": [fields[n] for n in (1, 2, 4, 3) if n in fields],
        "map_texts": texts.priority_map,
        "caption": caption,
        "respondents": group.respondents,
        "show_cells": show_cells,
    }
