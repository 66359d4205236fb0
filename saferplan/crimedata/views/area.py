"""The districts a partnership covers (which police.uk records are its own) and its
population."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from saferplan.core.forms import NOT_SAVED, save_form

from ..forms import AreaForm
from ..services.areas import area_update
from .common import crime_context, crime_partnership


@login_required
def area(request, slug):
    partnership = crime_partnership(request, slug, "change")
    form = AreaForm(
        request.POST or None,
        initial={
            "districts": "\n".join(partnership.districts or []),
            "population": partnership.population,
            "population_source": partnership.population_source,
            "area_sq_km": partnership.area_sq_km,
            "area_source": partnership.area_source,
        },
    )
    saved = save_form(
        request,
        form,
        lambda data: area_update(actor=request.user, partnership=partnership, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("Area and population saved."))
        return redirect("crimedata:overview", slug=slug)
    return render(
        request,
        "core/partnership_form.html",
        crime_context(
            request,
            partnership,
            form=form,
            heading=_("Area and population"),
            button=_("Save"),
            intro=_("The districts decide which police.uk records are this partnership's."),
        ),
    )
