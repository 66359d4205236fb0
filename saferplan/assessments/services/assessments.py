"""Writes of strategic assessments, their findings and risks, each audited.

Findings are drafted from the data the partnership holds, never from a period with missing
months or a missing force: the comparison selectors (crimedata.selectors) refuse those
figures and say why, and the draft lists what was refused instead of drawing a finding."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from saferplan.core import audit, languages
from saferplan.core.audit import Actor
from saferplan.crimedata import categories, significance
from saferplan.crimedata.comparisons import Comparison, ComparisonRow
from saferplan.crimedata.history import police_uk_history, police_uk_months, series_history
from saferplan.crimedata.periods import Period, month_label
from saferplan.crimedata.selectors import custom_comparison, police_uk_comparison

from ..models import (
    Finding,
    Risk,
    RiskKind,
    StrategicAssessment,
    Verdict,
)
from .matrix import candidates_from_findings

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership

ASSESSMENT_FIELDS = ["title", "period_start", "period_end", "against_start", "against_end"]
FINDING_FIELDS = ["name", "sentence", "source", "marking", "position"]
RISK_FIELDS = ["kind", "title", "description", "marking", "position"]


def rests_on(comparisons: list[Comparison]) -> dict:
    """What the findings were drafted from, kept with the assessment: the police.uk months
    and forces of each period, the other sources, and the figures refused (and why)."""
    police, *others = comparisons
    return {
        "police_uk": [
            cover.as_dict() | {"months": cover.period.length, "label": cover.period.label}
            for cover in police.coverage
        ],
        "other_sources": [c.source for c in others if c.rows],
        "refused": [note for c in comparisons for note in c.notes]
        + [
            gettext("%(name)s: no figure for both periods, so no finding is drawn.")
            % {"name": row.name}
            for c in comparisons
            for row in c.incomplete
            if c.has_figures or row.current is not None or row.previous is not None
        ],
    }


def _source(comparison: Comparison) -> str:
    """Where a finding's figure comes from, in English whatever the page's language: the
    findings of one source are told apart by it (selectors.comparisons_of)."""
    with translation.override("en"):
        return _source_in_english(comparison)


def _source_in_english(comparison: Comparison) -> str:
    if comparison.coverage:
        forces = sorted({cover.force_name for cover in comparison.coverage})
        return (
            f"police.uk street-level crime and ASB, {' and '.join(forces)}: "
            f"{comparison.period.label} against {comparison.against.label}"
        )
    return f"{comparison.source}: {comparison.period.label} against {comparison.against.label}"


def _tested(row: ComparisonRow, period: Period, against: Period) -> tuple[str, float | None]:
    """The verdict on the row's change and its p-value. Only counts are tested (a rate or
    a percentage is not a count of independent events)."""
    if row.unit == "per cent" or row.current is None or row.previous is None:
        return Verdict.UNTESTED, None
    current, previous = row.current, row.previous
    if current != int(current) or previous != int(previous) or current < 0 or previous < 0:
        return Verdict.UNTESTED, None
    change = significance.change_significance(
        previous=int(previous),
        current=int(current),
        previous_exposure=against.length,
        current_exposure=period.length,
    )
    return _VERDICTS.get(change.verdict, Verdict.UNTESTED), change.p_value


# The test's verdicts as a finding keeps them; "no records in either period" is not tested.
_VERDICTS = {"rise": Verdict.RISE, "fall": Verdict.FALL, "normal": Verdict.NORMAL}


@transaction.atomic
def assessment_draft(
    *, actor: "User", partnership: "Partnership", title: str, period: Period, against: Period
) -> StrategicAssessment:
    """A new draft assessment with a finding for every figure held for both periods, in the
    county's order (all crime and ASB, then each category, then the other sources), and
    the priority-setting matrix's issues drawn from them. The findings' sentences are written
    in the installation's language (languages.stored_language), as every member reads them."""
    with languages.stored_language():
        return _draft(
            actor=actor, partnership=partnership, title=title, period=period, against=against
        )


