"""The test client every test uses."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.test import Client


class SessionClient(Client):
    """Django's test client, whose `force_login` writes the signed-in session directly.

    Django's own goes through `login()`: a new session key, the login signal (an audit
    event and `last_login`) and two session saves, a few milliseconds a time, paid by about
    2,500 tests. What a test of signing in checks goes through the login form or the
    provider instead, where those steps happen for real."""

    def force_login(self, user, backend=None):
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = user._meta.pk.value_to_string(user)
        session[BACKEND_SESSION_KEY] = backend or settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        self.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
