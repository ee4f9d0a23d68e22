"""Mit overblik: what is due for a person across the tools, and where to act on it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access import policy
from followup import calendar, due
from followup.forms import ReminderForm, StatusForm
from followup.models import CalendarFeed, FollowUpEvent, Status

KINDS = {"self", "manager", "group", "task"}


@policy.member_required
def overview(request: HttpRequest) -> HttpResponse:
    result = due.overview(request.user)
    histories = due.histories(result.agreements)
    for item in result.agreements:
        item.history = [
            e for e in histories.get(item.key, []) if e.kind != FollowUpEvent.Kind.CREATED
        ]
        item.changeable = policy.may_change_follow_up(request.user, item)
    return render(
        request,
        "followup/overview.html",
        {"overview": result, "statuses": Status.choices, "soon_days": due.SOON_DAYS},
    )


@require_POST
@policy.member_required
def status(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    agreement = policy.get_agreement_to_follow_up(request.user, kind, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        agreement.status = form.cleaned_data["status"]
        agreement.save(update_fields=["status", "updated_at"], changed_by=request.user)
        messages.success(request, _("Status er gemt."))
    else:
        messages.error(request, _("Vælg en status."))
    return redirect(reverse("overview") + f"#{kind}-{pk}")


def _feed_url(request, feed: CalendarFeed) -> str:
    return request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))


@policy.member_required
def settings_page(request: HttpRequest) -> HttpResponse:
    form = ReminderForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Dine påmindelser er gemt."))
        return redirect("followup_settings")
    feed, _created = CalendarFeed.objects.get_or_create(person=request.user)
    return render(
        request,
        "followup/settings.html",
        {
            "form": form,
            "feed_url": _feed_url(request, feed),
            # Calendar programs open a webcal:// link as a subscription.
            "webcal_url": "webcal://" + _feed_url(request, feed).split("://", 1)[1],
        },
        status=400 if form.errors else 200,
    )


@require_POST
@policy.member_required
def calendar_renew(request: HttpRequest) -> HttpResponse:
    feed, _created = CalendarFeed.objects.get_or_create(person=request.user)
    feed.renew()
    messages.success(
        request, _("Du har fået en ny kalenderadresse. Den gamle virker ikke længere.")
    )
    return redirect(reverse("followup_settings") + "#kalender")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's calendar, for calendar programs: the unguessable token is the key."""
    feed = (
        CalendarFeed.objects.filter(token=token, person__is_active=True)
        .select_related("person")
        .first()
    )
    if feed is None or feed.person.organisation_id is None:
        raise Http404
    response = HttpResponse(
        calendar.build(feed.person), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@policy.requires(policy.Capability.VIEW_STRUCTURE)
def organisation_status(request: HttpRequest) -> HttpResponse:
    """Top management and HR: counts and shares only, small figures suppressed."""
    from followup.status import organisation_status as build_status

    return render(
        request,
        "followup/status.html",
        {"status": build_status(request.user.organisation)},
    )
