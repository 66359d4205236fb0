"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import threading
from functools import cache
from pathlib import Path

import pytest

from tests.browser.chromium import CHROMIUM, launch

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(
        reason=f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium when run as root"
    )
    for item in items:
        if "browser" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. Playwright's sync API keeps an event loop running in
    this thread, which makes Django refuse ORM calls; they are still synchronous and safe,
    so they are allowed for exactly as long as the browser lives (never in a deploy check)."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def demo_site(browser, live_server, demo):
    """The live server's address, serving the demo (built once per session: conftest.py)."""
    _one_request_at_a_time(live_server)
    return live_server.url


def _one_request_at_a_time(live_server) -> None:
    """On SQLite the live server's threads share the test's one in-memory connection: two
    requests at once (a double click) interleaved their transactions on it, broke it, and
    every later test of the worker failed (a run of 2 December 2026). There, requests are
    served one at a time, each answer read whole before the next (a CSV streams from the
    database). PostgreSQL gives each thread its own connection and stays concurrent, so the
    double-click tests still race there."""
    from django.db import connection

    httpd = live_server.thread.httpd
    app = httpd.get_app()
    if connection.vendor != "sqlite" or getattr(app, "one_at_a_time", False):
        return
    lock = threading.Lock()

    def serve(environ, start_response):
        with lock:
            response = app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                if hasattr(response, "close"):
                    response.close()

    serve.one_at_a_time = True  # type: ignore[attr-defined]
    httpd.set_app(serve)


@pytest.fixture
def page_as(browser, demo_site):
    """page_as("coordinator@example.org") → a signed-in page; page_as(None) → signed out."""
    from saferplan.demo.structure import DEMO_PASSWORD

    contexts = []

    def open_page(email, *, javascript=True):
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
        )
        # Every page records what its Content Security Policy blocked, for axe_violations.
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        page = context.new_page()
        if email:
            page.goto(f"{demo_site}/accounts/sign-in/")
            page.fill("#id_username", email)
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("button[type=submit]")
            # Signed in, each role lands on its own page (accounts.selectors.landing_url).
            page.wait_for_url(lambda url: "/accounts/sign-in/" not in url)
            page.wait_for_load_state()
        return page

    yield open_page
    for context in contexts:
        context.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
});
"""


def csp_violations(page) -> list[str]:
    """What the page's Content Security Policy blocked since it loaded (pages opened by
    page_as record it)."""
    return page.evaluate("window.__cspViolations || []")


@cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def submit(page, selector: str) -> None:
    """Click a button that posts a plain form and wait for the page the answer loads: read
    straight after the click, page.content() may still be the old page, or empty while the
    new one loads (seen on a loaded CI machine)."""
    with page.expect_navigation():
        page.click(selector)


def wait_for_error_summary(page) -> None:
    """GOV.UK Frontend moves focus to the error summary once its module script has run (and,
    on htmx forms, once the answer has been swapped in)."""
    page.wait_for_function(
        "() => document.activeElement.classList.contains('govuk-error-summary')", timeout=20000
    )


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page, one line each, and
    anything the page's Content Security Policy blocked. axe is evaluated through the
    DevTools protocol, not added as a <script>: the policy rightly blocks that."""
    blocked = csp_violations(page)
    page.evaluate(axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in result["violations"]
    ] + [f"Content Security Policy: {line}" for line in blocked]
