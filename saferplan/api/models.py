"""Personal API tokens: a member's partner system reads (and adds updates) as that member."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Why a token was revoked, kept in English (api.services.RevokedBecause), as its owner reads
# it on the tokens page, in the page's language.
REVOKED_BECAUSE = {
    "revoked by its owner": _("revoked by its owner"),
    "the password was reset": _("the password was reset"),
    "no longer a member of any partnership": _("no longer a member of any partnership"),
}


def token_digest(key: str) -> str:
    """What is stored of a token: its SHA-256. The token itself is shown once, when made.
    A token holds 256 random bits, so a plain (fast) hash is enough to make a stolen
    database useless for signing in; a slow password hash would only slow every request."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        "name",
        max_length=100,
        help_text=_("What uses it, for example Police performance dashboard"),
    )
    prefix = models.CharField(max_length=12)  # the token's first characters, to recognise it
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_because = models.CharField(max_length=100, blank=True)
    # A token stops working at this time unless its owner renews it (SAFERPLAN_API_TOKEN_DAYS).
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def revoked_reason(self) -> str:
        """Why it was revoked, in the page's language."""
        return str(REVOKED_BECAUSE.get(self.revoked_because, self.revoked_because))

    @property
    def is_active(self) -> bool:
        """Not revoked (it may have expired: its owner can still renew it)."""
        return self.revoked_at is None

    @property
    def has_expired(self) -> bool:
        return self.expires_at <= timezone.now()
