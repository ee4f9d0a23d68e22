"""The priority map's arithmetic (prioriteringskortet), in plain Python.

Used by tool 2 (20 statements, a management group) and tool 3 (12 themes, a plan
team or all leaders in scope). No Django here.

The rules
---------
Every answer is two ratings on the brochure's three-point scale, stored as numbers:
``÷`` (i lav grad) = -1, ``-`` (på stregen) = 0, ``+`` (i høj grad) = +1.

* *importance* is "I hvor høj grad er det vigtigt?" (the map's vertical axis) and
  *success* is "I hvor høj grad lykkes vi med det?" (the horizontal axis).
* A point lies in a field when both coordinates are off the line:
  Felt 1 "Fokuser her": important (> 0), works less well (< 0);
  Felt 2 "Hold fast": important (> 0), works well (> 0);
  Felt 3 "Forstå": less important (< 0), works well (> 0);
  Felt 4 "Overvej": less important (< 0), works less well (< 0).
  A point with a coordinate exactly 0 lies on a line and in no field (``None``).
* A group's position for a statement is the mean of its members' ratings, so it is
  always inside [-1, 1] × [-1, 1]. Only answers that rate both axes count.
* No joint counts of (importance, success) are kept: a unanimous cell would show
  everyone's answer, and a member who subtracts their own from a small group's cells
  would learn the others' (issue 22, path 6). A position holds what the map shows.
* *Spread* is the population standard deviation of each axis; *disagreement* is the
  mean of the two spreads, 0 when everyone agrees and at most 1.
* *Top picks* count how many members chose the statement among their 2-3 most
  important; a bubble's size follows them.
* The *ranking* puts first what most needs work: the largest gap between importance and
  success, then the most top picks, then the statement's own number.
* *Movement* between two rounds is the difference of the positions (later minus
  earlier); moving "further to the right" is a positive change in success.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

SCALE = (-1, 0, 1)

FOCUS, HOLD, UNDERSTAND, CONSIDER = 1, 2, 3, 4


def field_of(importance: float, success: float) -> int | None:
    """The field a position lies in, or None when it lies on a line."""
    if importance == 0 or success == 0:
        return None
    if importance > 0:
        return FOCUS if success < 0 else HOLD
    return UNDERSTAND if success > 0 else CONSIDER


def fields_beside(importance: float, success: float) -> tuple[int, ...]:
    """The field a position lies in, or the fields on both sides of the line it sits on
    ("mellem felt 1 og 2"); the centre touches all four."""
    field = field_of(importance, success)
    if field is not None:
        return (field,)
    if importance == 0 and success == 0:
        return (FOCUS, HOLD, UNDERSTAND, CONSIDER)
    if importance == 0:
        return (FOCUS, CONSIDER) if success < 0 else (HOLD, UNDERSTAND)
    return (FOCUS, HOLD) if importance > 0 else (CONSIDER, UNDERSTAND)


class Rated(NamedTuple):
    """One item's two ratings as a person has left them so far: either may be missing
    (None) while they are still answering. `answer()` gives the complete Answer."""

    importance: int | None
    success: int | None

    def answer(self) -> Answer | None:
        if self.importance is None or self.success is None:
            return None
        return Answer(self.importance, self.success)


@dataclass(frozen=True)
class Answer:
    importance: int
    success: int

    def __post_init__(self) -> None:
        if self.importance not in SCALE or self.success not in SCALE:
            raise ValueError(f"Ratings must be one of {SCALE}")


@dataclass(frozen=True)
class Position:
    """Where one item (a statement or a theme) lies for a group."""

    item: int
    answers: int
    importance: float
    success: float
    importance_spread: float
    success_spread: float
    top_picks: int = 0

    @property
    def field(self) -> int | None:
        return field_of(self.importance, self.success)

    @property
    def fields(self) -> tuple[int, ...]:
        return fields_beside(self.importance, self.success)

    @property
    def disagreement(self) -> float:
        return (self.importance_spread + self.success_spread) / 2

    @property
    def gap(self) -> float:
        return self.importance - self.success


def _mean(values: Sequence[int]) -> float:
    return sum(values) / len(values)


def _spread(values: Sequence[int]) -> float:
    mean = _mean(values)
    return math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))


def position(item: int, answers: Iterable[Answer], top_picks: int = 0) -> Position | None:
    """A group's position for one item; None when nobody rated it on both axes."""
    answers = list(answers)
    if not answers:
        return None
    importances = [a.importance for a in answers]
    successes = [a.success for a in answers]
    return Position(
        item=item,
        answers=len(answers),
        importance=_mean(importances),
        success=_mean(successes),
        importance_spread=_spread(importances),
        success_spread=_spread(successes),
        top_picks=top_picks,
    )


@dataclass
class GroupMap:
    """The positions of all items a group rated, and how many people answered."""

    respondents: int
    positions: dict[int, Position] = field(default_factory=dict)

    def ranking(self) -> list[Position]:
        return sorted(
            self.positions.values(), key=lambda p: (-round(p.gap, 9), -p.top_picks, p.item)
        )

    def in_field(self, number: int) -> list[Position]:
        """Positions in the field, and those on its lines (they belong to both sides)."""
        return [p for p in self.ranking() if number in p.fields]

    def to_json(self) -> dict:
        """Plain data to store: the aggregate only, nothing that says who answered what."""
        return {
            "respondents": self.respondents,
            "positions": [
                {
                    "item": p.item,
                    "answers": p.answers,
                    "importance": p.importance,
                    "success": p.success,
                    "importance_spread": p.importance_spread,
                    "success_spread": p.success_spread,
                    "top_picks": p.top_picks,
                }
                for p in self.positions.values()
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping) -> GroupMap:
        group = cls(respondents=data["respondents"])
        for p in data["positions"]:
            # Maps stored before issue 22 had joint cells; they are not read.
            group.positions[p["item"]] = Position(
                **{key: value for key, value in p.items() if key != "cells"}
            )
        return group


def aggregate(
    answers_by_person: Mapping[object, Mapping[int, Answer]],
    top_picks_by_person: Mapping[object, Iterable[int]] | None = None,
) -> GroupMap:
    """Combines each person's answers (item → Answer) into a group map.

    Persons only count; the result never says who answered what.
    """
    per_item: dict[int, list[Answer]] = {}
    for answers in answers_by_person.values():
        for item, answer in answers.items():
            per_item.setdefault(item, []).append(answer)
    picks: dict[int, int] = {}
    for chosen in (top_picks_by_person or {}).values():
        for item in set(chosen):
            picks[item] = picks.get(item, 0) + 1
    group = GroupMap(respondents=len(answers_by_person))
    for item in sorted(set(per_item) | set(picks)):
        found = position(item, per_item.get(item, []), picks.get(item, 0))
        if found is not None:
            group.positions[item] = found
    return group


@dataclass(frozen=True)
class Movement:
    item: int
    importance: float
    success: float
    field_before: int | None
    field_after: int | None

    @property
    def moved_right(self) -> bool:
        return self.success > 0

    @property
    def distance(self) -> float:
        """How far the item moved on the map, in the units of the scales."""
        return math.hypot(self.importance, self.success)


def movement(before: GroupMap, after: GroupMap) -> list[Movement]:
    """How each item present in both maps moved, in item order."""
    moves = []
    for item in sorted(set(before.positions) & set(after.positions)):
        old, new = before.positions[item], after.positions[item]
        moves.append(
            Movement(
                item=item,
                importance=new.importance - old.importance,
                success=new.success - old.success,
                field_before=old.field,
                field_after=new.field,
            )
        )
    return moves
