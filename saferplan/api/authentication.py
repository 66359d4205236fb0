"""`Authorization: Bearer <token>` with a personal API token (saferplan.api.models)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import ApiToken, token_digest

# Recording each use would write on every read; once a minute says enough of when it was used.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("The Authorization header must be “Bearer” and the token, with one space between")
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("That is not a saferplan API token")) from None
        token = (
            ApiToken.objects.select_related("user")
            .filter(digest=token_digest(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("That API token is not valid or was revoked"))
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                # Translators: %(url)s is the address of the API tokens page.
                _(
                    "That API token expired on %(date)s: its owner can renew it on saferplan's "
                    "API tokens page (%(url)s)"
                )
                % {
                    "date": date_format(timezone.localtime(token.expires_at), "j F Y"),
                    "url": reverse("api-tokens:list"),
                }
            )
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
