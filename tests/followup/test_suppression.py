"""The status page's suppression, checked as properties over many random tables."""

from hypothesis import given, settings
from hypothesis import strategies as st

from core.suppression import Cell, determined, suppress

K = 5


@st.composite
def tables(draw):
    populations = draw(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=8))
    cells = [Cell(p, draw(st.integers(min_value=0, max_value=p))) for p in populations]
    total = Cell(sum(c.population for c in cells), sum(c.value for c in cells))
    return cells, total


@settings(max_examples=400, deadline=None)
@given(tables())
def test_no_shown_figure_is_drawn_from_fewer_than_k_people(table):
    cells, total = table
    result = suppress(cells, total, K)
    for cell, shown in zip(cells, result.rows, strict=True):
        assert not shown or cell.population >= K or cell.population == 0
    assert not result.total or total.population >= K


@settings(max_examples=400, deadline=None)
@given(tables())
def test_no_hidden_figure_can_be_worked_out_from_the_shown_ones(table):
    cells, total = table
    result = suppress(cells, total, K)
    if result.total:
        assert determined(cells, result.rows, total) == []
        hidden = [i for i, shown in enumerate(result.rows) if not shown]
        assert len(hidden) != 1  # A single hidden row would be the total minus the rest.
    else:
        assert not any(result.rows[i] and cells[i].population for i in range(len(cells)))


@settings(max_examples=400, deadline=None)
@given(tables())
def test_a_table_where_everyone_counts_enough_shows_everything(table):
    cells, total = table
    if all(c.population >= K or c.population == 0 for c in cells) and total.population >= K:
        result = suppress(cells, total, K)
        # Only figures that would give a hidden one away are hidden: none here.
        assert all(result.rows) and result.total


def test_a_small_unit_hides_its_neighbour_too():
    cells = [Cell(3, 1), Cell(8, 4), Cell(12, 6)]
    result = suppress(cells, Cell(23, 11), K)
    assert result.rows == (False, False, True) and result.total


def test_all_or_nothing_in_hidden_rows_is_hidden_further():
    # The two hidden rows have nobody with an agreement: each would be known to be 0.
    cells = [Cell(3, 0), Cell(6, 0), Cell(7, 3), Cell(9, 4)]
    result = suppress(cells, Cell(25, 7), K)
    assert determined(cells, result.rows, Cell(25, 7)) == []
    assert sum(not shown for shown in result.rows) >= 3 or not result.total
