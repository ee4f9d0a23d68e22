"""The organisation's choice to take part in the benchmark across organisations."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from access import policy
from benchmark import selectors, services
from benchmark.forms import ParticipationForm
from benchmark.release import MIN_LEADERS, MIN_ORGANISATIONS


@policy.allowed_if(policy.may_choose_benchmark)
def participation(request: HttpRequest) -> HttpResponse:
    person = request.user
    current = selectors.participation_of(organisation_id=person.organisation_id)
    is_admin = policy.may_confirm_benchmark_as_admin(person)
    is_representative = policy.may_confirm_benchmark_as_representative(person)
    form = ParticipationForm(instance=current if current and not current.withdrawn_at else None)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        policy.require_benchmark_action(person, action)
        try:
            if action == "withdraw":
                if services.participation_withdraw(person=person):
                    messages.success(
                        request,
                        _("Organisationen deltager ikke længere. Intet nyt frigives om den."),
                    )
                return redirect("benchmark:participation")
            if action == "admin":
                form = ParticipationForm(request.POST)
                if form.is_valid():
                    services.participation_confirm(
                        person=person,
                        as_admin=True,
                        sector=form.cleaned_data["sector"],
                        size_band=form.cleaned_data["size_band"],
                    )
                    messages.success(request, _("Din bekræftelse er gemt."))
                    return redirect("benchmark:participation")
                status = 400
            else:
                services.participation_confirm(person=person, as_admin=False)
                messages.success(request, _("Din bekræftelse er gemt."))
                return redirect("benchmark:participation")
        except services.ParticipationError as problem:
            messages.error(request, str(problem))
            status = 400
    return render(
        request,
        "benchmark/participation.html",
        {
            "participation": current,
            "form": form,
            "is_admin": is_admin,
            "is_representative": is_representative,
            "min_organisations": MIN_ORGANISATIONS,
            "min_leaders": MIN_LEADERS,
        },
        status=status,
    )
