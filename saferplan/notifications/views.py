"""A person's notification choices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import NOT_SAVED, save_form

from . import selectors, services
from .forms import PreferenceForm


@login_required
def preferences(request):
    form = PreferenceForm(request.POST or None, instance=selectors.preference_of(request.user))
    saved = save_form(
        request, form, lambda data: services.preference_set(actor=request.user, **data)
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("Your email choices have been saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
