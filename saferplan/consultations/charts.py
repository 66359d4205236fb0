"""The relevance chart: one bar per aim and priority, the share of respondents who found it
relevant, drawn on the server so that the page, Word and PDF show the same picture. The
figures are in a table beside it; each bar is labelled with its percentage, so nothing is
told by colour alone."""

import io

from django.utils.translation import gettext as _
from matplotlib.figure import Figure

BLUE = "#1d70b8"
INK = "#0b0c0c"


def relevance_chart(results, *, image_format: str = "svg") -> bytes:
    rows = [r for r in results.relevance if r.answered]
    figure = Figure(figsize=(8, 0.45 * max(len(rows), 2) + 1.0), dpi=110)
    axes = figure.subplots()
    labels = [r.label for r in rows][::-1]
    values = [r.percent_relevant for r in rows][::-1]
    bars = axes.barh(labels, values, color=BLUE)
    axes.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=3, color=INK)
    axes.set_xlim(0, 110)
    axes.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    axes.set_xlabel(_("Respondents who found it relevant (very or fairly relevant, or yes)"))
    axes.spines[["top", "right"]].set_visible(False)
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format=image_format,
        metadata={"Date": None} if image_format == "svg" else None,
        bbox_inches="tight",
    )
    return buffer.getvalue()


def relevance_alt_text(results) -> str:
    parts = [f"{r.label} {r.percent_relevant:.0f}%" for r in results.relevance if r.answered]
    if not parts:
        return _("No answers yet.")
    return _(
        "Bar chart of the share of respondents who found each aim and priority relevant: "
        "%(bars)s. The table gives the counts."
    ) % {"bars": ", ".join(parts)}
