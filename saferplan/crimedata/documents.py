"""The hotspots of a period as a Word or PDF document, for a JAG paper or a briefing: the
server-drawn map (it needs no internet), its tables and the caveats of the data."""

import base64

from saferplan.core.documents.pdf import render_pdf
from saferplan.core.documents.word import WordDocument

from . import charts
from .caveats import CAVEATS, LICENCE

MAP_CAPTION = (
    "Circles are police.uk map points, sized by their records; numbers are the streets in the "
    "table. The grey outline encloses every location recorded in {place}: it is not the "
    "official boundary."
)


def title(spots) -> str:
    return f"Hotspots: {spots.label} in {spots.place}, {spots.period.label}"


def summary(spots) -> str:
    counted = f"{spots.total} records at {len(spots.points)} map points."
    return f"{counted} {spots.against_text}".strip()


def change_text(change: int | None) -> str:
    if change is None:
        return "No data before"
    if change == 0:
        return "Same"
    return f"{abs(change)} {'more' if change > 0 else 'less'}"


def hotspots_docx(spots, extent, *, partnership) -> bytes:
    word = WordDocument(title=title(spots), author=partnership.name, marking="")
    word.heading(title(spots), 0)
    word.paragraph(f"{partnership.name} · {summary(spots)}")
    for warning in spots.warnings:  # what the figures rest on (coverage.py), before them
        word.paragraph(f"Warning: {warning}", bold=True)
    word.picture(
        charts.hotspot_map(spots, extent, image_format="png"),
        alt_text=charts.hotspot_alt_text(spots),
        width_cm=15,
    )
    word.paragraph(MAP_CAPTION.format(place=spots.place))
    word.heading("Streets with the most records", 1)
    table = word.table(["Map", "Street", "Records", "Change"])
    for number, spot in enumerate(spots.streets, start=1):
        word.row(
            table,
            [
                str(number) if number <= 5 else "",
                spot.name,
                str(spot.count),
                change_text(spot.change),
            ],
        )
    word.heading("Small areas (LSOAs) with the most records", 1)
    table = word.table(["LSOA", "Code", "Records", spots.against.label, "Change"])
    for spot in spots.lsoas:
        previous = "No data" if spot.previous is None else str(spot.previous)
        word.row(table, [spot.name, spot.key, str(spot.count), previous, change_text(spot.change)])
    word.heading("About police.uk figures", 1)
    word.bullets(CAVEATS)
    word.paragraph(LICENCE)
    return word.save()


def hotspots_pdf(spots, extent, *, partnership, generated_on) -> bytes:
    svg = charts.hotspot_map(spots, extent)
    return render_pdf(
        "crimedata/print/hotspots.html",
        {
            "title": title(spots),
            "summary": summary(spots),
            "spots": spots,
            "partnership": partnership,
            "generated_on": generated_on,
            "map": "data:image/svg+xml;base64," + base64.b64encode(svg).decode(),
            "alt": charts.hotspot_alt_text(spots),
            "caption": MAP_CAPTION.format(place=spots.place),
            "streets": [
                (number, spot, change_text(spot.change))
                for number, spot in enumerate(spots.streets, start=1)
            ],
            "lsoas": [(spot, change_text(spot.change)) for spot in spots.lsoas],
        },
    )
