"""What the benchmark holds about a person (see organisations/personal_data.py): that
they confirmed, as administrator or MED/SU representative, that the organisation takes
part. Released figures are about many organisations and hold no one."""

from __future__ import annotations

from benchmark.models import Participation
from organisations.personal_data import PersonalData, register


def _confirmations(person) -> list:
    found = []
    for participation in Participation.objects.filter(admin_confirmed_by=person):
        found.append({"as": "administrator", "at": participation.admin_confirmed_at})
    for participation in Participation.objects.filter(representative_confirmed_by=person):
        found.append({"as": "representative", "at": participation.representative_confirmed_at})
    return found


def _erase(person) -> None:
    # The organisation's choice stands; who confirmed it is forgotten.
    Participation.objects.filter(admin_confirmed_by=person).update(admin_confirmed_by=None)
    Participation.objects.filter(representative_confirmed_by=person).update(
        representative_confirmed_by=None
    )


def register_all() -> None:
    register(
        PersonalData(
            name="benchmark_confirmations",
            models=("benchmark.Participation",),
            export=_confirmations,
            erase=_erase,
        )
    )
