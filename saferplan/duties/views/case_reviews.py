"""The register of ASB Case Reviews: read and kept by the partnership's coordinators and the
members they name (permissions.py); everyone else is refused (403), a board member included.
What is published is the year's figures (selectors.asb_figures), never a case."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.core import clock
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.core.quarters import Quarter
from saferplan.partnerships.access import partnership_for

from .. import selectors, services
from ..forms import (
    CaseReviewForm,
    PublishForm,
    ReviewForm,
    ThresholdForm,
    TimescalesForm,
)
from ..models import CaseReview, PublishedAsbFigures
from ..permissions import case_reviews_policy
from .recommendations import recommendation_page

APPLICANT = {
    "applicant_name": "name",
    "applicant_contact": "contact",
    "applicant_notes": "notes",
    "retain_until": "retain_until",
}


def _register_of(request, slug, action="view"):
    return partnership_for(request, slug, action, case_reviews_policy)


def _case_for(request, slug, pk, action="view"):
    partnership = _register_of(request, slug, action)
    return get_object_or_404(
        CaseReview.objects.select_related("partnership"), pk=pk, partnership=partnership
    )


def _to_case(case):
    return redirect("duties:case", slug=case.partnership.slug, pk=case.pk)


def _form_page(request, partnership, form, *, heading, button, case=None):
    return render(
        request,
        "duties/form.html",
        {
            "partnership": partnership,
            "case": case,
            "form": form,
            "heading": heading,
            "button": button,
        },
    )


@login_required
@require_GET
def register(request, slug):
    partnership = _register_of(request, slug)
    today = clock.today()
    this_year = Quarter.of(today).year  # the financial year we are in
    timescales = selectors.timescales_of(partnership)
    cases = list(CaseReview.objects.filter(partnership=partnership))
    for case in cases:
        case.flagged = [d for d in selectors.case_deadlines(case, timescales) if d.flagged]
    published = {p.year: p for p in selectors.published_asb_figures(partnership)}
    years = [
        {
            "figures": selectors.asb_figures(partnership, year),
            "published": published.get(year),
            "over": Quarter(year, 4).end < today,
        }
        for year in range(this_year, this_year - 3, -1)
    ]
    return render(
        request,
        "duties/register.html",
        {
            "partnership": partnership,
            "cases": cases,
            "years": years,
            "timescales": timescales,
            "may_grant": case_reviews_policy.user_has_permission_for_instance(
                request.user, "grant", partnership
            ),
            "may_publish": case_reviews_policy.user_has_permission_for_instance(
                request.user, "publish", partnership
            ),
        },
    )


@login_required
def timescales(request, slug):
    partnership = _register_of(request, slug, "publish")
    kept = selectors.timescales_of(partnership)
    initial = {"decision_days": kept.decision_days, "review_days": kept.review_days} if kept else {}
    form = TimescalesForm(request.POST or None, initial=initial)
    saved = save_form(
        request,
        form,
        lambda data: services.timescales_set(actor=request.user, partnership=partnership, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The timescales have been saved."))
        return redirect("duties:register", slug=slug)
    return render(
        request,
        "duties/timescales.html",
        {"partnership": partnership, "form": form},
    )


@login_required
def figures_publish(request, slug, year):
    partnership = _register_of(request, slug, "publish")
    if not 2000 <= year <= 2100:
        raise Http404
    # Bound on any POST: the form has no field a person fills in.
    form = PublishForm(request.POST if request.method == "POST" else None)
    saved = save_form(
        request,
        form,
        lambda data: services.asb_figures_publish(
            actor=request.user, partnership=partnership, year=year
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _("The figures for %(year)s are on the published plan.") % {"year": saved.label},
        )
        return redirect("duties:register", slug=slug)
    return render(
        request,
        "duties/publish.html",
        {
            "partnership": partnership,
            "form": form,
            "figures": selectors.asb_figures(partnership, year),
            "published": PublishedAsbFigures.objects.filter(
                partnership=partnership, year=year
            ).first(),
            # The figures are shown on the published plan: said when there is none yet.
            "plan_published": partnership.plans.public().exists(),
        },
    )


@login_required
@require_POST
def figures_withdraw(request, slug, year):
    partnership = _register_of(request, slug, "publish")
    published = get_object_or_404(PublishedAsbFigures, partnership=partnership, year=year)
    services.asb_figures_withdraw(actor=request.user, published=published)
    messages.success(
        request,
        _("The figures for %(year)s are no longer on the published plan.")
        % {"year": published.label},
    )
    return redirect("duties:register", slug=slug)


@login_required
def case_add(request, slug):
    partnership = _register_of(request, slug, "change")
    form = CaseReviewForm(request.POST or None)

    def register_case(data):
        applicant = {field: data.pop(key) for key, field in APPLICANT.items()}
        return services.case_review_register(
            actor=request.user,
            partnership=partnership,
            applicant=applicant if applicant["name"] else None,
            **data,
        )

    saved = save_form(request, form, register_case)
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _("Case review %(reference)s has been registered.") % {"reference": saved.reference},
        )
        return _to_case(saved)
    return _form_page(
        request,
        partnership,
        form,
        heading=_("Register an ASB Case Review"),
        button=_("Register it"),
    )


@login_required
@require_GET
def case_detail(request, slug, pk):
    case = _case_for(request, slug, pk)
    return render(
        request,
        "duties/case.html",
        {
            "partnership": case.partnership,
            "case": case,
            "deadlines": selectors.case_deadlines(case, selectors.timescales_of(case.partnership)),
            "applicant": getattr(case, "applicant", None),
            "recommendations": case.recommendations.select_related("action__priority__plan"),
        },
    )


@login_required
def threshold(request, slug, pk):
    case = _case_for(request, slug, pk, "change")
    form = ThresholdForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.threshold_decide(
            actor=request.user,
            case=case,
            met=data["met"] == "yes",
            decided_on=data["decided_on"],
            reason=data["reason"],
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The threshold decision has been recorded."))
        return _to_case(case)
    return _form_page(
        request,
        case.partnership,
        form,
        heading=_("Record the threshold decision"),
        button=_("Save"),
        case=case,
    )


@login_required
def review(request, slug, pk):
    case = _case_for(request, slug, pk, "change")
    form = ReviewForm(request.POST or None)
    saved = save_form(
        request, form, lambda data: services.review_record(actor=request.user, case=case, **data)
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The review has been recorded."))
        return _to_case(case)
    return _form_page(
        request, case.partnership, form, heading=_("Record the review"), button=_("Save"), case=case
    )


@login_required
def recommendation_add(request, slug, pk):
    case = _case_for(request, slug, pk, "change")
    return recommendation_page(
        request,
        case.partnership,
        add=partial(services.recommendation_add, actor=request.user, case=case),
        done=lambda: _to_case(case),
        form_page=lambda form, **words: _form_page(
            request, case.partnership, form, case=case, **words
        ),
    )
