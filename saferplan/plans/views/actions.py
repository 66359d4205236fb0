"""Actions: adding, editing and the action's page with its history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from saferplan.core import clock
from saferplan.core.forms import NOT_SAVED, add_service_errors, confirm_saved, save_form
from saferplan.core.permissions import sees_sensitive_of
from saferplan.core.submissions import TOKEN_FIELD
from saferplan.partnerships.selectors import rows_answered

from .. import selectors, services
from ..access import action_for, priority_for, reach_action
from ..forms import (
    ActionForm,
    UpdateForm,
)
from ..permissions import action_policy
from ..signals import action_page_drawn

# Plans -------------------------------------------------------------------------------------


def _action_form_data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop(TOKEN_FIELD, None)
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
        confirm_saved(
            request, _("The action “%(title)s” has been added.") % {"title": action.title}
        )
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
            messages.success(request, _("The action has been updated."))
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
@require_GET
def action_detail(request, slug, pk):
    partnership, action = reach_action(request, slug, pk)
    plan = action.priority.plan
    return render(
        request,
        "plans/action_detail.html",
        {
            "partnership": partnership,
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
            "elsewhere": action_page_rows(action=action, user=request.user),
            "sees_sensitive": sees_sensitive_of(
                request.user, action_policy.partnerships_of(action)
            ),
            "form": new_update_form(action),
            "form_has_own_error_summary": True,
        },
    )


def action_page_rows(*, action, user) -> list:
    """What the apps built on plans show among the action's details (signals.action_page_drawn:
    the meeting that agreed it)."""
    return rows_answered(action_page_drawn, type(action), action=action, user=user)


def _action_audit(action):
    from saferplan.core.models import AuditEvent

    return AuditEvent.objects.filter(
        object_type="plans.action", object_id=str(action.pk)
    ).select_related("actor")[:50]


def new_update_form(action, data=None):
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
