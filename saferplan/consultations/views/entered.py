"""Results of a consultation run elsewhere, entered from its report: adding them, the page
that shows them, changing them and their relevance figures, and deleting them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET

from saferplan.core.forms import NOT_SAVED, save_form
from saferplan.partnerships.access import partnership_for
from saferplan.plans.models import PlanKind

from .. import services, shown
from ..entered_forms import (
    EnteredConsultationForm,
    NewEnteredConsultationForm,
    RelevanceFiguresForm,
)
from ..models import EnteredConsultation
from ..permissions import consultations_policy
from ..selectors.entered import entered_results
from .common import consultation_context

INTRO = gettext_lazy(
    "For a consultation the partnership ran with another tool or on paper, when saferplan does "
    "not hold its responses: enter the figures its report gives. The published plan shows them "
    "like the results of a consultation run in saferplan, and says they were entered."
)


def entered_for(request, slug, pk, action="view") -> EnteredConsultation:
    partnership = partnership_for(request, slug, action, consultations_policy)
    return get_object_or_404(
        EnteredConsultation.objects.select_related("partnership", "plan"),
        pk=pk,
        partnership=partnership,
    )


def _themes_text(consultation: EnteredConsultation) -> str:
    return "\n".join(
        f"{t.name}: {t.count}" if t.count is not None else t.name for t in consultation.themes.all()
    )


@login_required
def entered_add(request, slug):
    partnership = partnership_for(request, slug, "manage", consultations_policy)
    form = NewEnteredConsultationForm(
        request.POST or None,
        plans=partnership.plans.filter(kind=PlanKind.STRATEGIC).order_by("-period_start"),
    )
    saved = save_form(
        request,
        form,
        lambda data: services.entered_consultation_create(
            actor=request.user, partnership=partnership, **data
        ),
    )
    if saved is not NOT_SAVED:
        messages.success(
            request,
            shown.words_in(
                gettext(
                    "“%(saved)s” saved: now enter how relevant people found each aim and priority."
                ),
                own={"saved": saved.title},
            ),
        )
        return redirect("consultations:entered-relevance", slug=slug, pk=saved.pk)
    return render(
        request,
        "consultations/form.html",
        consultation_context(
            request,
            partnership,
            form=form,
            heading=gettext_lazy("Enter the results of a consultation run elsewhere"),
            intro=INTRO,
            button=gettext_lazy("Save and continue"),
        ),
    )


@login_required
@require_GET
def entered_detail(request, slug, pk):
    consultation = entered_for(request, slug, pk)
    return render(
        request,
        "consultations/entered_detail.html",
        consultation_context(
            request,
            consultation.partnership,
            consultation=consultation,
            results=entered_results(consultation),
        ),
    )


@login_required
def entered_edit(request, slug, pk):
    consultation = entered_for(request, slug, pk, "manage")
    initial = {f: getattr(consultation, f) for f in services.ENTERED_FIELDS}
    form = EnteredConsultationForm(
        request.POST or None, initial={**initial, "themes": _themes_text(consultation)}
    )
    saved = save_form(
        request,
        form,
        lambda data: services.entered_consultation_update(
            actor=request.user, consultation=consultation, **data
        ),
    )
    detail = reverse("consultations:entered", args=[slug, pk])
    if saved is not NOT_SAVED:
        messages.success(
            request,
            shown.words_in(gettext("“%(saved)s” has been updated."), own={"saved": saved.title}),
        )
        return redirect(detail)
    return render(
        request,
        "consultations/form.html",
        consultation_context(
            request,
            consultation.partnership,
            form=form,
            heading=shown.words_in(
                gettext("Change “%(title)s”"), own={"title": consultation.title}
            ),
            button=gettext_lazy("Save changes"),
            back=detail,
        ),
    )


@login_required
def entered_relevance(request, slug, pk):
    consultation = entered_for(request, slug, pk, "manage")
    plan = consultation.plan
    subjects = [
        (f"aim-{a.pk}", gettext("aim %(number)s") % {"number": a.number}, a)
        for a in plan.aims.order_by("number")
    ]
    subjects += [
        (f"priority-{p.pk}", gettext("priority %(number)s") % {"number": p.number}, p)
        for p in plan.priorities.order_by("number")
    ]
    entered = {}
    for row in consultation.relevance.all():
        key = f"aim-{row.aim_id}" if row.aim_id else f"priority-{row.priority_id}"
        entered[key] = (row.qualifier, row.percent)
    form = RelevanceFiguresForm(request.POST or None, subjects=subjects, entered=entered)
    saved = save_form(
        request,
        form,
        lambda data: (
            services.entered_relevance_set(
                actor=request.user, consultation=consultation, figures=form.figures()
            )
            or consultation
        ),
    )
    detail = reverse("consultations:entered", args=[slug, pk])
    if saved is not NOT_SAVED:
        messages.success(request, gettext_lazy("The relevance figures have been saved."))
        return redirect(detail)
    return render(
        request,
        "consultations/entered_relevance.html",
        consultation_context(
            request,
            consultation.partnership,
            consultation=consultation,
            form=form,
            subjects={key: subject for key, _, subject in subjects},
            back=detail,
        ),
    )


@login_required
def entered_delete(request, slug, pk):
    consultation = entered_for(request, slug, pk, "manage")
    if request.method == "POST":
        services.entered_consultation_delete(actor=request.user, consultation=consultation)
        messages.success(
            request,
            shown.words_in(
                gettext("“%(consultation)s” has been deleted."),
                own={"consultation": consultation.title},
            ),
        )
        return redirect("consultations:list", slug=slug)
    return render(
        request,
        "consultations/entered_delete.html",
        consultation_context(request, consultation.partnership, consultation=consultation),
    )
