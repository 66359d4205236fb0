"""The hotspots of a period as a Word or PDF document, for a JAG paper or a briefing: the
server-drawn map (it needs no internet), its tables and the caveats of the data, in the
language of the page it is downloaded from (police.uk's names and the partnership's marked
as theirs)."""

import base64

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.core.documents.pdf import render_pdf
from saferplan.core.documents.word import WordDocument

from . import charts
from .caveats import CAVEATS, LICENCE
from .wording import Sentence


def map_caption(spots) -> Sentence:
    return Sentence(
        _(
            "Circles are police.uk map points, sized by their records; numbers are the streets "
            "in the table. The grey outline encloses every location recorded in %(place)s: it "
            "is not the official boundary."
        ),
        own={"place": spots.place},
    )


def title(spots) -> Sentence:
    return Sentence(
        _("Hotspots: %(label)s in %(place)s, %(period)s"),
        own={"label": spots.label, "place": spots.place},
        period=spots.period.label,
    )


def summary(spots) -> str:
    """ "412 records at 96 map points. Change is against …", as the page says it."""
    records = ngettext("%(counter)s record", "%(counter)s records", spots.total) % {
        "counter": spots.total
    }
    points = len(spots.points)
    at = ngettext("at %(counter)s map point.", "at %(counter)s map points.", points) % {
        "counter": points
    }
    return f"{records} {at} {spots.against_text}".strip()


def change_text(change: int | None) -> str:
    if change is None:
        return _("No data before")
    if change == 0:
        return _("Same")
    if change > 0:
        # Translators: a hotspot's records against the period before, as in "12 more".
        return _("%(size)s more") % {"size": change}
    return _("%(size)s less") % {"size": -change}


def hotspots_docx(spots, extent, *, partnership) -> bytes:
    word = WordDocument(title=title(spots), author=partnership.name, marking="")
    word.heading(title(spots), 0)
    word.paragraph(f"{partnership.name} · {summary(spots)}")
    for warning in spots.warnings:  # what the figures rest on (coverage.py), before them
        word.paragraph(_("Warning: %(warning)s") % {"warning": warning}, bold=True)
    word.picture(
        charts.hotspot_map(spots, extent, image_format="png"),
        alt_text=charts.hotspot_alt_text(spots),
        width_cm=15,
    )
    word.paragraph(map_caption(spots))
    word.heading(_("Streets with the most records"), 1)
    table = word.table([_("Map"), _("Street"), _("Records"), _("Change")])
    for number, spot in enumerate(spots.streets, start=1):
        cells = word.row(
            table,
            [
                str(number) if number <= 5 else "",
                spot.name,
                str(spot.count),
                change_text(spot.change),
            ],
        )
        word.mark_own(cells[1])  # police.uk's name of the place, in English
    word.heading(_("Small areas (LSOAs) with the most records"), 1)
    table = word.table([_("LSOA"), _("Code"), _("Records"), spots.against.label, _("Change")])
    for spot in spots.lsoas:
        previous = _("No data") if spot.previous is None else str(spot.previous)
        cells = word.row(
            table, [spot.name, spot.key, str(spot.count), previous, change_text(spot.change)]
        )
        word.mark_own(cells[0])
    word.heading(_("About police.uk figures"), 1)
    word.bullets([str(caveat) for caveat in CAVEATS])
    word.paragraph(str(LICENCE))
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
            "caption": map_caption(spots),
            "streets": [
                (number, spot, change_text(spot.change))
                for number, spot in enumerate(spots.streets, start=1)
            ],
            "lsoas": [(spot, change_text(spot.change)) for spot in spots.lsoas],
        },
    )
