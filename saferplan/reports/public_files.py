"""The public's Word, Excel and PDF copies of a published action plan, made once per version
of the plan and kept in the upload storage: anyone may ask for them, and a 100-action plan's
PDF takes seconds of the server's time, so a visitor (or a crawler asking again and again)
gets the copy made for the first, until the plan changes or the day ends.

A kept copy is right for as long as its key holds: the plan's content version (raised in the
transaction of every write to what the plan shows: plans.cache), its modification time,
today's date (the document is dated and its stale and overdue flags move with the day), the
partnership's RAG key wording, the format and the layout. Copies are OFFICIAL only: what
reports.action_plan gives the public, never a member's view."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import timezone

from saferplan.background.services import upload_storage
from saferplan.core import clock
from saferplan.plans import cache as plan_cache
from saferplan.plans.models import Plan
from saferplan.plans.selectors import rag_key

from .action_plan_files import action_plan_file

FOLDER = "public-documents"
# A copy older than this is deleted when the next one is made (its key has moved on anyway).
KEPT = datetime.timedelta(days=1)


def public_action_plan_file(*, plan: Plan, kind: str, quarter_view: bool) -> bytes:
    """The published plan as `kind` for anyone: the kept copy, or a new one made and kept."""
    storage = upload_storage()
    name = f"{FOLDER}/{_key(plan, kind, quarter_view)}.{kind}"
    if storage.exists(name):
        with storage.open(name, "rb") as kept:
            return kept.read()
    body = action_plan_file(
        plan=plan, user=AnonymousUser(), kind=kind, quarter_view=quarter_view, public=True
    )
    _forget_old_copies()
    if not storage.exists(name):  # another request may have made it meanwhile
        storage.save(name, ContentFile(body))
    return body


def _key(plan: Plan, kind: str, quarter_view: bool) -> str:
    return plan_cache.key(
        "public-action-plan",
        plan.pk,
        plan.created_at,
        plan.modified_at,
        plan.content_version,
        clock.today(),
        rag_key(partnership=plan.partnership),
        kind,
        quarter_view,
    ).removeprefix("saferplan:")


def _forget_old_copies() -> None:
    storage = upload_storage()
    if not storage.exists(FOLDER):
        return
    too_old = timezone.now() - KEPT
    for name in storage.listdir(FOLDER)[1]:
        path = f"{FOLDER}/{name}"
        try:
            if storage.get_modified_time(path) < too_old:
                storage.delete(path)
        except FileNotFoundError:  # deleted by another request meanwhile
            continue
