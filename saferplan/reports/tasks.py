"""Reports' work in the background worker: a board report's or an action plan's PDF or Word
document, made as a background job (saferplan.background) and kept in the upload storage for
a day for the person who asked for it; the job's page shows its progress, then offers it for
download (docs/adr/0013)."""

import datetime
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from saferplan.accounts.models import User
from saferplan.background.models import DOCUMENT_KINDS, BackgroundJob
from saferplan.background.progress import progress_add
from saferplan.background.services import (
    job_failing,
    job_finish,
    job_queue,
    job_running,
    upload_storage,
)
from saferplan.core.documents.downloads import CONTENT_TYPES, file_name
from saferplan.plans.models import Plan
from saferplan.plans.permissions import plan_policy

from .action_plan_files import action_plan_file
from .board_documents import board_report_document, document_name
from .models import BoardReport

# Documents made in the background are kept this long for their maker to download.
DOCUMENT_KEPT = datetime.timedelta(days=1)
# The worker writes its words in the language of the page the job was started from.
FAILED = gettext_lazy("Something went wrong in saferplan while making the document.")


@transaction.atomic
def board_report_document_start(*, actor: User, report: BoardReport, kind: str) -> BackgroundJob:
    """Queue making the board report's PDF ("pdf") or Word document ("docx")."""
    return job_queue(
        run_board_report_document,
        actor=actor,
        partnership=report.plan.partnership,
        kind=BackgroundJob.Kind.BOARD_REPORT_DOCUMENT,
        file_name=document_name(report, kind),
        options={
            "report": report.pk,
            "format": kind,
            "title": report.title,
            # For the job's download, which knows no report's formats.
            "content_type": CONTENT_TYPES[kind],
        },
    )


@task()
def run_board_report_document(job_id: int) -> None:
    with job_running(job_id) as job:
        if job is None:
            return
        _make_board_report_document(job)


def _make_board_report_document(job: BackgroundJob) -> None:
    _forget_old_documents()
    report = (
        BoardReport.objects.select_related("plan__partnership")
        .filter(pk=job.options["report"])
        .first()
    )
    if report is None:
        job_finish(job, BackgroundJob.Status.FAILED, _("The board report has been deleted."))
        return
    with job_failing(job, (), str(FAILED)):
        content = board_report_document(
            report, job.options["format"], progress=lambda line: progress_add(job.pk, line)
        )
        _keep(job, content)


@transaction.atomic
def action_plan_document_start(
    *, actor: User, plan: Plan, kind: str, quarter_view: bool
) -> BackgroundJob:
    """Queue making the action plan's PDF ("pdf") or Word document ("docx"), in its table
    layout or by quarter, as `actor` may read it (OFFICIAL-SENSITIVE items for members of
    the plan's partnership)."""
    return job_queue(
        run_action_plan_document,
        actor=actor,
        partnership=plan.partnership,
        kind=BackgroundJob.Kind.ACTION_PLAN_DOCUMENT,
        file_name=file_name(
            kind=kind,
            partnership=plan.partnership,
            title=plan.title,
            suffix="-quarters" if quarter_view else "",
        ),
        options={
            "plan": plan.pk,
            "format": kind,
            "quarter_view": quarter_view,
            "title": plan.title,
            "content_type": CONTENT_TYPES[kind],
        },
    )


@task()
def run_action_plan_document(job_id: int) -> None:
    with job_running(job_id) as job:
        if job is None:
            return
        _make_action_plan_document(job)


def _make_action_plan_document(job: BackgroundJob) -> None:
    _forget_old_documents()
    plan = Plan.objects.select_related("partnership").filter(pk=job.options["plan"]).first()
    if plan is None:
        job_finish(job, BackgroundJob.Status.FAILED, _("The plan has been deleted."))
        return
    # Asked for seconds ago, but the person may have left the partnership since: the
    # document is made as they may read the plan now, or not at all.
    reader = job.started_by
    if reader is None or not plan_policy.user_has_permission_for_instance(reader, "view", plan):
        job_finish(
            job,
            BackgroundJob.Status.FAILED,
            _("The person who asked for it may no longer read %(title)s.") % {"title": plan.title},
        )
        return
    with job_failing(job, (), str(FAILED)):
        content = action_plan_file(
            plan=plan,
            user=reader,
            kind=job.options["format"],
            quarter_view=job.options["quarter_view"],
            public=False,
            progress=lambda line: progress_add(job.pk, line),
        )
        _keep(job, content)


def _keep(job: BackgroundJob, content: bytes) -> None:
    """Store the document made, for its maker, and say the job is done."""
    stored = upload_storage().save(
        f"documents/{uuid.uuid4().hex}.{job.options['format']}", ContentFile(content)
    )
    recorded = job_finish(
        job,
        BackgroundJob.Status.DONE,
        (
            _("The Word document is ready (%(size)s). It is kept for a day.")
            if job.is_word
            else _("The PDF is ready (%(size)s). It is kept for a day.")
        )
        % {"size": _size(len(content))},
        stored_file=stored,
    )
    if not recorded:  # a later attempt holds the job: its document is the one kept
        upload_storage().delete(stored)


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count // 1024 + 1} KB"


def _forget_old_documents() -> None:
    """Delete documents made more than DOCUMENT_KEPT ago (their jobs say so)."""
    old = BackgroundJob.objects.filter(
        kind__in=DOCUMENT_KINDS,
        finished_at__lt=timezone.now() - DOCUMENT_KEPT,
    ).exclude(stored_file="")
    for job in old:
        upload_storage().delete(job.stored_file)
    old.update(stored_file="")
