"""A person's lifecycle, whatever the channel: the one home for every rule about
creating, changing, deactivating and reactivating a person and about a management
group's members.

HR's forms, the file import, SCIM, sign-in through the organisation's provider and the
operators' admin only translate their input into these commands, and name themselves
as the `Source`. Each rule is enforced here once:

- an address belongs to one person, across organisations;
- reporting lines never go round in a circle;
- which roles a source may give or take (`ROLE_RULES`): "leaders of leaders" follows
  from the reporting lines and is never given or taken by a channel; the administrator
  role is given in the product (or by HR's file), never by the HR system, and never
  taken from outside;
- the organisation's last active administrator is never deactivated or stripped of the
  role, so somebody is always left to manage sign-in and tokens;
- the login address of someone who has signed in changes only when they confirm it from
  the address they use now; before that, a new address is a correction;
- a new person has an unusable password until they choose one;
- an operator adds nobody to an organisation that has an administrator (the
  administrator does that, in the product);
- every change is one audit event that names its source;
- whoever a change of nearest manager or unit concerns hears of it: the leader, their
  new and their old manager;
- a person counts toward k (the number of answers behind a shared map or figure) only
  when someone other than whoever typed them in stands behind them: the HR system (the
  file or SCIM) or a MED/SU representative (`VOUCHING_CHANNELS`, `person_vouch`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from audit import ratelimit
from audit.log import event, record, record_all
from audit.models import AuditEvent, Kind, RateLimitHit
from followup import outbox
from followup.models import OutgoingMail
from organisations import personal_data
from organisations.models import (
    GroupMembership,
    ManagementGroup,
    OperatorRequest,
    Organisation,
    Person,
    Role,
    RoleAssignment,
    Unit,
)
from organisations.tokens import invitation_tokens

EMAIL_CHANGE_SALT = "organisations.email-change"
EMAIL_CHANGE_DAYS = 7


class Channel:
    HR = "hr"
    IMPORT = "import"
    SCIM = "scim"
    SIGN_IN = "sign_in"
    OPERATOR = "operator"
    SELF = "self"
    COOPERATION = "cooperation"


# The HR system lists the organisation's real people; HR's form, an operator and a
# first sign-in through a provider the administrator configures can make people up.
VOUCHING_CHANNELS = frozenset({Channel.IMPORT, Channel.SCIM})


@dataclass(frozen=True)
class Source:
    """Who or what asks for a change: the audit log and the mails name it."""

    channel: str
    actor: Person | None = None
    # The SCIM token's or the sign-in provider's name, for the audit log.
    via: str = ""

    @classmethod
    def hr(cls, actor: Person) -> Source:
        return cls(Channel.HR, actor)

    @classmethod
    def file_import(cls, actor: Person | None) -> Source:
        return cls(Channel.IMPORT, actor)

    @classmethod
    def scim(cls, token_name: str) -> Source:
        return cls(Channel.SCIM, None, token_name)

    @classmethod
    def sign_in(cls, issuer: str) -> Source:
        return cls(Channel.SIGN_IN, None, issuer)

    @classmethod
    def operator(cls, actor: Person) -> Source:
        return cls(Channel.OPERATOR, actor)

    @classmethod
    def person_self(cls, person: Person) -> Source:
        return cls(Channel.SELF, person)

    @classmethod
    def cooperation(cls, actor: Person) -> Source:
        return cls(Channel.COOPERATION, actor)

    def detail(self) -> dict[str, str]:
        detail = {"source": self.channel}
        if self.via:
            detail["token" if self.channel == Channel.SCIM else "via"] = self.via
        return detail


@dataclass(frozen=True)
class RoleRule:
    may_give_admin: bool
    may_take_admin: bool


# Which channel may give or take the administrator role. Leaders of leaders follow from
# the reporting lines: no channel gives or takes that role, an old assignment is kept.
ROLE_RULES = {
    Channel.HR: RoleRule(may_give_admin=True, may_take_admin=True),
    # HR's own file: it may make someone an administrator, never lock one out.
    Channel.IMPORT: RoleRule(may_give_admin=True, may_take_admin=False),
    Channel.SCIM: RoleRule(may_give_admin=False, may_take_admin=False),
    Channel.SIGN_IN: RoleRule(may_give_admin=False, may_take_admin=False),
    # Only in an organisation without an administrator (see `_operator_may_add`).
    Channel.OPERATOR: RoleRule(may_give_admin=True, may_take_admin=True),
}
KEPT_ROLES = frozenset({Role.LEADER_OF_LEADERS})


# A keyword left out of a change: the person keeps what they have.
UNCHANGED: Any = object()


class PersonError(ValueError):
    """A rule refuses the change; the message says why, in Danish. `field` names the
    form field it belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


# --- The rules -------------------------------------------------------------------


