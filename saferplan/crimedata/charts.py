"""Charts of crime figures, drawn on the server with matplotlib so that the same picture
serves the page, Word and PDF, offline. Each has a data table beside it on the page."""

import io
import math

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .periods import month_label

INK = "#0b0c0c"
BLUE = "#1d70b8"
GREY = "#505a5f"


def _save(figure: Figure, image_format: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format=image_format,
        metadata={"Date": None} if image_format == "svg" else None,
        bbox_inches="tight",
    )
    return buffer.getvalue()


def trend_chart(trend, *, image_format: str = "svg") -> bytes:
    """This year's months as a solid line with dots; the same months a year before dashed,
    so the two differ by more than colour."""
    months = [p.month for p in trend.points]
    labels = [date_format(m, "M y") for m in months]  # Jan 22, Ion 22
    figure = Figure(figsize=(8, 3.6), dpi=110)
    axes = figure.subplots()
    axes.plot(
        labels,
        [p.count if p.count is not None else math.nan for p in trend.points],
        color=BLUE,
        marker="o",
        linewidth=2.2,
        label=_("%(label)s, month by month") % {"label": trend.label},
    )
    if any(p.year_before is not None for p in trend.points):
        axes.plot(
            labels,
            [p.year_before if p.year_before is not None else math.nan for p in trend.points],
            color=GREY,
            linestyle="--",
            marker="s",
            markersize=4,
            linewidth=1.6,
            label=_("The same month a year before"),
        )
    axes.set_ylabel(trend.label)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    if len(labels) > 12:
        for index, tick in enumerate(axes.get_xticklabels()):
            tick.set_visible(index % max(1, len(labels) // 12) == 0)
    axes.tick_params(axis="x", labelrotation=45)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=2, frameon=False)
    return _save(figure, image_format)


def trend_alt_text(trend) -> str:
    held = [p for p in trend.points if p.count is not None]
    words = {"label": trend.label.lower(), "place": trend.place, "period": trend.period.label}
    if not held:
        return _("No figures for %(label)s in %(place)s for %(period)s.") % words
    high = max(held, key=lambda p: p.count)
    low = min(held, key=lambda p: p.count)
    return _(
        "Line chart of %(label)s in %(place)s each month, %(period)s: highest %(high)s in "
        "%(high_month)s, lowest %(low)s in %(low_month)s. The table below gives every month's "
        "figures."
    ) % (
        words
        | {
            "high": high.count,
            "high_month": month_label(high.month),
            "low": low.count,
            "low_month": month_label(low.month),
        }
    )


def outline(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of the district's map points: the outline drawn on the map.

    Boundary files are not shipped (they would need the ONS's, and a download), so the
    outline is the shape that encloses every location police.uk has recorded in the
    district; the map says so."""
    unique = sorted(set(points))
    if len(unique) < 3:
        return unique

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in unique:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(unique):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def hotspot_map(
    spots, extent: list[tuple[float, float]], *, image_format: str = "svg", labelled: int = 5
) -> bytes:
    """The period's map points as circles sized by their count inside the outline of the
    district's `extent` (selectors.district_extent); the top streets numbered as in the
    table beside the map."""
    figure = Figure(figsize=(7, 6), dpi=110)
    axes = figure.subplots()
    hull = outline(extent)
    if hull:
        xs = [p[0] for p in hull] + [hull[0][0]]
        ys = [p[1] for p in hull] + [hull[0][1]]
        axes.fill(xs, ys, color="#f3f2f1", edgecolor=GREY, linewidth=1.2, linestyle="--")
    if spots.points:
        biggest = max(p.count for p in spots.points)
        axes.scatter(
            [p.longitude for p in spots.points],
            [p.latitude for p in spots.points],
            s=[12 + 220 * p.count / biggest for p in spots.points],
            color=BLUE,
            alpha=0.55,
            edgecolors=INK,
            linewidths=0.4,
        )
        for number, street in enumerate(spots.streets[:labelled], start=1):
            if street.longitude is not None and street.latitude is not None:
                axes.annotate(
                    str(number),
                    (street.longitude, street.latitude),
                    xytext=(6, 6),
                    textcoords="offset points",
                    fontsize=11,
                    fontweight="bold",
                    color=INK,
                    bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": INK, "lw": 0.8},
                )
    latitudes = [p[1] for p in hull] or [p.latitude for p in spots.points] or [52]
    # Equirectangular, with longitude shrunk by the cosine of the latitude so that the
    # district keeps its shape.
    axes.set_aspect(1 / math.cos(math.radians(sum(latitudes) / len(latitudes))))
    axes.set_xticks([])
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_visible(False)
    return _save(figure, image_format)


def hotspot_alt_text(spots) -> str:
    words = {"place": spots.place, "label": spots.label.lower(), "period": spots.period.label}
    if not spots.points:
        return _("Map of %(place)s: no %(label)s recorded in %(period)s.") % words
    count = len(spots.points)
    words["count"] = count
    top = spots.streets[0] if spots.streets else None
    if top is None:
        return (
            ngettext(
                "Map of %(place)s with %(count)s police.uk map point of %(label)s in %(period)s, "
                "circles sized by count. The tables give the same figures.",
                "Map of %(place)s with %(count)s police.uk map points of %(label)s in %(period)s, "
                "circles sized by count. The tables give the same figures.",
                count,
            )
            % words
        )
    # Translators: %(most)s is the most records at one map point, %(street)s where it is
    # ("on or near High Street, Hertsmere 005A", as police.uk names it).
    return ngettext(
        "Map of %(place)s with %(count)s police.uk map point of %(label)s in %(period)s, "
        "circles sized by count; the most, %(most)s, %(street)s. The tables give the same "
        "figures.",
        "Map of %(place)s with %(count)s police.uk map points of %(label)s in %(period)s, "
        "circles sized by count; the most, %(most)s, %(street)s. The tables give the same "
        "figures.",
        count,
    ) % (words | {"most": top.count, "street": top.name.lower()})


def hotspot_geojson(spots) -> dict:
    """The map points as GeoJSON for the street map drawn in the browser; the streets of the
    table's top five carry their number, as on the server-drawn map."""
    ranks = {
        (spot.longitude, spot.latitude): rank
        for rank, spot in enumerate(spots.streets[:5], start=1)
        if spot.longitude is not None
    }
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
                "properties": {
                    "location": point.location,
                    "count": point.count,
                    "rank": ranks.get((point.longitude, point.latitude)),
                },
            }
            for point in sorted(spots.points, key=lambda p: -p.count)
        ],
    }


