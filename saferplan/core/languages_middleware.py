"""A page in Welsh only when its Welsh is complete (ADR 0032).

Every address has a Welsh form under /cy/ (LocaleMiddleware activates Welsh there). A page
whose Welsh is not yet complete would come out half in English while saying it is Welsh
(<html lang="cy">), which misleads a screen reader and the reader alike: such a page is listed
in settings.PAGES_NOT_IN_WELSH (by URL name) and drawn wholly in English instead, its links
to English pages. A test reads every page at its Welsh address for English left unmarked."""

from django.conf import settings
from django.utils import translation


def _in_welsh(match) -> bool:
    return match is not None and match.view_name not in settings.PAGES_NOT_IN_WELSH


class EnglishUnlessTranslated:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if translation.get_language() == "cy" and not _in_welsh(match):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