def address_taken(email: str, *, other_than: int | None = None) -> bool:
    return Person.objects.filter(email__iexact=email).exclude(pk=other_than).exists()


def reporting_cycle(person_key, manager_of) -> list | None:
    """The circle a reporting line would make, from `person_key` back to it, or None.

    `manager_of` maps a person (by any key: id or address) to their manager's key; the
    file import checks a whole file with it before anything is saved.
    """
    seen, step = [], person_key
    while step and step not in seen:
        seen.append(step)
        step = manager_of(step)
    return [*seen, step] if step == person_key else None


def _managers_in(organisation_id: int) -> dict[int, int | None]:
    return dict(
        Person.objects.filter(organisation_id=organisation_id).values_list("pk", "manager_id")
    )


def check_manager(*, person: Person | None, manager: Person | None, organisation_id: int) -> None:
    """The manager is an active person of the same organisation, and the person is not
    above them in the reporting line."""
    if manager is None:
        return
    if manager.organisation_id != organisation_id:
        raise PersonError(_("Nærmeste leder findes ikke i organisationen."), field="manager")
    if person is None or person.pk is None:
        return
    if manager.pk == person.pk:
        raise PersonError(_("En person kan ikke være sin egen nærmeste leder."), field="manager")
    managers = _managers_in(organisation_id)
    managers[person.pk] = manager.pk
    if reporting_cycle(person.pk, managers.get):
        raise PersonError(
            _(
                "Rapporteringslinjen ville gå i ring: %(name)s refererer allerede (direkte "
                "eller indirekte) til denne person."
            )
            % {"name": manager.name},
            field="manager",
        )


def roles_after(*, current: Iterable[str], requested: Iterable[str], channel: str) -> set[str]:
    """The roles a person has after `channel` asks for `requested`. Raises PersonError
    when the channel may not give a role it asks for."""
    current, requested = set(current), set(requested)
    rule = ROLE_RULES[channel]
    roles = (requested - KEPT_ROLES) | (current & KEPT_ROLES)
    if Role.ORG_ADMIN in roles and Role.ORG_ADMIN not in current and not rule.may_give_admin:
        raise PersonError(
            _("Administratorrollen gives i Ledertrivsel, ikke fra HR-systemet."), field="roles"
        )
    if Role.ORG_ADMIN in current and not rule.may_take_admin:
        roles.add(Role.ORG_ADMIN)
    return roles


def _other_active_administrators(person: Person) -> bool:
    return (
        Person.objects.filter(
            organisation_id=person.organisation_id,
            is_active=True,
            role_assignments__role=Role.ORG_ADMIN,
        )
        .exclude(pk=person.pk)
        .exists()
    )


def _keep_an_administrator(person: Person, *, active: bool, roles: set[str]) -> None:
    """The organisation's last active administrator stays one: nobody would be left to
    manage its sign-in and tokens."""
    was_admin = person.is_active and Role.ORG_ADMIN in person.assigned_roles
    stays_admin = active and Role.ORG_ADMIN in roles
    if was_admin and not stays_admin and not _other_active_administrators(person):
        raise PersonError(
            _(
                "%(email)s er organisationens eneste aktive administrator. Giv først en "
                "anden administratorrollen."
            )
            % {"email": person.email},
            field="roles" if active else "is_active",
        )


def has_administrator(organisation_id: int) -> bool:
    return Person.objects.filter(
        organisation_id=organisation_id, is_active=True, role_assignments__role=Role.ORG_ADMIN
    ).exists()


def _operator_may_add(source: Source, organisation_id: int | None) -> None:
    """An operator sets an organisation up and invites its first administrator; once it
    has one, people and roles are the administrator's to give, in the product."""
    if (
        source.channel == Channel.OPERATOR
        and organisation_id
        and has_administrator(organisation_id)
    ):
        raise PersonError(
            _(
                "Organisationen har allerede en administrator. Personer og roller gives "
                "af organisationens administrator i Ledertrivsel, ikke af driften. Send "
                "en anmodning (Anmodninger fra driften), som administratoren godkender."
            )
        )


def check_create(
    *,
    organisation_id: int,
    email: str,
    manager: Person | None,
    roles: Iterable[str],
    source: Source,
) -> set[str]:
    """Every rule a new person must pass; returns the roles they get. A form may call
    it to show the refusal next to the field; `person_create` calls it again."""
    _operator_may_add(source, organisation_id)
    if address_taken(email):
        raise PersonError(_("E-mailadressen bruges allerede af en anden person."), field="email")
    check_manager(person=None, manager=manager, organisation_id=organisation_id)
    return roles_after(current=(), requested=roles, channel=source.channel)