def _draft(
    *, actor: "User", partnership: "Partnership", title: str, period: Period, against: Period
) -> StrategicAssessment:
    comparisons = [
        police_uk_comparison(partnership, period, against),
        custom_comparison(partnership, period, against),
    ]
    drafted = [
        (comparison, row)
        for comparison in comparisons
        for row in [*comparison.top, *comparison.decreases, *comparison.increases]
        if row.complete
    ]
    data = rests_on(comparisons)
    assessment = audit.create(
        StrategicAssessment,
        actor=actor,
        partnership=partnership,
        logged_fields=ASSESSMENT_FIELDS,
        reason=f"{len(drafted)} findings drafted from the data; "
        f"{len(data['refused'])} figures refused",
        partnership_id=partnership.pk,
        title=title,
        period_start=period.start,
        period_end=period.end,
        against_start=against.start,
        against_end=against.end,
        rests_on=data,
    )
    histories = [police_uk_history(partnership, period), series_history(partnership, period)]
    population = partnership.population
    for position, (comparison, row) in enumerate(drafted, start=1):
        verdict, p_value = _tested(row, period, against)
        history = next((h.of(row.key) for h in histories if h.of(row.key)), [])
        Finding.objects.create(
            history=history if len(history) >= MIN_TREND_YEARS else [],
            rate=_per_thousand(row, population),
            assessment=assessment,
            position=position,
            key=row.key,
            top=row.top,
            name=row.name,
            unit=row.unit,
            current=row.current,
            previous=row.previous,
            verdict=verdict,
            p_value=p_value,
            source=_source(comparison),
            sentence=row.sentence(year_apart=comparison.year_apart),
            created_by=actor,
            modified_by=actor,
        )
    candidates_from_findings(actor=actor, assessment=assessment)
    _emerging_risks(actor=actor, assessment=assessment, partnership=partnership, period=period)
    return assessment


# A trend is drawn over three years or more (issue 23): two points are a comparison.
MIN_TREND_YEARS = 3


def _per_thousand(row: ComparisonRow, population: int | None) -> Decimal | None:
    """The period's count per 1,000 residents, to two places; None for a rate or a
    percentage, or when the partnership has not entered its population."""
    if not population or row.current is None or row.unit not in ("offences", "incidents"):
        return None
    return (Decimal(row.current) * 1000 / population).quantize(Decimal("0.01"))


def _emerging_risks(*, actor, assessment, partnership, period: Period) -> None:
    """An emerging risk for each police.uk category whose monthly counts up to the period's
    end rise beyond their own variation (crimedata.significance.sustained_rise): the
    latest month above the upper limit, or seven or more in a row above the mean. Marked
    as drawn from the data; the analyst keeps, rewords or adds to them."""
    series = police_uk_months(partnership, period.end)
    if len(series.months) < significance.MIN_POINTS:
        return
    span = gettext("%(start)s to %(end)s") % {
        "start": month_label(series.months[0]),
        "end": month_label(series.months[-1]),
    }
    position = assessment.risks.count()
    for category, counts in sorted(series.counts.items(), key=lambda c: categories.label(c[0])):
        check = significance.sustained_rise(list(counts))
        if not check.rising:
            continue
        position += 1
        Risk.objects.create(
            assessment=assessment,
            kind=RiskKind.EMERGING,
            position=position,
            title=gettext("%(category)s: a sustained rise")
            % {"category": categories.label(category)},
            description=ngettext(
                "%(count)s month of police.uk records, %(span)s: %(sentence)s. "
                "The mean is %(mean)s a month; the latest month has %(latest)s.",
                "%(count)s months of police.uk records, %(span)s: %(sentence)s. "
                "The mean is %(mean)s a month; the latest month has %(latest)s.",
                len(counts),
            )
            % {
                "count": len(counts),
                "span": span,
                "sentence": check.sentence,
                "mean": f"{check.mean:.1f}",
                "latest": counts[-1],
            },
            from_data=True,
            created_by=actor,
            modified_by=actor,
        )


@transaction.atomic
def finding_update(*, actor: "User", finding: Finding, approved: bool, **fields) -> Finding:
    """The analyst's words for a finding, its marking, and whether they approve it. A
    change of words after approval withdraws the approval: it approved other words."""
    finding.assessment.refuse_if_agreed()
    values = dict(fields)
    words = (values.get("sentence", finding.sentence), values.get("name", finding.name))
    changed_words = words != (finding.sentence, finding.name)
    if not approved:
        values.update(approved_by=None, approved_at=None)
    elif changed_words or finding.approved_at is None:
        values.update(approved_by=actor, approved_at=timezone.now())
    finding, _ = audit.change(
        finding,
        actor=actor,
        partnership=finding.assessment.partnership,
        logged_fields=[*FINDING_FIELDS, "approved_by"],
        **values,
    )
    return finding


@transaction.atomic
def finding_add(
    *,
    actor: "User",
    assessment: StrategicAssessment,
    name: str,
    sentence: str,
    source: str = "",
    marking: str = "official",
) -> Finding:
    """A finding the analyst writes, not drawn from figures saferplan holds (a survey's
    result, a partner's report): it says its source and is not tested for chance."""
    assessment.refuse_if_agreed()
    return audit.create(
        Finding,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=FINDING_FIELDS,
        assessment=assessment,
        position=assessment.findings.count() + 1,
        name=name,
        sentence=sentence,
        source=source,
        marking=marking,
        verdict=Verdict.UNTESTED,
    )


@transaction.atomic
def risk_add(*, actor: Actor, assessment: StrategicAssessment, **fields) -> Risk:
    assessment.refuse_if_agreed()
    return audit.create(
        Risk,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=RISK_FIELDS,
        assessment=assessment,
        **fields,
    )
