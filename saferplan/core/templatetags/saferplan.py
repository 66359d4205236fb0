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
