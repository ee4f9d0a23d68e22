"""The worker's passes, job by job, with when each last succeeded (core.models.WorkerRun).

One job failing does not stop the others; a database that is down fails them all, and
the worker tries again at its next pass.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.db import DatabaseError
from django.utils import timezone

from core.models import WorkerRun

logger = logging.getLogger(__name__)

# /healthz calls the worker stale when no job has succeeded for this long.
STALE_AFTER = timedelta(minutes=30)


def run(job: str, work: Callable[[], object]) -> object:
    """Runs one job and records its outcome. A database error is raised (the pass stops:
    nothing else will work either); any other error is logged and recorded."""
    try:
        result = work()
    except DatabaseError:
        raise
    except Exception as error:
        logger.exception("The worker's job %s failed", job, extra={"job": job})
        WorkerRun.objects.update_or_create(
            job=job,
            defaults={"last_failure_at": timezone.now(), "last_error": type(error).__name__},
        )
        return None
    WorkerRun.objects.update_or_create(job=job, defaults={"last_success_at": timezone.now()})
    return result


def freshness(now=None) -> dict:
    """When the worker last got a job done, for /healthz and the operators."""
    now = now or timezone.now()
    runs = list(WorkerRun.objects.order_by("job"))
    latest = max((r.last_success_at for r in runs if r.last_success_at), default=None)
    return {
        "last_success": latest.isoformat() if latest else None,
        "age_seconds": int((now - latest).total_seconds()) if latest else None,
        "fresh": latest is not None and now - latest <= STALE_AFTER,
        "jobs": {
            r.job: {
                "last_success": r.last_success_at.isoformat() if r.last_success_at else None,
                "last_failure": r.last_failure_at.isoformat() if r.last_failure_at else None,
            }
            for r in runs
        },
    }