def check_change(
    *,
    person: Person,
    source: Source,
    email: str = UNCHANGED,
    manager: Person | None = UNCHANGED,
    roles: Iterable[str] | None = None,
    is_active: bool = UNCHANGED,
) -> set[str] | None:
    """Every rule a change must pass; returns the roles the person gets (None: their
    roles stay)."""
    requested_roles = None
    if roles is not None:
        current_roles = set(person.assigned_roles)
        requested_roles = roles_after(
            current=current_roles, requested=roles, channel=source.channel
        )
        if requested_roles - current_roles:
            _operator_may_add(source, person.organisation_id)
    active = person.is_active if is_active is UNCHANGED else is_active
    _keep_an_administrator(
        person,
        active=active,
        roles=requested_roles if requested_roles is not None else set(person.assigned_roles),
    )
    if manager is not UNCHANGED:
        check_manager(person=person, manager=manager, organisation_id=person.organisation_id)
    if (
        email is not UNCHANGED
        and email.strip().lower() != person.email.lower()
        and address_taken(email.strip(), other_than=person.pk)
    ):
        raise PersonError(_("E-mailadressen bruges allerede af en anden person."), field="email")
    return requested_roles


# --- Commands --------------------------------------------------------------------


def _set_roles(person: Person, roles: set[str]) -> bool:
    current = set(person.role_assignments.values_list("role", flat=True))
    removed, added = current - roles, roles - current
    if removed:
        person.role_assignments.filter(role__in=removed).delete()
    RoleAssignment.objects.bulk_create(RoleAssignment(person=person, role=r) for r in added)
    person.__dict__.pop("assigned_roles", None)
    person.__dict__.pop("roles", None)
    return bool(removed or added)


@transaction.atomic
def person_create(
    *,
    organisation: Organisation | int,
    email: str,
    name: str,
    source: Source,
    title: str = "",
    unit: Unit | None = None,
    manager: Person | None = None,
    roles: Iterable[str] = (),
    is_active: bool = True,
) -> Person:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    email = email.strip().lower()
    roles = check_create(
        organisation_id=organisation_id, email=email, manager=manager, roles=roles, source=source
    )
    person = Person(
        organisation_id=organisation_id,
        email=email,
        name=name,
        title=title,
        unit=unit,
        manager=manager,
        is_active=is_active,
    )
    if source.channel in VOUCHING_CHANNELS:
        person.vouched_at, person.vouched_via = timezone.now(), source.channel
    # Nobody can log in until they choose a password from an invitation or sign in
    # through the organisation's provider.
    person.set_unusable_password()
    person.save()
    _set_roles(person, roles)
    record(
        Kind.PERSON_CREATED,
        actor=source.actor,
        subject=person,
        roles=sorted(roles),
        **source.detail(),
    )
    if manager is not None:
        _tell_reporting_change(person, source, old_manager=None, new_manager=manager, unit=None)
    return person


@dataclass
class Changed:
    """What a change did, for the channel to tell its user."""

    fields: list[str] = field(default_factory=list)
    email_pending: str = ""


