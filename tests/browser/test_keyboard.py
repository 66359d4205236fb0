"""The update journey with the keyboard alone: an action owner signs in, opens their action
from My actions, adds a dated update and changes the RAG rating, pressing only Tab, arrow
keys, Enter and typing. Every element that takes focus shows a visible focus indicator."""

from tests.browser.conftest import axe_violations

FOCUS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== "none" && style.outlineWidth !== "0px"
    || style.boxShadow !== "none";
}"""


def tab_to(page, predicate: str, *, limit: int = 80) -> None:
    """Press Tab until `predicate` (JavaScript about document.activeElement) holds, checking
    each stop on the way shows where the focus is."""
    here = f"() => {{ const el = document.activeElement; return {predicate}; }}"
    if page.evaluate(here):  # already there (a field the page focuses itself)
        return
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement !== document.body"):
            assert page.evaluate(FOCUS_VISIBLE), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate(here):
            return
    raise AssertionError(f"Tab never reached: {predicate}")


def test_an_owner_adds_an_update_and_changes_rag_with_the_keyboard_alone(page_as, demo_site):
    from saferplan.demo.structure import DEMO_PASSWORD
    from saferplan.plans.models import Action

    action = Action.objects.get(
        priority__plan__partnership__slug="hertsmere",
        title="Raise Awareness of cuckooing and exploitation",
    )
    page = page_as(None)
    page.goto(demo_site + "/accounts/sign-in/")
    tab_to(page, "el.id === 'id_username'")
    page.keyboard.type("editor@example.org")
    tab_to(page, "el.id === 'id_password'")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{demo_site}/my-actions/")  # an action owner lands on My actions
    tab_to(page, "el.tagName === 'A' && el.textContent.includes('Raise Awareness of cuckooing')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{demo_site}/partnerships/hertsmere/actions/{action.pk}/")
    # The action page holds the "Add an update" form.
    tab_to(page, "el.id === 'id_described_on_0'")
    page.keyboard.press("Control+A")
    page.keyboard.type("14")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("11")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("2019")
    tab_to(page, "el.id === 'id_text'")
    page.keyboard.type("Landlords forum briefing delivered to 35 landlords")
    # Radios are one Tab stop; the arrow keys choose within the group.
    tab_to(page, "el.name === 'rag'")
    while page.evaluate("document.activeElement.value") != "red":
        page.keyboard.press("ArrowUp")
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")  # no rating yet: Tab lands on the first radio, unchosen
    assert page.evaluate("document.activeElement.checked")
    tab_to(page, "el.id === 'id_rag_reason'")
    page.keyboard.type("Posters not yet reprinted")
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Add update'")
    page.keyboard.press("Enter")

    # With JavaScript the form posts through htmx and the new update appears in place.
    page.wait_for_function(
        "() => document.body.innerText.includes('Landlords forum briefing delivered')"
    )
    update = action.updates.get(text__startswith="Landlords forum")
    assert update.described_on.isoformat() == "2019-11-14"
    rating = action.rag_changes.order_by("-id").first()
    assert (rating.rating, rating.reason) == ("red", "Posters not yet reprinted")
    assert not axe_violations(page)
