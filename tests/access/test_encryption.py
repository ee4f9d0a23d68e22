"""Private free text is encrypted at rest (issue 11, path 9): a marker written into every
private field is found nowhere in the raw database, on SQLite or in PostgreSQL's pg_dump,
and the app still reads it. Nor is anything there that opens an account (issue 22,
path 2): a session's key is stored only as a keyed hash."""

from __future__ import annotations

import glob
import os
import subprocess
from datetime import date

import pytest
from cryptography.fernet import InvalidToken
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from dialogue.models import (
    InterviewGuide,
    InterviewNote,
    MeetingNote,
    SelfAgreement,
)
from encrypted import keys
from encrypted.fields import EncryptedBooleanField, EncryptedDateField, EncryptedIntegerField
from organisations import personal_data
from organisations.models import Person
from tests.factories import TEST_PASSWORD
from tests.operators import operator_with_second_factor

MARKER = "HEMMELIGT-MÆRKE-4711"
# Facts that are not text (a date, a number, yes or no) are marked with values of their
# own kind: a day nobody will have written anywhere else.
DATE_MARKER = date(2031, 7, 13)
TYPED_MARKERS = {
    EncryptedDateField: DATE_MARKER,
    EncryptedIntegerField: 47,
    EncryptedBooleanField: False,
}


def _marker(model, field: str, pk: int):
    kind = type(model._meta.get_field(field))
    return TYPED_MARKERS.get(kind, f"{MARKER} {pk}")


# Every encrypted field, as the apps register them (organisations/personal_data.py).
PRIVATE = {
    apps.get_model(label): fields for label, fields in personal_data.encrypted_fields().items()
}


def _mark_everything(world) -> None:
    operator_with_second_factor()  # the seed is marked with the rest
    InterviewGuide.objects.create(
        owner=world.leader, organisation=world.organisation, interviewer_name=MARKER
    )
    MeetingNote.objects.create(meeting=world.meeting, text=MARKER, author=world.chef)
    from dialogue.models import Tick

    Tick.objects.create(item=world.item, period=DATE_MARKER, kept=False)
    for model, fields in PRIVATE.items():
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(**{f: _marker(model, f, pk) for f in fields})


def _raw_dump() -> str:
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    settings = connection.settings_dict
    pg_dump = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))[-1]
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    command = [pg_dump, "--data-only", "-d", settings["NAME"]]
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if settings.get(key):
            command += [flag, str(settings[key])]
    # The command is built from the test database's own settings.
    return subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.django_db(transaction=True)
def test_a_marker_in_every_private_field_is_nowhere_in_the_raw_database(world):
    _mark_everything(world)
    # A live session: its key is in the browser's cookie, and not in any copy.
    browser = Client()
    browser.post(reverse("login"), {"username": world.leader.email, "password": TEST_PASSWORD})
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert browser.get(reverse("home")).status_code == 200
    dump = _raw_dump()
    assert "fernet:" in dump
    assert MARKER not in dump and DATE_MARKER.isoformat() not in dump
    assert cookie not in dump and Session.objects.exists()
    # The app reads every field back.
    for model, fields in PRIVATE.items():
        for row in model.objects.all():
            for field in fields:
                assert getattr(row, field) == _marker(model, field, row.pk), (model, field)
        # And every column holds ciphertext, whatever its kind.
        with connection.cursor() as cursor:
            columns = ", ".join(model._meta.get_field(f).column for f in fields)
            cursor.execute(f"SELECT {columns} FROM {model._meta.db_table}")  # noqa: S608
            for stored in cursor.fetchall():
                assert all(value.startswith(keys.PREFIX) for value in stored), model


