"""Who may see and change what: the one gate. Every view asks this facade; none decides
on its own.

Two questions, two answers:
- Is the thing in the person's own organisation? If not, it does not exist for
  them: 404, never a hint that it is there.
- Does the person have the right? If not: 403.

Private content (what a leader writes, a member's ratings) is never reachable
through a capability: HR, top management and administrators manage structure
and see aggregates only. Each tool's rules live in a module of their own
(access/dialogue.py, access/groups.py, access/plans.py, access/followup.py),
each written once; this module gathers them under one name.
"""

from django.core.exceptions import PermissionDenied

from access.api import (
    api_token_allows,
    api_token_for,
    get_api_token,
    may_manage_api_tokens,
    own_api_tokens,
    scim_token_for,
)
from access.base import (
    CAPABILITY_ROLES,
    Capability,
    can_access_django_admin,
    can_change_structure,
    get_in_organisation,
    get_own,
    has_capability,
    in_organisation,
    member_required,
    require,
    requires,
)
from access.dialogue import (
    can_use_dialogue,
    get_dialogue,
    get_manager_agreement,
    get_meeting,
    get_report,
    get_self_agreement,
    get_self_agreement_item,
    has_reports,
    is_current_dialogue,
    is_current_manager,
    visible_reports,
)
from access.followup import calendar_owner, get_agreement_to_follow_up, may_change_follow_up
from access.groups import (
    ConfidentialRoomNotAccepted,
    get_focus_theme,
    get_group_agreement,
    get_group_as_member,
    get_participation,
    get_round,
    get_round_content,
    is_group_member,
    my_groups,
    require_group_leader,
)
from access.identity import (
    SignInRefused,
    may_configure_sign_in,
    own_identity_provider,
    password_login_allowed,
    provider_for_email,
    saml_answer_provider,
    saml_provider_of,
    sign_in_link_person,
    sign_in_provider,
)
from access.identity import match as sign_in_match
from access.organisations import (
    get_management_group,
    get_own_organisation,
    get_person,
    get_unit,
    pending_import_of,
    structure_people,
)
from access.plans import (
    PLAN_CREATOR_ROLES,
    can_create_plan,
    can_read_plan,
    get_action_task,
    get_escalation,
    get_feedback_request,
    get_plan,
    get_plan_theme,
    get_plan_to_rate,
    get_public_link,
    get_published_version,
    is_plan_team,
    may_plan_whole_organisation,
    plan_team_candidates,
    plan_units_for,
    readable_plans,
)

__all__ = [
    "CAPABILITY_ROLES",
    "PLAN_CREATOR_ROLES",
    "Capability",
    "ConfidentialRoomNotAccepted",
    "PermissionDenied",
    "SignInRefused",
    "api_token_allows",
    "api_token_for",
    "calendar_owner",
    "can_access_django_admin",
    "can_change_structure",
    "can_create_plan",
    "can_read_plan",
    "can_use_dialogue",
    "get_action_task",
    "get_agreement_to_follow_up",
    "get_api_token",
    "get_dialogue",
    "get_escalation",
    "get_feedback_request",
    "get_focus_theme",
    "get_group_agreement",
    "get_group_as_member",
    "get_in_organisation",
    "get_management_group",
    "get_manager_agreement",
    "get_meeting",
    "get_own",
    "get_own_organisation",
    "get_participation",
    "get_person",
    "get_plan",
    "get_plan_theme",
    "get_plan_to_rate",
    "get_public_link",
    "get_published_version",
    "get_report",
    "get_round",
    "get_round_content",
    "get_self_agreement",
    "get_self_agreement_item",
    "get_unit",
    "has_capability",
    "has_reports",
    "in_organisation",
    "is_current_dialogue",
    "is_current_manager",
    "is_group_member",
    "is_plan_team",
    "may_change_follow_up",
    "may_configure_sign_in",
    "may_manage_api_tokens",
    "may_plan_whole_organisation",
    "member_required",
    "my_groups",
    "own_api_tokens",
    "own_identity_provider",
    "password_login_allowed",
    "pending_import_of",
    "plan_team_candidates",
    "plan_units_for",
    "provider_for_email",
    "readable_plans",
    "require",
    "require_group_leader",
    "requires",
    "saml_answer_provider",
    "saml_provider_of",
    "scim_token_for",
    "sign_in_link_person",
    "sign_in_match",
    "sign_in_provider",
    "structure_people",
    "visible_reports",
]
