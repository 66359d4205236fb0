"""The three pages of a record's files (a meeting's papers, a grant's files, an assessment's
files): add one, download one, take one off. The record's own view first reaches the record
through its permission policy (who may read it, who may change it) and then hands over here,
so the rules of the form, the download and the message are written once."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from saferplan.core.forms import confirm_saved

from .forms import AttachmentForm, attach_from
from .responses import download


def add_page(request, *, attach, added, done: HttpResponse, template: str, context: dict):
    """The form to add a file: when a valid one is posted, `attach(name=, checked=, marking=)`
    (the owner's service) keeps it, `added(attachment)` is said and `done` returned;
    otherwise the form (with its errors) in `template`, with `context`."""
    form = AttachmentForm(request.POST or None, request.FILES or None)
    kept = attach_from(request, form, attach)
    if kept is not None:
        confirm_saved(request, added(kept))
        return done
    return render(request, template, context | {"form": form})


def file_of(files, attachment_pk) -> HttpResponse:
    """One of `files` (the owner's many-to-many, reached by the owner's view: all of them are
    for whoever may read the owner, OFFICIAL-SENSITIVE ones too) as a download."""
    return download(get_object_or_404(files, pk=attachment_pk))


def take_off_page(request, *, files, attachment_pk, take_off, removed: str, done: HttpResponse):
    """One of `files` taken off by `take_off(attachment)` (the owner's service); `removed`
    (with %(name)s) is said and `done` returned."""
    kept = get_object_or_404(files, pk=attachment_pk)
    take_off(kept)
    messages.success(request, removed % {"name": kept.name})
    return done
