"""Themes of a consultation's free-text answers: suggested, added, changed, merged, split
and deleted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from saferplan.core.forms import NOT_SAVED, save_form
from saferplan.plans.models import Action

from .. import selectors, services, shown
from ..forms import MergeForm, NewThemeForm, SplitForm, SuggestThemesForm, ThemeForm
from .common import consultation_context, consultation_for, theme_for


def _question(request, consultation):
    """The free-text question whose themes the page shows (?question=), the main one by
    default."""
    questions = selectors.free_text_questions(consultation)
    if not questions:
        raise Http404(gettext("This consultation asks no free-text question."))
    wanted = request.GET.get("question", "")
    question = next((q for q in questions if str(q.pk) == wanted), questions[0])
    return question, questions


def _themes_url(slug, pk, question) -> str:
    return reverse("consultations:themes", args=[slug, pk]) + f"?question={question.pk}"


@login_required
def themes(request, slug, pk):
    consultation = consultation_for(request, slug, pk, "analyse")
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
            ngettext(
                "%(count)s theme suggested. Rename, merge and split it as you read the answers.",
                "%(count)s themes suggested. Rename, merge and split them as you read the answers.",
                len(saved),
            )
            % {"count": f"{len(saved):,}"},
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
        consultation_context(
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
    consultation = consultation_for(request, slug, pk, "analyse")
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
    messages.success(
        request, shown.words_in(gettext("Theme “%(name)s” added."), own={"name": saved.name})
    )
    return redirect("consultations:theme", slug=slug, pk=pk, theme_pk=saved.pk)


def _actions_for(consultation):
    """Actions a theme may point to: the partnership's, never OFFICIAL-SENSITIVE ones (they
    would be shown on the published plan)."""
    return (
        Action.objects.filter(priority__plan__partnership=consultation.partnership)
        .not_sensitive()
        .select_related("priority__plan")
        .order_by("-priority__plan__period_start", "priority__number", "position", "pk")
    )


@login_required
def theme_detail(request, slug, pk, theme_pk):
    theme = theme_for(request, slug, pk, theme_pk)
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
        messages.success(
            request, shown.words_in(gettext("Theme “%(name)s” saved."), own={"name": saved.name})
        )
        return redirect("consultations:theme", slug=slug, pk=pk, theme_pk=theme_pk)
    answers = selectors.free_text_answers(consultation, theme=theme)
    page = Paginator(answers, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/theme.html",
        consultation_context(
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
    theme = theme_for(request, slug, pk, theme_pk)
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
        lambda theme: shown.words_in(
            gettext("Themes merged into “%(name)s”."), own={"name": theme.name}
        ),
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
        lambda theme: shown.words_in(
            gettext("Answers moved to the new theme “%(name)s”."), own={"name": theme.name}
        ),
    )


@login_required
def theme_delete(request, slug, pk, theme_pk):
    theme = theme_for(request, slug, pk, theme_pk)
    if request.method == "POST":
        services.theme_delete(actor=request.user, theme=theme)
        messages.success(
            request,
            shown.words_in(
                gettext("Theme “%(name)s” deleted. Its answers keep their other themes."),
                own={"name": theme.name},
            ),
        )
        return redirect(_themes_url(slug, pk, theme.question))
    return render(
        request,
        "consultations/theme_delete.html",
        consultation_context(
            request, theme.consultation.partnership, consultation=theme.consultation, theme=theme
        ),
    )
