"""Crime and ASB pages of a partnership: comparisons, trends, hotspots, the county view,
custom series and the police.uk import. Figures are read through selectors; writes go
through services."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from saferplan.background.models import BackgroundJob
from saferplan.core import clock
from saferplan.core.forms import NOT_SAVED, save_form
from saferplan.partnerships.access import partnership_for
from saferplan.partnerships.models import Partnership
from saferplan.reports.downloads import attachment

from . import charts, documents, selectors, services
from .categories import ALL_CRIME
from .comparisons import write_csv
from .forms import (
    AreaForm,
    CategoryPeriodForm,
    ComparisonForm,
    CountyForm,
    PoliceApiFetchForm,
    PoliceUkUploadForm,
    SeriesForm,
    SeriesImportForm,
    ValueForm,
)
from .models import CustomSeries, CustomValue, ForceMonth
from .periods import Period
from .permissions import crime_data_policy
from .police_uk import PoliceUkFileError, zip_files
from .tasks import (
    police_uk_fetch_start,
    police_uk_import_cancel,
    police_uk_import_confirm,
    police_uk_import_start,
)


def _partnership(request, slug: str, action: str = "view") -> Partnership:
    return partnership_for(request, slug, action, crime_data_policy)


def _context(request, partnership, **extra) -> dict:
    return {
        "partnership": partnership,
        "may_change": crime_data_policy.user_has_permission_for_instance(
            request.user, "change", partnership
        ),
        "section_url": reverse("crimedata:overview", args=[partnership.slug]),
        "section_name": "Crime and ASB",
        **extra,
    }


def _recent(partnership, months: int) -> Period | None:
    return selectors.recent_period(selectors.months_with_data(partnership.districts), months)


def _periods(partnership, form, held) -> tuple[Period, Period] | None:
    period = form.cleaned_data.get("period") if form.is_valid() else None
    against = form.cleaned_data.get("against") if form.is_valid() else None
    if period is None:
        defaults = selectors.default_periods(held) or _custom_default(partnership)
        if defaults is None:
            return None
        period, default_against = defaults
        return period, against or default_against
    return period, against or period.year_before()


def _custom_default(partnership) -> tuple[Period, Period] | None:
    latest = (
        CustomValue.objects.filter(series__partnership=partnership)
        .order_by("-end", "start")
        .first()
    )
    if latest is None:
        return None
    period = Period(latest.start, latest.end)
    return period, period.year_before()


@login_required
@require_GET
def overview(request, slug):
    partnership = _partnership(request, slug)
    form = ComparisonForm(request.GET or None)
    held = selectors.months_with_data(partnership.districts)
    periods = _periods(partnership, form, held)
    comparisons = []
    if periods:
        comparisons = [
            selectors.police_uk_comparison(partnership, *periods),
            selectors.custom_comparison(partnership, *periods),
        ]
        comparisons = [c for c in comparisons if c.has_figures]
        if request.GET.get("format") == "csv":
            return _comparison_csv(partnership, periods, comparisons)
    if periods and not form.is_bound:
        form = ComparisonForm(initial={"period": str(periods[0]), "against": str(periods[1])})
    return render(
        request,
        "crimedata/overview.html",
        _context(
            request,
            partnership,
            form=form,
            periods=periods,
            comparisons=comparisons,
            held=held,
            section_url="",
        ),
    )


def _comparison_csv(partnership, periods, comparisons) -> HttpResponse:
    period, against = periods
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    write_csv(comparisons, response)
    name = f"{partnership.slug}-crime-{period}-against-{against}.csv".replace("..", "-to-")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _category_period(request, partnership, months: int):
    form = CategoryPeriodForm(request.GET or None)
    category = ALL_CRIME
    period = None
    if form.is_valid():
        category = form.cleaned_data["category"]
        period = form.cleaned_data["period"]
    period = period or _recent(partnership, months)
    if not form.is_bound:
        form = CategoryPeriodForm(
            initial={"category": category, "period": str(period) if period else ""}
        )
    return form, category, period


@dataclass(frozen=True)
class _FigurePage:
    """A page of one crime type over a period, with a picture and the tables beside it."""

    template: str
    months: int  # the default period: the latest months held
    read: Callable  # selectors.trend / selectors.hotspots
    draw: Callable[..., bytes]  # (partnership, what read returned) → SVG
    describe: Callable[..., str]
    context_name: str


TREND = _FigurePage(
    "crimedata/trend.html",
    12,
    selectors.trend,
    lambda partnership, trend: charts.trend_chart(trend),
    charts.trend_alt_text,
    "trend",
)
HOTSPOTS = _FigurePage(
    "crimedata/hotspots.html",
    3,
    selectors.hotspots,
    lambda partnership, spots: charts.hotspot_map(spots, selectors.district_extent(partnership)),
    charts.hotspot_alt_text,
    "spots",
)


def _figure_page(request, slug, figure: _FigurePage):
    partnership = _partnership(request, slug)
    form, category, period = _category_period(request, partnership, figure.months)
    data = figure.read(partnership, category, period) if period else None
    return render(
        request,
        figure.template,
        _context(
            request,
            partnership,
            form=form,
            alt=figure.describe(data) if data else "",
            chart_query=request.GET.urlencode() or f"category={category}&period={period or ''}",
            map_tiles=settings.SAFERPLAN_MAP_TILES,
            map_attribution=settings.SAFERPLAN_MAP_ATTRIBUTION,
            **{figure.context_name: data},
        ),
    )


def _figure_image(request, slug, figure: _FigurePage):
    partnership = _partnership(request, slug)
    _, category, period = _category_period(request, partnership, figure.months)
    if period is None:
        return HttpResponse(status=404)
    svg = figure.draw(partnership, figure.read(partnership, category, period))
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@require_GET
def trend(request, slug):
    return _figure_page(request, slug, TREND)


@login_required
@require_GET
def trend_chart(request, slug):
    return _figure_image(request, slug, TREND)


@login_required
@require_GET
def hotspots(request, slug):
    return _figure_page(request, slug, HOTSPOTS)


@login_required
@require_GET
def hotspot_map(request, slug):
    return _figure_image(request, slug, HOTSPOTS)


@login_required
@require_GET
def hotspots_document(request, slug, kind):
    """The hotspots page as a Word or PDF document, with the server-drawn map."""
    partnership = _partnership(request, slug)
    _, category, period = _category_period(request, partnership, HOTSPOTS.months)
    if period is None:
        raise Http404("No police.uk data is held for this partnership's districts")
    spots = selectors.hotspots(partnership, category, period)
    extent = selectors.district_extent(partnership)
    if kind == "docx":
        content = documents.hotspots_docx(spots, extent, partnership=partnership)
    else:
        content = documents.hotspots_pdf(
            spots, extent, partnership=partnership, generated_on=clock.today()
        )
    return attachment(content, kind=kind, partnership=partnership, title=documents.title(spots))


@login_required
@require_GET
def hotspot_points(request, slug):
    """The hotspot map's points as GeoJSON, for the street map the browser draws."""
    partnership = _partnership(request, slug)
    _, category, period = _category_period(request, partnership, HOTSPOTS.months)
    if period is None:
        return JsonResponse({"type": "FeatureCollection", "features": []})
    return JsonResponse(charts.hotspot_geojson(selectors.hotspots(partnership, category, period)))


