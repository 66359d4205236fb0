"""Which partnership a request is about, and whether the person may act there: used by
every app's views (never imported from a views module, which only urls.py imports)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

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
            raise PermissionDenied(_only_roles(policy, action, partnership))
        raise PermissionDenied(
            _("You are not a member of %(partnership)s. Ask its coordinator if you need access.")
            % {"partnership": partnership}
        )
    return partnership


def _only_roles(policy, action: str, partnership) -> str:
    """Who may do `action`: "Only a coordinator of … can do this." (one whole sentence for
    each role, as Welsh and English put their words differently), or the roles listed."""
    roles = [role for role in Role if role in policy.roles_for_action[action]]
    words = {"partnership": partnership}
    if len(roles) > 1:
        words["roles"] = ", ".join(str(role.label) for role in roles)
        return _("Only these roles in %(partnership)s can do this: %(roles)s.") % words
    return {
        Role.COORDINATOR: _("Only a coordinator of %(partnership)s can do this."),
        Role.EDITOR: _("Only an editor of %(partnership)s can do this."),
        Role.VIEWER: _("Only a viewer of %(partnership)s can do this."),
        Role.ANALYST: _("Only an analyst of %(partnership)s can do this."),
    }[roles[0]] % words
