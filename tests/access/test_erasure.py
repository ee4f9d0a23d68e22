"""Erasure (GDPR art. 17): the person asks, HR confirms, and afterwards no trace of their
name, e-mail address or private text is left in the database (issue 11)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent, Kind
from dialogue.models import Dialogue, InterviewNote, SelfAgreement
from followup import outbox
from groups.models import ClosingRemark, Participation
from organisations.models import Person
from plans.models import PlanResponse
from scim.models import ProvisionedPerson

NAME = "Ellen Eksempelsen"
EMAIL = "ellen.eksempelsen@test.example"
MARKER = "ELLENS-PRIVATE-TEKST-0815"


def _traces() -> list[str]:
    """Every text value in every table, read through the app (so decrypted), that
    mentions the person; plus the raw SQLite dump where the test runs on SQLite."""
    found = []
    needles = (NAME, EMAIL, MARKER)
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            for value in row:
                if value and any(needle in str(value) for needle in needles):
                    found.append(f"{model._meta.label}: {str(value)[:80]}")
    if connection.vendor == "sqlite":
        dump = "\n".join(connection.connection.iterdump())
        found += [f"raw: {needle}" for needle in needles if needle in dump]
    return found


@pytest.fixture
def ellen(world):
    leader = world.leader
    Person.objects.filter(pk=leader.pk).update(name=NAME, email=EMAIL)
    leader.refresh_from_db()
    InterviewNote.objects.filter(owner=leader).update(text=MARKER)
    SelfAgreement.objects.filter(owner=leader).update(goals=MARKER, wellbeing=MARKER)
    Dialogue.objects.filter(leader=leader).update(points=MARKER, align=MARKER)
    Participation.objects.filter(person=leader).update(notes=MARKER)
    ClosingRemark.objects.create(round=world.round, person=leader, text="Vi tager sparring med")
    # The HR system's own name and id for her (SCIM).
    ProvisionedPerson.objects.create(person=leader, user_name=EMAIL, external_id="ellen-0815")
    # Traces outside the tools: a failed login, a queued mail, the operators' log.
    Client().post(reverse("login"), {"username": EMAIL, "password": "forkert"})
    outbox.queue_mail("core/email/password_changed", to=leader, context={}, key="ellen-mail")
    LogEntry.objects.create(
        user=world.admin,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(leader.pk),
        object_repr=NAME,
        action_flag=CHANGE,
    )
    assert _traces(), "the fixture left traces to find"
    return leader


def test_a_person_asks_for_erasure_and_hr_erases_every_trace(world, ellen, login):
    client = login(ellen)
    client.post(reverse("erasure_request"))
    ellen.refresh_from_db()
    assert ellen.erasure_requested_at
    hr = login(world.hr)
    assert (
        "har bedt om at få sine data slettet"
        in hr.get(reverse("organisations:person_edit", args=[ellen.pk])).content.decode()
    )

    wrong = hr.post(reverse("organisations:person_erase", args=[ellen.pk]), {"confirm_name": "x"})
    assert wrong.status_code == 400 and not _erased(ellen)
    done = hr.post(reverse("organisations:person_erase", args=[ellen.pk]), {"confirm_name": NAME})
    assert done.status_code == 302 and _erased(ellen)

    assert _traces() == []
    assert not ProvisionedPerson.objects.filter(person=ellen).exists()
    # Her private things are gone; what she added to the group's record stays, unnamed.
    assert not Participation.objects.filter(person=ellen).exists()
    assert not PlanResponse.objects.filter(person=ellen).exists()
    remark = ClosingRemark.objects.get(person=ellen)
    assert remark.person.name == "Slettet person"
    assert AuditEvent.objects.filter(kind=Kind.ERASED, actor=world.hr, subject=ellen).exists()
    # The account is closed, and the manager's list no longer shows her.
    attempt = Client().post(reverse("login"), {"username": EMAIL, "password": "x"})
    assert attempt.status_code == 200  # the form again: no such account any more
    assert NAME not in login(world.chef).get(reverse("dialogue:my_leaders")).content.decode()


def _erased(person) -> bool:
    person.refresh_from_db()
    return person.erased_at is not None


def test_hr_cannot_erase_anyone_who_has_not_asked(world, ellen, login):
    hr = login(world.hr)
    edit = hr.get(reverse("organisations:person_edit", args=[ellen.pk])).content.decode()
    assert reverse("organisations:person_erase", args=[ellen.pk]) not in edit
    page = hr.get(reverse("organisations:person_erase", args=[ellen.pk])).content.decode()
    assert "Data slettes kun, når personen selv beder om det" in page
    assert 'name="confirm_name"' not in page
    # Posting the form anyway (an old page, a crafted request) erases nothing.
    refused = hr.post(
        reverse("organisations:person_erase", args=[ellen.pk]), {"confirm_name": NAME}
    )
    assert refused.status_code == 400
    assert "har ikke selv bedt om at få sine data slettet" in refused.content.decode()
    assert not _erased(ellen)
    assert MARKER in [note.text for note in InterviewNote.objects.filter(owner=ellen)]
    assert not AuditEvent.objects.filter(kind=Kind.ERASED, subject=ellen).exists()
