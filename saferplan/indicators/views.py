"""Pages of a partnership's performance measures: the list with each status, one measure
with its figures, and the forms that keep them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.crimedata.forms import ValueForm
from saferplan.crimedata.periods import Period
from saferplan.partnerships.access import partnership_for

from . import selectors, services
from .assessment import RULE
from .forms import IndicatorForm
from .models import Indicator, IndicatorValue, MeasureSource
from .permissions import measures_policy


def _context(request, partnership, **extra) -> dict:
    return {
        "partnership": partnership,
        "may_change": measures_policy.user_has_permission_for_instance(
            request.user, "change", partnership
        ),
        "section_url": reverse("indicators:list", args=[partnership.slug]),
        "section_name": _("Performance measures"),
        "rule": RULE,
        **extra,
    }


def _indicator(request, slug, pk, action="view") -> Indicator:
    partnership = partnership_for(request, slug, action, measures_policy)
    # Prefetched once: the status reads the figures and the page lists them and the objectives.
    return get_object_or_404(
        Indicator.objects.select_related("partnership", "series").prefetch_related(
            "values", "series__values", "objectives__priority__plan"
        ),
        pk=pk,
        partnership=partnership,
    )


@login_required
@require_GET
def measure_list(request, slug):
    partnership = partnership_for(request, slug, "view", measures_policy)
    measured = selectors.partnership_measures(partnership)
    return render(
        request, "indicators/list.html", _context(request, partnership, measured=measured)
    )


def _form_page(request, partnership, form, *, heading, button, back):
    return render(
        request,
        "core/partnership_form.html",
        _context(request, partnership, form=form, heading=heading, button=button, back=back),
    )


@login_required
def measure_add(request, slug):
    partnership = partnership_for(request, slug, "change", measures_policy)
    form = IndicatorForm(request.POST or None, partnership=partnership)
    saved = save_form(
        request,
        form,
        lambda data: services.indicator_create(actor=request.user, partnership=partnership, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("Measure “%(name)s” added.") % {"name": saved.name})
        return redirect("indicators:detail", slug=slug, pk=saved.pk)
    return _form_page(
        request,
        partnership,
        form,
        heading=_("Add a performance measure"),
        button=_("Add the measure"),
        back=reverse("indicators:list", args=[slug]),
    )


@login_required
def measure_detail(request, slug, pk):
    indicator = _indicator(request, slug, pk)
    form = ValueForm(request.POST or None)
    if request.method == "POST":
        partnership_for(request, slug, "change", measures_policy)  # entering figures changes it
        saved = save_form(
            request,
            form,
            lambda data: services.indicator_value_set(
                actor=request.user, indicator=indicator, period=data["period"], value=data["value"]
            ),
        )
        if saved is not NOT_SAVED:
            confirm_saved(
                request,
                gettext("Figure for %(label)s saved for “%(name)s”.")
                % {"label": Period(saved.start, saved.end).label, "name": indicator.name},
            )
            return redirect("indicators:detail", slug=slug, pk=pk)
    measured = selectors.measure(indicator)
    values = [(Period(v.start, v.end), v) for v in indicator.values.all()]
    return render(
        request,
        "indicators/detail.html",
        _context(
            request,
            indicator.partnership,
            measured=measured,
            indicator=indicator,
            source=selectors.source_text(indicator),
            values=values,
            takes_figures=indicator.source == MeasureSource.MANUAL,
            form=form,
        ),
    )


@login_required
def measure_edit(request, slug, pk):
    indicator = _indicator(request, slug, pk, "change")
    form = IndicatorForm(
        request.POST or None,
        partnership=indicator.partnership,
        initial=IndicatorForm.initial_for(indicator),
    )
    saved = save_form(
        request,
        form,
        lambda data: services.indicator_update(actor=request.user, indicator=indicator, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("Measure “%(name)s” saved.") % {"name": saved.name})
        return redirect("indicators:detail", slug=slug, pk=pk)
    return _form_page(
        request,
        indicator.partnership,
        form,
        heading=_("Change the measure"),
        button=_("Save"),
        back=reverse("indicators:detail", args=[slug, pk]),
    )


@login_required
def measure_delete(request, slug, pk):
    indicator = _indicator(request, slug, pk, "change")
    if request.method == "POST":
        services.indicator_delete(actor=request.user, indicator=indicator)
        messages.success(request, _("Measure “%(name)s” deleted.") % {"name": indicator.name})
        return redirect("indicators:list", slug=slug)
    return render(
        request,
        "indicators/delete.html",
        _context(request, indicator.partnership, indicator=indicator),
    )


@login_required
@require_POST
def value_delete(request, slug, pk, value_pk):
    indicator = _indicator(request, slug, pk, "change")
    value = get_object_or_404(IndicatorValue, pk=value_pk, indicator=indicator)
    services.indicator_value_delete(actor=request.user, value=value)
    messages.success(
        request,
        _("Figure for %(label)s deleted.") % {"label": Period(value.start, value.end).label},
    )
    return redirect("indicators:detail", slug=slug, pk=pk)
