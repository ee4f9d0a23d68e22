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
    hidden = [i for i, shown in enumerate(result.rows) if not shown and cells[i].population]
    if result.total:
        assert determined(cells, result.rows, total) == []
        assert len(hidden) != 1  # A single hidden row would be the total minus the rest.
    elif total.population >= K:
        # The total is hidden to protect rows: it must not be the sum of shown rows.
        assert hidden


@settings(max_examples=400, deadline=None)
@given(tables())
def test_at_most_one_figure_is_hidden_beyond_the_small_ones(table):
    cells, total = table
    result = suppress(cells, total, K)
    if total.population < K:
        return  # Everything is drawn from fewer than k people.
    small = {i for i, c in enumerate(cells) if 0 < c.population < K}
    hidden = {i for i, shown in enumerate(result.rows) if not shown}
    assert small <= hidden
    extra = len(hidden - small) + (not result.total)
    assert extra <= 1


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
    # Hiding the 6-person row would leave both hidden rows known to be 0; hiding the
    # 7-person row leaves the two hidden rows between 0 and 3.
    cells = [Cell(3, 0), Cell(6, 0), Cell(7, 3), Cell(9, 4)]
    result = suppress(cells, Cell(25, 7), K)
    assert result.rows == (False, True, False, True) and result.total
    assert determined(cells, result.rows, Cell(25, 7)) == []


def test_one_person_directly_under_top_management_hides_one_unit_not_the_table():
    # The demo municipality: 1 leader directly under Direktionen, units of 5 and 8.
    cells = [Cell(1, 0), Cell(5, 0), Cell(8, 5)]
    result = suppress(cells, Cell(14, 5), K)
    assert result.rows == (False, True, False) and result.total


def test_when_no_single_row_protects_the_small_one_the_total_is_hidden():
    # Nobody has an agreement: with the total shown, any hidden row is known to be 0.
    cells = [Cell(2, 0), Cell(5, 0), Cell(6, 0)]
    result = suppress(cells, Cell(13, 0), K)
    assert result.rows == (False, True, True) and not result.total
