"""The priority map written in Python (prioritymap/templatetags/priority_map.py): what
a person reads in it, and that nothing a group or plan team typed can become markup."""

from django.utils import translation

from prioritymap.model import Answer, aggregate
from prioritymap.templatetags.priority_map import render_map
from prioritymap.views import map_context

TITLES = {1: "Tid & <ro>", 2: 'Et "klart" mandat', 3: "Sparring"}
LABELS = {1: "1", 2: "2", 3: "3"}


def group(ratings):
    answers = {person: {item: Answer(*pair) for item, pair in row.items()}
               for person, row in enumerate(ratings)}  # fmt: skip
    return aggregate(answers, {0: [1, 2]})


NOW = group([{1: (1, -1), 2: (1, 1), 3: (-1, -1)}, {1: (1, 0), 2: (0, 1), 3: (-1, 0)}])
BEFORE = group([{1: (-1, -1), 2: (1, 1), 3: (1, 1)}, {1: (-1, 0), 2: (0, 1), 3: (1, 1)}])


def rendered(**extra) -> str:
    context = map_context(NOW, LABELS, titles=TITLES, caption="Gruppens <kort>", before=BEFORE)
    context.update({"map_id": "test", **extra})
    with translation.override("da"):
        return render_map(context)


def test_what_people_typed_is_shown_as_text_never_as_markup():
    page = rendered()
    assert "<ro>" not in page and "Tid &amp; &lt;ro&gt;" in page
    assert "&lt;kort&gt;" in page and "<kort>" not in page
    assert "Et &quot;klart&quot; mandat" in page


def test_the_map_has_a_bubble_per_item_a_table_row_each_and_arrows_for_moves():
    page = rendered()
    assert page.count('<g class="bubble">') == 3
    table = page[page.index("priority-table") : page.index("</table>")]
    assert table.count('<th scope="row">') == 3
    assert 'marker-end="url(#test-arrowhead)"' in page
    assert "movement-table" in page and "Bevægelse siden sidste runde" in page


def test_the_includers_options_change_the_table():
    assert "Valgt som vigtigst" in rendered()
    assert "Valgt som vigtigst" not in rendered(hide_picks=True)
    assert '<th scope="col">Tema</th>' in rendered(item_heading="Tema")
    assert '<details class="map-table" open>' in rendered(table_open=True)


def test_in_english_the_map_reads_in_english():
    context = map_context(NOW, LABELS, titles=TITLES, caption="Map")
    context["map_id"] = "en"
    with translation.override("en"):
        page = render_map(context)
    assert "Show as table" in page and "Vis som tabel" not in page
