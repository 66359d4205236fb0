from django.urls import reverse
from django.utils.translation import gettext as _

from saferplan.partnerships.models import Partnership
from saferplan.partnerships.permissions import partnership_policy

from .selectors import current_membership, memberships_for_user


def partnership_switcher(request):
    """The partnership the user is working in, the others they can switch to, and the
    service navigation for it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    # Every page of a partnership's own (plans, crime figures, board reports, jobs …) lives
    # under partnerships/<slug>/: the page's partnership is the one being worked in. The
    # published plan (/p/<slug>/) is the public's page and leaves it as it is.
    slug = (
        match.kwargs.get("slug")
        if match and match.route.startswith("partnerships/<slug:slug>/")
        else None
    )
    membership = current_membership(request=request, slug=slug)
    partnership = membership.partnership if membership else None
    if slug and (partnership is None or partnership.slug != slug) and user.is_superuser:
        partnership = Partnership.objects.filter(slug=slug).first()
    url_name = match.view_name if match else ""
    items = [
        {
            "text": _("My partnerships"),
            "href": reverse("my-partnerships"),
            "current": url_name in ("core:home", "my-partnerships"),
        },
        {
            "text": _("My actions"),
            "href": reverse("my-actions"),
            "current": url_name == "my-actions",
        },
    ]
    if partnership:
        items += [
            {
                "text": _("Overview"),
                "href": reverse("partnerships:detail", args=[partnership.slug]),
                "current": url_name == "partnerships:detail",
            },
            {
                "text": _("Plans"),
                "href": reverse("plans:list", args=[partnership.slug]),
                "current": url_name.startswith("plans:") and url_name != "plans:rag-key",
            },
            {
                "text": _("Board reports"),
                "href": reverse("reports:partnership-board-reports", args=[partnership.slug]),
                "current": url_name.startswith("reports:") and "board-report" in url_name,
            },
            {
                "text": _("Structure"),
                "href": reverse("partnerships:structure", args=[partnership.slug]),
                "current": url_name.startswith("partnerships:structure") or "group" in url_name,
            },
            {
                "text": _("People"),
                "href": reverse("partnerships:members", args=[partnership.slug]),
                "current": "member" in url_name,
            },
        ]
        if partnership_policy.user_has_permission_for_instance(user, "view_audit_log", partnership):
            items.append(
                {
                    "text": _("Audit log"),
                    "href": reverse("partnerships:audit-log", args=[partnership.slug]),
                    "current": url_name == "partnerships:audit-log",
                }
            )
    items.append(
        {
            "text": _("Organisations"),
            "href": reverse("organisations:directory"),
            "current": url_name.startswith("organisations:"),
        }
    )
    return {
        "current_partnership": partnership,
        "current_membership": membership,
        "switchable_memberships": memberships_for_user(user=user),
        "navigation_items": items,
    }
