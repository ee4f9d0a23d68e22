"""The priority map's rules (see prioritymap/model.py), checked on all inputs."""

from hypothesis import given, settings
from hypothesis import strategies as st

from prioritymap.model import (
    CONSIDER,
    FOCUS,
    HOLD,
    UNDERSTAND,
    Answer,
    GroupMap,
    aggregate,
    field_of,
    movement,
    position,
)

ratings = st.sampled_from([-1, 0, 1])
answers = st.builds(Answer, importance=ratings, success=ratings)
people = st.dictionaries(
    st.integers(min_value=1, max_value=40),
    st.dictionaries(st.integers(min_value=1, max_value=20), answers, min_size=1, max_size=8),
    min_size=1,
    max_size=12,
)
settings.register_profile("ledertrivsel", max_examples=60, deadline=None)
settings.load_profile("ledertrivsel")


def rounded(group):
    return {
        item: (
            p.answers,
            round(p.importance, 9),
            round(p.success, 9),
            round(p.disagreement, 9),
            p.top_picks,
        )
        for item, p in group.positions.items()
    }


def test_the_brochures_fields():
    assert field_of(1, -1) == FOCUS  # important, works less well: Fokuser her
    assert field_of(1, 1) == HOLD  # important, works well: Hold fast
    assert field_of(-1, 1) == UNDERSTAND  # less important, works well: Forstå
    assert field_of(-1, -1) == CONSIDER  # less important, works less well: Overvej
    assert field_of(0, 1) is None and field_of(1, 0) is None


@given(st.floats(-1, 1), st.floats(-1, 1))
def test_a_point_is_in_a_field_exactly_when_it_is_off_both_lines(importance, success):
    found = field_of(importance, success)
    assert (found is None) == (importance == 0 or success == 0)
    if found is not None:
        assert (found in (FOCUS, HOLD)) == (importance > 0)
        assert (found in (HOLD, UNDERSTAND)) == (success > 0)


@given(st.lists(answers, min_size=1, max_size=50))
def test_a_groups_position_stays_on_the_map_and_counts_every_answer(given_answers):
    found = position(1, given_answers)
    assert -1 <= found.importance <= 1 and -1 <= found.success <= 1
    assert found.answers == len(given_answers)
    assert 0 <= found.disagreement <= 1


@given(answers, st.integers(min_value=1, max_value=30))
def test_agreement_means_no_disagreement(answer, count):
    found = position(1, [answer] * count)
    assert found.disagreement == 0
    assert (found.importance, found.success) == (answer.importance, answer.success)


@given(people)
def test_aggregate_counts_people_and_never_more_answers_than_people(by_person):
    group = aggregate(by_person)
    assert group.respondents == len(by_person)
    for found in group.positions.values():
        assert found.answers <= group.respondents


@given(people)
def test_the_map_does_not_depend_on_the_order_of_the_answers(by_person):
    shuffled = dict(reversed(list(by_person.items())))
    assert rounded(aggregate(by_person)) == rounded(aggregate(shuffled))


@given(people)
def test_the_ranking_puts_the_largest_gap_first(by_person):
    ranking = aggregate(by_person).ranking()
    gaps = [round(p.gap, 9) for p in ranking]
    assert gaps == sorted(gaps, reverse=True)


def test_top_picks_are_counted_once_per_person():
    group = aggregate({"a": {1: Answer(1, -1)}, "b": {1: Answer(1, 1)}}, {"a": [1, 1, 2], "b": [1]})
    assert group.positions[1].top_picks == 2
    # A pick without ratings puts nothing on the map: it has no position.
    assert 2 not in group.positions


@given(people, people)
def test_movement_is_the_difference_of_positions(before_people, after_people):
    before, after = aggregate(before_people), aggregate(after_people)
    for move in movement(before, after):
        old, new = before.positions[move.item], after.positions[move.item]
        assert abs(old.success + move.success - new.success) < 1e-9
        assert move.moved_right == (new.success > old.success)
        assert move.field_after == new.field


@given(people)
def test_a_stored_map_reads_back_exactly(by_person):
    import json

    picks = {person: list(answers)[:2] for person, answers in by_person.items()}
    group = aggregate(by_person, picks)
    stored = json.loads(json.dumps(group.to_json()))
    assert GroupMap.from_json(stored) == group


