import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from saferplan.core import clock
from saferplan.core.forms import NOT_SAVED, add_service_errors, save_form
from saferplan.core.permissions import sees_sensitive_of
from saferplan.indicators.selectors import objective_suggestions
from saferplan.partnerships.access import partnership_for

from . import selectors, services
from .access import action_for, may_change, plan_for, priority_for
from .forms import (
    ActionFilterForm,
    ActionForm,
    CorrectionForm,
    ObjectiveForm,
    PlanForm,
    PriorityForm,
    RagKeyForm,
    RagOverrideForm,
    RefreshForm,
    UpdateForm,
)
from .models import Action, Objective, Plan, PlanKind, PlanStatus, Update
from .permissions import action_policy, plan_policy
from .rag import ROLL_UP_RULE

# Plans -------------------------------------------------------------------------------------


@login_required
def plan_list(request, slug):
    partnership = partnership_for(request, slug, "view")
    return render(
        request,
        "plans/plan_list.html",
        {
            "partnership": partnership,
            "plans": selectors.plans_for_partnership(partnership=partnership),
            "may_change": plan_policy.user_has_permission_for_instance(
                request.user, "change", Plan(partnership=partnership)
            ),
        },
    )


@login_required
def plan_add(request, slug):
    partnership = partnership_for(request, slug, "manage")
    form = PlanForm(request.POST or None, partnership=partnership)
    plan = save_form(
        request,
        form,
        lambda data: services.plan_create(actor=request.user, partnership=partnership, **data),
    )
    if plan is not NOT_SAVED:
        messages.success(request, f"{plan.title} has been created as a draft.")
        return redirect("plans:overview", slug=slug, plan_pk=plan.pk)
    return render(request, "plans/plan_form.html", {"partnership": partnership, "form": form})


@login_required
def plan_edit(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk, "change")
    fields = [
        "kind",
        "title",
        "strategic_plan",
        "period_start",
        "period_end",
        "introduction",
        "pcc_alignment",
        "stale_after_days",
        "publish_updates",
    ]
    form = PlanForm(
        request.POST or None,
        partnership=plan.partnership,
        initial={f: getattr(plan, f) for f in fields},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.plan_update(actor=request.user, plan=plan, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, "The plan has been updated.")
        return redirect("plans:overview", slug=slug, plan_pk=plan.pk)
    return render(
        request,
        "plans/plan_form.html",
        {"partnership": plan.partnership, "form": form, "plan": plan},
    )


@login_required
def plan_overview(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk)
    return render(
        request,
        "plans/plan_overview.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "overview": selectors.plan_overview(plan=plan, today=clock.today()),
            "aims": plan.aims.all(),
            "may_change": may_change(request, plan),
            "transitions": sorted(services.PLAN_TRANSITIONS[PlanStatus(plan.status)]),
            "rule": ROLL_UP_RULE,
        },
    )


@login_required
@require_POST
def plan_transition(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk, "change")
    try:
        services.plan_transition(
            actor=request.user, plan=plan, status=request.POST.get("status", "")
        )
    except (ValidationError, ValueError):
        messages.error(
            request, f"A {plan.get_status_display().lower()} plan cannot be changed that way."
        )
    else:
        messages.success(request, f"The plan is now {plan.get_status_display().lower()}.")
    return redirect("plans:overview", slug=slug, plan_pk=plan.pk)


