"""The start page (core:home, drawn by accounts): what saferplan is for someone signed out,
their partnerships for someone signed in."""

from django.urls import reverse


def test_signed_out_the_start_page_says_what_saferplan_is_and_how_to_sign_in(client, db):
    page = client.get(reverse("core:home"))
    assert page.status_code == 200
    assert "Plan and track community safety together" in page.text
    assert reverse("accounts:sign-in") in page.text


def test_signed_in_the_start_page_lists_the_persons_partnerships_and_role(
    client, coordinator, partnership
):
    client.force_login(coordinator)
    page = client.get(reverse("core:home")).text
    assert "My partnerships" in page
    assert reverse("partnerships:detail", args=[partnership.slug]) in page
    assert "Coordinator" in page


def test_someone_in_no_partnership_is_told_to_ask_a_coordinator(client, user):
    client.force_login(user)
    assert "Ask your partnership's coordinator to add you" in client.get(reverse("core:home")).text


def test_the_start_page_is_the_site_root():
    assert reverse("core:home") == "/"
