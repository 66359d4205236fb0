"""Single sign-on with OpenID Connect (Microsoft Entra ID or any OIDC provider), on only when
configured (docs/administration.md, docs/adr/0012-single-sign-on.md).

People are matched by email address to their saferplan account: single sign-on never makes
an account, so only someone a coordinator has added to a partnership (or an administrator)
gets in. Local passwords stay as the break-glass way in when the provider is unavailable."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import User

NOT_A_MEMBER = (
    "{email} signed in with {provider}, but is not a member of any partnership in saferplan. "
    "Ask your partnership's coordinator to add you, with this email address."
)


def sso_enabled() -> bool:
    return bool(getattr(settings, "SAFERPLAN_SSO_ENABLED", False))


def claimed_email(claims: dict) -> str:
    """The email address the provider vouches for. Entra ID puts it in `email` only when the
    account has a mailbox address set; `preferred_username` (the sign-in name, an email
    address in most councils' tenants) is the fallback, as Microsoft recommends."""
    for name in settings.SAFERPLAN_SSO_EMAIL_CLAIMS:
        value = str(claims.get(name) or "").strip()
        if "@" in value:
            return value.lower()
    return ""


class MembershipOIDCBackend(OIDCAuthenticationBackend):
    """Signs in the saferplan account with the provider's email address, if it is active and
    a member of a partnership (or an administrator). Never creates or changes an account."""

    def verify_claims(self, claims):
        return bool(claimed_email(claims))

    def filter_users_by_claims(self, claims):
        email = claimed_email(claims)
        users = User.objects.filter(email__iexact=email, is_active=True)
        return [user for user in users if user.is_superuser or user.memberships.exists()]

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None and self.request is not None:
            claims = self.get_userinfo(access_token, id_token, payload)
            messages.error(
                self.request,
                NOT_A_MEMBER.format(
                    email=claimed_email(claims) or "Your account",
                    provider=settings.SAFERPLAN_SSO_NAME,
                ),
            )
        return user

    def create_user(self, claims):  # pragma: no cover - OIDC_CREATE_USER is False
        raise AssertionError("Single sign-on never creates accounts")

    def update_user(self, user, claims):
        return user  # the account's name and email are saferplan's own, kept by coordinators

    def get_user(self, user_id):
        """The signed-in person on each request, while their account is active: the library's
        own get_user does not check, so an account switched off kept its session (up to
        eight hours) when it had signed in through the provider."""
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None


def start(request):
    """Send the person to the provider (PKCE, state and nonce kept in their session)."""
    if not sso_enabled():
        raise Http404("Single sign-on is not set up here")
    return OIDCAuthenticationRequestView.as_view()(request)


def callback(request):
    """The provider sends the person back here with a code, exchanged for their identity."""
    if not sso_enabled():
        raise Http404("Single sign-on is not set up here")
    return OIDCAuthenticationCallbackView.as_view()(request)
