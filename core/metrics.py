"""Prometheus metrics for the operators (issue 24), at /metrics behind a bearer token.

Counted as requests are served: requests by view, method and status with their latency
and database queries, logins, failed logins and lockouts. Read from the database when
scraped: the mail queue by state and the worker's last success per job. Nothing about a
person: labels are view names and states only.

gunicorn runs several worker processes; deploy/gunicorn.conf.py points
PROMETHEUS_MULTIPROC_DIR at a directory so a scrape sums them all.
"""

from __future__ import annotations

import os
import time

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import connection
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

# Prometheus' text format, for the view's answer.
CONTENT_TYPE = CONTENT_TYPE_LATEST

REQUESTS = Counter("ledertrivsel_requests", "Requests served", ["view", "method", "status"])
LATENCY = Histogram(
    "ledertrivsel_request_duration_seconds",
    "Time to answer a request",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
QUERIES = Counter("ledertrivsel_db_queries", "Database queries made by requests", ["view"])
LOGINS = Counter("ledertrivsel_logins", "Successful logins")
LOGIN_FAILURES = Counter("ledertrivsel_login_failures", "Failed logins")
LOCKOUTS = Counter("ledertrivsel_lockouts", "Logins locked after too many failures")


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match and match.view_name else "unmatched"


class MetricsMiddleware:
    """Counts each request with its view's name (never its path: a path holds ids and
    tokens) and the queries it made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = self.get_response(request)
        view = _view_name(request)
        LATENCY.labels(view).observe(time.perf_counter() - started)
        REQUESTS.labels(view, request.method, str(response.status_code)).inc()
        if queries[0]:
            QUERIES.labels(view).inc(queries[0])
        return response


class _FromDatabase:
    """Read when scraped, so every process and the worker report the same."""

    def collect(self):
        from core.models import WorkerRun
        from followup.models import OutgoingMail

        mail = GaugeMetricFamily(
            "ledertrivsel_mail_queue", "Mails in the outbox by state", labels=["state"]
        )
        counts = dict.fromkeys(OutgoingMail.State.values, 0)
        for state, n in _mail_counts(OutgoingMail):
            counts[state] = n
        for state, n in sorted(counts.items()):
            mail.add_metric([state], n)
        yield mail
        worker = GaugeMetricFamily(
            "ledertrivsel_worker_last_success_timestamp_seconds",
            "When each of the worker's jobs last succeeded",
            labels=["job"],
        )
        failures = GaugeMetricFamily(
            "ledertrivsel_worker_last_failure_timestamp_seconds",
            "When each of the worker's jobs last failed",
            labels=["job"],
        )
        for run in WorkerRun.objects.order_by("job"):
            if run.last_success_at:
                worker.add_metric([run.job], run.last_success_at.timestamp())
            if run.last_failure_at:
                failures.add_metric([run.job], run.last_failure_at.timestamp())
        yield worker
        yield failures


def _mail_counts(model):
    from django.db.models import Count

    return model.objects.values_list("state").annotate(n=Count("pk")).order_by()


def exposition() -> bytes:
    """The metrics in Prometheus' text format, summed over gunicorn's processes."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        for metric in (REQUESTS, LATENCY, QUERIES, LOGINS, LOGIN_FAILURES, LOCKOUTS):
            registry.register(metric)
    registry.register(_FromDatabase())
    return generate_latest(registry)


def _logged_in(**kwargs) -> None:
    LOGINS.inc()


def _login_failed(**kwargs) -> None:
    LOGIN_FAILURES.inc()


def _locked_out(**kwargs) -> None:
    LOCKOUTS.inc()


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(_logged_in, dispatch_uid="metrics-login")
    user_login_failed.connect(_login_failed, dispatch_uid="metrics-login-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="metrics-lockout")
