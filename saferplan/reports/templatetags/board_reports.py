"""`{% latest_board_report partnership %}`: a block for the partnership overview linking to
the latest board report, so that the overview's view need not know about reports."""

from django import template

from ..selectors import latest_board_report as latest

register = template.Library()


@register.inclusion_tag("reports/_latest_board_report.html")
def latest_board_report(partnership) -> dict:
    return {"partnership": partnership, "report": latest(partnership=partnership)}
