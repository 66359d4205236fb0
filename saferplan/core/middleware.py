"""Responses to signed-in people are never stored by the browser or a proxy.

Members' pages and files hold partnership material, some of it OFFICIAL-SENSITIVE. On a
shared council computer, a page kept in the browser's cache could be read again with the
Back button after its reader signed out (OWASP ASVS 8.2.1). The public's pages keep the
caching their views chose."""

from django.utils.cache import add_never_cache_headers, patch_cache_control


def never_store_signed_in_responses(get_response):
    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    return middleware
