"""A page in Welsh only when its Welsh is complete (ADR 0032).

Every address has a Welsh form under /cy/ (LocaleMiddleware activates Welsh there), but a
page whose templates are not yet translated would otherwise come out half in English while
saying it is Welsh (<html lang="cy">), which misleads a screen reader and the reader alike.
Such a page is drawn wholly in English instead, its links to English pages; the pages that
are translated are listed in settings.WELSH_PAGES (by URL name), and a test checks that
every string of their templates has its Welsh."""

from django.conf import settings
from django.utils import translation


def _in_welsh(request, match) -> bool:
    if match is None:
        return False
    if match.view_name in settings.WELSH_PAGES:
        return True
    signed_out = not getattr(request, "user", None) or not request.user.is_authenticated
    return signed_out and match.view_name in settings.WELSH_PAGES_SIGNED_OUT


class EnglishUnlessTranslated:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if translation.get_language() == "cy" and not _in_welsh(request, match):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
