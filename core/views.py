import json

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from access import policy
from audit import selectors as audit_selectors
from audit.log import record
from audit.models import Kind
from benchmark import selectors as benchmark_selectors
from benchmark.models import Tool as BenchmarkTool
from core import calendar, overview, selectors, services, status, worker
from core import metrics as core_metrics
from core.forms import ReminderForm
from core.my_data import collect as my_data_collect
from dialogue import selectors as dialogue_selectors
from followup.models import FollowUpEvent
from groups import selectors as group_selectors
from identity import selectors as identity_selectors
from method import loader
from organisations import people
from organisations import selectors as organisation_selectors
from plans import selectors as plan_selectors
from ui import charts
from ui.redirects import local_path


@policy.member_required
def home(request: HttpRequest) -> HttpResponse:
    """A page per role: what the method asks of this person, and the way into the tools."""
    person = request.user
    texts = loader.current()
    shown: list[dict] = []
    for role, method_role in policy.home_roles(person):
        responsibility = loader.role_text(method_role)
        if responsibility is None:
            continue
        shown.append(
            {
                "role": role,
                "label": role.label,
                "responsibility": responsibility.responsibility,
                "tools": [
                    {"tool": tool, "text": row.text}
                    for tool in texts.tools
                    for row in tool.role_table
                    if row.role == method_role
                ],
            }
        )
    due = overview.overview(person)
    first_steps = dialogue_selectors.first_steps(leader=person) if person.is_leader else []
    context = {
        "due": due,
        # The menu's count on "Mit overblik", where the overview is computed anyway:
        # counting needs every agreement decrypted, too dear for every page.
        "overdue_count": len(due.overdue),
        "waiting_preparations": due.preparations,
        "waiting_feedback": due.feedback,
        "waiting_ratings": due.ratings,
        "role_sections": shown,
        "tools": texts.tools,
        "tips": texts.process_tips,
        "is_admin": policy.is_organisation_admin(person),
        "chooses_benchmark": policy.may_choose_benchmark(person),
        "can_view_structure": policy.has_capability(person, policy.Capability.VIEW_STRUCTURE),
        "has_no_role": not person.roles,
        "team_plans": plan_selectors.plans_on_team(person=person),
        "first_rounds": group_selectors.groups_led_without_rounds(person=person),
        # "Kom i gang" until the leader has taken every first step of tool 1.
        "first_steps": first_steps if not all(step.done for step in first_steps) else [],
    }
    if policy.has_capability(person, policy.Capability.MANAGE_STRUCTURE):
        context["hr_first_steps"] = _hr_first_steps(person)
    if context["can_view_structure"]:
        # The organisation's key figures, as the status page shows them (issue 23).
        context["status"] = status.organisation_status_stored(person.organisation)
        if context["status"] is not None:
            trend = status.status_trend(organisation=person.organisation)
            context["key_figures"] = status.key_figures(status=context["status"], trend=trend)
    if policy.vouches_for_people(person):
        context["people_to_vouch"] = organisation_selectors.people_to_vouch_count(
            people=policy.people_to_vouch(person)
        )
    if policy.decides_on_escalations(person, on_a_plan_team=bool(context["team_plans"])):
        context["escalations_open"] = group_selectors.escalations_open_count(
            organisation_id=person.organisation_id
        )
    return render(request, "core/home.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Saves the choice on the person (and in a cookie before login)."""
    language = request.POST.get("language", "")
    next_url = local_path(request, request.POST.get("next")) or "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        services.language_set(person=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=not settings.DEBUG,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the real one."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and operators: the app answers and reaches its database (503
    if not), and how long ago the worker last got a job done. A stale worker does not
    take the app server out of rotation ("status": "degraded"), but is worth an alert."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        fresh = worker.freshness()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse(
        {
            "status": "ok" if fresh["fresh"] else "degraded",
            "database": "ok",
            "worker": {key: fresh[key] for key in ("last_success", "age_seconds", "fresh")},
        }
    )


def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus' scrape (issue 24): 404 unless METRICS_TOKEN is set, 401 without it."""
    allowed = policy.metrics_reader(request.headers.get("Authorization", ""))
    if allowed is None:
        raise Http404
    if not allowed:
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(core_metrics.exposition(), content_type=core_metrics.CONTENT_TYPE)


