"""A partnership's custom series: its own figures (fly-tipping reports, survey results),
entered period by period, imported from a CSV file or pasted as the county's comparison
table."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form

from .. import services
from ..forms import ComparisonTableForm, SeriesForm, SeriesImportForm, ValueForm
from ..models import CustomSeries, CustomValue
from ..periods import Period
from .common import crime_context, crime_partnership


@login_required
@require_GET
def series_list(request, slug):
    partnership = crime_partnership(request, slug)
    series = partnership.custom_series.prefetch_related("values")
    return render(
        request, "crimedata/series_list.html", crime_context(request, partnership, series=series)
    )


@login_required
def series_add(request, slug):
    partnership = crime_partnership(request, slug, "change")
    form = SeriesForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.series_create(actor=request.user, partnership=partnership, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(
            request, _("Series “%(name)s” added: now enter its figures.") % {"name": saved.name}
        )
        return redirect("crimedata:series", slug=slug, pk=saved.pk)
    return render(
        request,
        "core/partnership_form.html",
        crime_context(
            request, partnership, form=form, heading=_("Add a series"), button=_("Add series")
        ),
    )


def _series(request, slug, pk, action="view") -> CustomSeries:
    partnership = crime_partnership(request, slug, action)
    return get_object_or_404(CustomSeries, pk=pk, partnership=partnership)


@login_required
def series_detail(request, slug, pk):
    series = _series(request, slug, pk)
    form = ValueForm(request.POST or None)
    if request.method == "POST":
        _series(request, slug, pk, "change")
        saved = save_form(
            request,
            form,
            lambda data: services.value_set(
                actor=request.user, series=series, period=data["period"], value=data["value"]
            ),
        )
        if saved is not NOT_SAVED:
            confirm_saved(
                request,
                _("Figure for %(label)s saved.") % {"label": Period(saved.start, saved.end).label},
            )
            return redirect("crimedata:series", slug=slug, pk=pk)
    values = [(Period(v.start, v.end), v) for v in series.values.all()]
    return render(
        request,
        "crimedata/series_detail.html",
        crime_context(request, series.partnership, series=series, values=values, form=form),
    )


@login_required
def series_edit(request, slug, pk):
    series = _series(request, slug, pk, "change")
    form = SeriesForm(request.POST or None, instance=series)
    saved = save_form(
        request,
        form,
        lambda data: services.series_update(actor=request.user, series=series, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("Series “%(name)s” saved.") % {"name": saved.name})
        return redirect("crimedata:series", slug=slug, pk=pk)
    return render(
        request,
        "core/partnership_form.html",
        crime_context(
            request,
            series.partnership,
            form=form,
            heading=_("Change the series"),
            button=_("Save"),
        ),
    )


@login_required
def series_delete(request, slug, pk):
    series = _series(request, slug, pk, "change")
    refusal = ""
    if request.method == "POST":
        try:
            services.series_delete(actor=request.user, series=series)
        except ValidationError as error:
            refusal = error.messages[0]
        else:
            messages.success(
                request, _("Series “%(name)s” and its figures deleted.") % {"name": series.name}
            )
            return redirect("crimedata:series-list", slug=slug)
    return render(
        request,
        "crimedata/series_delete.html",
        crime_context(request, series.partnership, series=series, refusal=refusal),
        status=409 if refusal else 200,
    )


@login_required
@require_POST
def value_delete(request, slug, pk, value_pk):
    series = _series(request, slug, pk, "change")
    value = get_object_or_404(CustomValue, pk=value_pk, series=series)
    services.value_delete(actor=request.user, value=value)
    messages.success(
        request,
        _("Figure for %(label)s deleted.") % {"label": Period(value.start, value.end).label},
    )
    return redirect("crimedata:series", slug=slug, pk=pk)


@login_required
def series_import(request, slug):
    partnership = crime_partnership(request, slug, "change")
    form = SeriesImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.custom_series_import(
                actor=request.user,
                partnership=partnership,
                content=upload.read(),
                file_name=upload.name,
            )
        except ValidationError as error:
            form.add_error("file", error.messages[0] if len(error.messages) == 1 else
                           _("The file has problems, listed below; nothing was saved"))  # fmt: skip
            problems = error.messages if len(error.messages) > 1 else []
        else:
            messages.success(request, _series_saved(result))
            return redirect("crimedata:series-list", slug=slug)
    return render(
        request,
        "crimedata/series_import.html",
        crime_context(request, partnership, form=form, problems=problems),
    )


@login_required
def comparison_table_import(request, slug):
    """A county's comparison table, pasted: each line's category a series with its two
    figures. What was pasted stays in the form when a line is refused."""
    partnership = crime_partnership(request, slug, "change")
    form = ComparisonTableForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.comparison_table_import(
            actor=request.user,
            partnership=partnership,
            text=data["table"],
            period=data["period"],
            against=data["against"],
            source=data["source"],
            unit=data["unit"],
        ),
    )
    if saved is not NOT_SAVED:
        data = form.cleaned_data
        messages.success(request, _table_saved(saved, data["period"], data["against"]))
        return redirect("crimedata:series-list", slug=slug)
    return render(
        request,
        "crimedata/comparison_table_import.html",
        crime_context(request, partnership, form=form),
    )


def _series_saved(result: services.SeriesImportResult) -> str:
    """ "12 figures saved; new series: Fly-tipping, Feeling safe."."""
    count = result.values_written
    words = {"count": count, "names": ", ".join(result.series_created)}
    if result.series_created:
        return (
            ngettext(
                "%(count)s figure saved; new series: %(names)s.",
                "%(count)s figures saved; new series: %(names)s.",
                count,
            )
            % words
        )
    return ngettext("%(count)s figure saved.", "%(count)s figures saved.", count) % words


def _table_saved(saved: services.SeriesImportResult, period: Period, against: Period) -> str:
    """ "23 categories saved, each with its figures for January – December 2022 and January –
    December 2021; new series: …. Read as headings and passed over: lines 1, 17, 19." """
    count = saved.values_written // 2
    words = {
        "count": count,
        "period": period.label,
        "against": against.label,
        "names": ", ".join(saved.series_created),
    }
    if saved.series_created:
        text = (
            ngettext(
                "%(count)s category saved, each with its figures for %(period)s and %(against)s; "
                "new series: %(names)s.",
                "%(count)s categories saved, each with its figures for %(period)s and %(against)s; "
                "new series: %(names)s.",
                count,
            )
            % words
        )
    else:
        text = (
            ngettext(
                "%(count)s category saved, each with its figures for %(period)s and %(against)s.",
                "%(count)s categories saved, each with its figures for %(period)s and %(against)s.",
                count,
            )
            % words
        )
    if saved.passed_over:
        passed = len(saved.passed_over)
        text += " " + ngettext(
            "Read as headings and passed over: line %(lines)s.",
            "Read as headings and passed over: lines %(lines)s.",
            passed,
        ) % {"lines": ", ".join(str(n) for n in saved.passed_over)}
    return text
