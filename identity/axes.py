"""How django-axes reads the username of a login attempt."""

from __future__ import annotations

USERNAME_LIMIT = 254  # the longest e-mail address; axes stores at most 255 characters


def username(request, credentials: dict | None) -> str:
    """The typed username, cut to what an e-mail address can be: a 50,000-character
    'username' is a failed login like any other, not a database error."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "")[:USERNAME_LIMIT]
