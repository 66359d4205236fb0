import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from saferplan.core.csv_download import csv_response
from saferplan.core.forms import add_service_errors
from saferplan.core.streaming import failure_summary, progress_page
from saferplan.core.templatetags.saferplan import own_words_in
from saferplan.partnerships.access import partnership_for
from saferplan.plans.models import Plan, PlanStatus

from . import seen, selectors, services
from .corrections import MEANINGS, TITLE_LEVELS, CorrectionError
from .forms import OwnerMatchForm, UploadForm
from .models import PlanImport
from .parsed import PlanFileError
from .readers import parse_plan


@login_required
def upload(request, slug):
    partnership = partnership_for(request, slug, "manage")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            parsed = parse_plan(content, upload.name)
        except PlanFileError as error:
            form.add_error("file", str(error))
        else:
            pending = services.import_create(
                actor=request.user,
                partnership=partnership,
                file_name=upload.name,
                content=content,
                parsed=parsed,
            )
            return redirect("imports:preview", slug=slug, pk=pending.pk)
    history = partnership.plan_imports.select_related("plan", "created_by").exclude(
        status=PlanImport.Status.PREVIEW
    )[:20]
    return render(
        request,
        "imports/upload.html",
        {"partnership": partnership, "form": form, "history": history},
    )


def _pending(request, slug, pk) -> PlanImport:
    partnership = partnership_for(request, slug, "manage")
    return get_object_or_404(
        PlanImport, pk=pk, partnership=partnership, status=PlanImport.Status.PREVIEW
    )


@login_required
def preview(request, slug, pk):
    pending = _pending(request, slug, pk)
    partnership = pending.partnership
    try:
        parsed = services.import_parsed(pending=pending)
    except PlanFileError as error:
        messages.error(request, str(error))
        return redirect("imports:upload", slug=slug)
    matcher = selectors.owner_matcher(partnership=partnership)
    unmatched = selectors.unmatched_owners(parsed=parsed, matcher=matcher)
    kept_apart = set(pending.no_merge)
    warnings_by_kind: dict[str, list] = {}
    for warning in parsed.warnings:
        warnings_by_kind.setdefault(warning.kind, []).append(warning)
    undated = warnings_by_kind.pop("undated", [])
    return render(
        request,
        "imports/preview.html",
        {
            "partnership": partnership,
            "pending": pending,
            "parsed": parsed,
            "counts": parsed.counts(),
            "merges": warnings_by_kind.pop("merged", []),
            "kept_apart": sorted(kept_apart),
            "undated": undated,
            # What may be missing from the result: shown first, never folded away.
            "incomplete": [
                w for kind in sorted(seen.INCOMPLETE) for w in warnings_by_kind.pop(kind, [])
            ],
            "other_warnings": [w for group in warnings_by_kind.values() for w in group],
            "other_count": len(undated) + sum(len(group) for group in warnings_by_kind.values()),
            "owner_forms": [
                (
                    text,
                    count,
                    OwnerMatchForm(
                        partnership=partnership,
                        initial={"owner_text": text},
                        prefix=f"owner{index}",
                    ),
                )
                for index, (text, count) in enumerate(sorted(unmatched.items()))
            ],
            "previous": selectors.previous_import(partnership=partnership, digest=pending.sha256),
            "tables": _tables_to_correct(parsed.tables),
            "meanings": list(MEANINGS.items()),
            "title_levels": list(TITLE_LEVELS.items()),
            "corrected": bool(pending.column_meanings or pending.title_rows),
        },
    )


def _tables_to_correct(tables: list[dict]) -> list[dict]:
    """The tables as read, each column offered for correction where its heading first
    appears (a meaning is chosen for a heading, wherever it heads a column)."""
    first: dict[str, int] = {}
    for table in tables:
        for column in table["columns"]:
            column["offered"] = column["key"] not in first
            column["as_in"] = first.setdefault(column["key"], table["index"])
    return tables


