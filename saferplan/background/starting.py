"""A background job started once, however often the form that starts it is sent
(docs/adr/0027-forms-saved-once.md): a double click, the browser's resend, or a person
sending again a form that was in flight on an app server that died (nginx answers it 502:
docs/administration.md, "Several app servers") would otherwise import the same police.uk
file, or make the same document, twice."""

import hashlib
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.utils.translation import gettext as _

from saferplan.core.forms import save_once
from saferplan.core.submissions import TOKEN_FIELD

from .models import BackgroundJob


def job_start_once(
    request, form: forms.Form, start: Callable[[], BackgroundJob], *, choice: str = ""
) -> BackgroundJob:
    """`start()` (a service queueing the job), unless this form was sent before: then the job
    it started, and a banner saying the form was sent twice.

    What is claimed is the form's token *for this address and `choice`* (the button pressed:
    PDF or Word, which layout): one page's form has several buttons, and "Make the PDF" then
    "Make the Word document" are two jobs, not one sent twice; nor is a token carried to
    another form's address a repeat of anything there."""
    token = form.cleaned_data.get(TOKEN_FIELD)
    if token:
        claimed = f"{token} {request.path} {choice}".encode()
        form.cleaned_data[TOKEN_FIELD] = hashlib.sha256(claimed).hexdigest()
    try:
        job = save_once(request, form, start)
    except ValidationError:
        # The first sending's job is gone (only with its partnership): only a made-up
        # request, or one sent after the partnership was deleted, gets here.
        raise SuspiciousOperation("A form-once token whose job no longer exists.") from None
    if not isinstance(job, BackgroundJob):
        raise SuspiciousOperation("A form-once token that started no job was sent to start one.")
    if getattr(request, "sent_again", False):
        messages.info(
            request,
            _("The form was sent twice: saferplan started this job once, the first time."),
        )
    return job
