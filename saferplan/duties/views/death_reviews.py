"""The register of Domestic Abuse Related Death Reviews: read and kept by the partnership's
coordinators and the members they name for it (its own list, apart from the ASB Case
Reviews'); everyone else is refused (403). What the public reads is a published review's
name, day and report, and its recommendations once a coordinator publishes them."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.core.models import Marking
from saferplan.partnerships.access import partnership_for

from .. import services
from ..forms import (
    DeathDecisionForm,
    DeathProgressForm,
    DeathPublishForm,
    DeathReviewForm,
)
from ..models import DeathReview
from ..permissions import death_reviews_policy
from .recommendations import recommendation_page


def _register_of(request, slug, action="view"):
    return partnership_for(request, slug, action, death_reviews_policy)


def _review_for(request, slug, pk, action="view"):
    partnership = _register_of(request, slug, action)
    return get_object_or_404(
        DeathReview.objects.select_related("partnership"), pk=pk, partnership=partnership
    )


def _to_review(review):
    return redirect("duties:death-review", slug=review.partnership.slug, pk=review.pk)


def _form_page(request, partnership, form, *, heading, button, review=None):
    return render(
        request,
        "duties/death_form.html",
        {
            "partnership": partnership,
            "review": review,
            "form": form,
            "heading": heading,
            "button": button,
        },
    )


@login_required
@require_GET
def register(request, slug):
    partnership = _register_of(request, slug)
    return render(
        request,
        "duties/death_register.html",
        {
            "partnership": partnership,
            "reviews": DeathReview.objects.filter(partnership=partnership),
            "may_grant": death_reviews_policy.user_has_permission_for_instance(
                request.user, "grant", partnership
            ),
        },
    )


@login_required
def review_add(request, slug):
    partnership = _register_of(request, slug, "change")
    form = DeathReviewForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.death_review_register(
            actor=request.user, partnership=partnership, **data
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request, _("%(reference)s has been registered.") % {"reference": saved.reference}
        )
        return _to_review(saved)
    return _form_page(
        request,
        partnership,
        form,
        heading=_("Register a notification"),
        button=_("Register it"),
    )


@login_required
@require_GET
def review_detail(request, slug, pk):
    review = _review_for(request, slug, pk)
    return render(
        request,
        "duties/death_review.html",
        {
            "partnership": review.partnership,
            "review": review,
            "recommendations": review.recommendations.select_related("action"),
            # Added since the recommendations were published, or none published yet.
            "to_publish": review.recommendations.exclude(marking=Marking.OFFICIAL).count(),
            "may_publish": death_reviews_policy.user_has_permission_for_instance(
                request.user, "publish", review.partnership
            ),
        },
    )


@login_required
def decide(request, slug, pk):
    review = _review_for(request, slug, pk, "change")
    form = DeathDecisionForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.death_review_decide(
            actor=request.user,
            review=review,
            commissioned=data["commissioned"] == "yes",
            decided_on=data["decided_on"],
            reason=data["decision_reason"],
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The decision has been recorded."))
        return _to_review(review)
    return _form_page(
        request,
        review.partnership,
        form,
        heading=_("Record the decision to commission a review"),
        button=_("Save"),
        review=review,
    )


@login_required
def progress(request, slug, pk):
    review = _review_for(request, slug, pk, "change")
    form = DeathProgressForm(
        request.POST or None,
        initial={field: getattr(review, field) for field in services.PROGRESS_FIELDS},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.death_review_progress(actor=request.user, review=review, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The review's progress has been saved."))
        return _to_review(review)
    return _form_page(
        request,
        review.partnership,
        form,
        heading=_("The chair and the quality assurance panel"),
        button=_("Save"),
        review=review,
    )


@login_required
def publish(request, slug, pk):
    """Recording the review's publication is a coordinator's: it puts its name and report on
    the published plan."""
    review = _review_for(request, slug, pk, "publish")
    form = DeathPublishForm(
        request.POST or None,
        initial={field: getattr(review, field) for field in services.PUBLICATION_FIELDS},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.death_review_publish(actor=request.user, review=review, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The review is published: it is on the published plan."))
        return _to_review(review)
    return _form_page(
        request,
        review.partnership,
        form,
        heading=_("Record the review's publication"),
        button=_("Save"),
        review=review,
    )


@login_required
def recommendation_add(request, slug, pk):
    review = _review_for(request, slug, pk, "change")
    return recommendation_page(
        request,
        review.partnership,
        add=partial(services.death_review_recommendation_add, actor=request.user, review=review),
        done=lambda: _to_review(review),
        form_page=lambda form, **words: _form_page(
            request, review.partnership, form, review=review, **words
        ),
    )


@login_required
@require_POST
def recommendations_publish(request, slug, pk):
    review = _review_for(request, slug, pk, "publish")
    public = request.POST.get("public") == "yes"
    try:
        services.death_review_recommendations_publish(
            actor=request.user, review=review, public=public
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return _to_review(review)
    messages.success(
        request,
        _("The recommendations and their progress are on the published plan.")
        if public
        else _("The recommendations are OFFICIAL-SENSITIVE again, off the published plan."),
    )
    return _to_review(review)
