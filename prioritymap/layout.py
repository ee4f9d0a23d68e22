"""Where things go on the drawn priority map. Plain Python: numbers in, numbers out."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from prioritymap.model import GroupMap, Movement

WIDTH, HEIGHT = 760, 640
LEFT, RIGHT, TOP, BOTTOM = 90, 730, 30, 570
MID_X, MID_Y = (LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2
BASE_RADIUS, RADIUS_PER_PICK = 11, 5


def x_of(success: float) -> float:
    return round(MID_X + success * (RIGHT - LEFT) / 2 * 0.9, 1)


def y_of(importance: float) -> float:
    return round(MID_Y - importance * (BOTTOM - TOP) / 2 * 0.9, 1)


@dataclass(frozen=True)
class Bubble:
    """One spot on the map with the items that share it. Drawn as a pill: a circle for one
    item, wider when several items sit on exactly the same position."""

    items: tuple[int, ...]
    label: str
    cx: float
    cy: float
    r: float
    width: float
    top_picks: int

    @property
    def item(self) -> int:
        return self.items[0]

    @property
    def x(self) -> float:
        return round(self.cx - self.width / 2, 1)

    @property
    def y(self) -> float:
        return round(self.cy - self.r, 1)

    @property
    def height(self) -> float:
        return 2 * self.r


@dataclass(frozen=True)
class Arrow:
    item: int
    x1: float
    y1: float
    x2: float
    y2: float


CHAR_WIDTH = 7.5  # of a bold 12 px digit or comma, for the pill around a label


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
        label = ", ".join(labels.get(item, str(item)) for item in items)
        picks = max(p.top_picks for p in positions)
        r = BASE_RADIUS + RADIUS_PER_PICK * picks
        # A whole, even width: the clamp below then works on whole numbers, and rounding
        # the centre can never push the pill past the edge.
        width = max(2 * r, math.ceil(len(label) * CHAR_WIDTH + 14))
        width += width % 2
        cx = min(max(cx, LEFT + width // 2), RIGHT - width // 2)
        result.append(
            Bubble(
                items=items,
                label=label,
                cx=round(cx, 1),
                cy=cy,
                r=r,
                width=width,
                top_picks=sum(p.top_picks for p in positions),
            )
        )
    return result


def arrows(before: GroupMap, moves: list[Movement]) -> list[Arrow]:
    result = []
    for move in moves:
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
}


def wrap(text: str, width: int) -> list[str]:
    """Greedy line breaking for SVG text, which does not wrap by itself."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


QUADRANT_ORIGINS = {1: (LEFT, TOP), 2: (MID_X, TOP), 3: (MID_X, MID_Y), 4: (LEFT, MID_Y)}


def quadrants(fields) -> list[dict]:
    """Each field's corner of the map with its name and guiding questions as lines."""
    result = []
    for field_text in fields:
        x, y = QUADRANT_ORIGINS[field_text.number]
        lines = [str(q) for q in field_text.questions]
        result.append(
            {
                "number": field_text.number,
                "x": x + 10,
                "y": y + 24,
                "name": field_text.name,
                "lines": [
                    {"text": line, "dy": 16 if index else 20}
                    for index, line in enumerate(
                        part for question in lines for part in wrap(question, 44)
                    )
                ],
            }
        )
    return result