@login_required
def plan_refresh(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk, "change")
    if plan.kind != PlanKind.ACTION:
        raise Http404("Only an annual action plan can be refreshed")
    next_start = plan.period_end + datetime.timedelta(days=1)
    initial = {
        "title": plan.title,
        "period_start": next_start,
        "period_end": next_start.replace(year=next_start.year + 1) - datetime.timedelta(days=1),
    }
    form = RefreshForm(request.POST or None, initial=initial)
    open_count = Action.objects.filter(
        priority__plan=plan, status__in=["not_started", "in_progress"]
    ).count()
    new_plan = save_form(
        request,
        form,
        lambda data: services.plan_refresh(actor=request.user, plan=plan, **data),
    )
    if new_plan is not NOT_SAVED:
        messages.success(
            request,
            f"{new_plan.title} has been created as a draft with {open_count} open actions carried forward.",
        )
        return redirect("plans:overview", slug=slug, plan_pk=new_plan.pk)
    return render(
        request,
        "plans/plan_refresh.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "form": form,
            "open_count": open_count,
            "total": Action.objects.filter(priority__plan=plan).count(),
        },
    )


def _filters(request, *, priorities, partnership):
    form = ActionFilterForm(
        request.GET or None,
        priorities=priorities,
        organisations=partnership.organisations.order_by("name"),
        groups=partnership.groups.order_by("name"),
    )
    if form.is_bound and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "", False)}
        return form, selectors.ActionFilters(**data)
    return form, selectors.ActionFilters()


@login_required
def action_table(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk)
    priorities = list(plan.priorities.all())
    form, filters = _filters(request, priorities=priorities, partnership=plan.partnership)
    quarter_view = request.GET.get("view") == "quarters"
    today = clock.today()
    # Built only when the cached rendering (keyed below) is missing: see plans.cache.
    table_view = SimpleLazyObject(
        lambda: selectors.action_table_view(
            plan=plan, user=request.user, filters=filters, today=today, quarter_view=quarter_view
        )
    )
    query = request.GET.copy()
    query.pop("view", None)
    return render(
        request,
        "plans/action_table.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "table_view": table_view,
            "cache_key": selectors.action_table_cache_key(
                plan=plan,
                user=request.user,
                filters=filters,
                today=today,
                quarter_view=quarter_view,
            ),
            "filter_form": form,
            "quarter_view": quarter_view,
            "show_updates": True,
            "filter_query": query.urlencode(),
            "rule": ROLL_UP_RULE,
            "may_change": may_change(request, plan),
        },
    )


# Priorities and objectives -------------------------------------------------------------------


