"""Who may see, renew and revoke an API token: its owner, nobody else (not even a coordinator, as
a token acts as the person it belongs to)."""

from .models import ApiToken


class ApiTokenPolicy:
    model = ApiToken
    actions = {"view", "renew", "revoke"}

    def user_has_permission_for_instance(self, user, action: str, token: ApiToken) -> bool:
        if action not in self.actions:
            raise ValueError(f"ApiTokenPolicy has no action {action!r}")
        return user.is_authenticated and token.user_id == user.pk

    def instances_user_has_permission_for(self, user, action: str):
        if action not in self.actions:
            raise ValueError(f"ApiTokenPolicy has no action {action!r}")
        if not user.is_authenticated:
            return ApiToken.objects.none()
        return ApiToken.objects.filter(user=user)


api_token_policy = ApiTokenPolicy()
