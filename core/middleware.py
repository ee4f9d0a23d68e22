from django.conf import settings
from django.utils import translation


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
