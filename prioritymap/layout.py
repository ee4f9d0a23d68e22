"""Where things go on the drawn priority map. Plain Python: numbers in, numbers out."""

from __future__ import annotations

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
    item: int
    label: str
    cx: float
    cy: float
    r: float
    top_picks: int


@dataclass(frozen=True)
class Arrow:
    item: int
    x1: float
    y1: float
    x2: float
    y2: float


def bubbles(group: GroupMap, labels: Mapping[int, str]) -> list[Bubble]:
    """One bubble per item; items on the same spot are fanned out so none hides another."""
    seen: dict[tuple[float, float], int] = {}
    result = []
    for position in sorted(group.positions.values(), key=lambda p: p.item):
        cx, cy = x_of(position.success), y_of(position.importance)
        overlap = seen.get((cx, cy), 0)
        seen[(cx, cy)] = overlap + 1
        offset = overlap * 14
        result.append(
            Bubble(
                item=position.item,
                label=labels.get(position.item, str(position.item)),
                cx=cx + offset,
                cy=cy + (offset / 2 if overlap % 2 else -offset / 2),
                r=BASE_RADIUS + RADIUS_PER_PICK * position.top_picks,
                top_picks=position.top_picks,
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
