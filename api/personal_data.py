"""What the API's tokens hold about a person (see organisations/personal_data.py)."""

from __future__ import annotations

from organisations.personal_data import PersonalData, register


def register_all() -> None:
    register(
        PersonalData(
            name="api_tokens_you_made",
            models=("api.ApiToken",),
            export=None,
            erase=None,
            kept="A token is the organisation's; it keeps pointing at who made it, shown as "
            "'Slettet person'.",
        )
    )
