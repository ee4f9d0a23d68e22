"""What the benchmark holds about a person (see organisations/personal_data.py): that
they confirmed, as administrator or MED/SU representative, that the organisation takes
part, and which action cards they shared. Released figures are about many
organisations and hold no one."""

from __future__ import annotations

from benchmark.models import Participation, SharedCard
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


def _shared_cards(person) -> list:
    return [
        {"theme": card.theme_number or card.title, "shared_at": card.shared_at}
        for card in SharedCard.objects.filter(shared_by=person)
    ]


def _forget_sharer(person) -> None:
    # The card is the plan team's and holds no names; who pressed the button is forgotten.
    SharedCard.objects.filter(shared_by=person).update(shared_by=None)


def register_all() -> None:
    register(
        PersonalData(
            name="benchmark_confirmations",
            models=("benchmark.Participation",),
            export=_confirmations,
            erase=_erase,
        )
    )
    register(
        PersonalData(
            name="benchmark_shared_cards",
            models=("benchmark.SharedCard",),
            export=_shared_cards,
            erase=_forget_sharer,
        )
    )
