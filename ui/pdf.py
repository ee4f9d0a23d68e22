"""PDFs from the same templates as the print pages (WeasyPrint).

WeasyPrint gets our print stylesheet from disk and may fetch nothing else: no network
access, no file outside the static folders.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse

PRINT_STYLESHEET = "css/print.css"


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"PDF rendering does not fetch resources ({url})")


def render_pdf(request: HttpRequest, html: str, *, filename: str) -> HttpResponse:
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=finders.find(PRINT_STYLESHEET))
    document = HTML(string=html, url_fetcher=_no_fetching)
    pdf = document.write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
