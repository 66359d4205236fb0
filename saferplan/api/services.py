"""Writes for API tokens: made, renewed and revoked by their owner, revoked for them when
their password is reset or they leave their last partnership; each audited."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saferplan.accounts import signals
from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .models import ApiToken, token_digest


class RevokedBecause:
    """Why a token was revoked, kept in English; its owner reads it on the tokens page in
    the page's language (models.REVOKED_BECAUSE)."""

    BY_OWNER = "revoked by its owner"
    PASSWORD_RESET = signals.PASSWORD_RESET
    LEFT_PARTNERSHIPS = signals.LEFT_PARTNERSHIPS


def _lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.SAFERPLAN_API_TOKEN_DAYS)


@transaction.atomic
def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """A new token for `actor`, and the token itself: shown once, never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter a name that says what will use the token")})
    key = "sp_" + secrets.token_urlsafe(32)
    token = ApiToken(
        user=actor,
        name=name,
        prefix=key[:10],
        digest=token_digest(key),
        expires_at=timezone.now() + _lifetime(),
    )
    token.full_clean()
    token.save()
    audit.log(
        instance=token,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        changes={"API token": [None, str(token)], "Expires": [None, token.expires_at.isoformat()]},
    )
    return token, key


@transaction.atomic
def api_token_renew(*, actor, token: ApiToken) -> ApiToken:
    """Another full lifetime from now, for a token that has not been revoked (an expired one
    too: its owner, signed in, says it is still needed)."""
    if token.revoked_at is not None:
        raise ValidationError(_("A revoked token cannot be renewed: make a new one"))
    before = token.expires_at
    token.expires_at = timezone.now() + _lifetime()
    token.save(update_fields=["expires_at"])
    audit.log(
        instance=token,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        changes={"Expires": [before.isoformat(), token.expires_at.isoformat()]},
    )
    return token


def _revoke(*, actor, token: ApiToken, because: str) -> None:
    token.revoked_at = timezone.now()
    token.revoked_because = because
    token.save(update_fields=["revoked_at", "revoked_because"])
    audit.log(
        instance=token,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        changes={"API token": [str(token), f"Revoked: {because}"]},
    )


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        _revoke(actor=actor, token=token, because=RevokedBecause.BY_OWNER)
    return token


@transaction.atomic
def api_tokens_revoke_all(*, actor, user, because: str) -> int:
    """Revoke every token of `user` still in force; how many were."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    for token in tokens:
        _revoke(actor=actor, token=token, because=because)
    return len(tokens)
