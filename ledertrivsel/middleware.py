import contextvars
import logging
import re
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.http import Http404, QueryDict
from django.utils import translation


def _without_nul(query: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


def _has_nul(query: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


class NulByteMiddleware:
    """A NUL byte can never be stored in PostgreSQL text, and nobody types one.

    In the address it is a page that does not exist (404). In form data and query
    strings it is removed, so text pasted with one is saved without it instead of lost.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        if _has_nul(request.GET):
            request.GET = _without_nul(request.GET)
        if request.method == "POST" and _has_nul(request.POST):
            request.POST = _without_nul(request.POST)
        return self.get_response(request)


class PersonLanguageMiddleware:
    """Danish unless the person chose English (or, before login, the language cookie says so).

    The browser's Accept-Language is deliberately ignored: the product is Danish
    by default, and English is a choice a person makes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = settings.LANGUAGE_CODE
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.language
        else:
            cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if cookie in dict(settings.LANGUAGES):
                language = cookie
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


class PrivateResponseMiddleware:
    """Nothing a signed-in person sees is kept by a browser or proxy cache (a shared PC,
    a PDF of an agreement, an export), and the browser features we never use are off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store, private"
        return response


# The request's id, for every log line written while it is handled.
REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_REQUEST_ID_SHAPE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Takes the request id nginx sends (X-Request-ID, its $request_id) or makes one, so
    nginx's access log, the app's log lines and the answer's header can be matched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID_SHAPE.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the answer is sent (request_finished below): Django logs a 4xx or
        # 5xx only after the middleware has returned.
        REQUEST_ID.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def _request_finished(**kwargs) -> None:
    REQUEST_ID.set("-")


request_finished.connect(_request_finished, dispatch_uid="request-id-finished")


class RequestIdFilter(logging.Filter):
    """Puts the request id on every log record (outside a request: "-")."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True
