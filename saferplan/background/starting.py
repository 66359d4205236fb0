"""A background job started once, however often the form that starts it is sent
(docs/adr/0027-forms-saved-once.md): a double click, the browser's resend, or a proxy
sending a POST again after the app server that had it died (docs/administration.md,
"Several app servers") would otherwise import the same police.uk file, or make the same
document, twice."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext as _

from saferplan.core.forms import save_once

from .models import BackgroundJob


def job_start_once(request, form: forms.Form, start: Callable[[], BackgroundJob]) -> BackgroundJob:
    """`start()` (a service queueing the job), unless this form (its submission token) was
    sent before: then the job it started, and a banner saying the form was sent twice."""
    job = save_once(request, form, start)
    if not isinstance(job, BackgroundJob):
        # Only a made-up request sends the token of another kind of form here.
        raise SuspiciousOperation("A submission token of another form was sent to start a job.")
    if getattr(request, "sent_again", False):
        messages.info(
            request,
            _("The form was sent twice: saferplan started this job once, the first time."),
        )
    return job
