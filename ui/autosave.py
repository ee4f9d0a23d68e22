"""Saving as people write (issue 23: one way to save): a form posted by htmx gets back
only the quiet status, "Alt er gemt kl. 10.42", or why it was not saved."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def is_autosave(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def saved(request: HttpRequest, error: str = "") -> HttpResponse:
    # 200 even when not saved: htmx swaps only successful answers into the page.
    return render(
        request,
        "partials/saved_status.html",
        {"saved_at": None if error else timezone.localtime(), "error": error},
    )
