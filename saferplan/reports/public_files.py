"""The public's Word, Excel and PDF copies of a published action plan, made once per version
of the plan by the background worker and kept in the upload storage: anyone may ask for
them, and a 100-action plan's PDF takes seconds of the server's time, so every visitor (or a
crawler asking again and again) gets the copy made for the first, until the plan changes or
the day ends. The first visitor after a change is told the document is being made and given
the link again (reports.views); the worker makes it once however many ask meanwhile. Should
the worker not have made it within WORKER_GRACE (stopped, or far behind), the request makes
it itself: a visitor is never sent round in circles.

A kept copy is right for as long as its key holds: the plan's content version (raised in the
transaction of every write to what the plan shows: plans.cache), its modification time,
today's date (the document is dated and its stale and overdue flags move with the day), the
partnership's RAG key wording, the format and the layout. Copies are OFFICIAL only: what
reports.action_plan gives the public, never a member's view."""

import datetime
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django_tasks import task

from saferplan.background.services import upload_storage
from saferplan.core import clock
from saferplan.plans import cache as plan_cache
from saferplan.plans.models import Plan
from saferplan.plans.selectors import rag_key

from .action_plan_files import action_plan_file
from .open_data import public_rows_allowed

FOLDER = "public-documents"
# A copy older than this is deleted when the next one is made (its key has moved on anyway).
KEPT = datetime.timedelta(days=1)
# How long the request leaves the worker to make a copy before making it itself, seconds.
WORKER_GRACE = 60


def public_action_plan_file(
    *, plan: Plan, kind: str, quarter_view: bool, language: str = settings.LANGUAGE_CODE
) -> bytes | None:
    """The published plan as `kind` for anyone, in `language` (cy: the Welsh page's PDF and
    Word): the kept copy, or None while the background worker makes it (asked for here,
    once)."""
    name = _name(plan, kind, quarter_view, language)
    kept = _kept(name)
    if kept is not None:
        return kept
    asked = f"saferplan:public-document-asked:{name}"
    if cache.add(asked, time.time(), timeout=WORKER_GRACE * 10):
        make_public_action_plan_file.enqueue(plan.pk, kind, quarter_view, language)
        kept = _kept(name)  # a worker as quick as the tests' has made it already
        return kept
    if time.time() - cache.get(asked, time.time()) < WORKER_GRACE:
        return None
    return _make(plan, kind, quarter_view, name, language)


@task()
def make_public_action_plan_file(
    plan_pk: int, kind: str, quarter_view: bool, language: str = settings.LANGUAGE_CODE
) -> None:
    """Make the public's copy of the plan as it is now, unless there is one, or the plan is
    no longer published (then there is nothing for the public)."""
    plan = Plan.objects.select_related("partnership").filter(pk=plan_pk).first()
    if plan is None or not public_rows_allowed(plan):
        return
    name = _name(plan, kind, quarter_view, language)
    if not upload_storage().exists(name):
        _make(plan, kind, quarter_view, name, language)


def _make(plan: Plan, kind: str, quarter_view: bool, name: str, language: str) -> bytes:
    with translation.override(language):
        body = action_plan_file(
            plan=plan, user=AnonymousUser(), kind=kind, quarter_view=quarter_view, public=True
        )
    _forget_old_copies()
    storage = upload_storage()
    if not storage.exists(name):  # another request may have made it meanwhile
        storage.save(name, ContentFile(body))
    return body


def _kept(name: str) -> bytes | None:
    storage = upload_storage()
    if not storage.exists(name):
        return None
    try:
        with storage.open(name, "rb") as kept:
            return kept.read()
    except FileNotFoundError:  # deleted as old meanwhile
        return None


def _name(plan: Plan, kind: str, quarter_view: bool, language: str) -> str:
    return f"{FOLDER}/{_key(plan, kind, quarter_view, language)}.{kind}"


def _key(plan: Plan, kind: str, quarter_view: bool, language: str) -> str:
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
        language,
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
