"""Sign-in limits that nobody can use to lock a member out (docs/adr/0016).

1. Per account *and* client address (django-axes, AXES_LOCKOUT_PARAMETERS): five wrong
   passwords lock that account from that address for an hour. Somebody elsewhere who knows
   the member's email address locks out only themself.
2. Per account from all addresses together (here): guessing from many addresses is slowed
   by pausing password sign-in to the account, after SAFERPLAN_ACCOUNT_FAILURE_LIMIT wrong
   passwords in the hour, *from browsers that have not signed in to it before*. A browser that
   has (it holds a known-browser mark for the account, set when it signs in) is not paused, so
   the member at their usual computer is never locked out by it; on a new browser they follow
   the link emailed to the account's address (GOV.UK's unlock by email), or reset their
   password, which clears every failure.
"""

import datetime

from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.conf import settings
from django.core import signing
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

KNOWN_BROWSER_COOKIE = "saferplan_known_browser"
KNOWN_BROWSER_DAYS = 365
KNOWN_BROWSER_ACCOUNTS = 10  # a shared computer remembers this many accounts at most
_MARK_SALT = "saferplan.accounts.known-browser"
_UNLOCK_SALT = "saferplan.accounts.unlock"
UNLOCK_LINK_HOURS = 1


def _mark(email: str) -> str:
    """The browser's mark for one account: unforgeable without the secret key, and not the
    address itself (the cookie does not say whose accounts were used here)."""
    return salted_hmac(_MARK_SALT, email.lower(), algorithm="sha256").hexdigest()[:32]


def _marks(request: HttpRequest) -> list[str]:
    return [m for m in request.COOKIES.get(KNOWN_BROWSER_COOKIE, "").split(".") if m]


def is_known_browser(request: HttpRequest, email: str) -> bool:
    mark = _mark(email)
    return any(constant_time_compare(mark, held) for held in _marks(request))


def remember_browser(request: HttpRequest, response: HttpResponse, email: str) -> None:
    """Mark this browser as one that has signed in to `email`'s account (or unlocked it)."""
    mark = _mark(email)
    marks = [mark, *(m for m in _marks(request) if m != mark)][:KNOWN_BROWSER_ACCOUNTS]
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        ".".join(marks),
        max_age=int(datetime.timedelta(days=KNOWN_BROWSER_DAYS).total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def account_failures(email: str) -> int:
    """Wrong passwords for `email` in the last hour, from every address."""
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessAttempt.objects.filter(
        username=email.lower(), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return failures or 0


def sign_in_paused(request: HttpRequest, email: str) -> bool:
    """True when password sign-in to `email` is paused for this browser. The same answer
    whether or not there is such an account."""
    if account_failures(email) < settings.SAFERPLAN_ACCOUNT_FAILURE_LIMIT:
        return False
    return not is_known_browser(request, email)


def unlock_token(email: str) -> str:
    return signing.dumps(email.lower(), salt=_UNLOCK_SALT, compress=True)


def unlocked_email(token: str) -> str | None:
    """The account an unlock link was sent for, or None if the link is wrong or too old."""
    try:
        return signing.loads(
            token, salt=_UNLOCK_SALT, max_age=datetime.timedelta(hours=UNLOCK_LINK_HOURS)
        )
    except signing.BadSignature:
        return None
