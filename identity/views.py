"""Sign-in through the organisation's identity provider: the login page's e-mail-first
step, the provider's answer, the one-time confirmation that links an existing account,
and the administrators' configuration page."""

from __future__ import annotations

import json
import logging
import secrets
import time
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from access import policy
from audit import ratelimit
from identity import oidc, saml, services
from identity.forms import LinkForm, ProviderForm
from identity.models import IdentityProvider, Protocol
from organisations.people import PersonError
from ui.redirects import local_path

logger = logging.getLogger(__name__)

PROVIDER_KEY = "sign_in_provider"
TEST_KEY = "sign_in_test"
LINK_KEY = "sign_in_link"
NEXT_KEY = "sign_in_next"
LOGOUT_KEY = "sign_in_logout_url"
SAML_LOGOUT_KEY = "sign_in_saml_session"
BACKEND = "organisations.backends.PersonBackend"
# The SAML request this browser made. A cookie of its own rather than the session: the
# provider posts its answer from another site, and the session cookie (SameSite=Lax)
# does not come along on such a post.
SAML_COOKIE = "lt_saml_request"
SAML_COOKIE_SALT = "identity.saml-request"
SAML_COOKIE_SECONDS = 15 * 60

UNAVAILABLE = _(
    "Jeres organisations log ind svarer ikke lige nu. Prøv igen om lidt, eller kontakt jeres IT."
)
REJECTED = _("Log ind via din organisation lykkedes ikke. Prøv igen fra begyndelsen.")