@transaction.atomic
def person_change(
    *,
    person: Person,
    source: Source,
    name: str = UNCHANGED,
    email: str = UNCHANGED,
    title: str = UNCHANGED,
    unit: Unit | None = UNCHANGED,
    manager: Person | None = UNCHANGED,
    roles: Iterable[str] | None = None,
    is_active: bool = UNCHANGED,
    language: str = UNCHANGED,
) -> Changed:
    """Changes what is given and leaves the rest. Raises PersonError and changes nothing
    when a rule refuses."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = Changed()
    requested_roles = check_change(
        person=person,
        source=source,
        email=email,
        manager=manager,
        roles=roles,
        is_active=is_active,
    )
    detail = source.detail()
    events = []
    old_manager, old_unit = person.manager, person.unit
    for attribute, value in (("name", name), ("title", title), ("language", language)):
        if value is not UNCHANGED and getattr(person, attribute) != value:
            setattr(person, attribute, value)
            changed.fields.append(attribute)
    if changed.fields:
        # Which fields, never their values: the log is shown to the person and HR.
        events.append(
            event(
                Kind.PERSON_CHANGED,
                actor=source.actor,
                subject=person,
                fields=list(changed.fields),
                **detail,
            )
        )
    for attribute, value, kind in (
        ("unit", unit, Kind.UNIT_CHANGED),
        ("manager", manager, Kind.MANAGER_CHANGED),
    ):
        if value is UNCHANGED:
            continue
        new_id = value.pk if value else None
        if getattr(person, f"{attribute}_id") != new_id:
            setattr(person, attribute, value)
            changed.fields.append(attribute)
            events.append(
                event(kind, actor=source.actor, subject=person, **{attribute: new_id}, **detail)
            )
    if is_active is not UNCHANGED and person.is_active != is_active:
        person.is_active = is_active
        changed.fields.append("is_active")
        kind = Kind.REACTIVATED if is_active else Kind.DEACTIVATED
        events.append(event(kind, actor=source.actor, subject=person, **detail))
    if email is not UNCHANGED:
        email = email.strip().lower()
        if email != person.email.lower():
            if person.has_signed_in:
                # The login stays where it is until the person confirms the new address.
                changed.email_pending = email
            else:
                person.email = email
                changed.fields.append("email")
                events.append(
                    event(Kind.EMAIL_CORRECTED, actor=source.actor, subject=person, **detail)
                )
    if source.channel in VOUCHING_CHANNELS and person.vouched_at is None:
        # The HR system lists someone HR had typed in: now it stands behind them.
        person.vouched_at, person.vouched_via = timezone.now(), source.channel
        events.append(event(Kind.PERSON_VOUCHED, actor=source.actor, subject=person, **detail))
    person.save()
    if requested_roles is not None and _set_roles(person, requested_roles):
        changed.fields.append("roles")
        events.append(
            event(
                Kind.ROLES_CHANGED,
                actor=source.actor,
                subject=person,
                roles=sorted(requested_roles),
                **detail,
            )
        )
    record_all(events)
    if changed.email_pending and person.pending_email.lower() != changed.email_pending:
        email_change_request(person=person, new_email=changed.email_pending, source=source)
    if "manager" in changed.fields or "unit" in changed.fields:
        _tell_reporting_change(
            person,
            source,
            old_manager=old_manager,
            new_manager=person.manager,
            unit=person.unit if "unit" in changed.fields else None,
            old_unit=old_unit if "unit" in changed.fields else None,
        )
    return changed


def person_deactivate(*, person: Person, source: Source) -> Changed:
    return person_change(person=person, source=source, is_active=False)


def person_reactivate(*, person: Person, source: Source) -> Changed:
    return person_change(person=person, source=source, is_active=True)


def person_creator(person: Person) -> int | None:
    """Who typed the person in, as the audit log says (None: a channel, not a person)."""
    return (
        AuditEvent.objects.filter(kind=Kind.PERSON_CREATED, subject=person)
        .values_list("actor_id", flat=True)
        .first()
    )


@transaction.atomic
def person_vouch(*, person: Person, source: Source) -> None:
    """A MED/SU representative confirms that a person typed in by hand is a real person
    of the organisation, so that their answers count toward k. Whoever typed the person
    in cannot confirm them: it takes a second person."""
    if source.channel != Channel.COOPERATION or source.actor is None:
        raise PersonError(_("Kun en MED/SU-repræsentant kan bekræfte en person."))
    if source.actor.organisation_id != person.organisation_id:
        raise PersonError(_("Personen hører ikke til din organisation."))
    if person.vouched_at is not None:
        return
    if source.actor.pk == person.pk:
        raise PersonError(_("Du kan ikke bekræfte dig selv."))
    if source.actor.pk == person_creator(person):
        raise PersonError(
            _("Du har selv oprettet personen. En anden MED/SU-repræsentant må bekræfte den.")
        )
    person.vouched_at, person.vouched_via = timezone.now(), source.channel
    person.save(update_fields=["vouched_at", "vouched_via"])
    record(Kind.PERSON_VOUCHED, actor=source.actor, subject=person, **source.detail())


def _tell_reporting_change(
    person: Person,
    source: Source,
    *,
    old_manager: Person | None,
    new_manager: Person | None,
    unit: Unit | None,
    old_unit: Unit | None = None,
) -> None:
    """The leader and both managers hear of a new reporting line or unit: what the
    leader shares in tool 1 goes to their nearest manager. Only people who use the
    product are told; an invitation says the rest."""
    stamp = timezone.now().timestamp()
    for recipient in {p.pk: p for p in (person, old_manager, new_manager) if p}.values():
        if not (recipient.is_active and recipient.has_signed_in):
            continue
        outbox.send_mail(
            "organisations/email/reporting_changed",
            to=recipient,
            context={
                "subject_person": person,
                "is_self": recipient.pk == person.pk,
                "old_manager": old_manager,
                "new_manager": new_manager,
                "manager_changed": (old_manager and old_manager.pk)
                != (new_manager and new_manager.pk),
                "unit": unit,
                "old_unit": old_unit,
                "by": source.actor,
                "channel": source.channel,
            },
            key=f"reporting-changed:{person.pk}:{stamp}:{recipient.pk}",
        )


def email_change_request(*, person: Person, new_email: str, source: Source) -> None:
    """Asks the person, at their current address, to confirm a new login address.

    Nothing is sent to the new address and nothing changes until the person confirms:
    HR, the HR system or an operator cannot move a login to an address they control.
    """
    person.pending_email = new_email
    person.save(update_fields=["pending_email"])
    token = signing.dumps({"person": person.pk, "email": new_email}, salt=EMAIL_CHANGE_SALT)
    url = f"{settings.SITE_URL}{reverse('email_change_confirm', args=[token])}"
    outbox.send_mail(
        "organisations/email/email_change",
        to=person,
        context={"by": source.actor, "url": url, "days": EMAIL_CHANGE_DAYS},
        key=f"email-change:{person.pk}:{timezone.now().timestamp()}",
    )
    record(Kind.EMAIL_CHANGE_REQUESTED, actor=source.actor, subject=person, **source.detail())


def email_change_confirm(*, person: Person, token: str) -> None:
    """The person confirms the new address from the link; raises PersonError if the
    link is not theirs, has expired or was replaced by a newer request."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_DAYS * 24 * 3600)
    except signing.BadSignature as error:
        raise PersonError(_("Linket er udløbet eller ugyldigt.")) from error
    if data.get("person") != person.pk or data.get("email") != person.pending_email:
        raise PersonError(
            _("Linket gælder ikke din konto, eller der er bedt om en anden adresse siden.")
        )
    if address_taken(person.pending_email, other_than=person.pk):
        raise PersonError(_("E-mailadressen bruges allerede af en anden person."))
    old_email = person.email
    person.email, person.pending_email = person.pending_email, ""
    person.save(update_fields=["email", "pending_email"])
    record(Kind.EMAIL_CHANGED, actor=person, subject=person)
    # The old address hears of it too: if it was not the person, they can react.
    stamp = timezone.now().timestamp()
    for address in (person.email, old_email):
        outbox.send_mail(
            "organisations/email/email_changed",
            to=person,
            address=address,
            context={"old_email": old_email},
            key=f"email-changed:{person.pk}:{stamp}:{address}",
        )


