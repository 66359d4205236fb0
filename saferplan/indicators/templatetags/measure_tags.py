from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from saferplan.indicators.assessment import Status
from saferplan.indicators.selectors import objective_suggestions

register = template.Library()

_STATUS_CSS = {
    Status.ON_TARGET: "govuk-tag--green",
    Status.WITHIN_TOLERANCE: "govuk-tag--yellow",
    Status.OFF_TARGET: "govuk-tag--red",
    Status.NOT_ENOUGH: "govuk-tag--grey",
}


@register.simple_tag
def status_tag(status):
    """A measure's status, in words (the colour only repeats them)."""
    status = Status(status)
    return format_html(
        '<strong class="govuk-tag {} sp-rag"><span class="govuk-visually-hidden">{} '
        "</span>{}</strong>",
        _STATUS_CSS[status],
        _("Status:"),
        status.label,
    )


@register.inclusion_tag("indicators/_suggestion.html")
def suggested_rag(suggestions, objective_id, slug):
    """Beside an objective's RAG rating: what its performance measures suggest."""
    suggestion = suggestions.get(objective_id) if suggestions else None
    return {"suggestion": suggestion, "slug": slug, "separator": True}


# The plans' pages show what measures suggest beside objectives: the measures app puts it
# there through these tags, so that plans (which measures build on) never imports it.
@register.simple_tag
def measure_suggestions(table):
    """{objective id: suggestion} for the objectives of a priority's table (one read)."""
    if table is None:
        return {}
    return objective_suggestions([row.objective.pk for row in table.objectives if row.objective])


@register.simple_tag
def measure_suggestion(objective):
    """What the objective's measures suggest, or None."""
    return objective_suggestions([objective.pk]).get(objective.pk) if objective else None
