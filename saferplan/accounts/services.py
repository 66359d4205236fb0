"""Writes to users and memberships. Every write is audited."""

from typing import TYPE_CHECKING

from axes.utils import reset as axes_reset  # type: ignore[import-untyped]
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from . import sign_in_limits, signals
from .models import Membership, Role, User

if TYPE_CHECKING:
    from saferplan.partnerships.models import Organisation, Partnership

MEMBERSHIP_FIELDS = ["user", "role", "organisation"]


@transaction.atomic
def user_create(
    *, actor: User, email: str, full_name: str, job_title: str = "", password: str | None = None
) -> User:
    """A new user. Without a password the account cannot sign in until the person sets
    one through the link in their invitation (or a password reset)."""
    user = User.objects.create_user(
        email=email, password=password, full_name=full_name, job_title=job_title
    )
    audit.log(
        instance=user,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        changes=audit.diff({}, audit.snapshot(user, ["email", "full_name", "job_title"])),
    )
    return user


def _send_invitation(
    *, user: User, membership: Membership, base_url: str, invited_by: User
) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = base_url + reverse("accounts:password-reset-confirm", args=[uid, token])
    context = {"user": user, "membership": membership, "link": link, "invited_by": invited_by}
    send_mail(
        subject=f"You have been added to {membership.partnership} on saferplan",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


@transaction.atomic
def membership_add(
    *,
    actor: User,
    partnership: "Partnership",
    email: str,
    full_name: str,
    role: str,
    organisation: "Organisation | None" = None,
    base_url: str,
) -> Membership:
    """Give a person a role in `partnership`, creating their account if they have none
    (and emailing them a link to choose a password)."""
    email = User.objects.normalize_email(email).lower()
    existing = User.objects.filter(email=email).first()
    is_new_user = existing is None
    if existing is None:
        user = user_create(actor=actor, email=email, full_name=full_name)
    elif Membership.objects.filter(user=existing, partnership=partnership).exists():
        raise ValidationError(
            {
                "email": _("%(existing)s is already a member of %(partnership)s.")
                % {"existing": existing, "partnership": partnership}
            }
        )
    else:
        user = existing
    membership = audit.create(
        Membership,
        actor=actor,
        partnership=partnership,
        logged_fields=MEMBERSHIP_FIELDS,
        user=user,
        partnership_id=partnership.pk,
        role=role,
        organisation=organisation,
    )
    if is_new_user:
        # Sent after commit so that a rolled-back membership never invites anybody.
        transaction.on_commit(
            lambda: _send_invitation(
                user=user, membership=membership, base_url=base_url, invited_by=actor
            )
        )
    return membership


def _coordinators_left(membership: Membership) -> int:
    return (
        Membership.objects.filter(partnership=membership.partnership, role=Role.COORDINATOR)
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def membership_change(
    *, actor: User, membership: Membership, role: str, organisation: "Organisation | None" = None
) -> Membership:
    if (
        membership.role == Role.COORDINATOR
        and role != Role.COORDINATOR
        and not _coordinators_left(membership)
    ):
        raise ValidationError(
            {
                "role": _("%(partnership)s needs at least one coordinator.")
                % {"partnership": membership.partnership}
            }
        )
    membership, _changes = audit.change(
        membership,
        actor=actor,
        partnership=membership.partnership,
        logged_fields=MEMBERSHIP_FIELDS,
        role=role,
        organisation=organisation,
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    if membership.role == Role.COORDINATOR and not _coordinators_left(membership):
        raise ValidationError(
            _("%(partnership)s needs at least one coordinator.")
            % {"partnership": membership.partnership}
        )
    before = audit.snapshot(membership, MEMBERSHIP_FIELDS)
    audit.log(
        instance=membership,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=membership.partnership,
        changes=audit.diff(before, dict.fromkeys(before)),
    )
    membership.delete()
    if not Membership.objects.filter(user=membership.user).exists():
        # Their tokens would read nothing now, but would again if they were added back.
        signals.access_withdrawn.send(
            sender=Membership, actor=actor, user=membership.user, because=signals.LEFT_PARTNERSHIPS
        )


@transaction.atomic
def user_password_reset_done(*, user: User) -> None:
    """After a new password is chosen through an emailed reset link: the person's API tokens
    are revoked (whoever knew the old password may have made one) and their sign-in lockouts
    lifted (the link proves they hold the account's email: GOV.UK's unlock by email)."""
    audit.log(
        instance=user,
        action=AuditEvent.Action.UPDATE,
        actor=user,
        changes={"password": ["", "reset through an emailed link"]},
    )
    signals.access_withdrawn.send(
        sender=User, actor=user, user=user, because=signals.PASSWORD_RESET
    )
    axes_reset(username=user.email)


def account_unlock_link_send(*, email: str, base_url: str) -> bool:
    """Email the account's owner a link that lets one browser sign in while password sign-in
    is paused for new browsers (saferplan.accounts.sign_in_limits); at most once an hour per
    account (per process), and only to an account that exists and may sign in. Whether
    one was sent, which the page never tells."""
    user = User.objects.filter(email=email.lower(), is_active=True).first()
    if user is None or not cache.add(f"unlock-link-sent:{user.pk}", True, timeout=60 * 60):
        return False
    link = base_url + reverse("accounts:unlock", args=[sign_in_limits.unlock_token(user.email)])
    send_mail(
        subject="Sign in to saferplan from a new browser",
        message=render_to_string(
            "accounts/email/unlock.txt",
            {"user": user, "link": link, "hours": sign_in_limits.UNLOCK_LINK_HOURS},
        ),
        from_email=None,
        recipient_list=[user.email],
    )
    return True
