"""A partnership's consultations: the list, creating and changing one, and its results (the
page, the chart and the CSV)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from saferplan.core.csv_download import csv_response
from saferplan.core.forms import NOT_SAVED, save_form
from saferplan.core.templatetags.saferplan import own_words_in
from saferplan.partnerships.access import partnership_for

from .. import charts, selectors, services, shown
from ..forms import ConsultationEditForm, ConsultationForm
from ..permissions import consultations_policy
from ..questions import DEFAULT_PRIVACY_NOTICE
from .common import consultation_context, consultation_for


@login_required
@require_GET
def consultation_list(request, slug):
    partnership = partnership_for(request, slug, "view", consultations_policy)
    return render(
        request,
        "consultations/list.html",
        consultation_context(
            request,
            partnership,
            consultations=selectors.partnership_consultations(partnership),
            entered=partnership.entered_consultations.select_related("plan"),
        ),
    )


@login_required
def consultation_add(request, slug):
    partnership = partnership_for(request, slug, "manage", consultations_policy)
    form = ConsultationForm(
        request.POST or None,
        partnership=partnership,
        initial={"privacy_notice": DEFAULT_PRIVACY_NOTICE.format(partnership=partnership.name)},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.consultation_create(
            actor=request.user, partnership=partnership, **data
        ),
    )
    if saved is not NOT_SAVED:
        count = saved.questions.count()
        messages.success(
            request,
            shown.words_in(
                ngettext(
                    "Consultation “%(saved)s” created with %(count)s question.",
                    "Consultation “%(saved)s” created with %(count)s questions.",
                    count,
                ),
                own={"saved": saved.title},
                count=count,
            ),
        )
        return redirect("consultations:detail", slug=slug, pk=saved.pk)
    return render(
        request,
        "consultations/form.html",
        consultation_context(
            request,
            partnership,
            form=form,
            heading=_("Create a consultation"),
            intro=_(
                "The questions are made from the plan's aims and priorities. Respondents "
                "answer them on a public form that needs no sign-in."
            ),
            button=_("Create the consultation"),
        ),
    )


@login_required
def consultation_edit(request, slug, pk):
    consultation = consultation_for(request, slug, pk, "manage")
    form = ConsultationEditForm(
        request.POST or None,
        initial={f: getattr(consultation, f) for f in services.CONSULTATION_FIELDS},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.consultation_update(
            actor=request.user, consultation=consultation, **data
        ),
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("Consultation saved."))
        return redirect("consultations:detail", slug=slug, pk=pk)
    return render(
        request,
        "consultations/form.html",
        consultation_context(
            request,
            consultation.partnership,
            form=form,
            heading=own_words_in(_("Change %(title)s"), title=consultation.title),
            button=_("Save"),
            back=reverse("consultations:detail", args=[slug, pk]),
        ),
    )


@login_required
@require_GET
def consultation_detail(request, slug, pk):
    """The results: respondents, relevance of each aim and priority, about-you counts, a
    breakdown by one about-you question, and the results in sentences."""
    consultation = consultation_for(request, slug, pk)
    results = selectors.consultation_results(consultation)
    by = request.GET.get("by", "")
    breakdown = None
    if by:
        about_question = next((q for q in results.breakdown_questions if q.about == by), None)
        if about_question is None:
            raise Http404(_("This consultation did not ask that about-you question."))
        breakdown = selectors.breakdown(results, about_question)
    return render(
        request,
        "consultations/detail.html",
        consultation_context(
            request,
            consultation.partnership,
            consultation=consultation,
            results=results,
            breakdown=breakdown,
            by=by,
            chart_alt=charts.relevance_alt_text(results),
            public_url=request.build_absolute_uri(
                reverse("consultations:respond-start", args=[slug, pk])
            ),
            why_not_public=selectors.why_not_public(consultation),
            theme_count=consultation.themes.count(),
        ),
    )


@login_required
@require_GET
def results_chart(request, slug, pk):
    consultation = consultation_for(request, slug, pk)
    svg = charts.relevance_chart(selectors.consultation_results(consultation))
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@require_GET
def results_csv(request, slug, pk):
    consultation = consultation_for(request, slug, pk)
    results = selectors.consultation_results(consultation)
    name = f"{consultation.partnership.slug}-consultation-{consultation.pk}-results.csv"
    header = ["Question", "Answer", "Respondents", "Per cent of those who answered"]
    return csv_response(name, header, selectors.results_rows(results))
