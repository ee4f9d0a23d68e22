"""HR and administrators manage their organisation's structure here."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access import policy
from access.policy import Capability
from audit import selectors as audit_selectors
from audit.log import record
from audit.models import Kind
from core import export
from organisations import importer, people, selectors, services
from organisations.forms import (
    ErasureForm,
    ImportForm,
    ManagementGroupForm,
    OrganisationForm,
    PeopleFilterForm,
    PersonForm,
    UnitForm,
)

IMPORT_SESSION_KEY = "organisation_import"


def _render_form(request, template: str, form, **context) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


@policy.requires(Capability.VIEW_STRUCTURE)
def overview(request: HttpRequest) -> HttpResponse:
    organisation = request.user.organisation
    counts = selectors.structure_counts(organisation=organisation)
    return render(
        request,
        "organisations/overview.html",
        {
            "organisation": organisation,
            "counts": counts,
            "can_change": policy.can_change_structure(request.user),
        },
    )


@policy.requires(Capability.MANAGE_STRUCTURE)
def settings_edit(request: HttpRequest) -> HttpResponse:
    organisation = policy.get_own_organisation(request.user)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.organisation_save(organisation=form.instance, by=request.user)
        messages.success(request, _("Organisationens indstillinger er gemt."))
        return redirect("organisations:overview")
    return _render_form(request, "organisations/settings_form.html", form)


# --- Units -----------------------------------------------------------------


@policy.requires(Capability.VIEW_STRUCTURE)
def unit_list(request: HttpRequest) -> HttpResponse:
    """A level of the tree at a time (`?enhed=<id>`), or a search (`?q=`), a page at a
    time: the page stays small with a unit per leader (issue 24)."""
    can_change = policy.can_change_structure(request.user)
    search = request.GET.get("q", "").strip()[:100]
    parent = None
    chosen = request.GET.get("enhed", "")
    if chosen.isdigit() and not search:
        parent = policy.get_unit(request.user, int(chosen))
    units = selectors.units_level(
        organisation_id=request.user.organisation_id,
        parent=parent,
        search=search,
        page=request.GET.get("side"),
    )
    return render(
        request,
        "organisations/unit_list.html",
        {
            "units": units,
            "parent": parent,
            "ancestors": selectors.unit_ancestors(unit=parent) if parent else [],
            "search": search,
            "can_change": can_change,
        },
    )


@policy.requires(Capability.MANAGE_STRUCTURE)
def unit_create(request: HttpRequest) -> HttpResponse:
    form = UnitForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        unit = services.unit_save(unit=form.instance)
        messages.success(request, _("Enheden %(name)s er oprettet.") % {"name": unit.name})
        return redirect("organisations:unit_list")
    return _render_form(request, "organisations/unit_form.html", form)


@policy.requires(Capability.MANAGE_STRUCTURE)
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = policy.get_unit(request.user, pk)
    form = UnitForm(request.POST or None, instance=unit, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        services.unit_save(unit=form.instance)
        messages.success(request, _("Enheden %(name)s er gemt.") % {"name": unit.name})
        return redirect("organisations:unit_list")
    return _render_form(request, "organisations/unit_form.html", form, unit=unit)


@require_POST
@policy.requires(Capability.MANAGE_STRUCTURE)
def unit_delete(request: HttpRequest, pk: int) -> HttpResponse:
    unit = policy.get_unit(request.user, pk)
    try:
        services.unit_delete(unit=unit)
    except services.UnitInUse:
        messages.error(
            request,
            _(
                "Enheden %(name)s kan ikke slettes, fordi den har underenheder, personer "
                "eller ledelsesgrupper. Flyt dem først."
            )
            % {"name": unit.name},
        )
        return redirect("organisations:unit_edit", pk=unit.pk)
    messages.success(request, _("Enheden %(name)s er slettet.") % {"name": unit.name})
    return redirect("organisations:unit_list")


# --- People ----------------------------------------------------------------


@policy.requires(Capability.VIEW_STRUCTURE)
def events(request: HttpRequest) -> HttpResponse:
    """The organisation's audit log: who did what to which account, never content."""
    page = Paginator(audit_selectors.events_in(organisation_id=request.user.organisation_id), 50)
    return render(
        request,
        "organisations/events.html",
        {
            "page": page.get_page(request.GET.get("side")),
            "can_change": policy.can_change_structure(request.user),
        },
    )


@policy.requires(Capability.VIEW_STRUCTURE)
def person_list(request: HttpRequest) -> HttpResponse:
    organisation_id = request.user.organisation_id
    filters = PeopleFilterForm(request.GET or None, organisation=request.user.organisation)
    search, unit = filters.filters() if filters.is_bound else ("", None)
    listed = selectors.people_for_listing(
        organisation_id=organisation_id,
        unit_id=unit.pk if unit else None,
        search=search,
        page=request.GET.get("side", 1),
    )
    return render(
        request,
        "organisations/person_list.html",
        {
            "people": listed,
            "filters": filters,
            "search": search,
            "unit": unit,
            "can_change": policy.can_change_structure(request.user),
        },
    )