def change_chart(comparison, *, image_format: str = "svg") -> bytes:
    """Each category's change in per cent as a horizontal bar, the county's decreases and
    increases apart: increases solid, decreases hatched and on the other side of zero, each
    bar labelled with its figure, so that nothing rests on colour."""
    rows = [
        r for r in [*comparison.decreases, *comparison.increases] if r.percent_change is not None
    ]
    figure = Figure(figsize=(8, max(2.4, 0.32 * len(rows) + 1)), dpi=110)
    axes = figure.subplots()
    names = [row.name for row in rows]
    changes = [float(row.percent_change) for row in rows]
    bars = axes.barh(
        names,
        changes,
        color=[BLUE if c > 0 else "white" for c in changes],
        edgecolor=[BLUE if c > 0 else INK for c in changes],
        hatch=["" if c > 0 else "///" for c in changes],
        linewidth=1,
    )
    axes.bar_label(bars, labels=[row.percent_text for row in rows], padding=3, fontsize=8)
    axes.axvline(0, color=INK, linewidth=1)
    axes.invert_yaxis()
    axes.set_xlabel(
        _("%% change, %(period)s against %(against)s")
        % {"period": comparison.period.label, "against": comparison.against.label}
    )
    axes.spines[["top", "right"]].set_visible(False)
    limit = max([abs(c) for c in changes] + [1]) * 1.25
    axes.set_xlim(-limit, limit)
    return _save(figure, image_format)


def change_alt_text(comparison) -> str:
    rows = [
        r for r in [*comparison.decreases, *comparison.increases] if r.percent_change is not None
    ]
    if not rows:
        return _("No change to chart for %(place)s.") % {"place": comparison.place}
    rise = max(rows, key=lambda r: r.percent_change)
    fall = min(rows, key=lambda r: r.percent_change)
    return _(
        "Bar chart of the change in each category in %(place)s, %(period)s against "
        "%(against)s: %(rose)s rose and %(fell)s fell or stayed the same; the largest rise "
        "%(rise)s %(rise_percent)s, the largest fall %(fall)s %(fall_percent)s. The tables give "
        "every figure."
    ) % {
        "place": comparison.place,
        "period": comparison.period.label,
        "against": comparison.against.label,
        "rose": len(comparison.increases),
        "fell": len(comparison.decreases),
        "rise": rise.name,
        "rise_percent": rise.percent_text,
        "fall": fall.name,
        "fall_percent": fall.percent_text,
    }
