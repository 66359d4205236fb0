"""Responses imported from a survey tool's export: the upload, then the column preview where
each column is mapped to a question, and the import confirmed or cancelled."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from saferplan.core.forms import NOT_SAVED, save_form

from .. import selectors, services, shown
from ..forms import MappingForm, UploadForm
from ..models import ResponseImport
from .common import consultation_context, consultation_for


@login_required
def import_upload(request, slug, pk):
    consultation = consultation_for(request, slug, pk, "analyse")
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
        consultation_context(
            request, consultation.partnership, consultation=consultation, form=form
        ),
    )


@login_required
def import_preview(request, slug, pk, import_pk):
    consultation = consultation_for(request, slug, pk, "analyse")
    pending = get_object_or_404(
        ResponseImport, pk=import_pk, consultation=consultation, confirmed_at__isnull=True
    )
    if request.method == "POST" and "cancel" in request.POST:
        services.response_import_cancel(actor=request.user, pending=pending)
        messages.success(
            request,
            shown.words_in(
                _("%(file_name)s was not imported."), own={"file_name": pending.file_name}
            ),
        )
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
            messages.success(
                request,
                shown.words_in(
                    ngettext(
                        "%(count)s response imported from %(file_name)s.",
                        "%(count)s responses imported from %(file_name)s.",
                        count,
                    ),
                    own={"file_name": pending.file_name},
                    count=f"{count:,}",
                ),
            )
            return redirect("consultations:detail", slug=slug, pk=pk)
    return render(
        request,
        "consultations/import_preview.html",
        consultation_context(
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
