"""Every URL × every role: anonymous → login, other organisation → 404, same
organisation without the right → 403. A URL without a row here fails the suite."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from organisations.models import Person
from tests.client import SessionClient

ACTORS = ["anonymous", "hr", "admin", "top", "med", "chef", "leader", "outsider"]
MEMBERS = [a for a in ACTORS if a != "anonymous"]

OK, REDIRECT, LOGIN, FORBIDDEN, NOT_FOUND, UNAUTHORIZED = 200, 302, "login", 403, 404, 401


@dataclass
class Row:
    expect: dict[str, int | str]
    kwargs: Callable = lambda w: {}
    method: str = "get"
    data: dict | Callable = field(default_factory=dict)

    def data_for(self, world) -> dict:
        return self.data(world) if callable(self.data) else self.data


# Who chooses whether the organisation takes part in the benchmark (the outsider is an
# administrator of their own organisation).
CHOOSE = ["admin", "med", "outsider"]


def everyone(status) -> dict:
    return dict.fromkeys(ACTORS, status)


def members(status, anonymous=LOGIN, **overrides) -> dict:
    return {"anonymous": anonymous, **dict.fromkeys(MEMBERS, status), **overrides}


def api_token(world):
    from api.models import ApiToken

    token, _ = ApiToken.objects.get_or_create(
        organisation=world.organisation, name="Intranet", defaults={"token_hash": "0" * 64}
    )
    return token


def operator_request(world):
    from organisations.models import OperatorRequest

    found, _ = OperatorRequest.objects.get_or_create(
        organisation=world.organisation,
        email="ny-fra-driften@test.example",
        defaults={"name": "Ny", "roles": [], "reason": "Sag 17"},
    )
    return found


def typed_in_by_hand(world):
    from organisations import people

    found = Person.objects.filter(email="i-haanden@test.example").first()
    return found or people.person_create(
        organisation=world.organisation,
        email="i-haanden@test.example",
        name="I Hånden",
        source=people.Source.hr(world.hr),
    )


def structure(view_status=OK, manage=False, outsider=None) -> dict:
    """HR and administrators manage; top management may look; nobody else."""
    allowed = view_status
    return {
        "anonymous": LOGIN,
        "hr": allowed,
        "admin": allowed,
        "top": FORBIDDEN if manage else allowed,
        "med": FORBIDDEN,
        "chef": FORBIDDEN,
        "leader": FORBIDDEN,
        "outsider": outsider if outsider is not None else allowed,
    }


MATRIX: dict[str, Row] = {
    "home": Row(members(OK)),
    "set_language": Row(everyone(REDIRECT), method="post", data={"language": "en"}),
    "healthz": Row(everyone(OK)),
    # Without METRICS_TOKEN (as here) the page does not exist; with it, only the token
    # reads it (tests/core/test_pages.py).
    "metrics": Row(everyone(NOT_FOUND)),
    "favicon": Row(everyone(301)),
    "login": Row(members(REDIRECT, anonymous=OK)),
    "logout": Row(everyone(LOGIN), method="post"),
    "password_reset": Row(everyone(OK)),
    "password_reset_done": Row(everyone(OK)),
    "password_reset_confirm": Row(
        everyone(OK), kwargs=lambda w: {"uidb64": "MQ", "token": "ugyldig-token"}
    ),
    "invitation_accept": Row(
        everyone(OK), kwargs=lambda w: {"uidb64": "MQ", "token": "ugyldig-token"}
    ),
    "password_reset_complete": Row(everyone(OK)),
    "password_change": Row(members(OK)),
    "password_change_done": Row(members(OK)),
    "method:overview": Row(members(OK)),
    "method:tool": Row(members(OK), kwargs=lambda w: {"number": 2}),
    "organisations:overview": Row(structure()),
    "organisations:settings": Row(structure(manage=True)),
    # Only administrators configure sign-in: it decides whom a provider may vouch for.
    "organisations:operator_requests": Row(
        {"anonymous": LOGIN, **dict.fromkeys(MEMBERS, FORBIDDEN), "admin": OK, "outsider": OK}
    ),
    "organisations:operator_request_decide": Row(
        {
            "anonymous": LOGIN,
            **dict.fromkeys(MEMBERS, FORBIDDEN),
            "admin": REDIRECT,
            "outsider": NOT_FOUND,
        },
        method="post",
        kwargs=lambda w: {"pk": operator_request(w).pk},
        data={"decision": "reject"},
    ),
    "identity:settings": Row(
        {"anonymous": LOGIN, **dict.fromkeys(MEMBERS, FORBIDDEN), "admin": OK, "outsider": OK}
    ),
    "identity:test": Row(
        {
            "anonymous": LOGIN,
            **dict.fromkeys(MEMBERS, FORBIDDEN),
            "admin": REDIRECT,
            "outsider": REDIRECT,
        },
        method="post",
    ),
    # API tokens: the organisation's administrators only.
    "api:tokens": Row(
        {"anonymous": LOGIN, **dict.fromkeys(MEMBERS, FORBIDDEN), "admin": OK, "outsider": OK}
    ),
    "api:token_revoke": Row(
        {
            "anonymous": LOGIN,
            **dict.fromkeys(MEMBERS, FORBIDDEN),
            "admin": REDIRECT,
            "outsider": NOT_FOUND,
        },
        method="post",
        kwargs=lambda w: {"pk": api_token(w).pk},
    ),
    # The REST API answers a bearer token only, never a browser's session (tests/api).
    "api-v1:api-root": Row(everyone(NOT_FOUND)),
    "api-v1:openapi-json": Row(everyone(OK)),
    "api-v1:openapi-view": Row(everyone(OK)),
    "api-v1:units": Row(everyone(UNAUTHORIZED)),
    "api-v1:benchmark": Row(everyone(UNAUTHORIZED)),
    "api-v1:benchmark_csv": Row(everyone(UNAUTHORIZED)),
    "api-v1:unit_create": Row(everyone(UNAUTHORIZED), method="post"),
    "api-v1:unit": Row(
        everyone(UNAUTHORIZED), method="patch", kwargs=lambda w: {"unit_id": w.sub_unit.pk}
    ),
    "api-v1:people": Row(everyone(UNAUTHORIZED)),
    "api-v1:groups": Row(everyone(UNAUTHORIZED)),
    "api-v1:plans": Row(everyone(UNAUTHORIZED)),
    "api-v1:status": Row(everyone(UNAUTHORIZED)),
    # The SAML provider's answer is checked by its signature and this browser's one-time
    # request, not by who is signed in; without them it goes back to the login page.
    "identity:saml_acs": Row(
        everyone(LOGIN), method="post", kwargs=lambda w: {"organisation_id": w.organisation.pk}
    ),
    "identity:saml_signed_out": Row(
        everyone(LOGIN), kwargs=lambda w: {"organisation_id": w.organisation.pk}
    ),
    # Public, as metadata is, once the organisation signs in over SAML (here it does not).
    "identity:saml_metadata": Row(
        everyone(NOT_FOUND), kwargs=lambda w: {"organisation_id": w.organisation.pk}
    ),
    # SCIM answers an API token with the scope scim only, never a session (tests/scim);
    # its configuration tells anyone how to authenticate (RFC 7643 §5).
    "scim:root": Row(everyone(UNAUTHORIZED)),
    "scim:endpoint": Row(everyone(UNAUTHORIZED), kwargs=lambda w: {"path": "Users"}),
    "api-v1:version": Row(
        everyone(UNAUTHORIZED), kwargs=lambda w: {"plan_id": w.plan.pk, "number": 1}
    ),
    # Without a sign-in started in this browser, both send the visitor to the login page.
    "identity:callback": Row(everyone(LOGIN), data={"code": "x", "state": "y"}),
    "identity:link": Row(everyone(LOGIN)),
    # Without the sign-in waiting in this browser's session: back to the login page.
    "identity:link_confirm": Row(everyone(LOGIN), kwargs=lambda w: {"code": "ikke-en-kode"}),
    "organisations:unit_list": Row(structure()),
    "organisations:unit_create": Row(structure(manage=True)),
    "organisations:unit_edit": Row(
        structure(manage=True, outsider=NOT_FOUND), kwargs=lambda w: {"pk": w.sub_unit.pk}
    ),
    "organisations:unit_delete": Row(
        structure(REDIRECT, manage=True, outsider=NOT_FOUND),
        method="post",
        kwargs=lambda w: {"pk": w.sub_unit.pk},
    ),
    "organisations:person_list": Row(structure()),
    # The organisation's administrator and MED/SU choose to take part together (issue 25).
    "benchmark:participation": Row(
        {"anonymous": LOGIN, **dict.fromkeys(MEMBERS, FORBIDDEN), **dict.fromkeys(CHOOSE, OK)}
    ),
    # MED/SU stand behind people typed in by hand (issue 22, path 7).
    "organisations:vouch_list": Row(
        {"anonymous": LOGIN, **dict.fromkeys(MEMBERS, FORBIDDEN), "med": OK}
    ),
    "organisations:person_vouch": Row(
        {"anonymous": LOGIN, **dict.fromkeys(MEMBERS, FORBIDDEN), "med": REDIRECT},
        method="post",
        kwargs=lambda w: {"pk": typed_in_by_hand(w).pk},
    ),
    "organisations:events": Row(structure()),
    "organisations:person_create": Row(structure(manage=True)),
    "organisations:person_search": Row(structure(manage=True), data={"field": "q", "q": "Le"}),
    "organisations:unit_search": Row(structure(), data={"field": "q", "q": "So"}),
    "organisations:person_edit": Row(
        structure(manage=True, outsider=NOT_FOUND), kwargs=lambda w: {"pk": w.leader.pk}
    ),
    "organisations:person_invite": Row(
        structure(REDIRECT, manage=True, outsider=NOT_FOUND),
        method="post",
        kwargs=lambda w: {"pk": w.leader.pk},
    ),
    "organisations:person_erase": Row(
        structure(OK, manage=True, outsider=NOT_FOUND), kwargs=lambda w: {"pk": w.leader.pk}
    ),
    "organisations:group_list": Row(structure()),
    "organisations:group_create": Row(structure(manage=True)),
    "organisations:group_edit": Row(
        structure(manage=True, outsider=NOT_FOUND), kwargs=lambda w: {"pk": w.group.pk}
    ),
    "organisations:group_delete": Row(
        structure(REDIRECT, manage=True, outsider=NOT_FOUND),
        method="post",
        kwargs=lambda w: {"pk": w.group.pk},
    ),
    "organisations:import_upload": Row(structure(manage=True)),
    "organisations:import_confirm": Row(structure(REDIRECT, manage=True), method="post"),
    "organisations:import_template": Row(structure(manage=True)),
}


def own(status, outsider=NOT_FOUND) -> dict:
    """The leader's private things: only the leader; 403 in the organisation, 404 outside."""
    return {
        "anonymous": LOGIN,
        **dict.fromkeys(MEMBERS, FORBIDDEN),
        "leader": status,
        "outsider": outsider,
    }


