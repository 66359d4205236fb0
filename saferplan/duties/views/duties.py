"""The Duties page: what each statutory duty asks of the partnership next; the Serious
Violence Duty's record; Prevent's receipts of the counter-terrorism local profile (a
restricted list)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from saferplan.core import clock
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.partnerships.access import partnership_for

from .. import services
from ..due import duties_of
from ..forms import CounterTerrorismProfileForm, SeriousViolenceForm
from ..models import CounterTerrorismProfile, SeriousViolenceDuty
from ..permissions import duties_policy, prevent_policy


@login_required
@require_GET
def duties(request, slug):
    partnership = partnership_for(request, slug, "view", duties_policy)
    return render(
        request,
        "duties/duties.html",
        {
            "partnership": partnership,
            "duties": duties_of(partnership, request.user, today=clock.today()),
            "may_change": duties_policy.user_has_permission_for_instance(
                request.user, "change", partnership
            ),
        },
    )


@login_required
def serious_violence(request, slug):
    """Every member reads the local definition and the review date; coordinators record
    them."""
    partnership = partnership_for(request, slug, "view", duties_policy)
    may_change = duties_policy.user_has_permission_for_instance(request.user, "change", partnership)
    if request.method == "POST" and not may_change:
        partnership = partnership_for(request, slug, "change", duties_policy)  # refuses
    kept = SeriousViolenceDuty.objects.filter(partnership=partnership).first()
    initial = {f: getattr(kept, f) for f in services.serious_violence.DUTY_FIELDS} if kept else {}
    form = SeriousViolenceForm(request.POST or None, initial=initial)
    saved = save_form(
        request,
        form,
        lambda data: services.serious_violence_duty_set(
            actor=request.user, partnership=partnership, **data
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The Serious Violence Duty's record has been saved."))
        return redirect("duties:duties", slug=slug)
    return render(
        request,
        "duties/serious_violence.html",
        {"partnership": partnership, "form": form, "kept": kept, "may_change": may_change},
    )


@login_required
def prevent(request, slug):
    """The receipts of the counter-terrorism local profile: read and recorded by the
    coordinators and the members they name."""
    partnership = partnership_for(
        request, slug, "change" if request.method == "POST" else "view", prevent_policy
    )
    form = CounterTerrorismProfileForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.ct_profile_record(
            actor=request.user, partnership=partnership, **data
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The profile's receipt has been recorded."))
        return redirect("duties:prevent", slug=slug)
    return render(
        request,
        "duties/prevent.html",
        {
            "partnership": partnership,
            "form": form,
            "profiles": CounterTerrorismProfile.objects.filter(partnership=partnership),
            "may_grant": prevent_policy.user_has_permission_for_instance(
                request.user, "grant", partnership
            ),
        },
    )
