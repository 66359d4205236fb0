from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

# The phases a service goes through, as SAFERPLAN_PHASE names them, for the translators.
PHASES = [gettext_noop("Alpha"), gettext_noop("Beta"), gettext_noop("Live")]


def service(request):
    """The service's name, phase and contact, for the base template."""
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": gettext(settings.SERVICE_PHASE),
        "service_contact_email": settings.SERVICE_CONTACT_EMAIL,
    }


def language(request):
    """The page's language for <html lang> ("en-GB" or "cy") and the address of the same page
    in the other language, for the switch (on the public pages, and on every page for members)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    welsh = current == "cy"
    other = "en-gb" if welsh else "cy"
    return {
        "html_lang": "cy" if welsh else "en-GB",
        "page_in_welsh": welsh,
        # A function, so that only the pages with the switch pay for resolving the address.
        "other_language_url": lambda: _same_page_in(request, other),
    }


def _same_page_in(request, language: str) -> str:
    """This page's address in `language`; the start page's for an address that names no page
    (a "page not found"), whose path is never echoed back: "//elsewhere.example" would make the
    switch a link off the site."""
    if getattr(request, "resolver_match", None) is None:
        with translation.override(language):
            return reverse("core:home")
    return translate_url(request.get_full_path(), language)