def shared_room(status) -> dict:
    """The leader's dialogue with chef: the two of them only."""
    return {**own(status), "chef": status}


def with_a_manager(status) -> dict:
    """Actions on one's own current dialogue: people without a nearest manager have none."""
    return {
        "anonymous": LOGIN,
        **dict.fromkeys(MEMBERS, NOT_FOUND),
        "leader": status,
        "chef": status,
    }


FOLLOW_UP = {"text": "Aftale", "cadence": "weekly", "interval_weeks": 2, "how": ""}

MATRIX.update(
    {
        "dialogue:start": Row(members(OK)),
        "dialogue:guide": Row(members(OK)),
        "dialogue:autosave_note": Row(
            members(REDIRECT),
            method="post",
            kwargs=lambda w: {"key": "1.1"},
            data={"text": "Min note", "version": 0},
        ),
        "dialogue:autosave_agreement": Row(
            own(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.agreement.pk, "field": "goals"},
            data={"text": "Nyt mål", "version": 0},
        ),
        "dialogue:autosave_dialogue": Row(
            own(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.dialogue.pk, "field": "align"},
            data={"text": "Afstem", "version": 0},
        ),
        "dialogue:agreement": Row(members(OK, leader=REDIRECT)),
        "dialogue:agreement_start": Row(
            members(REDIRECT), method="post", data={"starts_on": "2027-01-01", "length": "year"}
        ),
        "dialogue:agreement_detail": Row(own(OK), kwargs=lambda w: {"pk": w.agreement.pk}),
        "dialogue:agreement_example": Row(
            own(REDIRECT), method="post", kwargs=lambda w: {"pk": w.agreement.pk}
        ),
        "dialogue:item_add": Row(
            own(REDIRECT), method="post", kwargs=lambda w: {"pk": w.agreement.pk}, data=FOLLOW_UP
        ),
        "dialogue:agreement_print": Row(own(OK), kwargs=lambda w: {"pk": w.agreement.pk}),
        "dialogue:agreement_pdf": Row(own(OK), kwargs=lambda w: {"pk": w.agreement.pk}),
        "dialogue:item_edit": Row(own(OK), kwargs=lambda w: {"pk": w.item.pk}),
        "dialogue:item_delete": Row(
            own(REDIRECT), method="post", kwargs=lambda w: {"pk": w.item.pk}
        ),
        "dialogue:item_tick": Row(
            own(REDIRECT), method="post", kwargs=lambda w: {"pk": w.item.pk}, data={"kept": "1"}
        ),
        "dialogue:conversation": Row(members(OK)),
        "dialogue:autosave_conversation": Row(
            with_a_manager(REDIRECT),
            method="post",
            kwargs=lambda w: {"field": "points"},
            data={"text": "Mine punkter", "version": 0, "force": "1"},
        ),
        "dialogue:share_preview": Row(
            with_a_manager(OK), method="post", data={"source": ["dialogue.points"]}
        ),
        "dialogue:share": Row(
            with_a_manager(REDIRECT), method="post", data={"source": ["dialogue.points"]}
        ),
        "dialogue:detail": Row(shared_room(OK), kwargs=lambda w: {"pk": w.dialogue.pk}),
        "dialogue:rhythm": Row(
            shared_room(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.dialogue.pk},
            data={"rhythm": "every_n_weeks", "rhythm_weeks": 2, "rhythm_starts": "2026-12-01"},
        ),
        "dialogue:meeting_add": Row(
            shared_room(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.dialogue.pk},
            data={"date": "2026-12-15"},
        ),
        "dialogue:manager_agreement_add": Row(
            shared_room(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.dialogue.pk},
            data=FOLLOW_UP,
        ),
        "dialogue:print": Row(shared_room(OK), kwargs=lambda w: {"pk": w.dialogue.pk}),
        "dialogue:meeting_note_add": Row(
            shared_room(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.meeting.pk},
            data={"text": "En note"},
        ),
        "followup:manager_agreement_status": Row(
            shared_room(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.manager_agreement.pk},
            data={"status": "done"},
        ),
        "dialogue:my_leaders": Row(members(OK)),
        "dialogue:with": Row(
            {**own(FORBIDDEN), "chef": REDIRECT}, kwargs=lambda w: {"person_pk": w.leader.pk}
        ),
        "dialogue:begin_with": Row(
            {**own(FORBIDDEN), "chef": REDIRECT},
            method="post",
            kwargs=lambda w: {"person_pk": w.leader.pk},
        ),
    }
)


