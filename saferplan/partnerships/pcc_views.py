"""The police and crime plan of the partnership's police force area: its priorities, which
the partnership's own priorities are aligned to (on each priority's form)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.core.templatetags.saferplan import own_words_in

from . import pcc_services as services
from .access import partnership_for
from .forms import PccPriorityForm, PoliceAndCrimePlanForm
from .models import PccPriority, PoliceAndCrimePlan
from .permissions import police_and_crime_plan_policy as policy


def _pcc_plan_for(request, slug: str, pk: int, *, change: bool):
    partnership = partnership_for(request, slug, "view")
    pcc_plan = get_object_or_404(PoliceAndCrimePlan, pk=pk)
    if not policy.may_view(request.user, pcc_plan, partnership):
        raise Http404  # another force area's: not this partnership's to show
    refused = change and policy.change_refused(request.user, pcc_plan, partnership)
    if refused:
        raise PermissionDenied(refused)
    return partnership, pcc_plan


def _back(partnership):
    return redirect("partnerships:pcc-plans", slug=partnership.slug)


def _form_page(request, partnership, form, *, heading: str, button: str):
    return render(
        request,
        "partnerships/pcc_form.html",
        {"partnership": partnership, "form": form, "heading": heading, "button": button},
    )


@login_required
@require_GET
def pcc_plans(request, slug):
    partnership = partnership_for(request, slug, "view")
    pcc_plans = PoliceAndCrimePlan.objects.filter(
        police_force=partnership.police_force
    ).prefetch_related("priorities")
    return render(
        request,
        "partnerships/pcc_plans.html",
        {
            "partnership": partnership,
            "pcc_plans": [
                (pcc_plan, policy.may_change(request.user, pcc_plan, partnership))
                for pcc_plan in pcc_plans
            ],
            "may_add": policy.may_add(request.user, partnership),
        },
    )


@login_required
def pcc_plan_add(request, slug):
    partnership = partnership_for(request, slug, "manage")
    form = PoliceAndCrimePlanForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.pcc_plan_create(actor=request.user, partnership=partnership, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("%(title)s has been added.") % {"title": saved.title})
        return _back(partnership)
    return _form_page(
        request,
        partnership,
        form,
        heading=own_words_in(
            _("Add the police and crime plan for %(area)s"),
            area=partnership.get_police_force_display(),
        ),
        button=_("Save plan"),
    )


@login_required
def pcc_plan_edit(request, slug, pk):
    partnership, pcc_plan = _pcc_plan_for(request, slug, pk, change=True)
    form = PoliceAndCrimePlanForm(
        request.POST or None,
        initial={f: getattr(pcc_plan, f) for f in services.PCC_PLAN_FIELDS},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.pcc_plan_update(
            actor=request.user, pcc_plan=pcc_plan, partnership=partnership, **data
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("%(title)s has been updated.") % {"title": saved.title})
        return _back(partnership)
    return _form_page(
        request,
        partnership,
        form,
        heading=_("Change the police and crime plan"),
        button=_("Save plan"),
    )


@login_required
def pcc_priority_add(request, slug, pk):
    partnership, pcc_plan = _pcc_plan_for(request, slug, pk, change=True)
    next_number = max((p.number for p in pcc_plan.priorities.all()), default=0) + 1
    form = PccPriorityForm(request.POST or None, initial={"number": next_number})
    saved = save_form(
        request,
        form,
        lambda data: services.pcc_priority_create(
            actor=request.user, pcc_plan=pcc_plan, partnership=partnership, **data
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("Priority “%(title)s” has been added.") % {"title": saved.title})
        return _back(partnership)
    return _form_page(
        request,
        partnership,
        form,
        heading=own_words_in(_("Add a priority to %(title)s"), title=pcc_plan.title),
        button=_("Save priority"),
    )


def _priority_for(request, slug, pk, priority_pk):
    partnership, pcc_plan = _pcc_plan_for(request, slug, pk, change=True)
    priority = get_object_or_404(PccPriority, pk=priority_pk, police_and_crime_plan=pcc_plan)
    return partnership, priority


@login_required
def pcc_priority_edit(request, slug, pk, priority_pk):
    partnership, priority = _priority_for(request, slug, pk, priority_pk)
    form = PccPriorityForm(
        request.POST or None,
        initial={f: getattr(priority, f) for f in services.PCC_PRIORITY_FIELDS},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.pcc_priority_update(
            actor=request.user, priority=priority, partnership=partnership, **data
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("Priority “%(title)s” has been updated.") % {"title": saved.title})
        return _back(partnership)
    return _form_page(
        request,
        partnership,
        form,
        heading=_("Change priority %(number)s") % {"number": priority.number},
        button=_("Save priority"),
    )


@login_required
def pcc_priority_delete(request, slug, pk, priority_pk):
    partnership, priority = _priority_for(request, slug, pk, priority_pk)
    if request.method == "POST":
        services.pcc_priority_delete(actor=request.user, priority=priority, partnership=partnership)
        confirm_saved(
            request, _("Priority “%(title)s” has been deleted.") % {"title": priority.title}
        )
        return _back(partnership)
    return render(
        request,
        "partnerships/pcc_priority_delete.html",
        {
            "partnership": partnership,
            "priority": priority,
            "aligned": priority.aligned_priorities.count(),
        },
    )
