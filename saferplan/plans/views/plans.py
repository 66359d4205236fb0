"""Plans: the list, adding and editing, the overview, status changes, the annual refresh and
the action plan table."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from saferplan.core import clock
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.partnerships.access import partnership_for
from saferplan.partnerships.selectors import rows_answered

from .. import selectors, services
from ..access import may_change, plan_for
from ..filter_forms import ActionFilterForm
from ..forms import (
    PlanForm,
    RefreshForm,
    SentToPccForm,
)
from ..models import Action, Plan, PlanKind, PlanStatus
from ..permissions import plan_policy
from ..rag import ROLL_UP_RULE
from ..signals import plan_page_drawn
from ..titles import title_for_next_year

# Plans -------------------------------------------------------------------------------------


@login_required
@require_GET
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
        confirm_saved(request, _("%(title)s has been created as a draft.") % {"title": plan.title})
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
        *services.NARRATIVE_SECTIONS,
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
        confirm_saved(request, _("%(title)s has been updated.") % {"title": saved.title})
        return redirect("plans:overview", slug=slug, plan_pk=plan.pk)
    return render(
        request,
        "plans/plan_form.html",
        {"partnership": plan.partnership, "form": form, "plan": plan},
    )


@login_required
@require_GET
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
            "narrative_sections": selectors.plan_narrative_sections(plan=plan),
            "may_change": may_change(request, plan),
            "transitions": sorted(services.PLAN_TRANSITIONS[PlanStatus(plan.status)]),
            "rule": ROLL_UP_RULE,
            "sign_off": plan_page_rows(plan=plan, user=request.user),
        },
    )


def plan_page_rows(*, plan, user) -> list:
    """The plan's sign-off as the apps built on plans record it (signals.plan_page_drawn: the
    meeting decisions that approved it)."""
    return rows_answered(plan_page_drawn, type(plan), plan=plan, user=user)


@login_required
def plan_sent_to_pcc(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk, "change")
    form = SentToPccForm(request.POST or None, initial={"sent_on": plan.sent_to_pcc_on})
    saved = save_form(
        request,
        form,
        lambda data: services.plan_sent_to_pcc(actor=request.user, plan=plan, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The date the plan was sent to the commissioner has been saved."))
        return redirect("plans:overview", slug=slug, plan_pk=plan.pk)
    return render(
        request,
        "plans/simple_form.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "form": form,
            "heading": _("When the plan was sent to the Police and Crime Commissioner"),
            "button": _("Save the date"),
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
            request,
            _("A %(status)s plan cannot be changed that way.")
            % {"status": plan.get_status_display().lower()},
        )
    else:
        messages.success(
            request,
            _("The plan is now %(status)s.") % {"status": plan.get_status_display().lower()},
        )
    return redirect("plans:overview", slug=slug, plan_pk=plan.pk)


@login_required
def plan_refresh(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk, "change")
    if plan.kind != PlanKind.ACTION:
        raise Http404(_("Only an annual action plan can be refreshed"))
    next_start = plan.period_end + datetime.timedelta(days=1)
    proposed_title = title_for_next_year(plan.title)
    initial = {
        "title": proposed_title or plan.title,
        "period_start": next_start,
        "period_end": next_start.replace(year=next_start.year + 1) - datetime.timedelta(days=1),
    }
    form = RefreshForm(request.POST or None, initial=initial)
    form.fields["supersede"].label = _("Mark %(title)s as superseded") % {"title": plan.title}
    open_count = Action.objects.filter(
        priority__plan=plan, status__in=["not_started", "in_progress"]
    ).count()
    new_plan = save_form(
        request,
        form,
        lambda data: services.plan_refresh(actor=request.user, plan=plan, **data),
    )
    if new_plan is not NOT_SAVED:
        plan.refresh_from_db(fields=["status"])
        messages.success(
            request,
            ngettext(
                "%(title)s has been created as a draft with %(count)s open action carried forward.",
                "%(title)s has been created as a draft with %(count)s open actions carried "
                "forward.",
                open_count,
            )
            % {"title": new_plan.title, "count": open_count}
            + _superseded_note(plan, superseded=form.cleaned_data["supersede"]),
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
            "title_has_years": proposed_title is not None,
        },
    )


def _superseded_note(plan: Plan, *, superseded: bool) -> str:
    if not superseded:
        return ""
    if plan.status == PlanStatus.SUPERSEDED:
        return " " + _("%(title)s is now superseded.") % {"title": plan.title}
    if plan.status == PlanStatus.PUBLISHED:
        return " " + _(
            "%(title)s is no longer current; it stays the published plan until the new one is "
            "published, and is then superseded."
        ) % {"title": plan.title}
    return " " + _("%(title)s is no longer current.") % {"title": plan.title}


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
@require_GET
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