def group_members(status, leader_only=False) -> dict:
    """The group's members (chef leads it; leader is a member); leader_only: chef alone."""
    return {
        "anonymous": LOGIN,
        **dict.fromkeys(MEMBERS, FORBIDDEN),
        "chef": status,
        "leader": FORBIDDEN if leader_only else status,
        "outsider": NOT_FOUND,
    }


RATING = {f"s{n}": "1" for n in range(1, 21)} | {f"i{n}": "0" for n in range(1, 21)}

MATRIX.update(
    {
        "groups:home": Row(members(OK)),
        "groups:group_detail": Row(group_members(OK), kwargs=lambda w: {"pk": w.group.pk}),
        "groups:round_create": Row(
            group_members(OK, leader_only=True), kwargs=lambda w: {"pk": w.group.pk}
        ),
        "groups:round_detail": Row(group_members(OK), kwargs=lambda w: {"pk": w.round.pk}),
        "groups:round_accept": Row(
            group_members(REDIRECT), method="post", kwargs=lambda w: {"pk": w.round.pk}
        ),
        "groups:round_remind": Row(
            group_members(REDIRECT, leader_only=True),
            method="post",
            kwargs=lambda w: {"pk": w.round.pk},
        ),
        "groups:round_status": Row(
            group_members(REDIRECT, leader_only=True),
            method="post",
            kwargs=lambda w: {"pk": w.round.pk},
            data={"status": "meeting"},
        ),
        "groups:round_preparation": Row(group_members(OK), kwargs=lambda w: {"pk": w.round.pk}),
        "groups:round_map": Row(group_members(OK), kwargs=lambda w: {"pk": w.round.pk}),
        "groups:round_meeting": Row(group_members(OK), kwargs=lambda w: {"pk": w.round.pk}),
        "groups:round_meeting_control": Row(
            group_members(REDIRECT, leader_only=True),
            method="post",
            kwargs=lambda w: {"pk": w.round.pk},
            data={"action": "start", "point": "1"},
        ),
        "groups:round_screen": Row(group_members(OK), kwargs=lambda w: {"pk": w.round.pk}),
        "groups:round_screen_content": Row(group_members(OK), kwargs=lambda w: {"pk": w.round.pk}),
        "groups:round_theme_add": Row(
            group_members(REDIRECT, leader_only=True),
            method="post",
            kwargs=lambda w: {"pk": w.round.pk},
            data={"theme-title": "Tillid"},
        ),
        "groups:round_theme_edit": Row(
            group_members(REDIRECT, leader_only=True),
            method="post",
            kwargs=lambda w: {"pk": w.theme.pk},
            data={"title": "Prioritering"},
        ),
        "groups:round_notes": Row(
            group_members(REDIRECT, leader_only=True),
            method="post",
            kwargs=lambda w: {"pk": w.round.pk},
            data={"notes-unchosen_plan": "Senere"},
        ),
        "groups:round_agreement_add": Row(
            group_members(REDIRECT, leader_only=True),
            method="post",
            kwargs=lambda w: {"pk": w.round.pk},
            data=lambda w: {
                **{f"agreement-{key}": value for key, value in FOLLOW_UP.items()},
                "agreement-owners": [w.chef.pk],
            },
        ),
        "followup:group_agreement_status": Row(
            group_members(REDIRECT, leader_only=True),
            method="post",
            kwargs=lambda w: {"pk": w.group_agreement.pk},
            data={"status": "done"},
        ),
        "groups:round_closing_remark": Row(
            group_members(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.round.pk},
            data={"closing-text": "Tillid"},
        ),
        "groups:round_escalation_add": Row(
            group_members(REDIRECT, leader_only=True),
            method="post",
            kwargs=lambda w: {"pk": w.round.pk},
            data={"escalation-title": "For mange projekter"},
        ),
        "groups:round_summary": Row(group_members(OK), kwargs=lambda w: {"pk": w.round.pk}),
        "groups:round_summary_pdf": Row(group_members(OK), kwargs=lambda w: {"pk": w.round.pk}),
    }
)


