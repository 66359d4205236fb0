"""Progress updates: adding one (with a RAG rating) and correcting one."""

from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from saferplan.core.forms import NOT_SAVED, add_service_errors, confirm_saved, save_form, save_once
from saferplan.core.permissions import sees_sensitive_of
from saferplan.partnerships.access import partnership_for

from .. import services
from ..access import action_for, reach_action
from ..forms import (
    CorrectionForm,
    UpdateForm,
)
from ..models import Update
from ..permissions import action_policy
from .actions import new_update_form

# Plans -------------------------------------------------------------------------------------


@login_required
def update_add(request, slug, pk):
    partnership, action = reach_action(request, slug, pk, "add_update")
    form = new_update_form(action, request.POST or None)
    conflict = None
    action_url = reverse("plans:action", args=[slug, action.pk])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # Saved once, however often the form is sent (a double click, a resend).
            update = save_once(
                request,
                form,
                lambda: services.update_add(
                    actor=request.user,
                    action=action,
                    described_on=data["described_on"],
                    text=data["text"],
                    marking=data["marking"],
                    rag=data["rag"],
                    rag_reason=data["rag_reason"],
                    # The form carries the rating it showed (empty for none); a post without
                    # the field (a script) is not checked.
                    expected_rag_change_id=(
                        data["expected_rag_change_id"]
                        if "expected_rag_change_id" in request.POST
                        else services.NOT_CHECKED
                    ),
                    status=data["status"],
                    status_reason=data["status_reason"],
                ),
            )
        except services.EditConflictError as error:
            conflict = error
            # Keep everything typed; accept the new rating as the one now being replaced.
            form = UpdateForm({**request.POST.dict(), "expected_rag_change_id": error.current.pk})
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            confirm_saved(
                request,
                _(
                    "Your update has been added. It is in the history of “%(title)s” below, "
                    "dated %(date)s."
                )
                % {"title": action.title, "date": date_format(update.described_on, "j F Y")},
            )
            # The action's page, with the new update in its history. A form sent from the
            # update's own page by htmx leaves that page for it too (HX-Redirect).
            if request.headers.get("HX-Request") and not _from_page(request, action_url):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = action_url
                return response
            return redirect(action_url)
    # htmx swaps only 2xx answers into the page; a browser without JavaScript gets the 409.
    status = 409 if conflict and not request.headers.get("HX-Request") else 200
    return render(
        request,
        "plans/update_form.html",
        {
            "form_has_own_error_summary": True,
            "partnership": partnership,
            "plan": action.priority.plan,
            "action": action,
            "form": form,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
def update_correct(request, slug, pk):
    partnership = partnership_for(request, slug, "view")
    update = get_object_or_404(Update.objects.select_related("action"), pk=pk)
    action = action_for(request, slug, update.action_id, "add_update")
    if update.is_sensitive and not sees_sensitive_of(
        request.user, action_policy.partnerships_of(action)
    ):
        raise Http404(_("No such update"))
    form = CorrectionForm(
        request.POST or None,
        initial={
            "described_on": update.described_on,
            "text": update.text,
            "marking": update.marking,
        },
    )
    saved = save_form(
        request,
        form,
        lambda data: services.update_correct(actor=request.user, update=update, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(
            request,
            _(
                "Your correction of the update of %(described_on)s has been added. The original "
                "stays in the history."
            )
            % {"described_on": date_format(update.described_on, "j F Y")},
        )
        return redirect("plans:action", slug=slug, pk=action.pk)
    return render(
        request,
        "plans/update_correct.html",
        {
            "partnership": partnership,
            "plan": action.priority.plan,
            "action": action,
            "update": update,
            "form": form,
        },
    )


def _from_page(request, url: str) -> bool:
    """Whether htmx sent the form from the page at `url` (the action's page, which swaps the
    form, the history and the banner in place) rather than from the update's own page."""
    return urlsplit(request.headers.get("HX-Current-URL", "")).path == url
