"""A plan's structure: priorities and objectives, and overrides of their rolled-up RAG."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from saferplan.core import clock
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.core.templatetags.saferplan import own_words_in
from saferplan.partnerships.access import partnership_for

from .. import selectors, services
from ..access import may_change, plan_for, priority_for
from ..forms import RagOverrideForm
from ..models import Objective
from ..rag import ROLL_UP_RULE
from ..structure_forms import ObjectiveForm, PriorityForm

# Plans -------------------------------------------------------------------------------------


@login_required
@require_GET
def priority_detail(request, slug, plan_pk, number):
    priority = priority_for(request, slug, plan_pk, number)
    plan = priority.plan
    filters = selectors.ActionFilters(priority=priority.number)
    tables = selectors.plan_action_table(
        plan=plan, user=request.user, filters=filters, today=clock.today()
    )
    summary = next(
        s
        for s in selectors.plan_overview(plan=plan, today=clock.today()).priorities
        if s.priority.pk == priority.pk
    )
    table = tables[0] if tables else None
    return render(
        request,
        "plans/priority_detail.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "priority": priority,
            "table": table,
            "summary": summary,
            "rule": ROLL_UP_RULE,
            "may_change": may_change(request, plan),
        },
    )


@login_required
def priority_add(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk, "change")
    next_number = (
        plan.priorities.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    form = PriorityForm(request.POST or None, plan=plan, initial={"number": next_number})
    priority = save_form(
        request,
        form,
        lambda data: services.priority_create(actor=request.user, plan=plan, **data),
    )
    if priority is not NOT_SAVED:
        confirm_saved(
            request,
            _("Priority %(number)s “%(title)s” has been added.")
            % {"number": priority.number, "title": priority.title},
        )
        return redirect("plans:priority", slug=slug, plan_pk=plan.pk, number=priority.number)
    return render(
        request,
        "plans/simple_form.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "form": form,
            "heading": _("Add a priority"),
            "button": _("Save priority"),
        },
    )


@login_required
def priority_edit(request, slug, plan_pk, number):
    priority = priority_for(request, slug, plan_pk, number, "change")
    initial = {f: getattr(priority, f) for f in services.PRIORITY_FIELDS}
    initial["pcc_priorities"] = list(priority.pcc_priorities.all())
    form = PriorityForm(request.POST or None, plan=priority.plan, initial=initial)
    saved = save_form(
        request,
        form,
        lambda data: services.priority_update(actor=request.user, priority=priority, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request, _("Priority %(number)s has been updated.") % {"number": priority.number}
        )
        return redirect("plans:priority", slug=slug, plan_pk=plan_pk, number=priority.number)
    return render(
        request,
        "plans/simple_form.html",
        {
            "partnership": priority.plan.partnership,
            "plan": priority.plan,
            "form": form,
            "heading": _("Change priority %(number)s") % {"number": number},
            "button": _("Save priority"),
        },
    )


def _override(request, *, subject, plan, heading, saved_message, back):
    form = RagOverrideForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.rag_override(
            actor=request.user,
            subject=subject,
            rating=data["rating"],
            reason=data["reason"],
            marking=data["marking"],
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, saved_message)
        return redirect(back)
    return render(
        request,
        "plans/rag_override.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "form": form,
            "heading": heading,
            "rule": ROLL_UP_RULE,
            "back": back,
            # The page shows what an objective's measures suggest (indicators' measure tags).
            "objective": subject if isinstance(subject, Objective) else None,
        },
    )


@login_required
def priority_rag(request, slug, plan_pk, number):
    priority = priority_for(request, slug, plan_pk, number, "change")
    back = reverse("plans:priority", args=[slug, plan_pk, number])
    return _override(
        request,
        subject=priority,
        plan=priority.plan,
        heading=_("RAG rating of priority %(number)s") % {"number": number},
        saved_message=_("The RAG rating of priority %(number)s has been saved.")
        % {"number": number},
        back=back,
    )


@login_required
def objective_add(request, slug, plan_pk, number):
    priority = priority_for(request, slug, plan_pk, number, "change")
    form = ObjectiveForm(request.POST or None, partnership=priority.plan.partnership)
    saved = save_form(
        request,
        form,
        lambda data: services.objective_create(actor=request.user, priority=priority, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("Objective “%(title)s” has been added.") % {"title": saved.title})
        return redirect("plans:priority", slug=slug, plan_pk=plan_pk, number=number)
    return render(
        request,
        "plans/simple_form.html",
        {
            "partnership": priority.plan.partnership,
            "plan": priority.plan,
            "form": form,
            "heading": _("Add an objective to priority %(number)s") % {"number": number},
            "button": _("Save objective"),
        },
    )


def _objective_for(request, slug, pk) -> Objective:
    partnership = partnership_for(request, slug, "view")
    objective = get_object_or_404(
        Objective.objects.select_related("priority__plan__partnership"),
        pk=pk,
        priority__plan__partnership=partnership,
    )
    if not may_change(request, objective.priority.plan):
        raise PermissionDenied(
            _("Only a coordinator of %(partnership)s can do this.") % {"partnership": partnership}
        )
    return objective


@login_required
def objective_edit(request, slug, pk):
    objective = _objective_for(request, slug, pk)
    priority = objective.priority
    initial = {
        f: getattr(objective, f) for f in ["ref", "title", "target_indicator", "desired_outcomes"]
    }
    initial["lead_groups"] = list(objective.lead_groups.all())
    form = ObjectiveForm(
        request.POST or None, partnership=priority.plan.partnership, initial=initial
    )
    saved = save_form(
        request,
        form,
        lambda data: services.objective_update(actor=request.user, objective=objective, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request, _("Objective “%(title)s” has been updated.") % {"title": saved.title}
        )
        return redirect(
            "plans:priority", slug=slug, plan_pk=priority.plan_id, number=priority.number
        )
    return render(
        request,
        "plans/simple_form.html",
        {
            "partnership": priority.plan.partnership,
            "plan": priority.plan,
            "form": form,
            "heading": _("Change objective"),
            "button": _("Save objective"),
        },
    )


@login_required
def objective_rag(request, slug, pk):
    objective = _objective_for(request, slug, pk)
    priority = objective.priority
    back = reverse("plans:priority", args=[slug, priority.plan_id, priority.number])
    name = objective.ref or objective.title[:40]
    return _override(
        request,
        subject=objective,
        plan=priority.plan,
        heading=own_words_in(_("RAG rating of objective %(objective)s"), objective=name),
        saved_message=_("The RAG rating of objective %(objective)s has been saved.")
        % {"objective": name},
        back=back,
    )
