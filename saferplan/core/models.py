"""Base models and the audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .permissions import sees_sensitive_of


class Marking(models.TextChoices):
    """Government Security Classification marking of a record."""

    OFFICIAL = "official", _("OFFICIAL")
    OFFICIAL_SENSITIVE = "official_sensitive", _("OFFICIAL-SENSITIVE")


class MarkedQuerySet(models.QuerySet):
    """Records with a `marking`: the sensitivity rule as named queryset methods, used alike
    by pages, the API, exports, reports and the public site."""

    def not_sensitive(self):
        """What may be shown outside the owning partnership(s)."""
        return self.exclude(marking=Marking.OFFICIAL_SENSITIVE)

    def visible_to(self, user, *, partnership_ids):
        """Everything for a member of one of `partnership_ids` (the records' owners) or an
        administrator; nothing OFFICIAL-SENSITIVE for anyone else. Owners unknown (None):
        sensitive records for administrators only."""
        return self if sees_sensitive_of(user, partnership_ids) else self.not_sensitive()


class MarkedModel(models.Model):
    """A record with its own marking, read through the sensitivity rule (MarkedQuerySet)."""

    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)

    objects = MarkedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_sensitive(self) -> bool:
        return self.marking == Marking.OFFICIAL_SENSITIVE


class TimeStampedModel(models.Model):
    """Who created and last changed a record, and when. Set by services, never by views."""

    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One write: who did what to which record, when, and the fields it changed (old → new).

    Rows are only ever added (saferplan.core.audit.log); nothing in the product edits or
    deletes them. `partnership` scopes the log so that a coordinator reads their own;
    `shared_with` puts it in the logs of the other partnerships that share the record.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Kept as text as well so the log still says who it was if the user is deleted.
    actor_name = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    # A change to a record several partnerships share (a joint action, a shared
    # organisation, a force-month of police.uk data) is in each of their logs, not only in
    # the log of the partnership whose member made it.
    shared_with = models.ManyToManyField(
        "partnerships.Partnership",
        blank=True,
        related_name="shared_audit_events",
        verbose_name=_("also in the logs of"),
    )
    object_type = models.CharField(max_length=100)  # "partnerships.group"
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=255)
    changes = models.JSONField(default=dict, blank=True)  # {"field label": [old, new]}
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["partnership", "-occurred_at"], name="audit_partnership_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.actor_name or 'system'} {self.get_action_display().lower()} {self.object_repr}"
        )


class FormSubmission(models.Model):
    """A form's one-time token, kept once the write it carried was saved, with what that
    write made: the same form sent again (a double click, a resend) finds it and saves
    nothing (saferplan.core.submissions, docs/adr/0027-forms-saved-once.md)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # What the write made ("plans.update", its primary key): shown to whoever sends it again.
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="form_submitted_once")
        ]

    def __str__(self) -> str:
        return f"Form {self.token} of {self.user_id}"
