"""What SCIM provisioning holds about a person (see organisations/personal_data.py)."""

from __future__ import annotations

from organisations.personal_data import PersonalData, register
from scim.models import ProvisionedPerson


def _provisioning(person) -> dict | None:
    found = ProvisionedPerson.objects.filter(person=person).first()
    if found is None:
        return None
    return {"user_name": found.user_name, "external_id": found.external_id}


def register_all() -> None:
    register(
        PersonalData(
            name="hr_system_identifiers",
            models=("scim.ProvisionedPerson",),
            export=_provisioning,
            # The HR system's user name (often the address) and id for the person.
            erase=lambda person: ProvisionedPerson.objects.filter(person=person).delete(),
        )
    )
