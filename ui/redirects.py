"""Where a form may send someone back to after it is saved."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def local_path(request: HttpRequest, candidate: str | None) -> str | None:
    """`candidate` if it is a path on this site, else None.

    Only an absolute path counts: `redirect()` would take a bare word such as "ab" for
    the name of a URL pattern and fail, and another host is never a place to go back to.
    """
    if not candidate or not candidate.startswith("/") or candidate.startswith("//"):
        return None
    if not url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return candidate
