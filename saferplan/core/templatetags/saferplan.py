from django import template

register = template.Library()


@register.filter
def audit_value(value) -> str:
    """An old or new value from the audit log, as a person reads it."""
    if value is None or value == "" or value == []:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


# RAG as a GOV.UK tag: the word is always written; the colour only repeats it.
_RAG_TAGS = {
    "red": ("govuk-tag--red", "Red"),
    "amber": ("govuk-tag--orange", "Amber"),
    "green": ("govuk-tag--green", "Green"),
    "white": ("sp-tag--white", "White"),
}


@register.inclusion_tag("includes/rag_tag.html")
def rag_tag(rating, *, hint: str = ""):
    """`{% rag_tag action.current_rag %}`: an unrated item shows as White (not started)."""
    css, label = _RAG_TAGS.get(rating or "white", _RAG_TAGS["white"])
    return {"css": css, "label": label, "hint": hint}


@register.inclusion_tag("includes/marking_tag.html")
def marking_tag(marking):
    """Shows OFFICIAL-SENSITIVE; plain OFFICIAL, the default, needs no label."""
    return {"sensitive": marking == "official_sensitive"}


_STATUS_TAGS = {
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--teal",
    "complete": "govuk-tag--green",
    "discharged": "govuk-tag--purple",
    "draft": "govuk-tag--grey",
    "approved": "govuk-tag--teal",
    "published": "govuk-tag--green",
    "archived": "govuk-tag--purple",
}


@register.simple_tag
def status_class(status) -> str:
    return _STATUS_TAGS.get(status, "govuk-tag--grey")


@register.filter
def quarter_label(quarter) -> str:
    """(2019, 1) → "Q1 2019-20" (Q1 is April to June)."""
    year, number = quarter
    return f"Q{number} {year}-{str(year + 1)[-2:]}"