class LoginView(auth_views.LoginView):
    """E-mail first: an address of an organisation that signs in through its own
    provider goes there (home-realm discovery). Without a password, or when the
    organisation has switched passwords off, the password is never checked here."""

    def post(self, request, *args, **kwargs):
        email = request.POST.get("username", "").strip().lower()
        provider = policy.provider_for_email(email)
        if provider is not None and (
            not request.POST.get("password") or not provider.password_login
        ):
            return _to_provider(request, provider, email, next_url=request.POST.get("next", ""))
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Single logout: someone who came through their organisation's provider is sent on
    to sign out there too, when the provider offers it."""

    def post(self, request, *args, **kwargs):
        provider_logout = request.session.get(LOGOUT_KEY, "") or _saml_logout_url(request)
        response = super().post(request, *args, **kwargs)
        if not provider_logout:
            return response
        # A page that moves on, as on the way in (the policy's form-action).
        return render(request, "identity/signed_out.html", {"url": provider_logout})


def _saml_logout_url(request) -> str:
    signed_in = request.session.get(SAML_LOGOUT_KEY)
    provider = policy.sign_in_provider(signed_in.get("provider") if signed_in else None)
    if provider is None:
        return ""
    return saml.logout_url(provider, saml_urls(request, provider.organisation_id), signed_in)


def _callback_url(request) -> str:
    return request.build_absolute_uri(reverse("identity:callback"))


def saml_urls(request, organisation_id: int) -> dict[str, str]:
    """Our entity ID (the metadata's own address) and where the provider answers."""
    return {
        "entity_id": request.build_absolute_uri(
            reverse("identity:saml_metadata", args=[organisation_id])
        ),
        "acs": request.build_absolute_uri(reverse("identity:saml_acs", args=[organisation_id])),
        "sls": request.build_absolute_uri(
            reverse("identity:saml_signed_out", args=[organisation_id])
        ),
    }


def _to_provider(request, provider: IdentityProvider, email: str, next_url: str = ""):
    request.session[PROVIDER_KEY] = provider.pk
    request.session[NEXT_KEY] = next_url
    saml_request = None
    try:
        if provider.protocol == Protocol.SAML:
            request_id, url = saml.redirect_to_provider(
                provider, saml_urls(request, provider.organisation_id), email
            )
            saml_request = {
                "request": request_id,
                "provider": provider.pk,
                "next": next_url,
                "testing": bool(request.session.pop(TEST_KEY, False)),
            }
        else:
            url = oidc.redirect_to_provider(request, provider, _callback_url(request), email)[
                "Location"
            ]
    except oidc.ProviderUnavailable:
        logger.warning("Identity provider of organisation %s unavailable", provider.organisation_id)
        messages.error(request, UNAVAILABLE)
        return redirect("login")
    # A page that moves on, not a redirect: the Content-Security-Policy lets forms send
    # only to this site, and browsers apply that to a form's redirect too.
    response = render(
        request, "identity/to_provider.html", {"url": url, "organisation": provider.organisation}
    )
    if saml_request is not None:
        response.set_signed_cookie(
            SAML_COOKIE,
            json.dumps(saml_request),
            salt=SAML_COOKIE_SALT,
            max_age=SAML_COOKIE_SECONDS,
            httponly=True,
            secure=request.is_secure(),
            samesite="None" if request.is_secure() else "Lax",
        )
    return response


def _finish_login(request, person, identity: oidc.Identity) -> HttpResponse:
    next_url = request.session.get(NEXT_KEY) or ""
    login(request, person, backend=BACKEND)
    if identity.logout_url:
        request.session[LOGOUT_KEY] = identity.logout_url
    if identity.saml_session:
        request.session[SAML_LOGOUT_KEY] = identity.saml_session
    return redirect(local_path(request, next_url) or "home")


def callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the browser back here with a code; Authlib checks the state
    against this session and the ID token against the provider's keys."""
    provider = policy.sign_in_provider(request.session.pop(PROVIDER_KEY, None))
    testing = request.session.pop(TEST_KEY, False)
    if provider is None:
        messages.error(request, REJECTED)
        return redirect("login")
    try:
        identity = oidc.identity_from_callback(
            request, provider, request.build_absolute_uri(reverse("login"))
        )
    except oidc.ProviderUnavailable as error:
        logger.warning("Identity provider of organisation %s: %s", provider.organisation_id, error)
        messages.error(request, UNAVAILABLE)
        return redirect("identity:settings" if testing else "login")
    except oidc.SignInRejected as error:
        logger.warning("Sign-in rejected for organisation %s: %s", provider.organisation_id, error)
        messages.error(request, REJECTED)
        return redirect("identity:settings" if testing else "login")
    if testing:
        return _test_result(request, provider, identity)
    return _signed_in(request, provider, identity)


def _signed_in(request, provider: IdentityProvider, identity: oidc.Identity) -> HttpResponse:
    """The provider has proved who signed in: link or match them to a person of its
    organisation (access/identity.py), or refuse with a message on the login page."""
    try:
        found = policy.sign_in_match(
            provider, issuer=identity.issuer, subject=identity.subject, email=identity.email
        )
    except policy.SignInRefused as refused:
        messages.error(request, str(refused))
        return redirect("login")
    if found.person is None:
        try:
            person = services.person_from_identity(
                provider=provider,
                email=identity.email,
                name=identity.name,
                issuer=identity.issuer,
                subject=identity.subject,
            )
        except PersonError as refused:
            messages.error(request, str(refused))
            return redirect("login")
        return _finish_login(request, person, identity)
    if found.needs_password or found.needs_mail:
        pending = {
            "person": found.person.pk,
            "provider": provider.pk,
            "connection": provider.connection,
            "issuer": identity.issuer,
            "subject": identity.subject,
            "logout_url": identity.logout_url,
            "saml_session": identity.saml_session,
        }
        if found.needs_password:
            request.session[LINK_KEY] = pending
            return redirect("identity:link")
        code = secrets.token_urlsafe(24)
        request.session[LINK_KEY] = {**pending, "mail_code": code, "mail_sent": time.time()}
        services.link_confirmation_send(
            person=found.person,
            url=request.build_absolute_uri(reverse("identity:link_confirm", args=[code])),
        )
        messages.info(
            request,
            _(
                "Vi har sendt en mail til %(email)s. Åbn linket i den her i samme browser "
                "for at bekræfte, at det er dig. Det gælder i en time."
            )
            % {"email": found.person.email},
        )
        return redirect("login")
    services.identity_used(
        person=found.person, provider=provider, issuer=identity.issuer, subject=identity.subject
    )
    return _finish_login(request, found.person, identity)


def _saml_request(request) -> dict | None:
    try:
        pending = json.loads(
            request.get_signed_cookie(
                SAML_COOKIE, salt=SAML_COOKIE_SALT, max_age=SAML_COOKIE_SECONDS
            )
        )
    except (KeyError, signing.BadSignature, ValueError):
        return None
    return pending if isinstance(pending, dict) else None


@csrf_exempt
@require_POST
def saml_acs(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The provider's signed answer, posted by the browser from the provider's site (so
    no CSRF token: the answer's signature and our one-time request ID stand in)."""
    pending = _saml_request(request)
    provider = policy.saml_answer_provider(pending, organisation_id)
    answer = request.POST.get("SAMLResponse", "")
    if provider is None or not answer:
        messages.error(request, REJECTED)
        response = redirect("login")
    else:
        response = _saml_answer(request, provider, pending, answer)
    response.delete_cookie(SAML_COOKIE, samesite="None" if request.is_secure() else "Lax")
    return response


def _saml_answer(request, provider: IdentityProvider, pending: dict, answer: str):
    testing = bool(pending.get("testing"))
    failed = redirect("identity:settings" if testing else "login")
    if not services.saml_answer_once(request_id=str(pending.get("request"))):
        logger.warning("Replayed SAML answer for organisation %s", provider.organisation_id)
        messages.error(request, REJECTED)
        return failed
    try:
        identity = saml.identity_from_response(
            provider,
            saml_urls(request, organisation_id=provider.organisation_id),
            answer,
            str(pending.get("request")),
        )
    except oidc.SignInRejected as error:
        logger.warning(
            "SAML sign-in rejected for organisation %s: %s", provider.organisation_id, error
        )
        messages.error(request, REJECTED)
        return failed
    if testing:
        return _test_result(request, provider, identity)
    identity.saml_session["provider"] = provider.pk
    request.session[NEXT_KEY] = pending.get("next") or ""
    return _signed_in(request, provider, identity)


def saml_signed_out(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Single logout, both ways. The provider's answer to our own logout lands here: we
    signed out before going there, so only the login page is left. A logout the
    provider starts (a signed LogoutRequest) ends the session here too, if it names
    the person signed in, and the provider gets our signed answer."""
    if "SAMLRequest" not in request.GET:
        return redirect("login")
    provider = policy.saml_provider_of(organisation_id)
    if provider is None:
        return redirect("login")
    try:
        name_id, answer_url = saml.logout_from_provider(
            provider, saml_urls(request, organisation_id), request.GET.dict()
        )
    except oidc.SignInRejected as error:
        logger.warning("SAML logout refused, organisation %s: %s", organisation_id, error)
        return redirect("login")
    signed_in = request.session.get(SAML_LOGOUT_KEY)
    if (
        signed_in
        and signed_in.get("provider") == provider.pk
        and saml.name_id_text(signed_in) == name_id
    ):
        logout(request)
    return redirect(answer_url)


def saml_metadata(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Our service provider metadata, for the identity provider's administrator (public,
    as metadata is)."""
    provider = policy.saml_provider_of(organisation_id)
    if provider is None:
        raise Http404
    xml = saml.metadata(provider, saml_urls(request, organisation_id))
    return HttpResponse(xml, content_type="application/samlmetadata+xml")


def _link_and_sign_in(request, person, pending: dict) -> HttpResponse:
    services.identity_link(
        person=person,
        provider=policy.sign_in_provider(pending["provider"]),
        issuer=pending["issuer"],
        subject=pending["subject"],
    )
    del request.session[LINK_KEY]
    identity = oidc.Identity(
        issuer=pending["issuer"],
        subject=pending["subject"],
        email=person.email,
        name=person.name,
        id_token="",
        logout_url=pending.get("logout_url", ""),
        saml_session=pending.get("saml_session"),
    )
    return _finish_login(request, person, identity)


LINK_MAIL_SECONDS = 3600


def link_confirm(request: HttpRequest, code: str) -> HttpResponse:
    """The link from the mail, opened in the browser that signed in: the person shows
    they have their own mailbox. Another browser (an administrator who signed in as
    them through a provider of their own) gets nothing from it."""
    pending = request.session.get(LINK_KEY)
    person = policy.sign_in_link_person(pending)
    mail_code = str(pending.get("mail_code", "")) if person is not None else ""
    if (
        not mail_code
        or not constant_time_compare(mail_code, code)
        or time.time() - float(pending.get("mail_sent", 0)) > LINK_MAIL_SECONDS
    ):
        messages.error(
            request,
            _(
                "Linket virker kun i den browser, du loggede ind fra, og kun i en time. "
                "Log ind via din organisation igen, så sender vi et nyt."
            ),
        )
        return redirect("login")
    if request.method == "POST":
        return _link_and_sign_in(request, person, pending)
    return render(request, "identity/link_confirm.html", {"person": person})


def link(request: HttpRequest) -> HttpResponse:
    """Once: an account that is already someone's own is linked to the organisation's
    sign-in only with that person's password."""
    pending = request.session.get(LINK_KEY)
    person = policy.sign_in_link_person(pending)
    if person is None:
        return redirect("login")
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed = ratelimit.allow(f"sign-in-link:{person.pk}", limit=5, per=timedelta(hours=1))
        if allowed and person.check_password(form.cleaned_data["password"]):
            return _link_and_sign_in(request, person, pending)
        form.add_error(
            "password",
            _("Adgangskoden er forkert.")
            if allowed
            else _("For mange forsøg. Prøv igen om en time, eller kontakt HR."),
        )
    return render(
        request,
        "identity/link.html",
        {"form": form, "person": person},
        status=400 if form.errors else 200,
    )


def _test_result(request, provider: IdentityProvider, identity: oidc.Identity) -> HttpResponse:
    services.provider_tested(provider=provider)
    messages.success(
        request,
        _(
            "Forbindelsen virker: jeres log ind sendte %(email)s (subject %(subject)s). Du kan "
            "nu slå log ind via organisationen til."
        )
        % {"email": identity.email or _("ingen e-mail"), "subject": identity.subject},
    )
    return redirect("identity:settings")


@policy.allowed_if(policy.may_configure_sign_in)
def settings(request: HttpRequest) -> HttpResponse:
    provider = policy.own_identity_provider(request.user)
    form = ProviderForm(request.POST or None, request.FILES or None, instance=provider)
    if request.method == "POST" and form.is_valid():
        form.instance.organisation_id = request.user.organisation_id
        services.provider_save(provider=form.instance, changed=form.changed_fields, by=request.user)
        messages.success(request, _("Opsætningen er gemt."))
        return redirect("identity:settings")
    return render(
        request,
        "identity/settings.html",
        {
            "form": form,
            "provider": provider,
            "callback_url": _callback_url(request),
            "saml": saml_urls(request, request.user.organisation_id),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@policy.allowed_if(policy.may_configure_sign_in)
def test(request: HttpRequest) -> HttpResponse:
    """The whole round trip: the administrator signs in at the provider, and we show what
    it sent back, without signing anyone in."""
    provider = policy.own_identity_provider(request.user)
    if provider.pk is None:
        return redirect("identity:settings")
    try:
        if provider.protocol == Protocol.SAML:
            saml.idp_entity_id(provider.saml_metadata)
        else:
            oidc.check(provider)
    except (oidc.ProviderUnavailable, ValueError) as error:
        logger.warning("Sign-in test, organisation %s: %s", provider.organisation_id, error)
        messages.error(
            request,
            _(
                "Vi kunne ikke hente jeres udbyders oplysninger. Tjek adressen, og at "
                "Ledertrivsels server kan nå udbyderen."
            ),
        )
        return redirect("identity:settings")
    request.session[TEST_KEY] = True
    return _to_provider(request, provider, request.user.email)
