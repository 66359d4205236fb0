"""A strategic assessment as a Word or PDF document for the board, in the shape of seed
002's "What does our Strategic Assessment 2022 tell us?" (the headline, the chart of
changes, all crime and ASB, then the decreases and increases) and of Dacorum's "The Key
Findings" panel (each finding with its source); and the published summary's part of the
published plan's Word document. Each chart has its data table beside it."""

import base64
import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from saferplan.core.documents.pdf import render_pdf
from saferplan.core.documents.word import WordDocument
from saferplan.crimedata import charts
from saferplan.crimedata.comparisons import Comparison

from .selectors import AssessmentReport, PublishedAssessment, police_uk_held


def comparison_docx(word: WordDocument, comparison: Comparison, *, chart: bool) -> None:
    """The comparison's headline, its chart (members' documents) and its three tables."""
    if comparison.headline:
        word.paragraph(comparison.headline, bold=True)
    word.paragraph(
        _("%(place)s figures for %(period)s compared with %(against)s. Source: %(source)s.")
        % {
            "place": comparison.place,
            "period": comparison.period.label,
            "against": comparison.against.label,
            "source": comparison.source,
        }
    )
    period, against = comparison.period.short_label, comparison.against.short_label
    if chart and (comparison.increases or comparison.decreases):
        word.picture(
            charts.change_chart(comparison, image_format="png"),
            alt_text=charts.change_alt_text(comparison),
            width_cm=16,
        )
    for caption, rows in comparison.tables:
        # a heading, not bold text: it stands apart from the table before it, and Word's
        # navigation pane lists it
        word.heading(caption, 2)
        headers = [_("Category"), against, period, _("Difference")]
        # xgettext:no-python-format
        table = word.table([*headers, _("% change")])
        for row in rows:
            cells = word.row(
                table,
                [
                    row.name,
                    row.previous_text,
                    row.current_text,
                    row.difference_text,
                    row.percent_text,
                ],
            )
            word.mark_own(cells[0])  # police.uk's crime type, in English


def published_summary_docx(word: WordDocument, summary: PublishedAssessment) -> None:
    """The published plan's "What does our strategic assessment tell us?" (public.word)."""
    word.written(summary.assessment.summary)
    for comparison in summary.comparisons:
        comparison_docx(word, comparison, chart=False)
    if summary.findings:
        word.heading(_("Other findings"), 2)
        for finding in summary.findings:
            paragraph = word.paragraph()
            word.run(paragraph, f"{finding.name}. ", bold=True)
            word.run(paragraph, finding.sentence)
            if finding.source:
                word.run(paragraph, " " + _("(Source: %(source)s)") % {"source": finding.source})
            word.mark_own(paragraph)  # the partnership's words
    for heading, risks in (
        (_("Top risks"), summary.top_risks),
        (_("Emerging risks"), summary.emerging_risks),
    ):
        if risks:
            word.heading(heading, 2)
            for risk in risks:
                word.mark_own(word.paragraph(_risk_text(risk), style="List Bullet"))
    if summary.recommendations:
        word.heading(_("What the assessment recommends"), 2)
        for recommendation in summary.recommendations:
            word.mark_own(word.paragraph(recommendation.text, style="List Number"))
    assessment = summary.assessment
    dates = {
        "agreed_on": date_format(assessment.agreed_on, "j F Y") if assessment.agreed_on else "",
        "published_on": date_format(assessment.published_on, "j F Y"),
    }
    word.paragraph(
        (
            _("Agreed by the partnership's board on %(agreed_on)s; published %(published_on)s.")
            if assessment.agreed_on
            else _("Agreed by the partnership's board; published %(published_on)s.")
        )
        % dates
    )


def _risk_text(risk) -> str:
    return f"{risk.title}: {risk.description}" if risk.description else risk.title


def status_text(report: AssessmentReport) -> str:
    assessment = report.assessment
    if not assessment.is_agreed:
        return _("Draft: not yet agreed by the board.")
    agreed_on = date_format(assessment.agreed_on, "j F Y")
    if assessment.agreed_at:
        # Translators: agreed_at is where the board met, e.g. "the board meeting of 3 May"
        return _("Agreed by the board on %(agreed_on)s, %(agreed_at)s.") % {
            "agreed_on": agreed_on,
            "agreed_at": assessment.agreed_at,
        }
    return _("Agreed by the board on %(agreed_on)s.") % {"agreed_on": agreed_on}


def period_text(report: AssessmentReport) -> str:
    a = report.assessment
    return _("%(start)s to %(end)s, compared with %(against_start)s to %(against_end)s.") % {
        "start": date_format(a.period_start, "F Y"),
        "end": date_format(a.period_end, "F Y"),
        "against_start": date_format(a.against_start, "F Y"),
        "against_end": date_format(a.against_end, "F Y"),
    }


def rests_on_lines(report: AssessmentReport) -> list[str]:
    """The police.uk periods held (saferplan's words, a force's English name in them)."""
    return [
        # Translators: force is a police force's English name; label a span of months
        ngettext(
            "police.uk street-level crime and ASB, %(force)s: all %(counter)s month of "
            "%(label)s held",
            "police.uk street-level crime and ASB, %(force)s: all %(counter)s months of "
            "%(label)s held",
            cover["months"],
        )
        % {"force": cover["force"], "counter": cover["months"], "label": cover["label"]}
        for cover in police_uk_held(assessment=report.assessment)
    ]


