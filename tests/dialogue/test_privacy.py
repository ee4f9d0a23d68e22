"""The confidential room of tool 1: what a leader writes is theirs; the manager sees
only what is shared with them, and only while they are the nearest manager."""

import pytest
from django.contrib import admin
from django.urls import reverse

from dialogue import services
from dialogue.models import Dialogue
from tests.conftest import PRIVATE_GOAL, PRIVATE_NOTE, SHARED_POINT
from tests.factories import PersonFactory


def pages_for(world):
    return [
        reverse("dialogue:my_leaders"),
        reverse("dialogue:detail", args=[world.dialogue.pk]),
        reverse("dialogue:print", args=[world.dialogue.pk]),
        reverse("dialogue:start"),
        reverse("home"),
    ]


def test_the_manager_sees_the_shared_point_and_nothing_private(world, login):
    client = login(world.chef)
    page = client.get(reverse("dialogue:detail", args=[world.dialogue.pk])).content.decode()
    assert SHARED_POINT in page
    for url in pages_for(world):
        page = client.get(url).content.decode()
        assert PRIVATE_NOTE not in page, url
        assert PRIVATE_GOAL not in page, url


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_the_managers_list_does_not_reveal_whether_private_notes_exist(world, login):
    client = login(world.chef)
    with_notes = _main(client.get(reverse("dialogue:my_leaders")).content.decode())
    world.note.delete()
    world.agreement.delete()
    without = _main(client.get(reverse("dialogue:my_leaders")).content.decode())
    assert with_notes == without


@pytest.mark.parametrize("actor", ["hr", "admin", "top", "med", "colleague"])
def test_nobody_else_sees_any_of_it(world, login, actor):
    client = login(getattr(world, actor))
    for url in pages_for(world):
        response = client.get(url)
        content = response.content.decode()
        assert SHARED_POINT not in content, (actor, url)
        assert PRIVATE_NOTE not in content and PRIVATE_GOAL not in content, (actor, url)
    for url in [
        reverse("dialogue:agreement_detail", args=[world.agreement.pk]),
        reverse("dialogue:agreement_pdf", args=[world.agreement.pk]),
        reverse("dialogue:item_edit", args=[world.item.pk]),
        reverse("dialogue:detail", args=[world.dialogue.pk]),
    ]:
        assert client.get(url).status_code == 403, (actor, url)


def test_a_share_is_a_snapshot_until_shared_again(world, login):
    world.dialogue.points = "Ny privat formulering"
    world.dialogue.save()
    client = login(world.chef)
    page = client.get(reverse("dialogue:detail", args=[world.dialogue.pk])).content.decode()
    assert SHARED_POINT in page and "Ny privat formulering" not in page
    services.dialogue_share(dialogue=world.dialogue, sources=["dialogue.points"])
    page = client.get(reverse("dialogue:detail", args=[world.dialogue.pk])).content.decode()
    assert "Ny privat formulering" in page


def test_unsharing_removes_it_from_the_manager(world, login):
    client = login(world.leader)
    client.post(reverse("dialogue:share"), {})
    page = (
        login(world.chef).get(reverse("dialogue:detail", args=[world.dialogue.pk])).content.decode()
    )
    assert SHARED_POINT not in page


def test_a_new_reporting_line_closes_the_old_dialogue_at_once(world, login):
    new_manager = PersonFactory(organisation=world.organisation, email="ny@test.example")
    world.leader.manager = new_manager
    world.leader.save()
    old = login(world.chef)
    assert old.get(reverse("dialogue:detail", args=[world.dialogue.pk])).status_code == 403
    assert old.get(reverse("dialogue:with", args=[world.leader.pk])).status_code == 403
    assert world.leader.name not in old.get(reverse("dialogue:my_leaders")).content.decode()

    new = login(new_manager)
    first_look = new.get(reverse("dialogue:with", args=[world.leader.pk]))
    assert first_look.status_code == 200
    assert SHARED_POINT not in first_look.content.decode()
    response = new.post(reverse("dialogue:begin_with", args=[world.leader.pk]))
    assert response.status_code == 302
    new_dialogue = Dialogue.objects.get(leader=world.leader, manager=new_manager)
    page = new.get(response.url).content.decode()
    assert SHARED_POINT not in page
    assert new.get(reverse("dialogue:detail", args=[world.dialogue.pk])).status_code == 403
    # The leader still reads the former dialogue but can no longer add to it.
    leader = login(world.leader)
    assert leader.get(reverse("dialogue:detail", args=[world.dialogue.pk])).status_code == 200
    response = leader.post(
        reverse("dialogue:meeting_add", args=[world.dialogue.pk]), {"date": "2026-12-01"}
    )
    assert response.status_code == 403
    assert new_dialogue.shared_items.count() == 0


def test_the_manager_cannot_edit_the_leaders_preparation(world, login):
    response = login(world.chef).post(
        reverse("dialogue:autosave_dialogue", args=[world.dialogue.pk, "points"]),
        {"text": "Overskrevet", "version": world.dialogue.points_version},
    )
    assert response.status_code == 403


def test_no_private_tool_content_is_in_the_django_admin():
    private_apps = {"dialogue", "managementgroups"}
    registered = {model._meta.app_label for model in admin.site._registry}
    assert not registered & private_apps