def csrf_failure(request, reason=""):
    """The form was too old or came from elsewhere: say so in Danish, keep it calm."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


@policy.member_required
def my_data(request: HttpRequest) -> HttpResponse:
    """All of the person's own data as JSON (the right of access, GDPR art. 15 and 20)."""
    body = json.dumps(
        my_data_collect(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mine-data-ledertrivsel.json"'
    record(Kind.EXPORTED, actor=request.user, subject=request.user, export="my_data")
    return response


# --- Mit overblik, reminders and the calendar ----------------------------------------


def _hr_first_steps(person) -> list[dict]:
    """HR's way in: the people from the HR system, sign-in through the organisation,
    then the status. Shown until the first two are done."""
    organisation_id = person.organisation_id
    steps = [
        {
            "label": _("Importér ledere og ledelsesgrupper fra HR-systemet"),
            "url": reverse("organisations:import_upload"),
            "done": organisation_selectors.people_from_hr_system_exist(
                organisation_id=organisation_id
            ),
        }
    ]
    if policy.may_configure_sign_in(person):
        steps.append(
            {
                "label": _("Slå log ind via organisationen til"),
                "url": reverse("identity:settings"),
                "done": identity_selectors.sign_in_enabled(organisation_id=organisation_id),
            }
        )
    if all(step["done"] for step in steps):
        return []
    status_url = reverse("organisation_status")
    steps.append({"label": _("Følg status for ledertrivsel"), "url": status_url, "done": False})
    return steps


@policy.member_required
def overview_page(request: HttpRequest) -> HttpResponse:
    result = overview.overview(request.user)
    histories = overview.histories(result.agreements)
    for item in result.agreements:
        item.history = [
            e for e in histories.get(item.key, []) if e.kind != FollowUpEvent.Kind.CREATED
        ]
        item.changeable = policy.may_change_follow_up(request.user, item)
    return render(
        request,
        "core/overview.html",
        {
            "overview": result,
            "soon_days": overview.SOON_DAYS,
            "overdue_count": len(result.overdue),
        },
    )


def _feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("calendar_feed", args=[token]))


@policy.member_required
def followup_settings(request: HttpRequest) -> HttpResponse:
    form = ReminderForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.reminders_set(
            person=request.user, frequency=form.cleaned_data["reminder_frequency"]
        )
        messages.success(request, _("Dine påmindelser er gemt."))
        return redirect("followup_settings")
    feed = selectors.calendar_feed_of(person=request.user)
    feed_url = _feed_url(request, feed.token) if feed else ""
    return render(
        request,
        "core/followup_settings.html",
        {
            "form": form,
            "feed_url": feed_url,
            # Calendar programs open a webcal:// link as a subscription.
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1] if feed else "",
        },
        status=400 if form.errors else 200,
    )


@require_POST
@policy.member_required
def calendar_renew(request: HttpRequest) -> HttpResponse:
    """Makes the person's calendar address, or a new one in place of the old."""
    renewed = services.calendar_feed_new(person=request.user)
    if renewed:
        messages.success(
            request, _("Du har fået en ny kalenderadresse. Den gamle virker ikke længere.")
        )
    else:
        messages.success(request, _("Din kalenderadresse er klar."))
    return redirect(reverse("followup_settings") + "#kalender")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's calendar, for calendar programs: the unguessable token is the key."""
    person = policy.calendar_owner(token)
    if person is None:
        raise Http404
    response = HttpResponse(calendar.build(person), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@policy.requires(policy.Capability.VIEW_STRUCTURE)
def organisation_status(request: HttpRequest) -> HttpResponse:
    """Top management and HR: counts and shares only, small figures suppressed."""
    stored = status.organisation_status_stored(request.user.organisation)
    trend = status.status_trend(organisation=request.user.organisation)
    context = {"status": stored, "trend": trend}
    if stored is not None:
        context["key_figures"] = status.key_figures(status=stored, trend=trend)
    if len(trend) > 1:
        context["trend_chart"] = charts.share_trend(*status.trend_series(trend))
    if policy.sees_own_plan_against_benchmark(request.user):
        context["benchmark_rows"] = _plan_against_benchmark(request.user.organisation_id)
    return render(request, "core/status.html", context)


def _plan_against_benchmark(organisation_id: int) -> list[dict]:
    """The newest whole-organisation plan's map beside the other organisations' mean."""
    benchmark = benchmark_selectors.benchmark_for(
        organisation_id=organisation_id, tool=BenchmarkTool.PLAN
    )
    latest = plan_selectors.organisation_map_latest(organisation_id=organisation_id)
    if benchmark is None or latest is None:
        return []
    _plan, themes, group_map = latest
    return benchmark_selectors.comparison_rows(
        benchmark=benchmark,
        entries=[
            (
                theme.label,
                plan_selectors.theme_title(theme=theme),
                theme.number,
                group_map.positions.get(theme.pk),
            )
            for theme in themes
        ],
    )


@policy.member_required
def security(request: HttpRequest) -> HttpResponse:
    """What has happened to the person's account: logins, passwords, address, roles."""
    events = Paginator(audit_selectors.events_about(person_id=request.user.pk), 50)
    return render(
        request,
        "core/security.html",
        {
            "page": events.get_page(request.GET.get("side")),
            "pending_email": request.user.pending_email,
            "erasure_requested_at": request.user.erasure_requested_at,
        },
    )


@require_POST
@policy.member_required
def erasure_request(request: HttpRequest) -> HttpResponse:
    people.erasure_request(person=request.user)
    messages.success(
        request,
        _(
            "Du har bedt om at få dine data slettet. HR i din organisation sletter dem. "
            "Indtil da kan du bruge Ledertrivsel som før."
        ),
    )
    return redirect("security")


@policy.member_required
def email_change_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The person moves their own login to the address someone asked for, or not."""
    if request.method == "POST":
        try:
            people.email_change_confirm(person=request.user, token=token)
        except people.PersonError as error:
            messages.error(request, str(error))
            return redirect("security")
        messages.success(
            request, _("Du logger nu ind med %(email)s.") % {"email": request.user.email}
        )
        return redirect("security")
    return render(
        request, "core/email_change_confirm.html", {"new_email": request.user.pending_email}
    )
