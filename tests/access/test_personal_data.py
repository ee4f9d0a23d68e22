"""Every kind of personal data is registered once, for export, erasure and encryption
(organisations/personal_data.py): a model that points at a person, or an encrypted
field, that no app registered fails here, so "Mine data", erasure and the encryption
test cannot drift apart."""

from __future__ import annotations

from django.apps import apps

from encrypted.fields import EncryptedTextField
from organisations import personal_data
from organisations.models import Person


def _registered_models() -> set[str]:
    return {label for data in personal_data.registered() for label in data.models}


def test_every_model_that_points_at_a_person_is_registered():
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is Person
    }
    assert pointing, "the walk found the models"
    missing = pointing - _registered_models()
    assert missing == set(), f"register what these hold about a person: {sorted(missing)}"


def test_every_encrypted_field_is_registered_and_every_registered_one_is_encrypted():
    encrypted = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    }
    registered = {
        f"{label}.{field}"
        for label, fields in personal_data.encrypted_fields().items()
        for field in fields
    }
    assert encrypted == registered
    # ActionTask's text was the one the hand-kept list had left out.
    assert "plans.ActionTask.text" in registered


def test_each_registration_says_what_happens_to_it():
    for data in personal_data.registered():
        assert data.export or data.kept, f"{data.name}: exported, or why not"
        assert data.erase or data.kept, f"{data.name}: erased, or why it stays"
        for label in data.models:
            apps.get_model(label)  # a stale name fails here


def test_a_model_added_without_registering_is_found(monkeypatch):
    registrations = {
        name: data
        for name, data in personal_data._registry.items()
        if "scim.ProvisionedPerson" not in data.models
    }
    monkeypatch.setattr(personal_data, "_registry", registrations)
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is Person
    }
    assert pointing - _registered_models() == {"scim.ProvisionedPerson"}
