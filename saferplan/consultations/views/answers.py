"""A consultation's free-text answers: the list, one answer's themes, and its approval for
quoting in public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.core.forms import NOT_SAVED, save_form

from .. import selectors
from ..forms import AnswerForm, ApprovalForm
from ..models import Answer
from ..services.responses import answer_approval_set
from ..services.themes import answer_themes_set
from .common import consultation_context, consultation_for


@login_required
@require_GET
def answers(request, slug, pk):
    consultation = consultation_for(request, slug, pk, "analyse")
    unthemed = request.GET.get("unthemed") == "1"
    answer_list = selectors.free_text_answers(consultation, unthemed=unthemed)
    page = Paginator(answer_list, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/answers.html",
        consultation_context(
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
    consultation = consultation_for(request, slug, pk, "analyse")
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
        lambda data: answer_themes_set(actor=request.user, answer=answer, themes=data["themes"]),
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("Themes of the answer saved."))
        return redirect("consultations:answer", slug=slug, pk=pk, answer_pk=answer_pk)
    context = consultation_context(
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
    consultation = consultation_for(request, slug, pk, "manage")
    answer = get_object_or_404(Answer, pk=answer_pk, question__consultation=consultation)
    form = ApprovalForm(request.POST)
    form.is_valid()
    answer_approval_set(
        actor=request.user, answer=answer, approved=form.cleaned_data.get("approved", False)
    )
    messages.success(
        request,
        _("The answer may now be quoted in public.")
        if answer.approved_for_publication
        else _("The answer will not be quoted in public."),
    )
    return redirect("consultations:answer", slug=slug, pk=pk, answer_pk=answer_pk)
