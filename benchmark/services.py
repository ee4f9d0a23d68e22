"""Taking part in the benchmark: chosen by the organisation's administrator and a
MED/SU representative together, withdrawn by either. Everything is audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from audit.models import Kind
from benchmark.models import Participation
from organisations.models import Person


class ParticipationError(Exception):
    """Said to the person in Danish."""


@transaction.atomic
def participation_confirm(
    *, person: Person, as_admin: bool, sector: str = "", size_band: str = ""
) -> Participation:
    """The administrator confirms with the sector and size; the representative confirms
    what the administrator chose. Taking part begins when both have confirmed."""
    participation = (
        Participation.objects.select_for_update()
        .filter(organisation_id=person.organisation_id)
        .first()
    )
    if participation is None or participation.withdrawn_at is not None:
        if not as_admin:
            raise ParticipationError(
                _("Administratoren vælger først sektor og størrelse og bekræfter.")
            )
        participation = participation or Participation(organisation_id=person.organisation_id)
        participation.representative_confirmed_by = None
        participation.representative_confirmed_at = None
        participation.withdrawn_at = None
    now = timezone.now()
    if as_admin:
        if participation.representative_confirmed_at and (
            (sector, size_band) != (participation.sector, participation.size_band)
        ):
            # The representative confirmed something else: they confirm again.
            participation.representative_confirmed_by = None
            participation.representative_confirmed_at = None
        participation.sector, participation.size_band = sector, size_band
        participation.admin_confirmed_by, participation.admin_confirmed_at = person, now
    else:
        participation.representative_confirmed_by = person
        participation.representative_confirmed_at = now
    participation.save()
    record(
        Kind.BENCHMARK_JOINED,
        actor=person,
        role="admin" if as_admin else "representative",
        sector=participation.sector,
        size_band=participation.size_band,
        taking_part=participation.taking_part,
    )
    return participation


@transaction.atomic
def participation_withdraw(*, person: Person) -> Participation | None:
    """From now on, nothing new of the organisation's is released. What was released
    before stays released: it was noisy and about many organisations at once."""
    participation = (
        Participation.objects.select_for_update()
        .filter(organisation_id=person.organisation_id, withdrawn_at__isnull=True)
        .first()
    )
    if participation is None:
        return None
    participation.withdrawn_at = timezone.now()
    participation.admin_confirmed_at = participation.representative_confirmed_at = None
    participation.admin_confirmed_by = participation.representative_confirmed_by = None
    participation.save()
    record(Kind.BENCHMARK_WITHDRAWN, actor=person)
    return participation
