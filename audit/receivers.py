"""Logins, failed logins and lockouts, from Django's and django-axes' signals."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from audit.log import record
from audit.models import Kind


def _person_by_username(username: str | None):
    """The account someone tried, if it exists; what they typed is never stored."""
    if not username or len(username) > 254:
        return None
    return get_user_model().objects.filter(email__iexact=username).first()


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs) -> None:
    record(Kind.LOGIN, actor=user, subject=user)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs) -> None:
    person = _person_by_username(credentials.get("username"))
    if person is not None:
        record(Kind.LOGIN_FAILED, subject=person)


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    person = _person_by_username(username)
    if person is not None:
        record(Kind.LOCKED_OUT, subject=person)
