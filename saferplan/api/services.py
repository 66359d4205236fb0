"""Writes for API tokens: made and revoked by their owner, each audited."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .models import ApiToken, token_digest


@transaction.atomic
def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """A new token for `actor`, and the token itself: shown once, never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name that says what will use the token"})
    key = "sp_" + secrets.token_urlsafe(32)
    token = ApiToken(user=actor, name=name, prefix=key[:10], digest=token_digest(key))
    token.full_clean()
    token.save()
    audit.log(
        instance=token,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        changes={"API token": [None, str(token)]},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.log(
            instance=token,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            changes={"API token": [str(token), "Revoked"]},
        )
    return token
