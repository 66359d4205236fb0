"""Which partnership a request is about, and whether the person may act there: used by
every app's views (never imported from a views module, which only urls.py imports)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from saferplan.core.roles import Role

from .models import Partnership
from .permissions import partnership_policy


def partnership_for(request, slug: str, action: str, policy=partnership_policy) -> Partnership:
    """The partnership named in the address, if the user may do `action` there under
    `policy` (a policy of records that belong to the partnership itself: partnership_path
    ""). A member who may not is told which roles may."""
    partnership = get_object_or_404(Partnership, slug=slug)
    if not policy.user_has_permission_for_instance(request.user, action, partnership):
        if policy.user_has_permission_for_instance(request.user, "view", partnership):
            raise PermissionDenied(
                f"Only {_roles_in_words(policy, action)} of {partnership} can do this."
            )
        raise PermissionDenied(
            f"You are not a member of {partnership}. Ask its coordinator if you need access."
        )
    return partnership


def _roles_in_words(policy, action: str) -> str:
    """ "a coordinator", "a coordinator or an analyst": the roles allowed `action`."""
    roles = set(policy.roles_for_action[action])
    words = [
        ("an " if label[0].lower() in "aeiou" else "a ") + label.split(" (")[0].lower()
        for value, label in Role.choices
        if value in roles
    ]
    return " or ".join(words)
