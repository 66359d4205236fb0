"""My actions (the owner's list) and the partnership's RAG key."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from saferplan.core import clock
from saferplan.partnerships.access import partnership_for

from .. import selectors, services
from ..filter_forms import MyActionsFilterForm
from ..forms import RagKeyForm
from ..models import Plan
from ..permissions import plan_policy

# Plans -------------------------------------------------------------------------------------


@login_required
def my_actions(request):
    from saferplan.accounts.selectors import memberships_for_user

    memberships = memberships_for_user(user=request.user)
    form = MyActionsFilterForm(request.GET or None, priorities=[], organisations=[], groups=[])
    rag = request.GET.get("rag", "")
    filters = selectors.ActionFilters(
        rag=rag if rag in dict(form.fields["rag"].choices) else "",
        stale=request.GET.get("stale") == "on",
        overdue=request.GET.get("overdue") == "on",
        previous_plans=request.GET.get("previous_plans") == "on",
        partnership=next(
            (
                m.partnership_id
                for m in memberships
                if m.partnership.slug == request.GET.get("partnership")
            ),
            None,
        ),
    )
    today = clock.today()
    return render(
        request,
        "plans/my_actions.html",
        {
            "groups": SimpleLazyObject(
                lambda: selectors.my_actions(user=request.user, filters=filters, today=today)
            ),
            "cache_key": selectors.my_actions_cache_key(
                user=request.user, filters=filters, today=today
            ),
            "memberships": memberships,
            "filters": filters,
            "filter_form": form,
            "selected_partnership": request.GET.get("partnership", ""),
        },
    )


@login_required
def rag_key(request, slug):
    partnership = partnership_for(request, slug, "view")
    key = selectors.rag_key(partnership=partnership)
    may_change = plan_policy.user_has_permission_for_instance(
        request.user, "change", Plan(partnership=partnership)
    )
    form = None
    if may_change:
        form = RagKeyForm(
            request.POST or None, initial={rating: definition for rating, _label, definition in key}
        )
        if request.method == "POST" and form.is_valid():
            for rating, definition in form.cleaned_data.items():
                services.rag_definition_set(
                    actor=request.user,
                    partnership=partnership,
                    rating=rating,
                    definition=definition,
                )
            messages.success(request, _("The RAG key has been saved."))
            return redirect("plans:rag-key", slug=slug)
    elif request.method == "POST":
        raise PermissionDenied(
            _("Only a coordinator of %(partnership)s can do this.") % {"partnership": partnership}
        )
    return render(
        request, "plans/rag_key.html", {"partnership": partnership, "key": key, "form": form}
    )
