"""The administrators' page for API tokens: make one (shown once) or revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access import policy
from api import selectors, services
from api.forms import TokenForm


@policy.allowed_if(policy.may_manage_api_tokens)
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        token, secret = services.token_create(
            by=request.user, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"]
        )
        created = {"token": token, "secret": secret}
        form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": selectors.tokens_listed(tokens=policy.own_api_tokens(request.user)),
            "docs_url": "/api/v1/docs",
            "scim_url": request.build_absolute_uri(reverse("scim:root")),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@policy.allowed_if(policy.may_manage_api_tokens)
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = policy.get_api_token(request.user, pk)
    services.token_revoke(token=token, by=request.user)
    messages.success(request, _("Nøglen %(name)s er trukket tilbage.") % {"name": token.name})
    return redirect("api:tokens")