@policy.requires(Capability.VIEW_STRUCTURE)
def unit_search(request: HttpRequest) -> HttpResponse:
    """Suggestions for the unit fields, as the text is typed (`field` names the field)."""
    text = request.GET.get(request.GET.get("field", "q"), "")
    found = selectors.units_matching(units=policy.structure_units(request.user), text=text)
    return render(request, "ui/partials/unit_options.html", {"units": found})


@policy.requires(Capability.MANAGE_STRUCTURE)
def person_search(request: HttpRequest) -> HttpResponse:
    """Suggestions for the structure's person fields, as the text is typed. The text
    comes under the field's own name (`field` says which)."""
    text = request.GET.get(request.GET.get("field", "q"), "")
    found = selectors.people_matching(people=policy.structure_people(request.user), text=text)
    return render(request, "ui/partials/person_options.html", {"people": found})


def _refused(form, error: people.PersonError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


@policy.requires(Capability.MANAGE_STRUCTURE)
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            person = people.person_create(
                organisation=request.user.organisation,
                source=people.Source.hr(request.user),
                **form.person_fields(),
            )
        except people.PersonError as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                _("%(name)s er oprettet. Send en invitation, når personen skal i gang.")
                % {"name": person.name},
            )
            return redirect("organisations:person_edit", pk=person.pk)
    return _render_form(request, "organisations/person_form.html", form)


@policy.requires(Capability.MANAGE_STRUCTURE)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = policy.get_person(request.user, pk)
    old_email = person.email
    form = PersonForm(request.POST or None, instance=person, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            changed = people.person_change(
                person=person, source=people.Source.hr(request.user), **form.person_fields()
            )
        except people.PersonError as error:
            _refused(form, error)
        else:
            messages.success(request, _("%(name)s er gemt.") % {"name": person.name})
            if changed.email_pending:
                messages.info(
                    request,
                    _(
                        "%(name)s logger fortsat ind med %(old)s. Vi har bedt %(name)s "
                        "bekræfte %(new)s fra den nuværende adresse."
                    )
                    % {"name": person.name, "old": old_email, "new": changed.email_pending},
                )
            return redirect("organisations:person_list")
    return _render_form(request, "organisations/person_form.html", form, person=person)


@policy.requires(Capability.MANAGE_STRUCTURE)
def person_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """Carries out the person's own request for erasure, after HR types their name.
    Without a request the page says how erasure comes about, and offers nothing."""
    person = policy.get_person(request.user, pk)
    if person.erased_at:
        raise Http404
    form = ErasureForm(request.POST or None, person=person)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            people.person_erase(person=person, source=people.Source.hr(request.user))
        except people.ErasureNotRequested as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("Personens data er slettet."))
            return redirect("organisations:person_list")
    return render(
        request,
        "organisations/person_erase.html",
        {"person": person, "form": form},
        status=400 if form.errors else status,
    )


@require_POST
@policy.requires(Capability.MANAGE_STRUCTURE)
def person_invite(request: HttpRequest, pk: int) -> HttpResponse:
    person = policy.get_person(request.user, pk)
    try:
        people.person_invite(person=person, source=people.Source.hr(request.user))
    except people.PersonError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Invitationen er sendt til %(email)s. Linket virker i en uge.")
            % {"email": person.email},
        )
    return redirect("organisations:person_edit", pk=person.pk)


# --- Management groups -----------------------------------------------------


@policy.requires(Capability.VIEW_STRUCTURE)
def group_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    groups = selectors.groups_for_listing(
        organisation_id=request.user.organisation_id, search=search, page=request.GET.get("side", 1)
    )
    return render(
        request,
        "organisations/group_list.html",
        {
            "groups": groups,
            "search": search,
            "can_change": policy.can_change_structure(request.user),
        },
    )


@policy.requires(Capability.MANAGE_STRUCTURE)
def group_create(request: HttpRequest) -> HttpResponse:
    form = ManagementGroupForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        group = people.group_change(
            group=form.instance,
            members=form.cleaned_data["members"],
            source=people.Source.hr(request.user),
        )
        messages.success(request, _("Ledelsesgruppen %(name)s er oprettet.") % {"name": group.name})
        return redirect("organisations:group_list")
    return _render_form(request, "organisations/group_form.html", form)


@policy.requires(Capability.MANAGE_STRUCTURE)
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = policy.get_management_group(request.user, pk)
    form = ManagementGroupForm(
        request.POST or None, instance=group, organisation=request.user.organisation
    )
    if request.method == "POST" and form.is_valid():
        people.group_change(
            group=form.instance,
            members=form.cleaned_data["members"],
            source=people.Source.hr(request.user),
        )
        messages.success(request, _("Ledelsesgruppen %(name)s er gemt.") % {"name": group.name})
        return redirect("organisations:group_list")
    return _render_form(request, "organisations/group_form.html", form, group=group)


@require_POST
@policy.requires(Capability.MANAGE_STRUCTURE)
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = policy.get_management_group(request.user, pk)
    services.group_delete(group=group)
    messages.success(request, _("Ledelsesgruppen %(name)s er slettet.") % {"name": group.name})
    return redirect("organisations:group_list")


