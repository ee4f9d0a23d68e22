"""Which figures of a table may be shown without revealing anything about a few people.

Plain Python, no Django. A table is a partition: every person counts in exactly one row,
and the total is the sum of the rows. Each row has a *population* (how many people its
figure is drawn from, shown as structure) and a *value* (how many of them have
something, e.g. a current agreement).

The rules
---------
* Primary: a figure drawn from fewer than k people is suppressed.
* Secondary: no suppressed figure may be worked out from the shown ones. Knowing the
  total, the shown rows and every row's population, a suppressed row's value lies
  between max(0, S - (populations of the other suppressed rows)) and
  min(population, S), where S is the total minus the shown rows. When some suppressed
  row's range is a single number, exactly one more figure is hidden: the smallest row
  whose hiding leaves every range open, or, when no single row does, the total (with
  the total hidden, a hidden row can be anything from 0 to its population). Hiding
  rows one by one until the ranges open, as a first version did, could hide a whole
  table to protect one person.
* Rows without people are left out of the table: their value is 0 and says nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """`value` of `population` things; `people` is how many people the figure is drawn
    from, when the things are not people themselves (management groups)."""

    population: int
    value: int
    people: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.value <= self.population:
            raise ValueError("A value counts things of its population.")

    @property
    def drawn_from(self) -> int:
        return self.population if self.people is None else self.people


@dataclass(frozen=True)
class Suppressed:
    rows: tuple[bool, ...]  # True: shown
    total: bool


def determined(cells: Sequence[Cell], shown: Sequence[bool], total: Cell) -> list[int]:
    """The hidden rows whose value follows from what is shown (empty when total hidden)."""
    hidden = [i for i, is_shown in enumerate(shown) if not is_shown]
    rest = total.value - sum(c.value for c, is_shown in zip(cells, shown, strict=True) if is_shown)
    found = []
    for i in hidden:
        others = sum(cells[j].population for j in hidden if j != i)
        low, high = max(0, rest - others), min(cells[i].population, rest)
        if low == high:
            found.append(i)
    return found


def suppress(cells: Sequence[Cell], total: Cell, k: int) -> Suppressed:
    if total.drawn_from < k:
        return Suppressed(tuple(False for _ in cells), False)
    # A row without people is 0 and says nothing; every other row needs k people.
    shown = [cell.drawn_from >= k or cell.population == 0 for cell in cells]
    if not determined(cells, shown, total):
        return Suppressed(tuple(shown), True)
    candidates = sorted(
        (i for i, is_shown in enumerate(shown) if is_shown and cells[i].population),
        key=lambda i: (cells[i].population, i),
    )
    for candidate in candidates:
        trial = [is_shown and i != candidate for i, is_shown in enumerate(shown)]
        if not determined(cells, trial, total):
            return Suppressed(tuple(trial), True)
    return Suppressed(tuple(shown), False)