def test_keys_rotate_and_old_text_is_encrypted_by_the_command(world, settings):
    note = world.note
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = "hK0cY8v5U3Hq0o3J8i9Zx2m4b1c7d6e5f4a3b2c1d0E="
    # Text from before encryption (plain in the column) is read as it is...
    InterviewNote.objects.filter(pk=note.pk).update(text="x")  # encrypted by the field
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE dialogue_interviewnote SET text = %s WHERE id = %s", ["før", note.pk]
        )
    assert InterviewNote.objects.get(pk=note.pk).text == "før"
    # ...and encrypted by the command, with the new key first.
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_encryption_keys", verbosity=0)
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):
        assert InterviewNote.objects.get(pk=note.pk).text == "før"
        assert SelfAgreement.objects.get(pk=world.agreement.pk).goals
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM dialogue_interviewnote WHERE id = %s", [note.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith(keys.PREFIX) and "før" not in stored
    with override_settings(FIELD_ENCRYPTION_KEYS=[old_key]), pytest.raises(InvalidToken):
        InterviewNote.objects.get(pk=note.pk)


def test_a_session_key_copied_from_the_database_opens_nothing(world, client):
    """Whoever holds a copy of the database has every row of django_session: none of them,
    set as the session cookie, signs anyone in (issue 22, path 2)."""
    client.post(reverse("login"), {"username": world.leader.email, "password": TEST_PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("dialogue:guide")).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_key FROM django_session")
        stored = [key for (key,) in cursor.fetchall()]
    assert stored and cookie not in stored
    for key in stored:
        thief = Client()
        thief.cookies[settings.SESSION_COOKIE_NAME] = key
        assert thief.get(reverse("dialogue:guide")).status_code == 302
    # The person's own browser stays signed in, and signing out removes the stored row.
    assert client.get(reverse("dialogue:guide")).status_code == 200
    client.post(reverse("logout"))
    assert Session.objects.count() == len(stored) - 1


def test_sessions_from_before_are_hashed_by_the_migration_and_stay_signed_in(db):
    from datetime import timedelta
    from importlib import import_module

    from django.apps import apps as current_apps
    from django.contrib.sessions.backends.db import SessionStore as PlainStore
    from django.utils import timezone

    from identity.sessions import SessionStore

    before = PlainStore()
    before["kept"] = "ja"
    before.set_expiry(timezone.now() + timedelta(hours=1))
    before.save()
    migration = import_module("identity.migrations.0003_session_keys_hashed")
    migration.hash_session_keys(current_apps, None)
    migration.hash_session_keys(current_apps, None)  # a second run changes nothing
    assert not Session.objects.filter(session_key=before.session_key).exists()
    assert SessionStore(before.session_key).load()["kept"] == "ja"


def test_an_operators_second_factor_seed_is_not_in_the_database(db):
    """Whoever has the seed makes the operator's codes (issue 22, path 2)."""
    _operator, device, seed = operator_with_second_factor()
    with connection.cursor() as cursor:
        cursor.execute("SELECT seed FROM identity_secondfactor WHERE id = %s", [device.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith(keys.PREFIX) and seed.hex() not in stored.lower()
    assert _rows("otp_totp_totpdevice") == 0  # django-otp's own table, seeds in clear


def test_second_factors_from_before_move_with_their_seed_and_keep_working(db):
    from importlib import import_module

    from django.apps import apps as current_apps
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from identity.models import SecondFactor
    from tests.operators import code

    operator = Person.objects.create_superuser("gammel@ledertrivsel.example", "x-Kode-9999")
    old = TOTPDevice.objects.create(user=operator, name="Telefon", confirmed=True)
    migration = import_module("identity.migrations.0004_operator_second_factor_encrypted")
    migration.move_seeds(current_apps, None)
    assert not TOTPDevice.objects.exists()
    moved = SecondFactor.objects.get(user=operator)
    assert (moved.name, moved.seed) == ("Telefon", old.key)
    assert moved.verify_token(code(bytes.fromhex(old.key)))


def _rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - a fixed table name
        return cursor.fetchone()[0]


def test_a_leaders_plan_ratings_are_one_encrypted_record(world):
    """Issue 22, path 4 for tool 3: which themes a leader rated, and how, is not in a
    copy of the database: one encrypted record per leader, and no table of numbers."""
    from plans.models import PlanResponse

    response = PlanResponse.objects.get(plan=world.plan, person=world.leader)
    assert response.given()  # the world's leader rated a theme (tests/conftest.py)
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM plans_planresponse WHERE id = %s", [response.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith(keys.PREFIX) and "importance" not in stored
    assert "plans_planrating" not in connection.introspection.table_names()


def test_a_members_ratings_and_picks_are_one_encrypted_record(world):
    """Issue 22, path 4 for tool 2: a member's ratings and top picks (also in rounds run
    anonymously) are not numbers joined to the person in a copy of the database."""
    from groups.models import Participation

    participation = Participation.objects.get(round=world.round, person=world.leader)
    assert participation.given() and participation.picks() == [1, 2]  # tests/conftest.py
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT answers FROM managementgroups_participation WHERE id = %s", [participation.pk]
        )
        (stored,) = cursor.fetchone()
    assert stored.startswith(keys.PREFIX) and "picks" not in stored
    tables = connection.introspection.table_names()
    assert "managementgroups_rating" not in tables and "managementgroups_toppick" not in tables


def test_which_questions_a_leader_answered_and_their_agreements_dates_are_ciphertext(world, login):
    """Issue 22, path 4 for tool 1: a copy of the database shows neither which questions
    of the interview guide a leader has written about, nor when their period runs, when
    and how often they follow up, where each agreement stands or whether they kept it."""
    from dialogue.models import SelfAgreementItem, Tick
    from followup.models import FollowUpEvent

    client = login(world.leader)
    client.post(
        reverse("dialogue:autosave_note", args=["3.2"]),
        {"text": "Om min ledelsesstil", "version": 0},
        HTTP_HX_REQUEST="true",
    )
    client.post(
        reverse("dialogue:item_add", args=[world.agreement.pk]),
        {
            "text": "Mødefri fredag",
            "cadence": "on_date",
            "interval_weeks": 2,
            "due_date": DATE_MARKER,
            "how": "",
        },
    )
    client.post(reverse("dialogue:item_tick", args=[world.item.pk]), {"kept": "1"})
    item = next(i for i in SelfAgreementItem.objects.all() if i.text == "Mødefri fredag")
    assert item.due_date == DATE_MARKER and item.cadence == "on_date"
    assert "3.2" in {n.key for n in InterviewNote.objects.filter(owner=world.leader)}

    def raw(model, *fields) -> list[tuple]:
        with connection.cursor() as cursor:
            columns = ", ".join(model._meta.get_field(f).column for f in fields)
            cursor.execute(f"SELECT {columns} FROM {model._meta.db_table}")  # noqa: S608
            return cursor.fetchall()

    stored = [
        *raw(InterviewNote, "key"),
        *raw(InterviewGuide, "interviewer_kind"),
        *raw(SelfAgreement, "starts_on", "length"),
        *raw(SelfAgreementItem, "cadence", "interval_weeks", "due_date", "status"),
        *raw(Tick, "period", "kept"),
        *raw(FollowUpEvent, "old", "new"),
    ]
    values = [value for row in stored for value in row if value]  # empty stays empty
    assert values and all(value.startswith(keys.PREFIX) for value in values)
    assert not any(v == "3.2" or DATE_MARKER.isoformat() in v for v in values)


def test_tool_1_facts_from_before_are_encrypted_by_the_migration(world):
    from importlib import import_module

    from dialogue.models import SelfAgreementItem

    table = SelfAgreement._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET starts_on = %s, length = %s", ["2026-01-05", "year"])  # noqa: S608
        cursor.execute(f"UPDATE {InterviewNote._meta.db_table} SET key = %s", ["2.2"])  # noqa: S608
    migration = import_module("dialogue.migrations.0006_private_dates_encrypted")
    migration.encrypt_private_facts(apps, None)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT starts_on, length FROM {table}")  # noqa: S608
        assert all(v.startswith(keys.PREFIX) for row in cursor.fetchall() for v in row)
    agreement = SelfAgreement.objects.get(pk=world.agreement.pk)
    assert (agreement.starts_on, agreement.length) == (date(2026, 1, 5), "year")
    assert InterviewNote.objects.get(pk=world.note.pk).key == "2.2"
    assert SelfAgreementItem.objects.get(pk=world.item.pk).status == world.item.status
