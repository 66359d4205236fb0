"""A partnership's consultations as its members see them: the list, creating one, the
results, themes and answers. The public form is in saferplan.consultations.respond."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from saferplan.core.forms import NOT_SAVED, save_form
from saferplan.core.models import Marking
from saferplan.partnerships.access import partnership_for
from saferplan.plans.models import Action
from saferplan.reports.open_data import spreadsheet_cell

from . import charts, selectors, services
from .forms import (
    AnswerForm,
    ApprovalForm,
    ConsultationEditForm,
    ConsultationForm,
    MergeForm,
    NewThemeForm,
    SplitForm,
    SuggestThemesForm,
    ThemeForm,
)
from .models import Answer, Consultation, Theme
from .questions import DEFAULT_PRIVACY_NOTICE


def _context(request, partnership, **extra) -> dict:
    def may(action):
        from .permissions import consultations_policy

        return consultations_policy.user_has_permission_for_instance(
            request.user, action, partnership
        )

    return {
        "partnership": partnership,
        "may_manage": may("manage"),
        "may_analyse": may("analyse"),
        "section_url": reverse("consultations:list", args=[partnership.slug]),
        "section_name": "Consultations",
        **extra,
    }


def _consultation(request, slug, pk, action="view") -> Consultation:
    from .permissions import consultations_policy

    partnership = partnership_for(request, slug, action, consultations_policy)
    return get_object_or_404(
        Consultation.objects.select_related("partnership", "plan"), pk=pk, partnership=partnership
    )


def _theme(request, slug, pk, theme_pk) -> Theme:
    consultation = _consultation(request, slug, pk, "analyse")
    return get_object_or_404(
        Theme.objects.select_related("consultation__partnership"),
        pk=theme_pk,
        consultation=consultation,
    )


@login_required
@require_GET
def consultation_list(request, slug):
    from .permissions import consultations_policy

    partnership = partnership_for(request, slug, "view", consultations_policy)
    return render(
        request,
        "consultations/list.html",
        _context(
            request, partnership, consultations=selectors.partnership_consultations(partnership)
        ),
    )


@login_required
def consultation_add(request, slug):
    from .permissions import consultations_policy

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
        messages.success(
            request,
            f"Consultation “{saved.title}” created with {saved.questions.count()} questions.",
        )
        return redirect("consultations:detail", slug=slug, pk=saved.pk)
    return render(
        request,
        "core/partnership_form.html",
        _context(
            request,
            partnership,
            form=form,
            heading="Create a consultation",
            intro="The questions are made from the plan's aims and priorities. Respondents answer them on a public form that needs no sign-in.",
            button="Create the consultation",
        ),
    )


@login_required
def consultation_edit(request, slug, pk):
    consultation = _consultation(request, slug, pk, "manage")
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
        messages.success(request, "Consultation saved.")
        return redirect("consultations:detail", slug=slug, pk=pk)
    return render(
        request,
        "core/partnership_form.html",
        _context(
            request,
            consultation.partnership,
            form=form,
            heading=f"Change {consultation.title}",
            button="Save",
            back=reverse("consultations:detail", args=[slug, pk]),
        ),
    )


@login_required
@require_GET
def consultation_detail(request, slug, pk):
    """The results: respondents, relevance of each aim and priority, about-you counts, a
    breakdown by one about-you question, and the results in sentences."""
    consultation = _consultation(request, slug, pk)
    results = selectors.consultation_results(consultation)
    by = request.GET.get("by", "")
    breakdown = None
    if by:
        about_question = next((q for q in results.breakdown_questions if q.about == by), None)
        if about_question is None:
            raise Http404("This consultation did not ask that about-you question.")
        breakdown = selectors.breakdown(results, about_question)
    return render(
        request,
        "consultations/detail.html",
        _context(
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
    consultation = _consultation(request, slug, pk)
    svg = charts.relevance_chart(selectors.consultation_results(consultation))
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@require_GET
def results_csv(request, slug, pk):
    consultation = _consultation(request, slug, pk)
    results = selectors.consultation_results(consultation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{consultation.partnership.slug}-consultation-{consultation.pk}-results.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # a byte order mark, so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(["Question", "Answer", "Respondents", "Per cent of those who answered"])
    for row in selectors.results_rows(results):
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return response


# --- Themes -----------------------------------------------------------------------------


def _question(request, consultation):
    """The free-text question whose themes the page shows (?question=), the main one by
    default."""
    questions = selectors.free_text_questions(consultation)
    if not questions:
        raise Http404("This consultation asks no free-text question.")
    wanted = request.GET.get("question", "")
    question = next((q for q in questions if str(q.pk) == wanted), questions[0])
    return question, questions


def _themes_url(slug, pk, question) -> str:
    return reverse("consultations:themes", args=[slug, pk]) + f"?question={question.pk}"


@login_required
def themes(request, slug, pk):
    consultation = _consultation(request, slug, pk, "analyse")
    question, questions = _question(request, consultation)
    form = SuggestThemesForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.themes_suggest(
            actor=request.user, question=question, count=data["count"]
        ),
    )
    if saved is not NOT_SAVED:
        messages.success(
            request,
            f"{len(saved)} themes suggested. Rename, merge and split them as you read the answers.",
        )
        return redirect(_themes_url(slug, pk, question))
    new_form = NewThemeForm()
    theme_list = list(selectors.themes_with_counts(question))
    examples = selectors.theme_examples(theme_list)
    for theme in theme_list:
        theme.example_answers = examples[theme.pk]
    return render(
        request,
        "consultations/themes.html",
        _context(
            request,
            consultation.partnership,
            consultation=consultation,
            form=form,
            new_form=new_form,
            themes=theme_list,
            question=question,
            questions=questions,
            answered=question.answers.count(),
            unthemed=selectors.unthemed_count(question),
        ),
    )


@login_required
@require_POST
def theme_add(request, slug, pk):
    consultation = _consultation(request, slug, pk, "analyse")
    question, _ = _question(request, consultation)
    form = NewThemeForm(request.POST)
    saved = save_form(
        request,
        form,
        lambda data: services.theme_create(
            actor=request.user, question=question, name=data["name"]
        ),
    )
    if saved is NOT_SAVED:
        for error in form.errors.get("name", []):
            messages.error(request, error)
        return redirect(_themes_url(slug, pk, question))
    messages.success(request, f"Theme “{saved.name}” added.")
    return redirect("consultations:theme", slug=slug, pk=pk, theme_pk=saved.pk)


def _actions_for(consultation):
    """Actions a theme may point to: the partnership's, never OFFICIAL-SENSITIVE ones (they
    would be shown on the published plan)."""
    return (
        Action.objects.filter(priority__plan__partnership=consultation.partnership)
        .exclude(marking=Marking.OFFICIAL_SENSITIVE)
        .select_related("priority__plan")
        .order_by("-priority__plan__period_start", "priority__number", "position", "pk")
    )


@login_required
def theme_detail(request, slug, pk, theme_pk):
    theme = _theme(request, slug, pk, theme_pk)
    consultation = theme.consultation
    form = ThemeForm(
        request.POST or None,
        actions=_actions_for(consultation),
        initial={"name": theme.name, "we_did": theme.we_did, "actions": list(theme.actions.all())},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.theme_update(actor=request.user, theme=theme, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, f"Theme “{saved.name}” saved.")
        return redirect("consultations:theme", slug=slug, pk=pk, theme_pk=theme_pk)
    answers = selectors.free_text_answers(consultation, theme=theme)
    page = Paginator(answers, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/theme.html",
        _context(
            request,
            consultation.partnership,
            consultation=consultation,
            theme=theme,
            form=form,
            merge_form=MergeForm(theme=theme),
            split_form=SplitForm(theme=theme),
            page=page,
            answer_count=answers.count(),
        ),
    )


def _theme_post(request, slug, pk, theme_pk, form_class, service, success):
    theme = _theme(request, slug, pk, theme_pk)
    form = form_class(request.POST, theme=theme)
    saved = save_form(request, form, lambda data: service(actor=request.user, theme=theme, **data))
    if saved is NOT_SAVED:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("consultations:theme", slug=slug, pk=pk, theme_pk=theme_pk)
    messages.success(request, success(saved))
    return redirect("consultations:theme", slug=slug, pk=pk, theme_pk=saved.pk)


@login_required
@require_POST
def theme_merge(request, slug, pk, theme_pk):
    return _theme_post(
        request,
        slug,
        pk,
        theme_pk,
        MergeForm,
        services.themes_merge,
        lambda theme: f"Themes merged into “{theme.name}”.",
    )


@login_required
@require_POST
def theme_split(request, slug, pk, theme_pk):
    return _theme_post(
        request,
        slug,
        pk,
        theme_pk,
        SplitForm,
        services.theme_split,
        lambda theme: f"Answers moved to the new theme “{theme.name}”.",
    )


@login_required
def theme_delete(request, slug, pk, theme_pk):
    theme = _theme(request, slug, pk, theme_pk)
    if request.method == "POST":
        services.theme_delete(actor=request.user, theme=theme)
        messages.success(
            request, f"Theme “{theme.name}” deleted. Its answers keep their other themes."
        )
        return redirect(_themes_url(slug, pk, theme.question))
    return render(
        request,
        "consultations/theme_delete.html",
        _context(
            request, theme.consultation.partnership, consultation=theme.consultation, theme=theme
        ),
    )


@login_required
@require_GET
def answers(request, slug, pk):
    consultation = _consultation(request, slug, pk, "analyse")
    unthemed = request.GET.get("unthemed") == "1"
    answer_list = selectors.free_text_answers(consultation, unthemed=unthemed)
    page = Paginator(answer_list, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/answers.html",
        _context(
            request,
            consultation.partnership,
            consultation=consultation,
            page=page,
            unthemed=unthemed,
            answer_count=answer_list.count(),
        ),
    )


@login_required
def answer_detail(request, slug, pk, answer_pk):
    consultation = _consultation(request, slug, pk, "analyse")
    answer = get_object_or_404(
        Answer.objects.select_related("question", "response"),
        pk=answer_pk,
        question__consultation=consultation,
    )
    form = AnswerForm(
        request.POST or None, answer=answer, initial={"themes": list(answer.themes.all())}
    )
    saved = save_form(
        request,
        form,
        lambda data: services.answer_themes_set(
            actor=request.user, answer=answer, themes=data["themes"]
        ),
    )
    if saved is not NOT_SAVED:
        messages.success(request, "Themes of the answer saved.")
        return redirect("consultations:answer", slug=slug, pk=pk, answer_pk=answer_pk)
    context = _context(
        request,
        consultation.partnership,
        consultation=consultation,
        answer=answer,
        form=form,
        approval_form=ApprovalForm(initial={"approved": answer.approved_for_publication}),
    )
    return render(request, "consultations/answer.html", context)


@login_required
@require_POST
def answer_approval(request, slug, pk, answer_pk):
    consultation = _consultation(request, slug, pk, "manage")
    answer = get_object_or_404(Answer, pk=answer_pk, question__consultation=consultation)
    form = ApprovalForm(request.POST)
    form.is_valid()
    services.answer_approval_set(
        actor=request.user, answer=answer, approved=form.cleaned_data.get("approved", False)
    )
    messages.success(
        request,
        "The answer may now be quoted in public."
        if answer.approved_for_publication
        else "The answer will not be quoted in public.",
    )
    return redirect("consultations:answer", slug=slug, pk=pk, answer_pk=answer_pk)


# --- Importing responses from a survey tool -------------------------------------------------


@login_required
def import_upload(request, slug, pk):
    from .forms import UploadForm

    consultation = _consultation(request, slug, pk, "analyse")
    form = UploadForm(request.POST or None, request.FILES or None)
    saved = save_form(
        request,
        form,
        lambda data: services.response_import_create(
            actor=request.user,
            consultation=consultation,
            file_name=data["file"].name,
            content=data["file"].read(),
        ),
    )
    if saved is not NOT_SAVED:
        return redirect("consultations:import-preview", slug=slug, pk=pk, import_pk=saved.pk)
    return render(
        request,
        "consultations/import_upload.html",
        _context(request, consultation.partnership, consultation=consultation, form=form),
    )


@login_required
def import_preview(request, slug, pk, import_pk):
    from django.core.exceptions import ValidationError

    from .forms import MappingForm
    from .models import ResponseImport

    consultation = _consultation(request, slug, pk, "analyse")
    pending = get_object_or_404(
        ResponseImport, pk=import_pk, consultation=consultation, confirmed_at__isnull=True
    )
    if request.method == "POST" and "cancel" in request.POST:
        services.response_import_cancel(pending=pending)
        messages.success(request, f"{pending.file_name} was not imported.")
        return redirect("consultations:detail", slug=slug, pk=pk)
    columns, row_count = selectors.import_preview_of(pending)
    questions = selectors.questions_of(consultation)
    form = MappingForm(
        request.POST or None, columns=columns, questions=questions, initial_mapping=pending.mapping
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = services.response_import_confirm(
                actor=request.user, pending=pending, mapping=form.mapping()
            )
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, f"{count:,} responses imported from {pending.file_name}.")
            return redirect("consultations:detail", slug=slug, pk=pk)
    return render(
        request,
        "consultations/import_preview.html",
        _context(
            request,
            consultation.partnership,
            consultation=consultation,
            pending=pending,
            form=form,
            problems=problems,
            row_count=row_count,
            form_has_own_error_summary=True,
        ),
        status=400 if problems else 200,
    )
