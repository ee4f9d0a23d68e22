"""The one ratings form of tools 2 and 3: named fields, and nothing lost to a bad value."""

from prioritymap.model import Answer, Rated
from ui.forms import RatingsForm


def test_ratings_come_out_with_named_fields_and_gaps_as_none():
    form = RatingsForm({"i1": "1", "s1": "-1", "i2": "0"}, keys=[1, 2, 3])
    assert form.ratings() == {
        1: Rated(importance=1, success=-1),
        2: Rated(importance=0, success=None),
        3: Rated(importance=None, success=None),
    }
    assert form.ratings()[1].answer() == Answer(importance=1, success=-1)
    assert form.ratings()[2].answer() is None


def test_a_value_off_the_scale_is_left_empty_and_the_rest_is_kept():
    form = RatingsForm({"i1": "7", "s1": "1", "i2": "abc", "s2": "0"}, keys=[1, 2])
    assert form.ratings() == {
        1: Rated(importance=None, success=1),
        2: Rated(importance=None, success=0),
    }
