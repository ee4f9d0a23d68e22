"""Where things go on the drawn priority map. Plain Python: numbers in, numbers out."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from prioritymap.model import GroupMap, Movement

# The plot, with room around it for the fields' names (above and below) and the axes
# (left and below): no text is drawn where a bubble can be.
WIDTH, HEIGHT = 760, 680
LEFT, RIGHT, TOP, BOTTOM = 90, 730, 48, 588
MID_X, MID_Y = (LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2
# A bubble's area grows with the people who picked it as most important; the largest
# reaches no more than MAX_OVERHANG past the plot, short of the field names.
BASE_RADIUS, RADIUS_PER_PICK, MAX_RADIUS = 11, 7, 40
EDGE_INSET = (BOTTOM - TOP) / 2 * 0.1  # how far a ±1 position sits inside the plot
MAX_OVERHANG = MAX_RADIUS - EDGE_INSET


def x_of(success: float) -> float:
    return round(MID_X + success * (RIGHT - LEFT) / 2 * 0.9, 1)


def y_of(importance: float) -> float:
    return round(MID_Y - importance * (BOTTOM - TOP) / 2 * 0.9, 1)


@dataclass(frozen=True)
class Bubble:
    """One spot on the map with the items that share it. Drawn as a circle for one item;
    several items on exactly the same position share a rounded box that lists them, a
    few numbers to a line, so that it stays narrow enough not to cover its neighbours.
    """

    items: tuple[int, ...]
    lines: tuple[str, ...]
    cx: float
    cy: float
    r: float
    width: float
    height: float
    top_picks: int

    @property
    def item(self) -> int:
        return self.items[0]

    @property
    def label(self) -> str:
        return ", ".join(self.lines)

    @property
    def x(self) -> float:
        return round(self.cx - self.width / 2, 1)

    @property
    def y(self) -> float:
        return round(self.cy - self.height / 2, 1)

    @property
    def corner(self) -> float:
        return min(self.r, self.width / 2, self.height / 2)

    @property
    def text_lines(self) -> list[dict]:
        """Each line's offset from the centre, for SVG text that does not wrap."""
        first = -(len(self.lines) - 1) * LINE_HEIGHT / 2 + 4
        return [
            {"text": line, "dy": first if index == 0 else LINE_HEIGHT}
            for index, line in enumerate(self.lines)
        ]


@dataclass(frozen=True)
class Arrow:
    item: int
    x1: float
    y1: float
    x2: float
    y2: float


CHAR_WIDTH = 7.5  # of a bold 12 px digit or comma, for the pill around a label
LINE_HEIGHT = 14


def label_lines(labels: list[str]) -> tuple[str, ...]:
    """Two labels to a line up to four, then three, four or five: a square-ish box."""
    per_line = max(2, math.ceil(math.sqrt(len(labels))))
    return tuple(
        ", ".join(labels[start : start + per_line]) for start in range(0, len(labels), per_line)
    )


def radius(picks: int) -> float:
    return round(min(MAX_RADIUS, BASE_RADIUS + RADIUS_PER_PICK * math.sqrt(picks)), 1)


def bubbles(group: GroupMap, labels: Mapping[int, str]) -> list[Bubble]:
    """One bubble per position. Items on exactly the same position share one bubble that
    lists them all, instead of being nudged apart across a line or out of the picture.

    A bubble's centre is the position itself, so it lies in its field or on its line;
    only a bubble too wide for the picture at its edge moves inwards, along the line it
    is on, and never as far as the middle line.
    """
    spots: dict[tuple[float, float], list] = {}
    for position in sorted(group.positions.values(), key=lambda p: p.item):
        spots.setdefault((x_of(position.success), y_of(position.importance)), []).append(position)
    result = []
    for (cx, cy), positions in spots.items():
        items = tuple(p.item for p in positions)
        lines = label_lines([labels.get(item, str(item)) for item in items])
        picks = max(p.top_picks for p in positions)
        r = radius(picks)
        # A whole, even width: the clamp below then works on whole numbers, and rounding
        # the centre can never push the pill past the edge.
        width = max(2 * r, math.ceil(max(len(line) for line in lines) * CHAR_WIDTH + 14))
        width += width % 2
        height = max(2 * r, len(lines) * LINE_HEIGHT + 8)
        cx = min(max(cx, LEFT + width // 2), RIGHT - width // 2)
        result.append(
            Bubble(
                items=items,
                lines=lines,
                cx=round(cx, 1),
                cy=cy,
                r=r,
                width=width,
                height=height,
                top_picks=sum(p.top_picks for p in positions),
            )
        )
    return result


def arrows(before: GroupMap, moves: list[Movement]) -> list[Arrow]:
    result = []
    for move in moves:
        if not arrow_worth_drawing(move):
            continue
        old = before.positions[move.item]
        result.append(
            Arrow(
                item=move.item,
                x1=x_of(old.success),
                y1=y_of(old.importance),
                x2=x_of(old.success + move.success),
                y2=y_of(old.importance + move.importance),
            )
        )
    return result


GEOMETRY = {
    "width": WIDTH,
    "height": HEIGHT,
    "left": LEFT,
    "right": RIGHT,
    "top": TOP,
    "bottom": BOTTOM,
    "mid_x": MID_X,
    "mid_y": MID_Y,
    "half_w": (RIGHT - LEFT) / 2,
    "half_h": (BOTTOM - TOP) / 2,
    # Under the field names below the plot: the scale's ends, then the axis's name.
    "scale_y": BOTTOM + MAX_OVERHANG + 44,
    "axis_y": BOTTOM + MAX_OVERHANG + 66,
}


def field_names(fields) -> list[dict]:
    """Each field's number and name outside its corner of the plot: fields 1 and 2
    above it, 4 and 3 below it, beyond the reach of the largest bubble."""
    above, below = TOP - MAX_OVERHANG - 8, BOTTOM + MAX_OVERHANG + 20
    places = {
        1: (LEFT, above, "start"),
        2: (RIGHT, above, "end"),
        3: (RIGHT, below, "end"),
        4: (LEFT, below, "start"),
    }
    result = []
    for field_text in fields:
        x, y, anchor = places[field_text.number]
        result.append(
            {
                "number": field_text.number,
                "name": field_text.name,
                "x": x,
                "y": round(y, 1),
                "anchor": anchor,
            }
        )
    return result


def arrow_worth_drawing(move: Movement) -> bool:
    """Only clear moves get an arrow: twenty crossing arrows say nothing. The table
    under the map has every move."""
    return move.field_before != move.field_after or move.distance >= MOVE_THRESHOLD


MOVE_THRESHOLD = 0.25
