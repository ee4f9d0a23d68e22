"""Everything a person has in the product, as one JSON document they can download.

Each app registers what it holds about a person (organisations/personal_data.py); this
is their exports together. Other people's private content is never in it.
"""

from __future__ import annotations

from django.utils import timezone

from organisations import personal_data


def collect(person) -> dict:
    return {"exported_at": timezone.now(), **personal_data.export(person)}
