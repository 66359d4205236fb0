from django import template
from django.utils.html import format_html

from saferplan.indicators.assessment import Status

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
        '<strong class="govuk-tag {} sp-rag"><span class="govuk-visually-hidden">Status: '
        "</span>{}</strong>",
        _STATUS_CSS[status],
        status.label,
    )


@register.inclusion_tag("indicators/_suggestion.html")
def suggested_rag(suggestions, objective_id, slug):
    """Beside an objective's RAG rating: what its performance measures suggest."""
    suggestion = suggestions.get(objective_id) if suggestions else None
    return {"suggestion": suggestion, "slug": slug, "separator": True}