def _sign(value: float) -> int:
    return (value > 1e-9) - (value < -1e-9)


@settings(max_examples=200)
@given(people, st.dictionaries(st.integers(1, 40), st.lists(st.integers(1, 20), max_size=3)))
def test_every_point_is_drawn_once_inside_the_chart_and_on_its_side_of_every_line(by_person, picks):
    from prioritymap import layout

    group = aggregate(by_person, picks)
    drawn = layout.bubbles(group, {n: str(n) for n in range(1, 21)})
    assert sorted(i for b in drawn for i in b.items) == sorted(group.positions)
    for bubble in drawn:
        assert bubble.x >= layout.LEFT and bubble.x + bubble.width <= layout.RIGHT
        assert bubble.y >= 0 and bubble.y + bubble.height <= layout.HEIGHT
        # No bubble reaches the fields' names above and below the plot.
        assert bubble.y >= layout.TOP - layout.MAX_OVERHANG
        assert bubble.y + bubble.height <= layout.BOTTOM + layout.MAX_OVERHANG
        for item in bubble.items:
            spot = group.positions[item]
            # Right of the middle line exactly when the group says it succeeds, above it
            # exactly when it is important; on the line when the mean is 0.
            assert _sign(bubble.cx - layout.MID_X) == _sign(spot.success), (item, bubble)
            assert _sign(layout.MID_Y - bubble.cy) == _sign(spot.importance), (item, bubble)


def test_a_position_on_a_line_belongs_to_both_neighbouring_fields():
    from prioritymap.model import fields_beside

    assert fields_beside(1.0, 0.0) == (FOCUS, HOLD)
    assert fields_beside(0.0, -0.5) == (FOCUS, CONSIDER)
    assert fields_beside(0.0, 0.0) == (FOCUS, HOLD, UNDERSTAND, CONSIDER)
    group = aggregate({1: {7: Answer(1, 0)}})
    assert [p.item for p in group.in_field(FOCUS)] == [7] == [p.item for p in group.in_field(HOLD)]


def test_the_field_names_sit_where_no_bubble_can_reach():
    from method import loader
    from prioritymap import layout

    names = layout.field_names(loader.current().priority_map.fields)
    font_size = 15
    for name in names:
        top_of_text, baseline = name["y"] - font_size, name["y"]
        clear_above = baseline < layout.TOP - layout.MAX_OVERHANG
        clear_below = top_of_text > layout.BOTTOM + layout.MAX_OVERHANG
        assert clear_above if name["number"] in (1, 2) else clear_below, name
    # The largest bubble there can be (everyone in a big group picked it) at ±1.
    many = layout.radius(40)
    assert many == layout.MAX_RADIUS
    assert layout.y_of(1) - many >= layout.TOP - layout.MAX_OVERHANG
    assert layout.y_of(-1) + many <= layout.BOTTOM + layout.MAX_OVERHANG


def test_only_clear_moves_get_an_arrow():
    from prioritymap import layout
    from prioritymap.model import Movement

    small = Movement(item=1, importance=0.1, success=0.1, field_before=1, field_after=1)
    large = Movement(item=2, importance=0.2, success=-0.2, field_before=1, field_after=1)
    across = Movement(item=3, importance=0.0, success=0.05, field_before=4, field_after=3)
    assert not layout.arrow_worth_drawing(small)
    assert layout.arrow_worth_drawing(large)  # 0.28 on the map
    assert layout.arrow_worth_drawing(across)


def test_the_movement_table_says_where_a_position_on_a_line_is():
    from django.utils import translation

    from prioritymap.model import Position
    from prioritymap.views import where

    def at(importance, success):
        return Position(
            item=1,
            answers=3,
            importance=importance,
            success=success,
            importance_spread=0,
            success_spread=0,
        )

    with translation.override("da"):
        assert where(at(0.5, -0.5)) == str(field_of(0.5, -0.5))
        assert where(at(0.5, 0)) == f"mellem {FOCUS} og {HOLD}"
        assert where(at(0, 0)) == "midt i kortet"
    with translation.override("en"):
        assert where(at(0, -0.5)) == f"between {FOCUS} and {CONSIDER}"