def plan_team(status) -> dict:
    """A plan's team (top, hr and med in the fixture) alone edits it."""
    return {
        "anonymous": LOGIN,
        **dict.fromkeys(MEMBERS, FORBIDDEN),
        "top": status,
        "hr": status,
        "med": status,
        "outsider": NOT_FOUND,
    }


def plan_readers(status) -> dict:
    """A published plan: its team, those who oversee the organisation, leaders in scope."""
    return members(status, outsider=NOT_FOUND)


def shared_card(world):
    """The world's organisation takes part and has shared a published card; the
    outsider's organisation does not take part."""
    from django.utils import timezone

    from benchmark.models import Participation, SharedCard

    now = timezone.now()
    Participation.objects.get_or_create(
        organisation=world.organisation,
        defaults={"sector": "kommune", "size_band": "50_199", "admin_confirmed_at": now,
                  "representative_confirmed_at": now},
    )  # fmt: skip
    card, _ = SharedCard.objects.get_or_create(
        theme=world.plan_theme,
        defaults={"organisation": world.organisation, "plan": world.plan, "sector": "kommune",
                  "size_band": "50_199", "theme_number": world.plan_theme.number,
                  "goal": "Et mål", "shared_at": now},
    )  # fmt: skip
    return card


def chosen_themes(w) -> dict:
    return {"chosen": list(w.plan.themes.order_by("position").values_list("pk", flat=True)[:4])}


