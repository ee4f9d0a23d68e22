"""Data that reads across the tools."""

from __future__ import annotations

from django.db import models


class StatusSnapshot(models.Model):
    """The organisation's status figures for one day, computed once by the worker.

    The status page shows the latest snapshot, never live figures: deactivating one
    leader, looking, and reactivating them again moves nothing, so the difference cannot
    tell whether that leader has an agreement or had a dialogue.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="status_snapshots"
    )
    day = models.DateField()
    figures = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "day"], name="one_status_snapshot_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.day}"


class WorkerRun(models.Model):
    """When each of the worker's jobs last succeeded, and its last failure: what an
    operator (and /healthz, and the metrics) needs to know the worker is alive."""

    job = models.CharField(max_length=40, unique=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    # The exception's class only: a message may quote data.
    last_error = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.job
