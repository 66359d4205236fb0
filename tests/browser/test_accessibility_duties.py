"""WCAG 2.2 AA (axe-core) at 1280 and 320 px over the statutory duties (issue 25): the
register of Domestic Abuse Related Death Reviews, its forms and access page, the published
plan with a published review and its recommendations, the Duties page, the Serious Violence
Duty's record and Prevent's profiles, in English and Welsh."""

import datetime

from tests.browser.conftest import axe_violations, wait_for_error_summary
from tests.browser.test_accessibility import check


def test_the_death_review_pages_have_no_accessibility_violations(page_as, demo_site):
    from saferplan.accounts.models import User
    from saferplan.duties import services
    from saferplan.plans.models import Plan

    coordinator = User.objects.get(email="coordinator@example.org")
    hertsmere = coordinator.memberships.get(partnership__slug="hertsmere").partnership
    day = datetime.date
    review = services.death_review_register(
        actor=coordinator,
        partnership=hertsmere,
        reference="DARDR 2018/01",
        notified_on=day(2018, 5, 8),
    )
    review = services.death_review_decide(
        actor=coordinator, review=review, commissioned=True, decided_on=day(2018, 6, 1)
    )
    priority = Plan.objects.filter(partnership=hertsmere).current().first().priorities.first()
    services.death_review_recommendation_add(
        actor=coordinator,
        review=review,
        text="Housing officers are trained to ask about domestic abuse",
        priority=priority,
        action_title="Domestic abuse training for housing officers (DARDR)",
    )
    review = services.death_review_progress(
        actor=coordinator,
        review=review,
        chair="An independent chair",
        qa_submitted_on=day(2019, 3, 4),
        qa_panel_on=day(2019, 5, 15),
        qa_approved_on=day(2019, 6, 3),
    )
    review = services.death_review_publish(
        actor=coordinator,
        review=review,
        public_name="Adult B: domestic abuse related death review",
        published_on=day(2019, 7, 1),
        report_url="https://www.hertsmere.gov.uk/dardr-adult-b.pdf",
    )
    services.death_review_recommendations_publish(actor=coordinator, review=review)
    undecided = services.death_review_register(
        actor=coordinator,
        partnership=hertsmere,
        reference="DARDR 2019/02",
        notified_on=day(2019, 8, 5),
    )
    base = "/partnerships/hertsmere/death-reviews"
    page = page_as("coordinator@example.org")
    for path in [
        f"{base}/",
        f"{base}/add/",
        f"{base}/access/",
        f"{base}/{review.pk}/",
        f"{base}/{undecided.pk}/",
        f"{base}/{review.pk}/decision/",
        f"{base}/{review.pk}/progress/",
        f"{base}/{review.pk}/publish/",
        f"{base}/{review.pk}/recommendations/add/",
        f"/cy{base}/{review.pk}/",
        "/p/hertsmere/",
        "/cy/p/hertsmere/",
    ]:
        check(page, demo_site + path)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + f"{base}/{undecided.pk}/decision/")
    page.click("button:has-text('Save')")
    wait_for_error_summary(page)
    assert not axe_violations(page)


def test_the_duties_pages_have_no_accessibility_violations(page_as, demo_site):
    """The Duties page (a coordinator's, with every duty, and a board member's), the Serious
    Violence Duty's record (form and read-only), Prevent's profiles and their access page, in
    English and Welsh, and the profile form with its errors."""
    from saferplan.accounts.models import User
    from saferplan.duties import services

    coordinator = User.objects.get(email="coordinator@example.org")
    hertsmere = coordinator.memberships.get(partnership__slug="hertsmere").partnership
    services.serious_violence_duty_set(
        actor=coordinator,
        partnership=hertsmere,
        local_definition="Homicide, knife crime, gun crime and violence in public places",
        definition_agreed_on=datetime.date(2024, 1, 10),
        strategy_reviewed_on=datetime.date(2025, 1, 14),
    )
    services.ct_profile_record(
        actor=coordinator,
        partnership=hertsmere,
        title="Hertfordshire CTLP 2025",
        received_on=datetime.date(2025, 3, 3),
        provided_by="Counter Terrorism Policing Eastern",
        held_where="The police's secure portal",
    )
    base = "/partnerships/hertsmere/duties"
    page = page_as("coordinator@example.org")
    for path in [
        f"{base}/",
        f"{base}/serious-violence/",
        f"{base}/prevent/",
        f"{base}/prevent/access/",
        f"/cy{base}/",
        f"/cy{base}/prevent/",
    ]:
        check(page, demo_site + path)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + f"{base}/prevent/")
    page.click("button:has-text('Record it')")
    wait_for_error_summary(page)
    assert not axe_violations(page)
    board = page_as("viewer@example.org")
    for path in [f"{base}/", f"{base}/serious-violence/"]:
        check(board, demo_site + path)
