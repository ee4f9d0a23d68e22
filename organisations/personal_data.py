"""The registry of personal data: each app declares, next to its models, what it holds
about a person, how it is exported ("Mine data") and how it is erased.

"Mine data" and erasure iterate over this registry, and the encryption test reads the
private fields from it; a test walks every model with a relation to `Person` and every
encrypted field, and fails when one is not registered here. So export, erasure and
encryption cannot drift apart when a model is added.

Apps register in their `AppConfig.ready()`, from a `personal_data` module of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from organisations.models import Person


@dataclass(frozen=True)
class PersonalData:
    # The section's name in the person's export ("Mine data").
    name: str
    # The models that hold it, as "app_label.ModelName".
    models: tuple[str, ...]
    # What the person gets in their export; None when it is not theirs to take (an
    # operator's log line, for example); `kept` then says why.
    export: Callable[[Person], Any] | None
    # Removes it with the person's data; None when the rows stay because others share
    # them (a group's agreement keeps its author, shown as "Slettet person").
    erase: Callable[[Person], None] | None
    # Its private free text and answers, encrypted at rest: "app_label.ModelName.field".
    encrypted: tuple[str, ...] = ()
    # Why something stays after erasure or is not exported, when it does.
    kept: str = ""


_registry: dict[str, PersonalData] = {}


def register(data: PersonalData) -> None:
    if data.name in _registry and _registry[data.name] != data:
        raise ValueError(f"{data.name} is registered twice")
    _registry[data.name] = data


def registered() -> list[PersonalData]:
    """In the order the apps registered them: erasure removes in this order."""
    return list(_registry.values())


def encrypted_fields() -> dict[str, list[str]]:
    """Model label → its encrypted fields, from every registration."""
    fields: dict[str, list[str]] = {}
    for data in _registry.values():
        for path in data.encrypted:
            model, field = path.rsplit(".", 1)
            fields.setdefault(model, []).append(field)
    return fields


def export(person: Person) -> dict[str, Any]:
    return {data.name: data.export(person) for data in _registry.values() if data.export}


def erase(person: Person) -> None:
    for data in _registry.values():
        if data.erase:
            data.erase(person)