# --- Import ----------------------------------------------------------------


def _import_context(request: HttpRequest, form: ImportForm) -> dict:
    example = selectors.unit_path_example(organisation_id=request.user.organisation_id)
    return {"form": form, "columns": importer.COLUMNS, "unit_example": example}


@policy.requires(Capability.MANAGE_STRUCTURE)
def import_upload(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check the whole file. Nothing is saved here."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict = _import_context(request, form)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = importer.read_upload(upload)
            rows = importer.parse(content, upload.name)
        except importer.ImportFileError as error:
            form.add_error("file", str(error))
            return render(request, "organisations/import.html", context, status=400)
        plan = importer.plan(request.user.organisation, rows)
        context["plan"] = plan
        if plan.errors:
            return render(request, "organisations/import.html", context, status=400)
        pending = services.pending_import_keep(
            by=request.user, filename=upload.name, content=content
        )
        request.session[IMPORT_SESSION_KEY] = pending.pk
    return render(request, "organisations/import.html", context)


@policy.requires(Capability.MANAGE_STRUCTURE)
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty file with the columns and two example rows, ready for a spreadsheet."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ledertrivsel-import.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly only with a byte order mark.
    response.write(importer.template_csv())
    return response


@require_POST
@policy.requires(Capability.MANAGE_STRUCTURE)
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Step 2: check again (the organisation may have changed) and save it all, or nothing."""
    pending = policy.pending_import_of(request.user, request.session.get(IMPORT_SESSION_KEY))
    if pending is None:
        messages.error(request, _("Der er ingen fil at importere. Vælg filen igen."))
        return redirect("organisations:import_upload")
    rows = importer.parse(bytes(pending.content), pending.filename)
    plan = importer.plan(request.user.organisation, rows)
    if plan.errors:
        messages.error(request, _("Filen har fejl nu. Se dem herunder og vælg filen igen."))
        return render(
            request,
            "organisations/import.html",
            {**_import_context(request, ImportForm()), "plan": plan},
            status=400,
        )
    result = importer.apply(request.user.organisation, plan, by=request.user)
    services.pending_import_discard(pending=pending)
    del request.session[IMPORT_SESSION_KEY]
    messages.success(
        request,
        _(
            "Importen er gennemført: %(created)s oprettet, %(updated)s ændret, "
            "%(unchanged)s uændret."
        )
        % result,
    )
    return redirect("organisations:person_list")


@policy.requires(Capability.MANAGE_STRUCTURE)
def organisation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The structure and the non-private data, for the organisation's administrators."""
    organisation = request.user.organisation
    if fmt == "csv":
        response = HttpResponse(export.as_csv(organisation), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            export.as_xlsx(organisation),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    record(Kind.EXPORTED, actor=request.user, export=f"structure.{fmt}")
    response["Content-Disposition"] = (
        f'attachment; filename="ledertrivsel-{organisation.slug}.{fmt}"'
    )
    return response


# --- MED/SU stand behind the people typed in by hand ----------------------------------


@policy.allowed_if(policy.vouches_for_people)
def vouch_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisations/vouch_list.html",
        {"people": selectors.people_to_vouch_listed(people=policy.people_to_vouch(request.user))},
    )


@require_POST
@policy.allowed_if(policy.vouches_for_people)
def person_vouch(request: HttpRequest, pk: int) -> HttpResponse:
    person = policy.get_person_to_vouch(request.user, pk)
    try:
        people.person_vouch(person=person, source=people.Source.cooperation(request.user))
    except people.PersonError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "%(name)s er bekræftet og tæller nu med, når der skal være svar nok "
                "til et samlet kort."
            )
            % {"name": person.name},
        )
    return redirect("organisations:vouch_list")


# --- What the operators ask for -------------------------------------------------------


@policy.allowed_if(policy.is_organisation_admin)
def operator_requests(request: HttpRequest) -> HttpResponse:
    pending, decided = selectors.operator_requests_listed(
        requests=policy.operator_requests_of(request.user)
    )
    return render(
        request,
        "organisations/operator_requests.html",
        {
            "pending": pending,
            "decided": decided,
            "can_change": policy.can_change_structure(request.user),
        },
    )


@require_POST
@policy.allowed_if(policy.is_organisation_admin)
def operator_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    operator_request = policy.get_pending_operator_request(request.user, pk)
    approve = request.POST.get("decision") == "approve"
    try:
        changed = people.operator_request_decide(
            operator_request=operator_request, approve=approve, by=request.user
        )
    except people.PersonError as error:
        messages.error(request, str(error))
    else:
        if changed is not None and operator_request.person_id is None:
            messages.success(
                request,
                _("Godkendt: %(name)s er oprettet. Send en invitation, når personen skal i gang.")
                % {"name": changed.name},
            )
        elif changed is not None:
            messages.success(
                request, _("Godkendt: %(name)s har fået rollerne.") % {"name": changed.name}
            )
        else:
            messages.success(request, _("Anmodningen er afvist. Intet er ændret."))
    return redirect("organisations:operator_requests")