# --- Invitation and erasure ------------------------------------------------------


def invitation_url(*, person: Person) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = invitation_tokens.make_token(person)
    path = reverse("invitation_accept", kwargs={"uidb64": uid, "token": token})
    return f"{settings.SITE_URL}{path}"


def person_invite(*, person: Person, source: Source) -> None:
    """E-mails a link where the person chooses a password, in their own language.

    Only to someone who never chose one: otherwise whoever controls the address the
    person is registered with could take over an account that holds private text.
    """
    if not person.is_active:
        raise PersonError(
            _("%(name)s er ikke aktiv og kan ikke inviteres.") % {"name": person.name}
        )
    if person.has_signed_in:
        raise PersonError(
            _(
                "%(name)s har allerede valgt en adgangskode. Har personen glemt den, "
                "kan de selv bruge „Glemt adgangskode“."
            )
            % {"name": person.name}
        )
    # Sent at once, never queued: the link is a live credential.
    outbox.send_now(
        "organisations/email/invitation",
        to=person,
        context={
            "invited_by": source.actor,
            "organisation": person.organisation,
            "url": invitation_url(person=person),
        },
    )
    person.invited_at = timezone.now()
    person.save(update_fields=["invited_at"])
    record(Kind.INVITED, actor=source.actor, subject=person, **source.detail())


def erasure_request(*, person: Person) -> None:
    """The person asks to have their data erased (GDPR art. 17); HR carries it out."""
    person.erasure_requested_at = timezone.now()
    person.save(update_fields=["erasure_requested_at"])
    record(Kind.ERASURE_REQUESTED, actor=person, subject=person)


ERASED_NAME = "Slettet person"


@transaction.atomic
def person_anonymise(*, person: Person) -> str:
    """Erasure: the person row stays (shared records keep an author), but nothing in it
    says who they were. Returns the old e-mail address, for cleaning logs."""
    old_email = person.email
    person.role_assignments.all().delete()
    person.management_groups.clear()
    ManagementGroup.objects.filter(leader=person).update(leader=None)
    Person.objects.filter(manager=person).update(manager=None)
    person.name = ERASED_NAME
    person.email = f"slettet-{person.pk}@slettet.invalid"
    person.title = ""
    person.unit = None
    person.manager = None
    person.is_active = False
    person.pending_email = ""
    person.last_login = None
    person.invited_at = None
    person.erasure_requested_at = None
    person.erased_at = timezone.now()
    person.set_unusable_password()
    person.save()
    return old_email


class ErasureNotRequested(PersonError):
    """Only the person's own request opens erasure."""