@login_required
@require_GET
def county(request, slug):
    partnership = _partnership(request, slug)
    form = CountyForm(request.GET or None)
    period = form.cleaned_data.get("period") if form.is_valid() else None
    period = period or _recent(partnership, 12)
    keys, rows = selectors.county(partnership.police_force, period) if period else ([], [])
    if not form.is_bound and period:
        form = CountyForm(initial={"period": str(period)})
    return render(
        request,
        "crimedata/county.html",
        _context(
            request,
            partnership,
            form=form,
            period=period,
            rows=rows,
            table=[
                (
                    selectors.categories.label(key),
                    [(row.counts.get(key, 0), row.rate(key)) for row in rows],
                )
                for key in keys
            ],
            any_population=any(row.population for row in rows),
        ),
    )


# Custom series ------------------------------------------------------------------------------


@login_required
@require_GET
def series_list(request, slug):
    partnership = _partnership(request, slug)
    series = partnership.custom_series.prefetch_related("values")
    return render(
        request, "crimedata/series_list.html", _context(request, partnership, series=series)
    )


@login_required
def series_add(request, slug):
    partnership = _partnership(request, slug, "change")
    form = SeriesForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.series_create(actor=request.user, partnership=partnership, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, f"Series “{saved.name}” added: now enter its figures.")
        return redirect("crimedata:series", slug=slug, pk=saved.pk)
    return render(
        request,
        "core/partnership_form.html",
        _context(request, partnership, form=form, heading="Add a series", button="Add series"),
    )


