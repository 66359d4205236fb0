import base64

from django import template

register = template.Library()


@register.filter
def data_uri(attachment) -> str:
    """The attachment as a data: address, for a PDF (WeasyPrint loads nothing else)."""
    content = attachment.read() if attachment is not None else None
    if content is None:
        return ""
    encoded = base64.b64encode(content).decode("ascii")
    return f"data:{attachment.content_type};base64,{encoded}"
