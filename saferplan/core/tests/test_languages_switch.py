"""The language switch leads to the same page in the other language, and never off the site."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_switch_of_a_page_not_found_leads_home_not_elsewhere(signed_in, coordinator):
    client = signed_in(coordinator)
    for path in ("/%2F%2Fevil.example/x", "//evil.example/x", "/no-such-page/"):
        html = client.get(path).content.decode()
        assert "evil.example" not in html.split("sp-language-switch")[-1]
        assert 'href="/cy/" hreflang="cy"' in html


def test_the_switch_leads_to_the_same_page(signed_in, coordinator, partnership):
    html = signed_in(coordinator).get(f"/partnerships/{partnership.slug}/structure/").content
    assert f'href="/cy/partnerships/{partnership.slug}/structure/" hreflang="cy"' in html.decode()
