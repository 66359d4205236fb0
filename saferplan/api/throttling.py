"""The API's rate limits, counted per client address as saferplan.accounts.client_address
reads it (behind the trusted proxies). Django REST framework's own reading believes any
X-Forwarded-For when NUM_PROXIES is unset, so a client could send a new one with each request
and never be limited."""

from rest_framework import throttling

from saferplan.accounts.client_address import client_address


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_ident(self, request):
        return client_address(request)


class UserRateThrottle(throttling.UserRateThrottle):
    # Signed-in callers are counted per person; get_ident is used only for anonymous ones.
    def get_ident(self, request):
        return client_address(request)