def _own_after(paragraph, prefix: str, own: str) -> None:
    """`prefix` (saferplan's words: a marking), then `own` (the partnership's words, marked
    with their language)."""
    WordDocument.run(paragraph, own)
    WordDocument.mark_own(paragraph)
    if prefix:
        paragraph.runs[0]._r.addprevious(WordDocument.run(paragraph, prefix)._r)


def _own_bullets(word: WordDocument, items: list[str]) -> None:
    for item in items:
        word.mark_own(word.paragraph(item, style="List Bullet"))


def finding_row(finding) -> list[str]:
    """What a key finding's row says: its words, figures, the test's verdict, rate, source."""
    rate = "" if finding.rate is None else f"{finding.rate:.1f}"
    marking = _("OFFICIAL-SENSITIVE: ") if finding.is_sensitive else ""
    return [
        marking + finding.sentence,
        "–" if finding.previous is None else f"{finding.previous.normalize():f}",
        "–" if finding.current is None else f"{finding.current.normalize():f}",
        finding.get_verdict_display(),
        rate,
        finding.source,
    ]


def finding_header() -> list[str]:
    return [
        _("Finding"),
        _("Before"),
        _("Now"),
        _("More than chance?"),
        _("Per 1,000"),
        _("Source"),
    ]


SIGNIFICANCE_NOTE = gettext_lazy(
    # xgettext:no-python-format
    "“Significant” means the change is more than counts of this size vary by chance (an "
    "exact test of the two counts, at the 5% level)."
)


def assessment_docx(report: AssessmentReport, *, generated_on: datetime.date) -> bytes:
    assessment = report.assessment
    partnership = assessment.partnership
    word = WordDocument(title=assessment.title, author=partnership.name, marking=report.marking)
    word.heading(assessment.title, 0, own=True)
    word.paragraph(
        _("%(partnership)s · produced %(produced)s")
        % {"partnership": partnership.name, "produced": date_format(generated_on, "j F Y")}
    )
    word.paragraph(status_text(report), bold=True)
    word.paragraph(period_text(report))
    word.heading(_("What the data rests on"), 1)
    other_sources = assessment.rests_on.get("other_sources", [])
    word.bullets(
        rests_on_lines(report)
        or ([] if other_sources else [_("No figures held for both periods.")])
    )
    _own_bullets(word, other_sources)  # the series' sources, as the partnership named them
    refused = assessment.rests_on.get("refused", [])
    if refused:
        word.paragraph(_("Left out, because no finding rests on part of a period:"), bold=True)
        _own_bullets(word, refused)  # in the language they were drafted in
    for comparison in report.comparisons:
        word.heading(_("%(place)s: what the figures show") % {"place": comparison.place}, 1)
        comparison_docx(word, comparison, chart=True)
    word.heading(_("The key findings"), 1)
    word.paragraph(SIGNIFICANCE_NOTE)
    if report.findings:
        table = word.table(finding_header(), widths=[5, 1, 1, 2, 1, 3], font_size=9)
        for finding in report.findings:
            cells = word.row(table, ["", *finding_row(finding)[1:]])
            marking = _("OFFICIAL-SENSITIVE: ") if finding.is_sensitive else ""
            _own_after(cells[0].paragraphs[0], marking, finding.sentence)
            word.mark_own(cells[5])  # its source
    else:
        word.paragraph(_("No findings."))
    for heading, risks in (
        (_("Top risks"), report.top_risks),
        (_("Emerging risks"), report.emerging_risks),
    ):
        word.heading(heading, 1)
        for risk in risks:
            marking = _("OFFICIAL-SENSITIVE: ") if risk.is_sensitive else ""
            _own_after(word.paragraph(style="List Bullet"), marking, _risk_text(risk))
        if not risks:
            word.bullets([_("None recorded.")])
    word.heading(_("Recommendations"), 1)
    if report.recommendations:
        for recommendation in report.recommendations:
            marking = _("OFFICIAL-SENSITIVE: ") if recommendation.is_sensitive else ""
            _own_after(word.paragraph(style="List Number"), marking, recommendation.text)
    else:
        word.paragraph(_("None recorded."))
    if report.priority_links:
        word.heading(_("Priorities set from this assessment"), 1)
        word.bullets(
            [
                _("%(plan)s: priority %(priority)s")
                % {"plan": link.priority.plan.title, "priority": link.priority}
                for link in report.priority_links
            ]
        )
    return word.save()


def assessment_pdf(report: AssessmentReport, *, generated_on: datetime.date) -> bytes:
    charts_of = [
        (
            comparison,
            "data:image/svg+xml;base64,"
            + base64.b64encode(charts.change_chart(comparison)).decode(),
            charts.change_alt_text(comparison),
        )
        if comparison.increases or comparison.decreases
        else (comparison, "", "")
        for comparison in report.comparisons
    ]
    return render_pdf(
        "assessments/print/assessment.html",
        {
            "report": report,
            "assessment": report.assessment,
            "partnership": report.assessment.partnership,
            "generated_on": generated_on,
            "status": status_text(report),
            "period": period_text(report),
            "police_uk": police_uk_held(assessment=report.assessment),
            "charts": charts_of,
            "significance_note": SIGNIFICANCE_NOTE,
            "marking": report.marking,
        },
    )