MATRIX.update(
    {
        # The inspiration library (issue 25): read by organisations that take part,
        # shared and withdrawn by the plan's team (or those who choose to take part).
        "benchmark:library": Row(members(OK)),
        "benchmark:card": Row(
            members(OK, outsider=FORBIDDEN), kwargs=lambda w: {"pk": shared_card(w).pk}
        ),
        "benchmark:card_share": Row(
            plan_team(OK), kwargs=lambda w: {"pk": shared_card(w).theme_id}
        ),
        "benchmark:card_unshare": Row(
            {**plan_team(REDIRECT), "admin": REDIRECT},
            method="post",
            kwargs=lambda w: {"pk": shared_card(w).pk},
        ),
        "plans:home": Row(members(OK)),
        "plans:create": Row(members(OK, admin=FORBIDDEN, leader=FORBIDDEN)),
        "plans:unit_search": Row(
            members(OK, admin=FORBIDDEN, leader=FORBIDDEN), data={"field": "q", "q": "So"}
        ),
        "plans:detail": Row(plan_team(OK), kwargs=lambda w: {"pk": w.plan.pk}),
        "plans:team": Row(plan_team(OK), kwargs=lambda w: {"pk": w.plan.pk}),
        "plans:team_search": Row(
            plan_team(OK), kwargs=lambda w: {"pk": w.plan.pk}, data={"field": "q", "q": "Le"}
        ),
        "plans:prioritise": Row(plan_team(OK), kwargs=lambda w: {"pk": w.plan.pk}),
        "plans:own_theme_add": Row(
            plan_team(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.plan.pk},
            data={"own-title": "Lederes arbejdstid"},
        ),
        "plans:theme_delete": Row(
            plan_team(REDIRECT), method="post", kwargs=lambda w: {"pk": w.own_theme.pk}
        ),
        "plans:escalation_decide": Row(
            plan_team(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.plan.pk, "escalation_pk": w.escalation.pk},
            data={"decision": "noted"},
        ),
        "plans:rating_open": Row(
            plan_team(REDIRECT), method="post", kwargs=lambda w: {"pk": w.plan.pk}
        ),
        "plans:rating_close": Row(
            plan_team(REDIRECT), method="post", kwargs=lambda w: {"pk": w.plan.pk}
        ),
        "plans:rating_remind": Row(
            plan_team(REDIRECT), method="post", kwargs=lambda w: {"pk": w.plan.pk}
        ),
        "plans:choose": Row(
            plan_team(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.plan.pk},
            data=chosen_themes,
        ),
        "plans:rate": Row(
            # Top management has reports (chef), so it is a leader in scope too.
            {**plan_team(FORBIDDEN), "top": OK, "chef": OK, "leader": OK},
            kwargs=lambda w: {"pk": w.plan.pk},
        ),
        "plans:qualify": Row(plan_team(OK), kwargs=lambda w: {"pk": w.plan.pk}),
        "plans:theme_qualify": Row(
            plan_team(REDIRECT), method="post", kwargs=lambda w: {"pk": w.plan_theme.pk}
        ),
        "plans:offer_add": Row(
            plan_team(REDIRECT),
            method="post",
            kwargs=lambda w: {"pk": w.plan.pk},
            data={"offer-name": "Sparringsnetværk"},
        ),
        "plans:cards": Row(plan_team(OK), kwargs=lambda w: {"pk": w.plan.pk}),
        "plans:card_edit": Row(plan_team(OK), kwargs=lambda w: {"pk": w.plan_theme.pk}),
        "plans:publish": Row(plan_team(OK), kwargs=lambda w: {"pk": w.plan.pk}),
        "plans:version": Row(
            plan_readers(OK), kwargs=lambda w: {"pk": w.plan.pk, "number": w.version.number}
        ),
        "plans:version_print": Row(
            plan_readers(OK), kwargs=lambda w: {"pk": w.plan.pk, "number": w.version.number}
        ),
        "plans:version_pdf": Row(
            plan_readers(OK), kwargs=lambda w: {"pk": w.plan.pk, "number": w.version.number}
        ),
        "plans:link_create": Row(
            plan_team(REDIRECT), method="post", kwargs=lambda w: {"pk": w.plan.pk}
        ),
        "plans:link_revoke": Row(
            plan_team(REDIRECT), method="post", kwargs=lambda w: {"pk": w.public_link.pk}
        ),
        "plans:public": Row(everyone(OK), kwargs=lambda w: {"token": w.public_link.token}),
        "plans:feedback": Row(
            {
                **plan_team(FORBIDDEN),
                "top": FORBIDDEN,
                "hr": FORBIDDEN,
                "med": FORBIDDEN,
                "chef": OK,
            },
            kwargs=lambda w: {"pk": w.feedback_request.pk},
        ),
    }
)

