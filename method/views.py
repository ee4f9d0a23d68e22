from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from access import policy
from method import loader


@policy.member_required
def overview(request: HttpRequest) -> HttpResponse:
    """The brochure's introduction, why the tools, roles, tips and materials."""
    return render(request, "method/overview.html", {"texts": loader.current()})


@policy.member_required
def tool(request: HttpRequest, number: int) -> HttpResponse:
    """A tool's introduction: background, purpose, time, target group, steps, role table."""
    try:
        item = loader.tool(number)
    except KeyError as error:
        raise Http404 from error
    return render(
        request,
        "method/tool.html",
        {"tool": item, "role_table": loader.role_table(number), "my_roles": request.user.roles},
    )
