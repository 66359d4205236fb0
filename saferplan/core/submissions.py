"""A form saved once, however many times it is sent (docs/adr/0027-forms-saved-once.md).

A form that creates something carries a one-time token (`submission_token_field`), made
when the form is drawn. `submission_save` claims the token and runs the write in one
transaction: the claim is a row under a unique constraint, so a second request with the
same token waits for the first to commit (PostgreSQL's unique index; SQLite's single writer)
and then finds the row, and nothing is written twice. The write failing (a validation error,
an edit conflict) rolls the claim back with it, so the corrected form can be sent again.
"""

import datetime
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import FormSubmission

if TYPE_CHECKING:
    from saferplan.accounts.models import User

T = TypeVar("T")
TOKEN_FIELD = "submission_token"  # noqa: S105 (a form field's name, not a secret)
# A form sent again later than this (the back button, a week on) is a new submission.
KEPT_FOR = datetime.timedelta(days=7)


class AlreadySavedError(Exception):
    """The form was sent before and saved then: `earlier` is what it made."""

    def __init__(self, earlier: models.Model):
        super().__init__(f"Already saved: {earlier}")
        self.earlier = earlier


def new_token() -> str:
    return secrets.token_hex(16)


def submission_token_field() -> forms.CharField:
    """The hidden field of a form that creates something: a new token each time an unbound
    form is drawn; the same token when a form with errors is drawn again."""
    return forms.CharField(
        widget=forms.HiddenInput, required=False, initial=new_token, max_length=64
    )


@transaction.atomic
def submission_save(*, actor: "User", token: str, save: Callable[[], T]) -> T:
    """Run `save` (a service) unless `actor` has sent `token` before. Returns what `save`
    returns; raises AlreadySavedError with what it made the first time. No token (a script, a form
    drawn before tokens existed): `save` runs."""
    if not token or actor is None or not actor.is_authenticated:
        return save()
    try:
        with transaction.atomic():
            claim = FormSubmission.objects.create(user=actor, token=token)
    except IntegrityError:
        raise AlreadySavedError(_earlier(actor, token)) from None
    saved = save()
    if isinstance(saved, models.Model) and saved.pk is not None:
        claim.object_type = saved._meta.label_lower
        claim.object_id = str(saved.pk)
        claim.save(update_fields=["object_type", "object_id"])
    FormSubmission.objects.filter(submitted_at__lt=timezone.now() - KEPT_FOR).delete()
    return saved


def _earlier(actor: "User", token: str) -> models.Model:
    claim = FormSubmission.objects.get(user=actor, token=token)
    earlier = None
    if claim.object_type:
        model = apps.get_model(claim.object_type)
        earlier = model._default_manager.filter(pk=claim.object_id).first()
    if earlier is None:  # made nothing one can show, or since deleted
        raise ValidationError(
            _("This form was sent already and saved then. Open the page again to start afresh.")
        )
    return earlier