MATRIX.update(
    {
        "overview": Row(members(OK)),
        "followup:status": Row(
            own(REDIRECT),
            method="post",
            kwargs=lambda w: {"kind": "self", "pk": w.item.pk},
            data={"status": "in_progress"},
        ),
        "followup_settings": Row(members(OK)),
        "calendar_renew": Row(members(REDIRECT), method="post"),
        "organisation_status": Row(structure()),
        "my_data": Row(members(OK)),
        "security": Row(members(OK)),
        "erasure_request": Row(members(REDIRECT), method="post"),
        "email_change_confirm": Row(members(OK), kwargs=lambda w: {"token": "ikke-et-link"}),
        "organisations:export": Row(structure(manage=True), kwargs=lambda w: {"fmt": "xlsx"}),
        "calendar_feed": Row(everyone(OK), kwargs=lambda w: {"token": w.calendar_feed.token}),
    }
)

# The Django admin is one gate for all its URLs (PlatformAdminSite.has_permission),
# tested below over every admin URL.
ADMIN_NAMESPACE = "admin"


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_has_a_row_in_the_matrix():
    names = {n for n in all_url_names() if not n.startswith(f"{ADMIN_NAMESPACE}:")}
    missing = sorted(names - set(MATRIX))
    assert not missing, f"URL patterns without a row in the permission matrix: {missing}"
    stale = sorted(set(MATRIX) - names)
    assert not stale, f"Rows for URL patterns that no longer exist: {stale}"


