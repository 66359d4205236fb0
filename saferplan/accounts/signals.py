"""What the accounts app announces to the apps built on it, so that it never imports them
(the API listens: see ApiConfig.ready)."""

from django.dispatch import Signal

# A person's access was withdrawn in the current transaction: whatever else grants access in
# their name (the API's tokens) must go with it, in the same transaction.
# Sent with: actor, user, because (why, as the person will read it).
access_withdrawn = Signal()

LEFT_PARTNERSHIPS = "no longer a member of any partnership"
PASSWORD_RESET = "the password was reset"  # noqa: S105 (a reason, not a password)
