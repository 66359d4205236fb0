"""The Content Security Policy holds in a real browser: saferplan's own pages load with
nothing blocked (checked on every page by axe_violations), and script that is not
saferplan's does not run."""

from tests.browser.conftest import axe_violations, csp_violations, wait_for_error_summary


def test_an_inline_script_without_the_nonce_does_not_run(page_as, demo_site):
    page = page_as(None)
    page.goto(demo_site + "/p/hertsmere/")
    assert not axe_violations(page)
    # As if a stored cross-site scripting payload had reached the page's HTML.
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.append(script);
          const image = document.createElement("img");
          image.setAttribute("onerror", "window.__handler = true");
          image.src = "/no-such-image.png";
          document.body.append(image);
        }"""
    )
    page.wait_for_function("() => window.__cspViolations.length >= 2")
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("window.__handler") is None
    assert all("script-src" in line for line in csp_violations(page))


def test_saferplans_own_scripts_run_under_the_policy(page_as, demo_site):
    """GOV.UK Frontend's scripts ran: the body has its class and the skip link its module."""
    page = page_as(None)
    page.goto(demo_site + "/accounts/sign-in/")
    page.click("button:has-text('Sign in')")
    wait_for_error_summary(page)
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")
    assert not csp_violations(page)