@login_required
@require_POST
def correct(request, slug, pk):
    """Read the file again with the person's choices of column meanings and title-row levels
    (a plain form: no JavaScript needed)."""
    pending = _pending(request, slug, pk)
    chosen_columns = {
        request.POST[name.replace("meaning:", "heading:")]: value
        for name, value in request.POST.items()
        if name.startswith("meaning:") and name.replace("meaning:", "heading:") in request.POST
    }
    parsed = services.import_parsed(pending=pending)
    as_read = {c["key"]: c["meaning"] for t in parsed.tables for c in t["columns"]}
    levels = {r["key"]: r["level"] for r in parsed.title_rows}
    try:
        services.import_correct(
            pending=pending,
            columns={k: v for k, v in chosen_columns.items() if as_read.get(k) != v},
            title_rows={
                name.removeprefix("title:"): value
                for name, value in request.POST.items()
                if name.startswith("title:") and levels.get(name.removeprefix("title:")) != value
            },
        )
    except (CorrectionError, PlanFileError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The document was read again with your choices."))
    return redirect("imports:preview", slug=slug, pk=pk)


@login_required
def mapping(request, slug, pk):
    """The choices made on the preview, as the mapping file `saferplan import-plan --mapping`
    reads."""
    pending = _pending(request, slug, pk)
    response = HttpResponse(
        json.dumps(pending.corrections.as_dict(), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="import-choices.json"'
    return response


@login_required
@require_POST
def keep_apart(request, slug, pk):
    pending = _pending(request, slug, pk)
    try:
        services.import_keep_apart(
            pending=pending,
            undo_key=request.POST.get("undo_key", ""),
            keep_apart=request.POST.get("keep") == "1",
        )
    except PlanFileError as error:
        messages.error(request, str(error))
    else:
        keep = request.POST.get("keep") == "1"
        messages.success(
            request,
            _("The rows are kept apart: the preview below is read again.")
            if keep
            else _("The rows are joined again: the preview below is read again."),
        )
    return redirect("imports:preview", slug=slug, pk=pk)


@login_required
@require_POST
def resolve_owner(request, slug, pk):
    pending = _pending(request, slug, pk)
    prefix = request.POST.get("prefix", "")
    form = OwnerMatchForm(request.POST, partnership=pending.partnership, prefix=prefix)
    if form.is_valid():
        try:
            services.owner_resolve(
                actor=request.user, partnership=pending.partnership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(cleaned_data)s” will be matched from now on.")
                % {"cleaned_data": form.cleaned_data["owner_text"]},
            )
    else:
        messages.error(request, _("Choose what the owner is."))
    return redirect("imports:preview", slug=slug, pk=pk)


PROGRESS_EVERY = 25  # actions between two progress lines


@login_required
@require_POST
def confirm(request, slug, pk):
    """Import the previewed file. The page streams its progress as the actions are written
    (plain HTML: no JavaScript needed) and ends with a link to the plan, or with what went
    wrong, in which case nothing was saved."""
    pending = _pending(request, slug, pk)
    content = bytes(pending.content)
    replace = request.POST.get("replace") == "1"
    try:
        services.replace_check(partnership=pending.partnership, content=content, replace=replace)
    except services.DuplicateImportError as error:
        messages.error(
            request, _("%(error)s Tick “Replace it” to replace that draft.") % {"error": error}
        )
        return redirect("imports:preview", slug=slug, pk=pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("imports:preview", slug=slug, pk=pk)
    try:
        parsed = services.import_parsed(pending=pending)
    except PlanFileError as error:
        messages.error(request, str(error))
        return redirect("imports:upload", slug=slug)
    steps = services.plan_import_steps(
        actor=request.user,
        partnership=pending.partnership,
        file_name=pending.file_name,
        content=content,
        corrections=pending.corrections,
        replace=replace,
        status=PlanStatus.DRAFT,
        pending=pending,
        parsed=parsed,
    )
    return progress_page(
        request,
        "imports/importing.html",
        {"partnership": pending.partnership, "pending": pending},
        _progress(steps, slug),
    )


def _progress(steps, slug: str):
    """A line per PROGRESS_EVERY actions written; returns the outcome to show."""
    outcome = ""
    try:
        for step in steps:
            if isinstance(step, Plan):
                url = reverse("plans:overview", args=[slug, step.pk])
                outcome = format_html(
                    '<div class="govuk-panel govuk-panel--confirmation"><h2 class="govuk-panel__title">{}</h2>'
                    '<div class="govuk-panel__body">{}</div></div>'
                    '<p class="govuk-body"><a class="govuk-link" href="{}">{}</a></p>',
                    _("Imported"),
                    own_words_in(_("“%(title)s” is now a draft plan"), title=step.title),
                    url,
                    _("Go to the plan"),
                )
                break
            done, total = step
            if done == total or done % PROGRESS_EVERY == 0:
                written = ngettext(
                    "Written %(done)s of %(total)s action",
                    "Written %(done)s of %(total)s actions",
                    total,
                )
                yield format_html("<li>{}</li>", written % {"done": done, "total": total})
    except (ValidationError, PlanFileError, services.DuplicateImportError) as error:
        outcome = failure_summary(" ".join(getattr(error, "messages", [str(error)])))
    return outcome


@login_required
@require_POST
def cancel(request, slug, pk):
    pending = _pending(request, slug, pk)
    services.import_cancel(pending=pending)
    messages.success(
        request,
        _("The import of %(file_name)s has been cancelled. Nothing was saved.")
        % {"file_name": pending.file_name},
    )
    return redirect("imports:upload", slug=slug)


# The one-row-per-action template: its headings, and two rows showing how they are filled in.
TEMPLATE_ROWS = [
    [
        "Priority",
        "JAG ref",
        "Issue",
        "Action",
        "Owner",
        "Lead action groups",
        "Target",
        "Update",
        "RAG Rating",
        "Status",
        "Marking",
    ],
    [
        "1. Identify and prevent serious youth violence",
        "1.1",
        "Raise awareness of county lines, gangs and knife crime",
        "Arrange events in the community",
        "Hertsmere Community Safety Team",
        "Joint Action Group",
        "Four events a year",
        "06/10/2019 Charity event at Borehamwood Football Club\n26/11/2018 Event at Meryfield primary school, 140 attended",
        "Green",
        "In progress",
        "OFFICIAL",
    ],
    [
        "1. Identify and prevent serious youth violence",
        "1.2",
        "Remove the opportunity to access weapons",
        "Arrange regular knife amnesties",
        "Hertsmere SNT Sgt Vaughan",
        "",
        "",
        "15/03/2019 Op Sceptre knife amnesty, Bushey Mill Lane",
        "Amber",
        "In progress",
        "OFFICIAL-SENSITIVE",
    ],
]


@login_required
def template_csv(request, slug):
    """The CSV template for one row per action (documented in the coordinator's guide)."""
    partnership_for(request, slug, "manage")
    header, *rows = TEMPLATE_ROWS
    return csv_response("saferplan-action-plan-template.csv", header, rows)
