"""The foreword's photograph of its signatory: chosen by a coordinator, shown to members on
the plan's page (the published plan serves it to the public: public.views)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.attachments import responses
from saferplan.attachments.forms import PhotoForm
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form

from .. import services
from ..access import plan_for


@login_required
def foreword_photo(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk, "change")
    form = PhotoForm(request.POST or None, request.FILES or None)
    saved = save_form(
        request,
        form,
        lambda data: services.foreword_photo_set(
            actor=request.user,
            plan=plan,
            name=data["file"].name,
            drawn=data["photo"],
            alt_text=data["alt_text"],
        ),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The foreword's photograph has been saved."))
        return redirect("plans:foreword-photo", slug=slug, plan_pk=plan.pk)
    return render(
        request,
        "plans/foreword_photo.html",
        {"partnership": plan.partnership, "plan": plan, "form": form},
    )


@login_required
@require_POST
def foreword_photo_remove(request, slug, plan_pk):
    plan = plan_for(request, slug, plan_pk, "change")
    services.foreword_photo_remove(actor=request.user, plan=plan)
    confirm_saved(request, _("The foreword's photograph has been removed."))
    return redirect("plans:foreword-photo", slug=slug, plan_pk=plan.pk)


@login_required
@require_GET
def foreword_photo_file(request, slug, plan_pk):
    """The photograph for the plan's members (the plan's own view permission)."""
    plan = plan_for(request, slug, plan_pk, "view")
    return responses.inline(request, plan.foreword_photo)
