"""Screenshots of saferplan's pages as each demo user sees them, for people to look at.

Run against a running demo (`make demo` in another terminal):
    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000] [--out screenshots]
Each page is taken at desktop width (1280 px) and at 320 px, the narrowest WCAG reflow width.
"""

import argparse
import os
import sys
from pathlib import Path

import django
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings.base")
django.setup()

from saferplan.demo.structure import DEMO_PASSWORD
from tests.browser.chromium import launch

# (user or None for signed out, file name, path)
PAGES = [
    (None, "landing", "/"),
    (None, "sign-in", "/accounts/sign-in/"),
    (None, "accessibility", "/accessibility/"),
    ("coordinator@example.org", "home", "/"),
    ("coordinator@example.org", "partnership", "/partnerships/hertsmere/"),
    ("coordinator@example.org", "structure", "/partnerships/hertsmere/structure/"),
    ("coordinator@example.org", "people", "/partnerships/hertsmere/people/"),
    ("coordinator@example.org", "group-add", "/partnerships/hertsmere/groups/add/"),
    ("coordinator@example.org", "audit-log", "/partnerships/hertsmere/audit-log/"),
    ("viewer@example.org", "structure-viewer", "/partnerships/hertsmere/structure/"),
    ("coordinator@example.org", "plans", "/partnerships/hertsmere/plans/"),
    ("coordinator@example.org", "plan-overview", "/partnerships/hertsmere/plans/1/"),
    ("coordinator@example.org", "action-table", "/partnerships/hertsmere/plans/1/actions/"),
    (
        "analyst@example.org",
        "quarter-view",
        "/partnerships/east-herts/plans/2/actions/?view=quarters",
    ),
    ("coordinator@example.org", "priority", "/partnerships/hertsmere/plans/1/priorities/1/"),
    ("editor@example.org", "my-actions", "/my-actions/"),
    ("editor@example.org", "action", "/partnerships/hertsmere/actions/1/"),
    ("analyst@example.org", "organisations", "/organisations/"),
    ("viewer@example.org", "board-report", "/partnerships/hertsmere/board-reports/1/"),
    (None, "published-plan", "/p/hertsmere/"),
    (None, "published-action-plan", "/p/hertsmere/plans/4/"),
    ("coordinator@example.org", "published-plan-manage", "/partnerships/hertsmere/published-plan/"),
    ("analyst@example.org", "crime-comparison", "/partnerships/hertsmere/crime/"),
    (
        "analyst@example.org",
        "crime-comparison-2022",
        "/partnerships/hertsmere/crime/?period=2022&against=2021",
    ),
    ("analyst@example.org", "crime-trend", "/partnerships/hertsmere/crime/trend/"),
    ("analyst@example.org", "crime-hotspots", "/partnerships/hertsmere/crime/hotspots/"),
    ("analyst@example.org", "crime-county", "/partnerships/hertsmere/crime/county/"),
    ("analyst@example.org", "crime-series", "/partnerships/hertsmere/crime/series/"),
    ("analyst@example.org", "crime-police-uk", "/partnerships/hertsmere/crime/police-uk/"),
    ("analyst@example.org", "measures-list", "/partnerships/dacorum/measures/"),
    ("analyst@example.org", "measures-detail", "/partnerships/dacorum/measures/1/"),
    ("analyst@example.org", "measures-entered", "/partnerships/dacorum/measures/4/"),
    ("analyst@example.org", "measures-series", "/partnerships/hertsmere/measures/6/"),
    ("analyst@example.org", "measures-add", "/partnerships/dacorum/measures/add/"),
    ("analyst@example.org", "measures-priority", "/partnerships/dacorum/plans/2/priorities/1/"),
    ("coordinator@example.org", "consultations-list", "/partnerships/hertsmere/consultations/"),
    (
        "coordinator@example.org",
        "consultations-results",
        "/partnerships/hertsmere/consultations/1/?by=area",
    ),
    (
        "analyst@example.org",
        "consultations-themes",
        "/partnerships/hertsmere/consultations/1/themes/",
    ),
    (
        "analyst@example.org",
        "consultations-theme",
        "/partnerships/hertsmere/consultations/1/themes/1/",
    ),
    (
        "analyst@example.org",
        "consultations-answers",
        "/partnerships/hertsmere/consultations/1/answers/",
    ),
    ("coordinator@example.org", "consultations-add", "/partnerships/hertsmere/consultations/add/"),
    (None, "consultations-form-start", "/p/hertsmere/consultations/2/"),
    (None, "consultations-form-priorities", "/p/hertsmere/consultations/2/priorities/"),
    (None, "consultations-published", "/p/hertsmere/#consultation"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--only", help="Only the pages whose file name contains this")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages: list = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        contexts = {}
        pages = [p for p in PAGES if not args.only or args.only in p[1]]
        for email, name, path in pages:
            if email not in contexts:
                contexts[email] = browser.new_context()
                if email:
                    page = contexts[email].new_page()
                    page.goto(args.base_url + "/accounts/sign-in/")
                    page.fill("#id_username", email)
                    page.fill("#id_password", DEMO_PASSWORD)
                    page.click("button[type=submit]")
                    page.close()
            page = contexts[email].new_page()
            for width, suffix in [(1280, ""), (320, "-320")]:
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(args.base_url + path)
                page.screenshot(path=out / f"{name}{suffix}.png", full_page=True)
            page.close()
        browser.close()
    print(f"{len(pages) * 2} screenshots in {out}/")


if __name__ == "__main__":
    main()