@transaction.atomic
def person_erase(*, person: Person, source: Source) -> None:
    """Erasure (GDPR art. 17): carries out the person's own request. Without one there
    is nothing to carry out: HR or an administrator cannot erase a leader's private text
    on their own.

    What each app holds about the person goes as it registered (personal_data.py): what
    they wrote for themselves is deleted, what they added to shared records stays with
    the author shown as "Slettet person". Then the person row is anonymised, and what
    only the old address finds (the mail queue, the login logs, the rate limits) and the
    person's sessions go too.
    """
    if person.erasure_requested_at is None:
        raise ErasureNotRequested(
            _("%(name)s har ikke selv bedt om at få sine data slettet.") % {"name": person.name}
        )
    organisation_id = person.organisation_id
    personal_data.erase(person)
    old_email = person_anonymise(person=person)
    OutgoingMail.objects.filter(to__iexact=old_email).delete()
    for log in (AccessAttempt, AccessFailureLog, AccessLog):
        log.objects.filter(username__iexact=old_email).delete()
    RateLimitHit.objects.filter(key__endswith=ratelimit.hashed(old_email)).delete()
    for session in Session.objects.all().iterator():
        if session.get_decoded().get("_auth_user_id") == str(person.pk):
            session.delete()
    record(
        Kind.ERASED,
        actor=source.actor,
        subject=person,
        organisation_id=organisation_id,
        **source.detail(),
    )


# --- What an operator asks an organisation's administrator for --------------------


def operator_request_check(
    *,
    organisation_id: int,
    person: Person | None,
    email: str,
    roles: Iterable[str],
) -> None:
    """A request goes to an organisation that has an administrator (one without is set
    up directly), names a new address or a person of the organisation, and asks for
    roles a person can be given."""
    if not has_administrator(organisation_id):
        raise PersonError(
            _(
                "Organisationen har ingen aktiv administrator endnu. Opret personen direkte "
                "og send en invitation."
            )
        )
    if set(roles) & KEPT_ROLES:
        raise PersonError(_("„Ledere af ledere“ følger af rapporteringslinjerne."))
    if person is None:
        if not email:
            raise PersonError(_("Skriv den nye persons e-mailadresse."), field="email")
        if address_taken(email):
            raise PersonError(
                _("E-mailadressen bruges allerede af en anden person."), field="email"
            )
    elif person.organisation_id != organisation_id:
        raise PersonError(_("Personen er ikke i organisationen."), field="person")
    elif not set(roles) - set(person.assigned_roles):
        raise PersonError(_("Personen har allerede de roller."), field="roles")


@transaction.atomic
def operator_request_create(
    *,
    organisation: Organisation,
    source: Source,
    reason: str,
    person: Person | None = None,
    email: str = "",
    name: str = "",
    roles: Iterable[str] = (),
) -> OperatorRequest:
    """Asks the organisation's administrators to add a person or give roles; they are
    told by mail and decide in the product."""
    email = email.strip().lower()
    roles = sorted(set(roles))
    operator_request_check(organisation_id=organisation.pk, person=person, email=email, roles=roles)
    made = OperatorRequest.objects.create(
        organisation=organisation,
        requested_by=source.actor,
        person=person,
        email="" if person else email,
        name="" if person else name,
        roles=roles,
        reason=reason,
    )
    record(
        Kind.OPERATOR_REQUESTED,
        actor=source.actor,
        subject=person,
        organisation_id=organisation.pk,
        request=made.pk,
        roles=roles,
        **source.detail(),
    )
    for admin in _active_administrators(organisation.pk):
        outbox.send_mail(
            "organisations/email/operator_request",
            to=admin,
            context={
                "request": made,
                "url": f"{settings.SITE_URL}{reverse('organisations:operator_requests')}",
            },
            key=f"operator-request:{made.pk}:{admin.pk}",
        )
    return made


def _active_administrators(organisation_id: int):
    return Person.objects.filter(
        organisation_id=organisation_id, is_active=True, role_assignments__role=Role.ORG_ADMIN
    ).distinct()


@transaction.atomic
def operator_request_decide(
    *, operator_request: OperatorRequest, approve: bool, by: Person
) -> Person | None:
    """An administrator approves (and so makes the change, as their own) or rejects
    what the operator asked for. Returns the person changed or made, if approved."""
    operator_request = OperatorRequest.objects.select_for_update().get(pk=operator_request.pk)
    if operator_request.decided_at is not None:
        raise PersonError(_("Anmodningen er allerede afgjort."))
    source = Source(Channel.HR, by, f"operator-request:{operator_request.pk}")
    changed = None
    if approve:
        if operator_request.person is None:
            changed = person_create(
                organisation=operator_request.organisation_id,
                email=operator_request.email,
                name=operator_request.name or operator_request.email,
                roles=operator_request.roles,
                source=source,
            )
        else:
            changed = operator_request.person
            person_change(
                person=changed,
                roles=set(changed.assigned_roles) | set(operator_request.roles),
                source=source,
            )
    operator_request.decided_at = timezone.now()
    operator_request.decided_by = by
    operator_request.approved = approve
    operator_request.save(update_fields=["decided_at", "decided_by", "approved"])
    record(
        Kind.OPERATOR_REQUEST_DECIDED,
        actor=by,
        subject=changed,
        organisation_id=operator_request.organisation_id,
        request=operator_request.pk,
        approved=approve,
    )
    return changed


