"""What the API does when other apps announce a change (connected in ApiConfig.ready)."""

from .services import api_tokens_revoke_all


def on_access_withdrawn(sender, *, actor, user, because: str, **kwargs) -> None:
    """Tokens would otherwise keep reading (or read again once the person is added back)."""
    api_tokens_revoke_all(actor=actor, user=user, because=because)
