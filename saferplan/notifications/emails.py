"""The emails: plain text with an HTML alternative, from templates, with absolute links to
saferplan (SAFERPLAN_BASE_URL, since reminders are sent by a command, not a request)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send(*, to, subject: str, template: str, context: dict) -> None:
    context = {"base_url": settings.SAFERPLAN_BASE_URL.rstrip("/"), "user": to, **context}
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    # One line, whatever a group's or an action's name holds: a line break in a header is
    # refused by the mail library, and would stop the day's reminders.
    subject = " ".join(subject.split())
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to.email])
    message.attach_alternative(html, "text/html")
    message.send()