# --- Management groups -----------------------------------------------------------


@transaction.atomic
def group_change(*, group: ManagementGroup, members: Iterable, source: Source) -> ManagementGroup:
    """Saves the group with exactly these members; its leader is always one of them.

    A change of who is in the group, or who leads it, is logged and told to everyone in
    the group, so nobody joins the confidential room unnoticed.
    """
    is_new = group.pk is None
    if is_new:
        before, old_leader = set(), None
    else:
        stored = ManagementGroup.objects.get(pk=group.pk)
        before = set(stored.members.values_list("pk", flat=True))
        old_leader = stored.leader_id
    group.save()
    group.members.set(members)
    if group.leader_id:
        group.members.add(group.leader_id)
    after = set(group.members.values_list("pk", flat=True))
    if before == after and old_leader == group.leader_id:
        return group
    added, removed = after - before, before - after
    record(
        Kind.GROUP_CHANGED,
        actor=source.actor,
        organisation_id=group.organisation_id,
        group=group.name,
        added=sorted(added),
        removed=sorted(removed),
        leader_changed=old_leader != group.leader_id,
        **source.detail(),
    )
    if is_new:
        return group
    names = dict(Person.objects.filter(pk__in=added | removed).values_list("pk", "name"))
    stamp = timezone.now().timestamp()
    for person in Person.objects.filter(pk__in=after | removed, is_active=True):
        outbox.send_mail(
            "organisations/email/group_changed",
            to=person,
            context={
                "group": group,
                "by": source.actor,
                "added": sorted(names[pk] for pk in added),
                "removed": sorted(names[pk] for pk in removed),
                "leader": group.leader if old_leader != group.leader_id else None,
            },
            key=f"group-changed:{group.pk}:{stamp}:{person.pk}",
        )
    return group


# --- Many at once (the file import) ----------------------------------------------

BATCH = 1000
IN_LIST = 900  # values in one IN (…): older SQLite builds allow 999 parameters


@dataclass
class PersonRow:
    """One person as a file describes them; None for what the file does not say."""

    email: str
    name: str
    title: str | None = None
    unit_id: int | Any | None = UNCHANGED
    manager_email: str | None = None
    roles: set[str] | None = None


def _chunked(items: list, size: int = IN_LIST) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def people_bulk_save(
    *,
    organisation: Organisation,
    rows: list[PersonRow],
    people: dict[str, Person],
    roles: dict[int, dict[str, int]],
    source: Source,
) -> dict[str, Person]:
    """Creates and changes many people in a few statements, by the same rules as
    `person_create` and `person_change`: a file of a large organisation saves in
    seconds. `people` (by address) and `roles` (person id → role → assignment id) are
    the organisation as it is; the caller has checked addresses and reporting lines
    with `reporting_cycle` before. Returns everyone by address."""
    detail = source.detail()
    events, new, updated = [], [], []
    # Who moved, from where (person id -> the old unit's or manager's id), to tell them.
    old_units: dict[int, int | None] = {}
    old_managers: dict[int, int | None] = {}
    for row in rows:
        person = people.get(row.email)
        if person is None:
            person = Person(organisation=organisation, email=row.email)
            person.set_unusable_password()
            new.append(person)
        else:
            if not person.is_active:
                events.append(event(Kind.REACTIVATED, actor=source.actor, subject=person, **detail))
            updated.append(person)
        person.name = row.name
        person.is_active = True
        if person.vouched_at is None and source.channel in VOUCHING_CHANNELS:
            if person.pk:
                events.append(
                    event(Kind.PERSON_VOUCHED, actor=source.actor, subject=person, **detail)
                )
            person.vouched_at, person.vouched_via = timezone.now(), source.channel
        if row.title is not None:
            person.title = row.title
        if row.unit_id is not UNCHANGED and person.unit_id != row.unit_id:
            if person.pk:
                events.append(
                    event(
                        Kind.UNIT_CHANGED,
                        actor=source.actor,
                        subject=person,
                        unit=row.unit_id,
                        **detail,
                    )
                )
                old_units[person.pk] = person.unit_id
            person.unit_id = row.unit_id
        people[row.email] = person
    Person.objects.bulk_create(new, batch_size=BATCH)
    Person.objects.bulk_update(
        updated,
        ["name", "is_active", "title", "unit", "vouched_at", "vouched_via"],
        batch_size=BATCH,
    )
    for person in new:
        events.append(event(Kind.PERSON_CREATED, actor=source.actor, subject=person, **detail))

    new_ids = {person.pk for person in new}
    moved = []
    for row in rows:
        person = people[row.email]
        if row.manager_email is None:
            continue
        manager_id = people[row.manager_email].pk if row.manager_email else None
        if person.manager_id != manager_id:
            if person.pk not in new_ids:
                events.append(
                    event(
                        Kind.MANAGER_CHANGED,
                        actor=source.actor,
                        subject=person,
                        manager=manager_id,
                        **detail,
                    )
                )
                old_managers[person.pk] = person.manager_id
            person.manager_id = manager_id
            moved.append(person)
    Person.objects.bulk_update(moved, ["manager"], batch_size=BATCH)

    gone, added = [], []
    for row in (r for r in rows if r.roles is not None):
        person = people[row.email]
        have = roles.get(person.pk, {})
        after = roles_after(current=have, requested=row.roles, channel=source.channel)
        gone += [pk for role, pk in have.items() if role not in after]
        added += [RoleAssignment(person=person, role=r) for r in after - set(have)]
        if after != set(have) and person.pk not in new_ids:
            events.append(
                event(
                    Kind.ROLES_CHANGED,
                    actor=source.actor,
                    subject=person,
                    roles=sorted(after),
                    **detail,
                )
            )
    for chunk in _chunked(gone):
        RoleAssignment.objects.filter(pk__in=chunk).delete()
    RoleAssignment.objects.bulk_create(added, batch_size=BATCH)
    record_all(events)
    _tell_bulk_reporting_changes(people, source, old_units=old_units, old_managers=old_managers)
    return people