def _series(request, slug, pk, action="view") -> CustomSeries:
    partnership = _partnership(request, slug, action)
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
            messages.success(request, f"Figure for {Period(saved.start, saved.end).label} saved.")
            return redirect("crimedata:series", slug=slug, pk=pk)
    values = [(Period(v.start, v.end), v) for v in series.values.all()]
    return render(
        request,
        "crimedata/series_detail.html",
        _context(request, series.partnership, series=series, values=values, form=form),
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
        messages.success(request, f"Series “{saved.name}” saved.")
        return redirect("crimedata:series", slug=slug, pk=pk)
    return render(
        request,
        "core/partnership_form.html",
        _context(
            request, series.partnership, form=form, heading="Change the series", button="Save"
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
            messages.success(request, f"Series “{series.name}” and its figures deleted.")
            return redirect("crimedata:series-list", slug=slug)
    return render(
        request,
        "crimedata/series_delete.html",
        _context(request, series.partnership, series=series, refusal=refusal),
        status=409 if refusal else 200,
    )


@login_required
@require_POST
def value_delete(request, slug, pk, value_pk):
    series = _series(request, slug, pk, "change")
    value = get_object_or_404(CustomValue, pk=value_pk, series=series)
    services.value_delete(actor=request.user, value=value)
    messages.success(request, f"Figure for {Period(value.start, value.end).label} deleted.")
    return redirect("crimedata:series", slug=slug, pk=pk)


@login_required
def series_import(request, slug):
    partnership = _partnership(request, slug, "change")
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
                           "The file has problems, listed below; nothing was saved")  # fmt: skip
            problems = error.messages if len(error.messages) > 1 else []
        else:
            messages.success(
                request,
                f"{result.values_written} figure(s) saved"
                + (
                    f"; new series: {', '.join(result.series_created)}"
                    if result.series_created
                    else ""
                )
                + ".",
            )
            return redirect("crimedata:series-list", slug=slug)
    return render(
        request,
        "crimedata/series_import.html",
        _context(request, partnership, form=form, problems=problems),
    )


@login_required
def area(request, slug):
    partnership = _partnership(request, slug, "change")
    form = AreaForm(
        request.POST or None,
        initial={
            "districts": "\n".join(partnership.districts or []),
            "population": partnership.population,
            "population_source": partnership.population_source,
        },
    )
    saved = save_form(
        request,
        form,
        lambda data: services.area_update(actor=request.user, partnership=partnership, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, "Area and population saved.")
        return redirect("crimedata:overview", slug=slug)
    return render(
        request,
        "core/partnership_form.html",
        _context(
            request,
            partnership,
            form=form,
            heading="Area and population",
            button="Save",
            intro="The districts decide which police.uk records are this partnership's.",
        ),
    )


# police.uk import ---------------------------------------------------------------------------


@login_required
def police_uk_upload(request, slug):
    """Take a police.uk file and import it in the background worker; the job's page shows
    how it is going. (The command line imports larger archives: saferplan import-police-uk.)"""
    partnership = _partnership(request, slug, "change")
    form = PoliceUkUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.name.lower().endswith(".zip"):
                zip_files(upload, upload.name)  # refused now, not in the worker, if not a zip
                upload.seek(0)
        except PoliceUkFileError as error:
            form.add_error("file", str(error))
        else:
            job = police_uk_import_start(actor=request.user, partnership=partnership, upload=upload)
            return redirect("background:job", slug=slug, pk=job.pk)
    return _police_uk_page(request, partnership, form=form, fetch_form=PoliceApiFetchForm())


@login_required
@require_POST
def police_uk_fetch(request, slug):
    """Fetch the newest months of the partnership's force from the police.uk API in the
    background worker; the job's page shows how it is going (or that saferplan is offline)."""
    partnership = _partnership(request, slug, "change")
    fetch_form = PoliceApiFetchForm(request.POST)
    if fetch_form.is_valid():
        job = police_uk_fetch_start(
            actor=request.user, partnership=partnership, latest=fetch_form.cleaned_data["latest"]
        )
        return redirect("background:job", slug=slug, pk=job.pk)
    return _police_uk_page(request, partnership, form=PoliceUkUploadForm(), fetch_form=fetch_form)


@login_required
def police_uk_replace(request, slug, pk):
    """The import waiting for confirmation: what replacing the months held does to each
    partnership's figures; Replace (an analyst of a partnership of the force, or an
    administrator) or Cancel (whoever may see the import)."""
    partnership = _partnership(request, slug, "change")
    job = get_object_or_404(
        BackgroundJob, pk=pk, partnership=partnership, kind=BackgroundJob.Kind.POLICE_UK_IMPORT
    )
    may_replace = crime_data_policy.may_replace_force_month(request.user, partnership.police_force)
    if request.method == "POST":
        try:
            if "cancel" in request.POST:
                police_uk_import_cancel(actor=request.user, job=job)
                messages.success(request, "Import cancelled: no month was replaced.")
            else:
                if not may_replace:
                    raise PermissionDenied(_who_may_replace(partnership))
                police_uk_import_confirm(actor=request.user, job=job)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("background:job", slug=slug, pk=job.pk)
    if not job.is_waiting:
        return redirect("background:job", slug=slug, pk=job.pk)
    return render(
        request,
        "crimedata/police_uk_replace.html",
        _context(
            request,
            partnership,
            job=job,
            differences=[
                services.MonthDifference.from_json(d) for d in job.options.get("differences", [])
            ],
            may_replace=may_replace,
            who_may_replace=_who_may_replace(partnership),
        ),
    )


def _who_may_replace(partnership) -> str:
    return (
        "Only an analyst of a partnership in "
        f"{partnership.get_police_force_display()}'s area, or an administrator, may replace "
        "months held already."
    )


def _police_uk_page(request, partnership, **forms):
    return render(
        request,
        "crimedata/police_uk_upload.html",
        _context(
            request,
            partnership,
            force_months=ForceMonth.objects.select_related("imported_by")[:36],
            **forms,
        ),
    )
