"""Who may see a restricted register beside the coordinators: one page for each register,
kept by its coordinators alone ("grant")."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saferplan.accounts.models import Membership
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.core.roles import Role
from saferplan.partnerships.access import partnership_for

from .. import services
from ..forms import AccessForm
from ..models import Register, RegisterAccess
from ..permissions import REGISTER_POLICIES

# Each register's own page and its access page.
PAGES = {
    Register.ASB_CASE_REVIEWS: ("duties:register", "duties:access"),
    Register.DEATH_REVIEWS: ("duties:death-register", "duties:death-access"),
    Register.PREVENT: ("duties:prevent", "duties:prevent-access"),
}


@login_required
def access(request, slug, register):
    partnership = partnership_for(request, slug, "grant", REGISTER_POLICIES[register])
    named = RegisterAccess.objects.filter(
        partnership=partnership, register=register
    ).select_related("user")
    coordinators = Membership.objects.filter(partnership=partnership, role=Role.COORDINATOR)
    members = (
        get_user_model()
        .objects.filter(memberships__partnership=partnership)
        .exclude(pk__in=coordinators.values("user"))
        .exclude(pk__in=named.values("user"))
        .order_by("email")
        .distinct()
    )
    form = AccessForm(request.POST or None, members=members)
    saved = save_form(
        request,
        form,
        lambda data: services.register_access_grant(
            actor=request.user, partnership=partnership, register=register, user=data["user"]
        ),
    )
    register_page, access_page = PAGES[register]
    if saved is not NOT_SAVED:
        confirm_saved(request, _("%(name)s can now run the register.") % {"name": saved.user})
        return redirect(access_page, slug=slug)
    return render(
        request,
        "duties/access.html",
        {
            "partnership": partnership,
            "named": named,
            "form": form,
            "register_name": Register(register).label,
            "register_url": reverse(register_page, args=[slug]),
            "access_end": access_page + "-end",
        },
    )


@login_required
@require_POST
def access_end(request, slug, pk, register):
    partnership = partnership_for(request, slug, "grant", REGISTER_POLICIES[register])
    kept = get_object_or_404(RegisterAccess, pk=pk, partnership=partnership, register=register)
    services.register_access_end(actor=request.user, access=kept)
    messages.success(request, _("%(name)s no longer has access.") % {"name": kept.user})
    return redirect(PAGES[register][1], slug=slug)
