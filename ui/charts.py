"""Small, accessible pictures drawn as SVG on the server: no script, no chart library.
Each picture has a title and a description that points to the table with the same
figures, and its series differ by shape and line as well as colour."""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 44, 16, 40

# Colour, dash pattern and marker per series: never colour alone.
STYLES = [
    ("#004993", "", "circle"),
    ("#8a4b00", "8 4", "square"),
    ("#1a1a1a", "2 4", "diamond"),
]


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: int

    @property
    def corner_x(self) -> float:  # a 10-unit marker centred on the point
        return round(self.x - 5, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - 5, 1)


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    dash: str
    marker: str
    segments: list[str]  # "x,y x,y …" for each unbroken run of shown values
    points: list[Point]


def share_trend(x_labels: list[str], series: list[tuple[str, list[int | None]]]) -> dict:
    """A line per series of shares (0-100) over x_labels; None is a hidden figure and
    breaks the line, so a gap is never drawn as a slope."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(x_labels) - 1, 1)

    def x_of(index: int) -> float:
        return round(LEFT + index * step, 1)

    def y_of(value: int) -> float:
        return round(TOP + plot_h * (1 - value / 100), 1)

    drawn = []
    for number, (name, values) in enumerate(series):
        colour, dash, marker = STYLES[number % len(STYLES)]
        segments, run, points = [], [], []
        for index, value in enumerate(values):
            if value is None:
                if run:
                    segments.append(" ".join(run))
                run = []
                continue
            run.append(f"{x_of(index)},{y_of(value)}")
            points.append(Point(x_of(index), y_of(value), x_labels[index], value))
        if run:
            segments.append(" ".join(run))
        drawn.append(Series(name, colour, dash, marker, segments, points))
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 20,
        "grid": [{"y": y_of(v), "label": v} for v in (0, 25, 50, 75, 100)],
        "x_labels": [{"x": x_of(i), "label": label} for i, label in enumerate(x_labels)],
        "series": drawn,
    }


def wheel(spokes: list[tuple[str, str, bool]]) -> dict:
    """The brochure's "hele vejen rundt": the leadership task in the middle and one
    spoke per direction around it, each (id to link to, label, has a note)."""
    width, height, cx, cy, radius = 640, 330, 320, 165, 118
    placed = []
    for index, (target, label, done) in enumerate(spokes):
        angle = -math.pi / 2 + 2 * math.pi * index / len(spokes)
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        side = math.cos(angle)
        anchor = "middle" if abs(side) < 0.2 else ("start" if side > 0 else "end")
        offset = 0 if anchor == "middle" else (24 if anchor == "start" else -24)
        label_y = y + (-28 if math.sin(angle) < -0.9 else 34 if math.sin(angle) > 0.9 else 5)
        placed.append(
            {
                "target": target,
                "label": label,
                "done": done,
                "x": round(x, 1),
                "y": round(y, 1),
                "label_x": round(x + offset, 1),
                "label_y": round(label_y, 1),
                "anchor": anchor,
            }
        )
    return {"width": width, "height": height, "cx": cx, "cy": cy, "spokes": placed}
