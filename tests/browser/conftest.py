"""Browser tests: Playwright driving Debian's Chromium, with axe-core and the Nu HTML
Checker on every page.

Every page a test navigates to must be checked with `check_page(page)` before the test
ends; a page left unchecked, a serious or critical WCAG 2.1 A/AA violation, an HTML
error in the page the server sent, or a blocked inline script or style (a CSP
violation) fails the test.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Page, expect, sync_playwright

from tests.oidc_provider import oidc_server  # noqa: F401 - a fixture (test_sign_in.py)
from tests.saml_provider import saml_server  # noqa: F401 - a fixture (test_sign_in.py)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = (Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js").read_text()
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
# Generous waits: these tests check behaviour, not speed (that is `make bench`), and a
# busy CI machine can take seconds to render a page with a map.
ACTION_TIMEOUT_MS = 30_000
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


_demo_copy: dict = {}


def load_demo() -> None:
    """The demo, as `manage.py load_demo` makes it. The first test in a worker makes it
    and keeps a copy of the database; the later ones restore the copy with SQLite's
    backup API, in milliseconds where making the demo takes seconds. Anywhere else than
    SQLite it is made each time."""
    if connection.vendor != "sqlite":
        call_command("load_demo", verbosity=0)
        return
    connection.ensure_connection()
    if "database" not in _demo_copy:
        call_command("load_demo", verbosity=0)
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _demo_copy["database"] = copy
    else:
        _demo_copy["database"].backup(connection.connection)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls that
    # tests make between browser steps are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class HtmlChecker:
    """The Nu HTML Checker (vnu.jar) as a local web service, started once per session:
    one JVM answers every page in milliseconds, where a JVM per page takes seconds. It
    starts in the background and is waited for at the first page checked, so that its
    start overlaps Chromium's and the first test's set-up. Only the quick compiler and
    one garbage-collector thread: on two cores beside two browsers that starts and
    answers sooner."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(  # noqa: S603 - a fixed command line
            [
                shutil.which("java") or "java",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xss2m",
                "-Dnu.validator.servlet.bind-address=127.0.0.1",
                "-cp",
                str(VNU_JAR),
                "nu.validator.servlet.Main",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ready = False

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("The Nu HTML Checker did not start") from None
                time.sleep(0.2)

    def errors(self, html: str) -> list[str]:
        if not self.ready:
            self._wait_until_ready()
            self.ready = True
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?out=json",
            data=html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - local http
            messages = json.load(response)["messages"]
        return [
            f"line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
            for m in messages
            if m["type"] in {"error", "non-document-error"}
        ] + missing_id_references(html)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


# Attributes that name other elements by id. Older versions of the Nu HTML Checker
# reported a reference to a missing id; the current one does not, so it is checked here.
ID_REFERENCES = (
    "for",
    "list",
    "headers",
    "aria-activedescendant",
    "aria-controls",
    "aria-describedby",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
    "aria-labelledby",
    "aria-owns",
)


class _IdCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[int, str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ID_REFERENCES and value:
                # <output for> and the aria lists name several ids.
                for ref in value.split():
                    self.references.append((self.getpos()[0], tag, name, ref))


def missing_id_references(html: str) -> list[str]:
    collector = _IdCollector()
    collector.feed(html)
    return [
        f"line {line}: <{tag} {name}> names the id “{ref}”, which is not on the page"
        for line, tag, name, ref in collector.references
        if ref not in collector.ids
    ]


_html_checker: HtmlChecker | None = None


@pytest.fixture(scope="session", autouse=True)
def html_checker():
    global _html_checker
    _html_checker = HtmlChecker()
    yield _html_checker
    _html_checker.stop()
    _html_checker = None


class PageChecks:
    def __init__(self, page: Page, site: str = ""):
        # Our pages only: an identity provider's sign-in form is not ours to check.
        self.site = site
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.csp_violations: list[str] = []
        # The HTML as the server sent it, before any script changed the DOM.
        self.documents: dict[str, object] = {}
        page.on("framenavigated", self._navigated)
        page.on("console", self._console)
        page.on("response", self._response)

    def _response(self, response) -> None:
        request = response.request
        if request.resource_type == "document" and request.frame.parent_frame is None:
            self.documents[response.url] = response

    def _navigated(self, frame) -> None:
        if frame.parent_frame is None and frame.url.startswith(self.site or "http"):
            self.visited.append(frame.url)

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{message.text} at {message.location}")


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(locale="da-DK", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    checks = PageChecks(page, live_server.url)
    page.checks = checks
    yield page
    failed = getattr(request.node, "rep_call_failed", False)
    try:
        if failed:
            screenshot(page, f"failed-{request.node.name}")
    finally:
        context.close()
    if failed:
        return  # The test's own failure says what went wrong.
    assert not checks.csp_violations, checks.csp_violations
    unchecked = sorted({_page_key(u) for u in checks.visited} - checks.checked)
    assert not unchecked, f"Pages visited without a check_page(): {unchecked}"


@pytest.fixture
def new_page(browser, live_server, request):
    """More people at once: each call is a separate browser session (its own cookies)."""
    opened = []

    def open_page():
        context = browser.new_context(locale="da-DK", base_url=live_server.url)
        extra = context.new_page()
        extra.set_default_timeout(ACTION_TIMEOUT_MS)
        extra.checks = PageChecks(extra, live_server.url)
        opened.append((context, extra))
        return extra

    yield open_page
    failed = getattr(request.node, "rep_call_failed", False)
    for context, extra in opened:
        context.close()
        if failed:
            continue
        assert not extra.checks.csp_violations, extra.checks.csp_violations
        unchecked = sorted({_page_key(u) for u in extra.checks.visited} - extra.checks.checked)
        assert not unchecked, f"Pages visited without a check_page(): {unchecked}"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call_failed = report.failed
    return report


def _page_key(url: str) -> str:
    parsed = urlparse(url)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def _personal_strings() -> set[str]:
    """What the demo holds about people: names, addresses and what leaders wrote, with
    the private texts the browser tests type in."""
    from dialogue import demo as dialogue_demo
    from organisations import demo
    from tests.browser import test_tool1

    found = set()
    for person in [*demo.KOMMUNE_PEOPLE, *demo.FINANS_PEOPLE]:
        found |= {person.email, person.name}
    for notes in (dialogue_demo.ANNE_NOTES, dialogue_demo.MADS_NOTES, dialogue_demo.LARS_NOTES):
        found |= {text[:40] for text in notes.values()}
    found |= {test_tool1.PRIVATE, test_tool1.GOAL, test_tool1.ALIGN, "Privat note fra"}
    return {text for text in found if len(text) >= 4}


class _KeptLines(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))  # with any traceback


@pytest.fixture(scope="session", autouse=True)
def logs_without_personal_data():
    """Issue 24: a whole browser run logs no one's name, address or private text. Every
    line any logger writes (the app's, Django's, axes', the worker's) is kept and
    scanned once the run is over."""
    kept = _KeptLines()
    root = logging.getLogger()
    root.addHandler(kept)
    yield kept
    root.removeHandler(kept)
    strings = _personal_strings()
    leaks = [(text, line[:300]) for line in kept.lines for text in strings if text in line]
    assert not leaks, f"personal data in the log: {leaks[:5]}"


def check_page(page: Page) -> None:
    """Runs the Nu HTML Checker on the HTML the server sent for the current page and
    axe-core on the page as shown; fails on an HTML error or on a serious or critical
    accessibility violation."""
    page.wait_for_load_state("load")
    document = page.checks.documents.get(page.url)
    if document is not None and document.status < 300:
        html_errors = _html_checker.errors(document.text())
        assert not html_errors, f"Nu HTML Checker on {page.url}:\n" + "\n".join(html_errors)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    # Only the violations come back: axe then skips collecting every passing node, and
    # the browser does not send the whole result over, which took most of the time.
    violations = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        }).then(result => result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 3).map(node => String(node.target[0])),
        })))""",
        WCAG_TAGS,
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} – " + "; ".join(v["targets"])
        for v in violations
        if v["impact"] in FAILING_IMPACTS
    ]
    assert not problems, f"axe-core on {page.url}:\n" + "\n".join(problems)
    page.checks.checked.add(_page_key(page.url))


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """A PNG in test-artifacts/. Not full_page for an open drawer or dialog: a full-page
    shot resizes the viewport, and DKFDS closes its mobile menu on resize."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/log-ind/")
    check_page(page)
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(lambda url: "/log-ind/" not in url)
