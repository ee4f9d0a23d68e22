"""Rate limits across app servers, counted in the database."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.utils import timezone

from audit.models import RateLimitHit


def hashed(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:40]


def allow(key: str, *, limit: int, per: timedelta) -> bool:
    """Counts one request for `key`; False when `limit` were already counted within `per`."""
    now = timezone.now()
    # Old hits are of no use to any limit: forget them as we go.
    RateLimitHit.objects.filter(at__lt=now - timedelta(days=1)).delete()
    if RateLimitHit.objects.filter(key=key, at__gte=now - per).count() >= limit:
        return False
    RateLimitHit.objects.create(key=key, at=now)
    return True
