"""Validators for names that end up in e-mail headers, calendar files and PDFs."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def one_line(value: str) -> None:
    """A name is one line: no line breaks or other control characters."""
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError(
            _("Skriv navnet på én linje, uden linjeskift eller tabulatorer."), code="one_line"
        )


def as_one_line(value: str) -> str:
    """The same text on one line: control characters become spaces (for imported files).

    The apostrophe our export puts before a cell that starts like a formula is removed.
    """
    text = " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in value).split())
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]
    return text