def _tell_bulk_reporting_changes(
    people: dict[str, Person],
    source: Source,
    *,
    old_units: dict[int, int | None],
    old_managers: dict[int, int | None],
) -> None:
    moved = old_units.keys() | old_managers.keys()
    if not moved:
        return
    by_id = {p.pk: p for p in people.values()}
    unit_ids = {by_id[pk].unit_id for pk in old_units} | set(old_units.values())
    units = Unit.objects.in_bulk(unit_ids - {None})
    for pk in moved:
        person = by_id[pk]
        unit_moved = pk in old_units
        _tell_reporting_change(
            person,
            source,
            old_manager=by_id.get(old_managers.get(pk, person.manager_id)),
            new_manager=by_id.get(person.manager_id),
            unit=units.get(person.unit_id) if unit_moved else None,
            old_unit=units.get(old_units[pk]) if unit_moved else None,
        )


def memberships_bulk_set(
    *,
    organisation: Organisation,
    wanted: dict[Person, set[int]],
    current: dict[int, dict[int, int]],
    leaders: dict[Person, set[int]],
    groups: dict[int, ManagementGroup],
    source: Source,
) -> None:
    """The file import's group columns: each listed person is in exactly `wanted`
    (group ids) and leads exactly `leaders`' groups; a group's leader is always one of
    its members. `current` is person id → group id → membership id."""
    detail = source.detail()
    events, gone, made = [], [], []
    for person, group_ids in wanted.items():
        have = current.setdefault(person.pk, {})
        if set(have) != group_ids:
            events.append(
                event(
                    Kind.GROUP_CHANGED,
                    actor=source.actor,
                    subject=person,
                    added=sorted(group_ids - set(have)),
                    removed=sorted(set(have) - group_ids),
                    **detail,
                )
            )
        for group_id in set(have) - group_ids:
            gone.append(have.pop(group_id))
        for group_id in group_ids - set(have):
            made.append(GroupMembership(person=person, group_id=group_id))
            have[group_id] = 0

    changed_leaders = {}
    led_by: dict[int | None, dict[int, ManagementGroup]] = {}
    for group in groups.values():
        led_by.setdefault(group.leader_id, {})[group.pk] = group
    for person, group_ids in leaders.items():
        for group in list(led_by.get(person.pk, {}).values()):
            if group.pk not in group_ids:
                del led_by[person.pk][group.pk]
                group.leader_id = None
                changed_leaders[group.pk] = group
        for group_id in group_ids:
            group = groups[group_id]
            if group.leader_id != person.pk:
                led_by.get(group.leader_id, {}).pop(group.pk, None)
                group.leader_id = person.pk
                led_by.setdefault(person.pk, {})[group.pk] = group
                changed_leaders[group.pk] = group
            have = current.setdefault(person.pk, {})
            if group.pk not in have:
                made.append(GroupMembership(person=person, group_id=group.pk))
                have[group.pk] = 0
    for chunk in _chunked(gone):
        GroupMembership.objects.filter(pk__in=chunk).delete()
    GroupMembership.objects.bulk_create(made, batch_size=BATCH)
    ManagementGroup.objects.bulk_update(list(changed_leaders.values()), ["leader"])
    for group in changed_leaders.values():
        events.append(
            event(
                Kind.GROUP_CHANGED,
                actor=source.actor,
                organisation_id=organisation.pk,
                group=group.name,
                leader_changed=True,
                **detail,
            )
        )
    record_all(events)