@login_required
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
    objective_ids = [row.objective.pk for row in table.objectives if row.objective] if table else []
    return render(
        request,
        "plans/priority_detail.html",
        {
            "suggestions": objective_suggestions(objective_ids),
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
    form = PriorityForm(request.POST or None, initial={"number": next_number})
    priority = save_form(
        request,
        form,
        lambda data: services.priority_create(actor=request.user, plan=plan, **data),
    )
    if priority is not NOT_SAVED:
        messages.success(request, f"Priority {priority.number} has been added.")
        return redirect("plans:priority", slug=slug, plan_pk=plan.pk, number=priority.number)
    return render(
        request,
        "plans/simple_form.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "form": form,
            "heading": "Add a priority",
            "button": "Save priority",
        },
    )


@login_required
def priority_edit(request, slug, plan_pk, number):
    priority = priority_for(request, slug, plan_pk, number, "change")
    fields = ["number", "title", "description", "is_cross_cutting", "desired_outcomes"]
    form = PriorityForm(request.POST or None, initial={f: getattr(priority, f) for f in fields})
    saved = save_form(
        request,
        form,
        lambda data: services.priority_update(actor=request.user, priority=priority, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, "The priority has been updated.")
        return redirect("plans:priority", slug=slug, plan_pk=plan_pk, number=priority.number)
    return render(
        request,
        "plans/simple_form.html",
        {
            "partnership": priority.plan.partnership,
            "plan": priority.plan,
            "form": form,
            "heading": f"Change priority {number}",
            "button": "Save priority",
        },
    )


def _override(request, *, subject, plan, heading, back, suggestion=None):
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
        messages.success(request, "The RAG rating has been saved.")
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
            "suggestion": suggestion,
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
        heading=f"RAG rating of priority {number}",
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
        messages.success(request, "The objective has been added.")
        return redirect("plans:priority", slug=slug, plan_pk=plan_pk, number=number)
    return render(
        request,
        "plans/simple_form.html",
        {
            "partnership": priority.plan.partnership,
            "plan": priority.plan,
            "form": form,
            "heading": f"Add an objective to priority {number}",
            "button": "Save objective",
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
        raise PermissionDenied(f"Only a coordinator of {partnership} can do this.")
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
        messages.success(request, "The objective has been updated.")
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
            "heading": "Change objective",
            "button": "Save objective",
        },
    )


@login_required
def objective_rag(request, slug, pk):
    objective = _objective_for(request, slug, pk)
    priority = objective.priority
    back = reverse("plans:priority", args=[slug, priority.plan_id, priority.number])
    return _override(
        request,
        subject=objective,
        plan=priority.plan,
        heading=f"RAG rating of objective {objective.ref or objective.title[:40]}",
        back=back,
        suggestion=objective_suggestions([objective.pk]).get(objective.pk),
    )


# Actions -------------------------------------------------------------------------------------


def _action_form_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


@login_required
def action_add(request, slug, plan_pk, number):
    priority = priority_for(request, slug, plan_pk, number, "change")
    form = ActionForm(
        request.POST or None, priority=priority, initial={"objective": request.GET.get("objective")}
    )
    action = save_form(
        request,
        form,
        lambda data: services.action_create(
            actor=request.user, priority=priority, **_action_form_data(form)
        ),
    )
    if action is not NOT_SAVED:
        messages.success(request, "The action has been added.")
        return redirect("plans:action", slug=slug, pk=action.pk)
    return render(
        request,
        "plans/action_form.html",
        {
            "partnership": priority.plan.partnership,
            "plan": priority.plan,
            "priority": priority,
            "form": form,
        },
    )


ACTION_FORM_FIELDS = [
    "objective",
    "title",
    "owner_name",
    "owner_user",
    "start_date",
    "due_date",
    "status",
    "status_reason",
    "marking",
    "version",
]


@login_required
def action_edit(request, slug, pk):
    action = action_for(request, slug, pk, "change")
    initial = {f: getattr(action, f) for f in ACTION_FORM_FIELDS}
    initial |= {
        "owner_organisations": action.owner_organisation_items,
        "owner_groups": action.owner_group_items,
        "joint_partnerships": action.joint_partnership_items,
    }
    form = ActionForm(request.POST or None, priority=action.priority, initial=initial)
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data.get("version") or action.version
        try:
            services.action_update(
                actor=request.user,
                action=action,
                expected_version=expected,
                **_action_form_data(form),
            )
        except services.EditConflictError as conflict:
            return render(
                request,
                "plans/action_conflict.html",
                {
                    "partnership": action.priority.plan.partnership,
                    "plan": action.priority.plan,
                    "action": action,
                    "current": selectors.action_detail(action_id=action.pk),
                    "mine": form.cleaned_data,
                    "form": ActionForm(
                        None,
                        priority=action.priority,
                        initial={**form.cleaned_data, "version": conflict.current.version},
                    ),
                    "message": str(conflict),
                },
                status=409,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The action has been updated.")
            return redirect("plans:action", slug=slug, pk=action.pk)
    return render(
        request,
        "plans/action_form.html",
        {
            "partnership": action.priority.plan.partnership,
            "plan": action.priority.plan,
            "priority": action.priority,
            "form": form,
            "action": action,
        },
    )


@login_required
def action_detail(request, slug, pk):
    action = action_for(request, slug, pk)
    plan = action.priority.plan
    return render(
        request,
        "plans/action_detail.html",
        {
            "partnership": action.viewed_from,
            "plan": plan,
            "action": action,
            "timeline": selectors.action_timeline(action=action, user=request.user),
            "flags": selectors.flag(
                action, stale_after_days=plan.stale_after_days, today=clock.today()
            ),
            "may_update": action_policy.user_has_permission_for_instance(
                request.user, "add_update", action
            ),
            "may_change": action_policy.user_has_permission_for_instance(
                request.user, "change", action
            ),
            "audit_events": _action_audit(action),
            "form": _new_update_form(action),
            "form_has_own_error_summary": True,
        },
    )


def _action_audit(action):
    from saferplan.core.models import AuditEvent

    return AuditEvent.objects.filter(
        object_type="plans.action", object_id=str(action.pk)
    ).select_related("actor")[:50]


def _new_update_form(action, data=None):
    return UpdateForm(
        data,
        initial={
            "described_on": clock.today(),
            "marking": "official",
            "rag": action.current_rag or "",
            "status": action.status,
            "expected_rag_change_id": action.current_rag_id,
        },
    )


@login_required
def update_add(request, slug, pk):
    action = action_for(request, slug, pk, "add_update")
    form = _new_update_form(action, request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_add(
                actor=request.user,
                action=action,
                described_on=data["described_on"],
                text=data["text"],
                marking=data["marking"],
                rag=data["rag"],
                rag_reason=data["rag_reason"],
                # The form carries the rating it showed (empty for none); a post without
                # the field (a script) is not checked.
                expected_rag_change_id=(
                    data["expected_rag_change_id"]
                    if "expected_rag_change_id" in request.POST
                    else services.NOT_CHECKED
                ),
                status=data["status"],
                status_reason=data["status_reason"],
            )
        except services.EditConflictError as error:
            conflict = error
            # Keep everything typed; accept the new rating as the one now being replaced.
            form = UpdateForm({**request.POST.dict(), "expected_rag_change_id": error.current.pk})
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your update has been added.")
            return redirect("plans:action", slug=slug, pk=action.pk)
    # htmx swaps only 2xx answers into the page; a browser without JavaScript gets the 409.
    status = 409 if conflict and not request.headers.get("HX-Request") else 200
    return render(
        request,
        "plans/update_form.html",
        {
            "form_has_own_error_summary": True,
            "partnership": action.viewed_from,
            "plan": action.priority.plan,
            "action": action,
            "form": form,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
def update_correct(request, slug, pk):
    partnership = partnership_for(request, slug, "view")
    update = get_object_or_404(Update.objects.select_related("action"), pk=pk)
    action = action_for(request, slug, update.action_id, "add_update")
    if update.is_sensitive and not sees_sensitive_of(
        request.user, action_policy.partnerships_of(action)
    ):
        raise Http404("No such update")
    form = CorrectionForm(
        request.POST or None,
        initial={
            "described_on": update.described_on,
            "text": update.text,
            "marking": update.marking,
        },
    )
    saved = save_form(
        request,
        form,
        lambda data: services.update_correct(actor=request.user, update=update, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(
            request, "The correction has been added. The original stays in the history."
        )
        return redirect("plans:action", slug=slug, pk=action.pk)
    return render(
        request,
        "plans/update_correct.html",
        {
            "partnership": partnership,
            "plan": action.priority.plan,
            "action": action,
            "update": update,
            "form": form,
        },
    )


@login_required
def my_actions(request):
    from saferplan.accounts.selectors import memberships_for_user

    memberships = memberships_for_user(user=request.user)
    form = ActionFilterForm(request.GET or None, priorities=[], organisations=[], groups=[])
    rag = request.GET.get("rag", "")
    filters = selectors.ActionFilters(
        rag=rag if rag in dict(form.fields["rag"].choices) else "",
        stale=request.GET.get("stale") == "on",
        overdue=request.GET.get("overdue") == "on",
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
            messages.success(request, "The RAG key has been saved.")
            return redirect("plans:rag-key", slug=slug)
    elif request.method == "POST":
        raise PermissionDenied(f"Only a coordinator of {partnership} can do this.")
    return render(
        request, "plans/rag_key.html", {"partnership": partnership, "key": key, "form": form}
    )
