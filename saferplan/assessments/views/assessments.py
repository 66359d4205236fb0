"""Pages of a partnership's strategic assessments: the list, drafting one from the data,
one assessment with its findings and risks, the forms that keep them, and a plan's review."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.core import clock
from saferplan.core.documents.downloads import attachment
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.partnerships.access import partnership_for
from saferplan.plans.models import Plan

from .. import documents, selectors, services
from ..access import assessment_for
from ..forms import (
    AgreeForm,
    DraftForm,
    FindingAddForm,
    FindingForm,
    PlanReviewForm,
    PublishForm,
    RecommendationForm,
    RiskForm,
)
from ..models import Finding, RiskKind
from ..permissions import assessment_policy, assessments_policy
from .common import page_context


@login_required
@require_GET
def assessment_list(request, slug):
    partnership = partnership_for(request, slug, "view", assessments_policy)
    return render(
        request,
        "assessments/list.html",
        page_context(
            request,
            partnership,
            assessments=selectors.assessments_of(partnership=partnership),
            plans=selectors.plans_to_review(partnership=partnership),
        ),
    )


@login_required
def assessment_draft(request, slug):
    partnership = partnership_for(request, slug, "change", assessments_policy)
    form = DraftForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.assessment_draft(
            actor=request.user,
            partnership=partnership,
            title=data["title"],
            period=data["period"],
            against=data["against"],
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _("“%(title)s” has been drafted from the data: check each finding and approve it.")
            % {"title": saved.title},
        )
        return redirect("assessments:detail", slug=slug, pk=saved.pk)
    return render(request, "assessments/draft.html", page_context(request, partnership, form=form))


@login_required
@require_GET
def assessment_detail(request, slug, pk):
    assessment = assessment_for(request, slug, pk)
    return render(
        request,
        "assessments/detail.html",
        page_context(
            request,
            assessment.partnership,
            assessment=assessment,
            findings=selectors.findings_of(assessment=assessment, user=request.user),
            risks=selectors.risks_of(assessment=assessment, user=request.user),
            recommendations=selectors.recommendations_of(assessment=assessment, user=request.user),
            may_agree=assessment_policy.user_has_permission_for_instance(
                request.user, "agree", assessment
            ),
            may_publish=assessment_policy.user_has_permission_for_instance(
                request.user, "publish", assessment
            ),
            may_link=assessment_policy.user_has_permission_for_instance(
                request.user, "link", assessment
            ),
            priority_links=selectors.priority_links_of(assessment=assessment),
            reviews=selectors.reviews_for(assessment=assessment, user=request.user),
            peers=selectors.peers_of(assessment=assessment),
            police_uk=selectors.police_uk_held(assessment=assessment),
            files=assessment.files.all(),
        ),
    )


@login_required
@require_GET
def assessment_document(request, slug, pk, kind):
    """The assessment as Word or PDF, with what `request.user` may see of it (a member's
    copy holds and is marked OFFICIAL-SENSITIVE when any part of it is)."""
    assessment = assessment_for(request, slug, pk)
    report = selectors.assessment_report(assessment=assessment, user=request.user)
    write = documents.assessment_docx if kind == "docx" else documents.assessment_pdf
    content = write(report, generated_on=clock.today())
    return attachment(
        content, kind=kind, partnership=assessment.partnership, title=assessment.title
    )


@login_required
def finding_edit(request, slug, pk, finding_pk):
    assessment = assessment_for(request, slug, pk, "change")
    finding = get_object_or_404(Finding, pk=finding_pk, assessment=assessment)
    form = FindingForm(
        request.POST or None,
        initial={
            "name": finding.name,
            "sentence": finding.sentence,
            "source": finding.source,
            "marking": finding.marking,
            "approved": finding.approved_at is not None,
        },
    )
    saved = save_form(
        request,
        form,
        lambda data: services.finding_update(actor=request.user, finding=finding, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The finding “%(name)s” has been saved.") % {"name": saved.name})
        return redirect(reverse("assessments:detail", args=[slug, pk]) + f"#finding-{saved.pk}")
    return render(
        request,
        "assessments/finding_form.html",
        page_context(
            request, assessment.partnership, assessment=assessment, finding=finding, form=form
        ),
    )


@login_required
def finding_add(request, slug, pk):
    assessment = assessment_for(request, slug, pk, "change")
    form = FindingAddForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.finding_add(actor=request.user, assessment=assessment, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The finding “%(name)s” has been added.") % {"name": saved.name})
        return redirect(reverse("assessments:detail", args=[slug, pk]) + f"#finding-{saved.pk}")
    return render(
        request,
        "assessments/finding_add.html",
        page_context(request, assessment.partnership, assessment=assessment, form=form),
    )


@login_required
def risk_add(request, slug, pk):
    assessment = assessment_for(request, slug, pk, "change")
    form = RiskForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.risk_add(
            actor=request.user,
            assessment=assessment,
            position=assessment.risks.count() + 1,
            **data,
        ),
    )
    if saved is not NOT_SAVED:
        added = (
            _("The top risk “%(title)s” has been added.")
            if saved.kind == RiskKind.TOP
            else _("The emerging risk “%(title)s” has been added.")
        )
        confirm_saved(request, added % {"title": saved.title})
        return redirect("assessments:detail", slug=slug, pk=pk)
    return render(
        request,
        "assessments/risk_form.html",
        page_context(request, assessment.partnership, assessment=assessment, form=form),
    )


@login_required
def assessment_agree(request, slug, pk):
    assessment = assessment_for(request, slug, pk, "agree")
    form = AgreeForm(
        request.POST or None,
        partnership=assessment.partnership,
        initial={"agreed_on": clock.today()},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.assessment_agree(actor=request.user, assessment=assessment, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request, _("“%(title)s” is recorded as agreed by the board.") % {"title": saved.title}
        )
        return redirect("assessments:detail", slug=slug, pk=pk)
    return render(
        request,
        "assessments/agree.html",
        page_context(request, assessment.partnership, assessment=assessment, form=form),
    )


@login_required
def recommendation_add(request, slug, pk):
    assessment = assessment_for(request, slug, pk, "change")
    form = RecommendationForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.recommendation_add(actor=request.user, assessment=assessment, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The recommendation has been added."))
        return redirect(reverse("assessments:detail", args=[slug, pk]) + "#recommendations")
    return render(
        request,
        "assessments/recommendation_form.html",
        page_context(request, assessment.partnership, assessment=assessment, form=form),
    )


@login_required
def assessment_publish(request, slug, pk):
    """Publish (or republish with a new summary) the agreed assessment's summary."""
    assessment = assessment_for(request, slug, pk, "publish")
    form = PublishForm(
        request.POST or None,
        initial={"summary": assessment.summary, "published_on": clock.today()},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.assessment_publish(actor=request.user, assessment=assessment, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _(
                "A summary of “%(title)s” is now on the published plan, without anything "
                "OFFICIAL-SENSITIVE."
            )
            % {"title": saved.title},
        )
        return redirect("assessments:detail", slug=slug, pk=pk)
    return render(
        request,
        "assessments/publish.html",
        page_context(
            request,
            assessment.partnership,
            assessment=assessment,
            form=form,
            withheld=selectors.withheld_from_public(assessment=assessment),
        ),
    )


@login_required
@require_POST
def assessment_withdraw(request, slug, pk):
    assessment = assessment_for(request, slug, pk, "publish")
    services.assessment_withdraw(actor=request.user, assessment=assessment)
    confirm_saved(
        request,
        _("“%(title)s” is no longer on the published plan.") % {"title": assessment.title},
    )
    return redirect("assessments:detail", slug=slug, pk=pk)


@login_required
def plan_review(request, slug, plan_pk):
    """Write or rewrite the review of one of the partnership's plans."""
    partnership = partnership_for(request, slug, "change", assessments_policy)
    plan = get_object_or_404(Plan, pk=plan_pk, partnership=partnership)
    review = selectors.review_of(plan=plan, user=request.user)
    initial = (
        {
            "reviewed_on": review.reviewed_on,
            "worked": review.worked,
            "did_not_work": review.did_not_work,
            "lessons": review.lessons,
            "marking": review.marking,
        }
        if review
        else {"reviewed_on": clock.today()}
    )
    form = PlanReviewForm(request.POST or None, initial=initial)
    saved = save_form(
        request,
        form,
        lambda data: services.plan_review_save(actor=request.user, plan=plan, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _(
                "The review of “%(title)s” has been saved: the next assessment and the "
                "plan's refresh show it."
            )
            % {"title": plan.title},
        )
        return redirect("assessments:list", slug=slug)
    return render(
        request,
        "assessments/plan_review.html",
        # `reviewed_plan`, not `plan`: the breadcrumbs would lead through the plan.
        page_context(request, partnership, reviewed_plan=plan, review=review, form=form),
    )
