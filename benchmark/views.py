"""The organisation's choice to take part in the benchmark across organisations, and the
inspiration library of the action cards the organisations that take part share."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access import policy
from benchmark import selectors, services
from benchmark.forms import CopyCardForm, LibraryFilterForm, ParticipationForm, ShareCardForm
from benchmark.models import SharedCard
from benchmark.release import MIN_LEADERS, MIN_ORGANISATIONS
from method import loader
from plans import selectors as plan_selectors


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
            "shared_cards": selectors.shared_cards_of_organisation(
                organisation_id=person.organisation_id
            ),
            "theme_titles": _theme_titles(),
        },
        status=status,
    )


# --- The inspiration library -------------------------------------------------------


def _card_fields() -> list[tuple[str, str]]:
    """The seven fields of an action card in the method's order, with their labels."""
    return [(f.code, str(f.label)) for f in loader.current().action_card.fields]


def _theme_titles() -> dict[int, str]:
    return {t.number: str(t.title) for t in loader.current().themes}


@policy.member_required
def library(request: HttpRequest) -> HttpResponse:
    """ "Sådan har andre grebet det an": other organisations' shared action cards."""
    if not policy.reads_card_library(request.user):
        return render(
            request,
            "benchmark/library.html",
            {"taking_part": False, "chooses": policy.may_choose_benchmark(request.user)},
        )
    form = LibraryFilterForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    page = selectors.library(
        reader_organisation_id=request.user.organisation_id,
        theme=criteria.get("theme", ""),
        sector=criteria.get("sector", ""),
        size_band=criteria.get("size_band", ""),
        query=criteria.get("q", ""),
        page=request.GET.get("side", 1),
    )
    return render(
        request,
        "benchmark/library.html",
        {
            "taking_part": True,
            "form": form,
            "page": page,
            "theme_titles": _theme_titles(),
            "labels": dict(_card_fields()),
        },
    )


@policy.member_required
def card(request: HttpRequest, pk: int) -> HttpResponse:
    """One shared card, whole, and (for a plan team) copying it into one's own plan."""
    shared = policy.get_shared_card_to_read(request.user, pk)
    targets = policy.card_copy_targets(request.user)
    form = CopyCardForm(
        request.POST or None,
        targets=targets,
        titles=lambda theme: plan_selectors.theme_title(theme=theme),
    )
    if request.method == "POST" and form.is_valid():
        into = policy.get_card_copy_target(request.user, form.cleaned_data["into"].pk)
        services.card_copy(shared=shared, into=into, by=request.user)
        messages.success(
            request,
            _(
                "Kortet er kopieret ind i jeres action card for tema %(label)s. Ret det "
                "til, så det passer hos jer, og giv opgaverne en dato."
            )
            % {"label": into.label},
        )
        return redirect("plans:card_edit", pk=into.pk)
    return render(
        request,
        "benchmark/card.html",
        {
            "shared": shared,
            "fields": _card_fields(),
            "theme_title": _theme_titles().get(shared.theme_number, shared.title),
            "form": form,
            "can_copy": policy.may_copy_cards(request.user),
        },
        status=400 if form.errors else 200,
    )


@policy.member_required
def card_share(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan team shares a published card: a proposal with every name replaced,
    which they edit and preview before anything leaves the organisation."""
    theme = policy.get_theme_to_share(request.user, pk)
    plan = theme.plan
    shareable = next(
        (s for s in selectors.shareable_themes(plan=plan) if s.theme.pk == theme.pk), None
    )
    if shareable is None:
        messages.error(request, _("Udgiv planen med temaet, før I deler dets action card."))
        return redirect("plans:detail", pk=plan.pk)
    names = selectors.identifying_names(organisation_id=plan.organisation_id)
    if shareable.shared is not None:
        initial = {field: getattr(shareable.shared, field) for field in SharedCard.EDITABLE_FIELDS}
    else:
        initial = selectors.share_proposal(published=shareable.published, names=names)
    form = ShareCardForm(
        request.POST or None, initial=initial, names=names, own_theme=theme.number is None
    )
    preview = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if request.POST.get("action") == "share":
                try:
                    services.card_share(
                        plan=plan,
                        theme=theme,
                        by=request.user,
                        texts=form.cleaned_data,
                        names=names,
                    )
                except services.ShareError as problem:
                    messages.error(request, str(problem))
                    status = 400
                else:
                    messages.success(
                        request,
                        _(
                            "Action cardet er delt. De andre organisationer, der deltager, "
                            "kan nu læse og kopiere det."
                        ),
                    )
                    return redirect(reverse("plans:detail", args=[plan.pk]) + "#deling")
            preview = selectors.share_preview(
                organisation_id=plan.organisation_id, theme=theme, texts=form.cleaned_data
            )
        else:
            status = 400
    titles = _theme_titles()
    return render(
        request,
        "benchmark/share.html",
        {
            "plan": plan,
            "theme": theme,
            "theme_title": titles.get(theme.number, theme.title),
            "form": form,
            "preview": preview,
            "fields": _card_fields(),
            "shared": shareable.shared,
        },
        status=status,
    )


@require_POST
@policy.member_required
def card_unshare(request: HttpRequest, pk: int) -> HttpResponse:
    shared = policy.get_shared_card_to_unshare(request.user, pk)
    plan_id = shared.plan_id
    services.card_unshare(shared=shared, by=request.user)
    messages.success(request, _("Kortet er ikke længere delt. Kopier, andre har lavet, er deres."))
    if plan_id is None or request.POST.get("back") == "participation":
        return redirect(reverse("benchmark:participation") + "#delte-kort")
    return redirect(reverse("plans:detail", args=[plan_id]) + "#deling")
