"""The crime figures of a partnership: the comparison of two periods, the trend and hotspots
of a crime type (pages, pictures and documents), and the county view."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from saferplan.core import clock
from saferplan.core.csv_download import csv_response
from saferplan.core.documents.downloads import attachment

from .. import charts, documents, selectors
from .. import hotspots as hotspot_selectors
from ..categories import ALL_CRIME
from ..comparisons import comparison_rows
from ..coverage import held_summary, months_held
from ..forms import CategoryPeriodForm, ComparisonForm
from ..models import CustomValue
from ..periods import Period
from .common import crime_context, crime_partnership, latest_period, period_asked


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
    partnership = crime_partnership(request, slug)
    form = ComparisonForm(request.GET or None)
    held = months_held(partnership)
    periods = _periods(partnership, form, held)
    comparisons = []
    if periods:
        if request.GET.get("format") == "csv":
            # A CSV's values stay English, whatever the page's language.
            with translation.override(settings.LANGUAGE_CODE):
                return _comparison_csv(partnership, periods, _comparisons(partnership, periods))
        comparisons = _comparisons(partnership, periods)
    if periods and not form.is_bound:
        form = ComparisonForm(initial={"period": str(periods[0]), "against": str(periods[1])})
    return render(
        request,
        "crimedata/overview.html",
        crime_context(
            request,
            partnership,
            form=form,
            periods=periods,
            comparisons=comparisons,
            held_summary=held_summary(held),
            section_url="",
        ),
    )


def _comparisons(partnership, periods) -> list:
    """The police.uk figures and the partnership's own, those with anything to show."""
    comparisons = [
        selectors.police_uk_comparison(partnership, *periods),
        selectors.custom_comparison(partnership, *periods),
    ]
    return [c for c in comparisons if c.worth_showing]


def _comparison_csv(partnership, periods, comparisons) -> StreamingHttpResponse:
    period, against = periods
    name = f"{partnership.slug}-crime-{period}-against-{against}.csv".replace("..", "-to-")
    header, rows = comparison_rows(comparisons)
    return csv_response(name, header, rows)


def _category_period(request, partnership, months: int):
    form = CategoryPeriodForm(request.GET or None)
    category = ALL_CRIME
    period = None
    if form.is_valid():
        category = form.cleaned_data["category"]
        period = form.cleaned_data["period"]
    period = period or latest_period(partnership, months)
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
    read: Callable  # selectors.trend / hotspots.hotspots
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
    hotspot_selectors.hotspots,
    lambda partnership, spots: charts.hotspot_map(
        spots, hotspot_selectors.district_extent(partnership)
    ),
    charts.hotspot_alt_text,
    "spots",
)


def _figure_page(request, slug, figure: _FigurePage):
    partnership = crime_partnership(request, slug)
    form, category, period = _category_period(request, partnership, figure.months)
    data = figure.read(partnership, category, period) if period else None
    return render(
        request,
        figure.template,
        crime_context(
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
    partnership = crime_partnership(request, slug)
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
    partnership = crime_partnership(request, slug)
    _, category, period = _category_period(request, partnership, HOTSPOTS.months)
    if period is None:
        raise Http404(gettext("No police.uk data is held for this partnership's districts"))
    spots = hotspot_selectors.hotspots(partnership, category, period)
    extent = hotspot_selectors.district_extent(partnership)
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
    partnership = crime_partnership(request, slug)
    _, category, period = _category_period(request, partnership, HOTSPOTS.months)
    if period is None:
        return JsonResponse({"type": "FeatureCollection", "features": []})
    spots = hotspot_selectors.hotspots(partnership, category, period)
    return JsonResponse(charts.hotspot_geojson(spots))


@login_required
@require_GET
def county(request, slug):
    partnership = crime_partnership(request, slug)
    form, period = period_asked(request, partnership)
    figures = selectors.county(partnership.police_force, period) if period else None
    rows = figures.rows if figures else []
    return render(
        request,
        "crimedata/county.html",
        crime_context(
            request,
            partnership,
            form=form,
            period=period,
            rows=rows,
            warning=figures.warning if figures else "",
            table=[
                (
                    selectors.categories.label(key),
                    [(row.counts.get(key, 0), row.rate(key)) for row in rows],
                )
                for key in (figures.keys if figures else [])
            ],
            any_population=any(row.population for row in rows),
        ),
    )
