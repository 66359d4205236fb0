"""Pages of a partnership's strategic assessments: the list, drafting one from the data,
one assessment with its findings and risks, and the forms that keep them."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from saferplan.core import clock
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.partnerships.access import partnership_for

from . import harm, selectors, services
from . import matrix as arithmetic
from .forms import (
    AgreeForm,
    CandidateForm,
    DraftForm,
    EvidenceForm,
    FindingAddForm,
    FindingForm,
    RiskForm,
    ScoreForm,
)
from .models import Candidate, Criterion, Finding, Score, StrategicAssessment
from .permissions import assessment_policy, assessments_policy


def _assessment(request, slug, pk, action="view") -> StrategicAssessment:
    partnership = partnership_for(request, slug, "view", assessments_policy)
    found = get_object_or_404(
        StrategicAssessment.objects.select_related("partnership", "agreed_by"),
        pk=pk,
        partnership=partnership,
    )
    if not assessment_policy.user_has_permission_for_instance(request.user, action, found):
        who = "a coordinator" if action in ("agree", "link") else "a coordinator or an analyst"
        raise PermissionDenied(f"Only {who} of {partnership} can do this.")
    return found


def _context(request, partnership, **extra) -> dict:
    return {
        "partnership": partnership,
        "may_change": assessments_policy.user_has_permission_for_instance(
            request.user, "change", partnership
        ),
        "section_url": reverse("assessments:list", args=[partnership.slug]),
        "section_name": "Strategic assessments",
        **extra,
    }


@login_required
@require_GET
def assessment_list(request, slug):
    partnership = partnership_for(request, slug, "view", assessments_policy)
    return render(
        request,
        "assessments/list.html",
        _context(
            request, partnership, assessments=selectors.assessments_of(partnership=partnership)
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
            f"“{saved.title}” has been drafted from the data: check each finding and approve it.",
        )
        return redirect("assessments:detail", slug=slug, pk=saved.pk)
    return render(request, "assessments/draft.html", _context(request, partnership, form=form))


@login_required
@require_GET
def assessment_detail(request, slug, pk):
    assessment = _assessment(request, slug, pk)
    return render(
        request,
        "assessments/detail.html",
        _context(
            request,
            assessment.partnership,
            assessment=assessment,
            findings=selectors.findings_of(assessment=assessment, user=request.user),
            risks=selectors.risks_of(assessment=assessment, user=request.user),
            may_agree=assessment_policy.user_has_permission_for_instance(
                request.user, "agree", assessment
            ),
            may_link=assessment_policy.user_has_permission_for_instance(
                request.user, "link", assessment
            ),
            priority_links=selectors.priority_links_of(assessment=assessment),
        ),
    )


@login_required
def finding_edit(request, slug, pk, finding_pk):
    assessment = _assessment(request, slug, pk, "change")
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
        confirm_saved(request, f"The finding “{saved.name}” has been saved.")
        return redirect(reverse("assessments:detail", args=[slug, pk]) + f"#finding-{saved.pk}")
    return render(
        request,
        "assessments/finding_form.html",
        _context(
            request, assessment.partnership, assessment=assessment, finding=finding, form=form
        ),
    )


@login_required
def finding_add(request, slug, pk):
    assessment = _assessment(request, slug, pk, "change")
    form = FindingAddForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.finding_add(actor=request.user, assessment=assessment, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, f"The finding “{saved.name}” has been added.")
        return redirect(reverse("assessments:detail", args=[slug, pk]) + f"#finding-{saved.pk}")
    return render(
        request,
        "assessments/finding_add.html",
        _context(request, assessment.partnership, assessment=assessment, form=form),
    )


@login_required
def risk_add(request, slug, pk):
    assessment = _assessment(request, slug, pk, "change")
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
        confirm_saved(
            request, f"The {saved.get_kind_display().lower()} “{saved.title}” has been added."
        )
        return redirect("assessments:detail", slug=slug, pk=pk)
    return render(
        request,
        "assessments/risk_form.html",
        _context(request, assessment.partnership, assessment=assessment, form=form),
    )


@login_required
def assessment_agree(request, slug, pk):
    assessment = _assessment(request, slug, pk, "agree")
    form = AgreeForm(request.POST or None, initial={"agreed_on": clock.today()})
    saved = save_form(
        request,
        form,
        lambda data: services.assessment_agree(actor=request.user, assessment=assessment, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, f"“{saved.title}” is recorded as agreed by the board.")
        return redirect("assessments:detail", slug=slug, pk=pk)
    return render(
        request,
        "assessments/agree.html",
        _context(request, assessment.partnership, assessment=assessment, form=form),
    )


# The priority-setting matrix ------------------------------------------------------------


@login_required
@require_GET
def matrix(request, slug, pk):
    assessment = _assessment(request, slug, pk)
    return render(
        request,
        "assessments/matrix.html",
        _context(
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


def _candidate(request, assessment, candidate_pk) -> Candidate:
    """One of the matrix's issues `request.user` may see (a sensitive one: members only)."""
    return get_object_or_404(
        assessment.candidates.visible_to(request.user, partnership_ids={assessment.partnership_id}),
        pk=candidate_pk,
    )


def _matrix_url(slug, pk, candidate=None) -> str:
    url = reverse("assessments:matrix", args=[slug, pk])
    return url + (f"#candidate-{candidate.pk}" if candidate is not None else "")


@login_required
def candidate_add(request, slug, pk):
    assessment = _assessment(request, slug, pk, "change")
    form = CandidateForm(request.POST or None, partnership=assessment.partnership)
    saved = save_form(
        request,
        form,
        lambda data: services.candidate_add(actor=request.user, assessment=assessment, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, f"“{saved.name}” has been added to the matrix: score it.")
        return redirect(_matrix_url(slug, pk, saved))
    return render(
        request,
        "assessments/candidate_form.html",
        _context(request, assessment.partnership, assessment=assessment, form=form),
    )


@login_required
def candidate_edit(request, slug, pk, candidate_pk):
    assessment = _assessment(request, slug, pk, "change")
    candidate = _candidate(request, assessment, candidate_pk)
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
        confirm_saved(request, f"“{saved.name}” has been saved; its suggestions are up to date.")
        return redirect(_matrix_url(slug, pk, saved))
    return render(
        request,
        "assessments/candidate_form.html",
        _context(
            request,
            assessment.partnership,
            assessment=assessment,
            candidate=candidate,
            form=form,
        ),
    )


@login_required
def score_edit(request, slug, pk, candidate_pk, criterion):
    assessment = _assessment(request, slug, pk, "change")
    candidate = _candidate(request, assessment, candidate_pk)
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
        confirm_saved(
            request,
            f"{candidate.name}: {saved.get_criterion_display().lower()} "
            + (f"scored {saved.value}." if saved.value else "not scored."),
        )
        return redirect(_matrix_url(slug, pk, candidate))
    return render(
        request,
        "assessments/score_form.html",
        _context(
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
    assessment = _assessment(request, slug, pk, "link")
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
        confirm_saved(request, f"Priority {saved.priority} now shows the evidence it was set from.")
        return redirect(reverse("assessments:detail", args=[slug, pk]) + "#priorities")
    return render(
        request,
        "assessments/evidence_form.html",
        _context(request, assessment.partnership, assessment=assessment, form=form),
    )
