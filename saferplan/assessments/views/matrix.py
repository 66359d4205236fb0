"""Pages of the priority-setting matrix (docs/adr/0029-priority-setting-matrix.md): the
ranked issues, an issue added or changed, a score given with its reason, and a plan
priority linked to its evidence."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.plans.models import PlanKind

from .. import harm, selectors, services
from .. import matrix as arithmetic
from ..access import assessment_for, candidate_for
from ..forms import CandidateForm, EvidenceForm, NeedsAssessmentLinkForm, ScoreForm
from ..models import Criterion, Score
from .common import page_context


@login_required
@require_GET
def matrix(request, slug, pk):
    assessment = assessment_for(request, slug, pk)
    return render(
        request,
        "assessments/matrix.html",
        page_context(
            request,
            assessment.partnership,
            assessment=assessment,
            rows=selectors.matrix_of(assessment=assessment, user=request.user),
            criteria=Criterion.choices,
            recommended=arithmetic.RECOMMENDED,
            bands={
                "volume": arithmetic.VOLUME_BANDS,
                "harm": arithmetic.HARM_BANDS,
                "relevance": arithmetic.RELEVANCE_BANDS,
                "theme": arithmetic.THEME_BANDS,
            },
            trend_words=sorted(arithmetic.TREND_WORDS.items(), reverse=True),
            harm_weights=sorted(harm.weights().values(), key=lambda w: -w.weight),
            harm_source=harm.SOURCE,
        ),
    )


def _matrix_url(slug, pk, candidate=None) -> str:
    url = reverse("assessments:matrix", args=[slug, pk])
    return url + (f"#candidate-{candidate.pk}" if candidate is not None else "")


@login_required
def candidate_add(request, slug, pk):
    assessment = assessment_for(request, slug, pk, "change")
    form = CandidateForm(request.POST or None, partnership=assessment.partnership)
    saved = save_form(
        request,
        form,
        lambda data: services.candidate_add(actor=request.user, assessment=assessment, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request, _("“%(name)s” has been added to the matrix: score it.") % {"name": saved.name}
        )
        return redirect(_matrix_url(slug, pk, saved))
    return render(
        request,
        "assessments/candidate_form.html",
        page_context(request, assessment.partnership, assessment=assessment, form=form),
    )


@login_required
def candidate_edit(request, slug, pk, candidate_pk):
    assessment = assessment_for(request, slug, pk, "change")
    candidate = candidate_for(request, assessment, candidate_pk)
    form = CandidateForm(
        request.POST or None,
        partnership=assessment.partnership,
        initial=CandidateForm.initial_for(candidate),
    )
    saved = save_form(
        request,
        form,
        lambda data: services.candidate_change(actor=request.user, candidate=candidate, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _("“%(name)s” has been saved; its suggestions are up to date.") % {"name": saved.name},
        )
        return redirect(_matrix_url(slug, pk, saved))
    return render(
        request,
        "assessments/candidate_form.html",
        page_context(
            request,
            assessment.partnership,
            assessment=assessment,
            candidate=candidate,
            form=form,
        ),
    )


@login_required
def score_edit(request, slug, pk, candidate_pk, criterion):
    assessment = assessment_for(request, slug, pk, "change")
    candidate = candidate_for(request, assessment, candidate_pk)
    score = get_object_or_404(Score, candidate=candidate, criterion=criterion)
    form = ScoreForm(
        request.POST or None,
        initial={
            "value": "" if score.value is None else str(score.value),
            "why": score.why,
            "marking": score.marking,
        },
    )
    saved = save_form(
        request,
        form,
        lambda data: services.score_set(actor=request.user, score=score, **data),
    )
    if saved is not NOT_SAVED:
        words = {
            "name": candidate.name,
            "criterion": saved.get_criterion_display().lower(),
            "value": saved.value,
        }
        confirm_saved(
            request,
            (
                _("%(name)s: %(criterion)s scored %(value)s.")
                if saved.value
                else _("%(name)s: %(criterion)s not scored.")
            )
            % words,
        )
        return redirect(_matrix_url(slug, pk, candidate))
    return render(
        request,
        "assessments/score_form.html",
        page_context(
            request,
            assessment.partnership,
            assessment=assessment,
            candidate=candidate,
            score=score,
            form=form,
        ),
    )


@login_required
def evidence_add(request, slug, pk):
    assessment = assessment_for(request, slug, pk, "link")
    user = request.user
    partnership_ids = {assessment.partnership_id}
    form = EvidenceForm(
        request.POST or None,
        assessment=assessment,
        priorities=selectors.priorities_to_link(partnership=assessment.partnership),
        findings=assessment.findings.visible_to(user, partnership_ids=partnership_ids),
        candidates=assessment.candidates.visible_to(user, partnership_ids=partnership_ids),
    )
    saved = save_form(
        request,
        form,
        lambda data: services.priority_link(actor=user, assessment=assessment, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _("Priority %(priority)s now shows the evidence it was set from.")
            % {"priority": saved.priority},
        )
        return redirect(reverse("assessments:detail", args=[slug, pk]) + "#priorities")
    return render(
        request,
        "assessments/evidence_form.html",
        page_context(request, assessment.partnership, assessment=assessment, form=form),
    )


@login_required
def needs_link(request, slug, pk):
    """Name the Serious Violence Duty's strategic needs assessment the assessment informs
    (those who link priorities to evidence)."""
    assessment = assessment_for(request, slug, pk, "link")
    plans = assessment.partnership.plans.filter(kind=PlanKind.SERIOUS_VIOLENCE_NEEDS).order_by(
        "-period_start", "title"
    )
    form = NeedsAssessmentLinkForm(
        request.POST or None, plans=plans, initial={"plan": assessment.serious_violence_needs}
    )
    saved = save_form(
        request,
        form,
        lambda data: services.needs_assessment_link(
            actor=request.user, assessment=assessment, plan=data["plan"]
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The link has been saved."))
        return redirect(reverse("assessments:detail", args=[slug, pk]) + "#serious-violence")
    return render(
        request,
        "assessments/needs_link.html",
        page_context(request, assessment.partnership, assessment=assessment, form=form),
    )
