"""The one view that changes an agreement's status, whichever tool it belongs to."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access import policy
from followup import services
from followup.forms import StatusForm
from ui.redirects import local_path

KINDS = {"self", "manager", "group", "task"}


def safe_next(request: HttpRequest, default: str) -> str:
    """Where the form asked to go back to, if that is on this site; else `default`."""
    return local_path(request, request.POST.get("next") or request.GET.get("next")) or default


@require_POST
@policy.member_required
def agreement_status(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Each tool's own rule decides who may change the status (access/)."""
    if kind not in KINDS:
        raise Http404
    agreement = policy.get_agreement_to_follow_up(request.user, kind, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.agreement_status_change(
            agreement=agreement, status=form.cleaned_data["status"], by=request.user
        )
        messages.success(request, _("Status er gemt."))
    else:
        messages.error(request, _("Vælg en status."))
    return redirect(safe_next(request, reverse("overview") + f"#{kind}-{pk}"))
