"""Turns a GroupMap into what the map template needs (shared by tools 2 and 3)."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils import formats

from method import loader
from prioritymap import layout
from prioritymap.model import GroupMap, movement


def _signed(value: float) -> str:
    """+0,57 in Danish, +0.57 in English: a change always shows its sign."""
    sign = "+" if value >= 0 else "−"
    return sign + formats.number_format(abs(value), 2, use_l10n=True)


def map_context(
    group: GroupMap,
    labels: Mapping[int, str],
    *,
    titles: Mapping[int, str],
    caption: str,
    before: GroupMap | None = None,
    show_cells: bool = True,
) -> dict:
    texts = loader.current()
    moves = movement(before, group) if before else []
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
        "arrows": layout.arrows(before, moves) if before else [],
        "moves": [
            {
                "move": m,
                "title": titles.get(m.item, ""),
                "importance": _signed(m.importance),
                "success": _signed(m.success),
            }
            for m in moves
        ],
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
        "quadrants": layout.quadrants(texts.priority_map.fields),
        "map_texts": texts.priority_map,
        "caption": caption,
        "respondents": group.respondents,
        "show_cells": show_cells,
    }