def actor_person(world, actor: str) -> Person | None:
    return None if actor == "anonymous" else getattr(world, actor)


def answer_of(name: str, actor: str, world) -> str | None:
    """What is wrong with the answer `actor` gets from `name`, or None."""
    row = MATRIX[name]
    client = SessionClient()
    person = actor_person(world, actor)
    if person is not None:
        client.force_login(person)
    url = reverse(name, kwargs=row.kwargs(world))
    response = getattr(client, row.method)(url, row.data_for(world))
    expected = row.expect[actor]
    if expected == LOGIN:
        if response.status_code != 302 or not response.url.startswith(reverse("login")):
            return f"{actor}: expected the login page, got {response.status_code}"
    elif response.status_code != expected:
        return f"{actor}: expected {expected}, got {response.status_code}"
    elif expected == REDIRECT and response.url.startswith(reverse("login")):
        return f"{actor}: sent to the login page"
    return None


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name, world):
    """Each actor in turn, each inside a savepoint rolled back after it, so what one
    actor's request changes is gone before the next one asks (as in a test of its own)."""
    wrong = []
    for actor in ACTORS:
        with transaction.atomic():
            wrong.append(answer_of(name, actor, world))
            transaction.set_rollback(True)
    assert not any(wrong), f"{name}: " + "; ".join(filter(None, wrong))


def test_post_only_views_refuse_get(world, client):
    client.force_login(world.hr)
    for name, row in MATRIX.items():
        # The API's POST /units shares its path with GET /units (a list).
        if row.method != "post" or name in {"logout", "api-v1:unit_create"}:
            continue
        response = client.get(reverse(name, kwargs=row.kwargs(world)))
        assert response.status_code == 405, name


def admin_urls_without_arguments() -> list[str]:
    resolver = get_resolver()
    urls = []
    for name in sorted(all_url_names()):
        if not name.startswith(f"{ADMIN_NAMESPACE}:"):
            continue
        try:
            urls.append(reverse(name))
        except Exception:  # noqa: S112 - URLs that need arguments are covered by the gate
            continue
    assert resolver is not None
    return urls


@pytest.mark.parametrize("actor", MEMBERS)
def test_django_admin_is_closed_to_everyone_in_an_organisation(actor, world, client):
    client.force_login(actor_person(world, actor))
    urls = admin_urls_without_arguments()
    assert len(urls) > 5
    for url in urls:
        if url.endswith(("/login/", "/logout/")):
            continue
        response = client.get(url)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert reverse("admin:login") in response.url, url


def test_django_admin_opens_for_platform_operators(db, client):
    from tests.operators import signed_in_operator

    signed_in_operator(client)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:organisations_person_changelist")).status_code == 200
