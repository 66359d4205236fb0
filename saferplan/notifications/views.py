"""A person's notification choices, and a plan's board meetings (the dates owners are
chased before)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from saferplan.core import clock
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.plans.access import plan_for
from saferplan.plans.permissions import plan_policy

from . import selectors, services
from .forms import BoardMeetingForm, PreferenceForm
from .models import BoardMeeting


@login_required
def preferences(request):
    form = PreferenceForm(request.POST or None, instance=selectors.preference_of(request.user))
    saved = save_form(
        request, form, lambda data: services.preference_set(actor=request.user, **data)
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("Your email choices have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@login_required
def board_meetings(request, slug, plan_pk):
    # Every member sees the dates; only a coordinator changes them.
    plan = plan_for(request, slug, plan_pk, "change" if request.method == "POST" else "view")
    may_change = plan_policy.user_has_permission_for_instance(request.user, "change", plan)
    form = BoardMeetingForm(request.POST or None)
    if request.method == "POST":
        saved = save_form(
            request,
            form,
            lambda data: services.board_meeting_add(actor=request.user, plan=plan, **data),
        )
        if saved is not NOT_SAVED:
            confirm_saved(
                request,
                _("Board meeting on %(day)s has been added.")
                % {"day": date_format(saved.meets_on, "j F Y")},
            )
            return redirect("notifications:board-meetings", slug=slug, plan_pk=plan.pk)
    return render(
        request,
        "notifications/board_meetings.html",
        {
            "partnership": plan.partnership,
            "plan": plan,
            "meetings": plan.board_meetings.all(),
            "form": form,
            "may_change": may_change,
            "today": clock.today(),
        },
    )


@login_required
@require_POST
def board_meeting_delete(request, slug, pk):
    meeting = get_object_or_404(
        BoardMeeting.objects.select_related("plan__partnership"),
        pk=pk,
        plan__partnership__slug=slug,
    )
    plan = plan_for(request, slug, meeting.plan_id, "change")
    services.board_meeting_delete(actor=request.user, meeting=meeting)
    messages.success(
        request,
        _("Board meeting on %(day)s has been removed.")
        % {"day": date_format(meeting.meets_on, "j F Y")},
    )
    return redirect("notifications:board-meetings", slug=slug, plan_pk=plan.pk)
