"""A partnership's grants: the list with where each stands, a grant's page (the actions it
pays for, the spend quarter by quarter, what is at risk, its files and its monitoring
returns), and the forms that write them. Every member reads them; the coordinator writes."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.attachments import pages
from saferplan.core import clock
from saferplan.core.documents.downloads import attachment
from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form
from saferplan.core.quarters import Quarter
from saferplan.core.templatetags.saferplan import own_words_in
from saferplan.partnerships.access import partnership_for

from . import return_files, returns, selectors, services
from .forms import AllocationForm, GrantForm, SpendForm
from .models import REPORT_FIELDS, Allocation, Grant, QuarterReport, Spend
from .permissions import grant_policy


def _refused(partnership) -> PermissionDenied:
    return PermissionDenied(
        _("Only a coordinator of %(partnership)s can do this.") % {"partnership": partnership}
    )


def _grant_for(request, slug, pk, action="view") -> Grant:
    partnership = partnership_for(request, slug, "view")
    grant = get_object_or_404(
        Grant.objects.select_related("partnership"), pk=pk, partnership=partnership
    )
    if not grant_policy.user_has_permission_for_instance(request.user, action, grant):
        raise _refused(partnership)
    return grant


def _to_grant(grant: Grant):
    return redirect("funding:detail", slug=grant.partnership.slug, pk=grant.pk)


def _quarter_of(grant: Grant, slug: str) -> Quarter:
    quarter = Quarter.from_slug(slug)
    if quarter is None or quarter not in selectors.grant_quarters(grant):
        raise Http404
    return quarter


def _form_page(request, partnership, form, *, heading, button, grant=None, template=None):
    return render(
        request,
        template or "funding/form.html",
        {
            "partnership": partnership,
            "grant": grant,
            "form": form,
            "heading": heading,
            "button": button,
        },
    )


@login_required
@require_GET
def grant_list(request, slug):
    partnership = partnership_for(request, slug, "view")
    grants = selectors.grants_of(partnership)
    return render(
        request,
        "funding/list.html",
        {
            "partnership": partnership,
            "standings": selectors.positions(grants, day=clock.today()),
            "may_change": grant_policy.may_add(request.user, partnership),
        },
    )


@login_required
def grant_add(request, slug):
    partnership = partnership_for(request, slug, "view")
    if not grant_policy.may_add(request.user, partnership):
        raise _refused(partnership)
    form = GrantForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.grant_create(actor=request.user, partnership=partnership, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("%(grant)s has been recorded.") % {"grant": saved.name})
        return _to_grant(saved)
    return _form_page(
        request, partnership, form, heading=_("Record a grant or budget"), button=_("Save grant")
    )


@login_required
@require_GET
def grant_detail(request, slug, pk):
    grant = _grant_for(request, slug, pk)
    today = clock.today()
    standing = selectors.position(grant, day=today)
    begun = [q for q in standing.quarters if q.start <= today]
    signed_on = {
        (report.year, report.quarter): report.signed_off_on
        for report in grant.quarter_reports.filter(signed_off_on__isnull=False)
    }
    return render(
        request,
        "funding/detail.html",
        {
            "partnership": grant.partnership,
            "grant": grant,
            "standing": standing,
            "begun": begun,
            "quarter_rows": [
                (row, signed_on.get((row.quarter.year, row.quarter.number)))
                for row in standing.by_quarter(list(reversed(begun)))
            ],
            "files": grant.files.all(),
            "may_change": grant_policy.user_has_permission_for_instance(
                request.user, "change", grant
            ),
        },
    )


@login_required
def grant_edit(request, slug, pk):
    grant = _grant_for(request, slug, pk, "change")
    form = GrantForm(
        request.POST or None, initial={f: getattr(grant, f) for f in services.GRANT_FIELDS}
    )
    saved = save_form(
        request,
        form,
        lambda data: services.grant_update(actor=request.user, grant=grant, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The grant has been updated."))
        return _to_grant(saved)
    return _form_page(
        request,
        grant.partnership,
        form,
        heading=_("Change the grant"),
        button=_("Save grant"),
        grant=grant,
    )


@login_required
def grant_delete(request, slug, pk):
    grant = _grant_for(request, slug, pk, "change")
    error = None
    if request.method == "POST":
        try:
            services.grant_delete(actor=request.user, grant=grant)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(request, _("%(grant)s has been deleted.") % {"grant": grant.name})
            return redirect("funding:list", slug=slug)
    return render(
        request,
        "funding/delete.html",
        {"partnership": grant.partnership, "grant": grant, "error": error},
    )


@login_required
def allocation_add(request, slug, pk):
    grant = _grant_for(request, slug, pk, "change")
    form = AllocationForm(request.POST or None, partnership=grant.partnership)
    saved = save_form(
        request,
        form,
        lambda data: services.allocation_set(actor=request.user, grant=grant, **data),
    )
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The grant's allocation has been saved."))
        return _to_grant(grant)
    return _form_page(
        request,
        grant.partnership,
        form,
        heading=_("Allocate the grant to an action"),
        button=_("Save allocation"),
        grant=grant,
    )


@login_required
@require_POST
def allocation_delete(request, slug, pk, allocation_pk):
    grant = _grant_for(request, slug, pk, "change")
    allocation = get_object_or_404(Allocation, pk=allocation_pk, grant=grant)
    try:
        services.allocation_remove(actor=request.user, allocation=allocation)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("The action is no longer paid for by this grant."))
    return _to_grant(grant)


@login_required
def spend(request, slug, pk, quarter):
    grant = _grant_for(request, slug, pk, "change")
    quarter = _quarter_of(grant, quarter)
    if quarter.start > clock.today():
        raise Http404
    allocations = list(grant.allocations.select_related("action"))
    recorded = dict(
        Spend.objects.filter(
            allocation__grant=grant, year=quarter.year, quarter=quarter.number
        ).values_list("allocation_id", "amount")
    )
    report = (
        QuarterReport.objects.filter(grant=grant, year=quarter.year, quarter=quarter.number)
        .values(*REPORT_FIELDS)
        .first()
    )
    as_now = hashlib.sha256(
        repr((sorted(recorded.items()), sorted((report or {}).items()))).encode()
    ).hexdigest()
    form = SpendForm(
        request.POST or None,
        allocations=allocations,
        recorded=recorded,
        report=report or {},
        as_now=as_now,
    )

    def record(data) -> Grant:
        services.spend_record(
            actor=request.user,
            grant=grant,
            quarter=quarter,
            amounts=form.amounts(),
            report=form.report(),
        )
        return grant  # what the form saved, shown again if it is sent twice

    saved = save_form(request, form, record)
    if saved is not NOT_SAVED:
        confirm_saved(
            request, _("Spend for %(quarter)s has been recorded.") % {"quarter": quarter.label}
        )
        return _to_grant(grant)
    return _form_page(
        request,
        grant.partnership,
        form,
        heading=own_words_in(
            _("Spend from %(grant)s in %(quarter)s"),
            grant=grant.name,
            plain={"quarter": quarter.label},
        ),
        button=_("Save spend"),
        grant=grant,
        template="funding/spend_form.html",
    )


@login_required
@require_GET
def monitoring_return(request, slug, pk, quarter, kind):
    """The quarter's monitoring return, for the coordinator to send to the funder."""
    grant = _grant_for(request, slug, pk)
    quarter = _quarter_of(grant, quarter)
    if kind not in returns.KINDS:
        raise Http404
    made = returns.monitoring_return(grant, quarter)
    make = return_files.return_docx if kind == "docx" else return_files.return_xlsx
    content = make(made, author=grant.partnership.name)
    return attachment(content, kind=kind, partnership=grant.partnership, title=made.title)


@login_required
def file_add(request, slug, pk):
    grant = _grant_for(request, slug, pk, "change")
    return pages.add_page(
        request,
        attach=lambda **file: services.grant_file_attach(actor=request.user, grant=grant, **file),
        added=lambda kept: _("%(name)s has been added to the grant's files.") % {"name": kept.name},
        done=_to_grant(grant),
        template="funding/file_form.html",
        context={"partnership": grant.partnership, "grant": grant},
    )


@login_required
@require_GET  # a file is read, never written, here
def grant_file(request, slug, pk, attachment_pk):
    grant = _grant_for(request, slug, pk)  # the partnership's members', sensitive ones too
    return pages.file_of(grant.files, attachment_pk)


@login_required
@require_POST
def file_delete(request, slug, pk, attachment_pk):
    grant = _grant_for(request, slug, pk, "change")
    return pages.take_off_page(
        request,
        files=grant.files,
        attachment_pk=attachment_pk,
        take_off=lambda kept: services.grant_file_remove(
            actor=request.user, grant=grant, attachment=kept
        ),
        removed=_("%(name)s has been removed."),
        done=_to_grant(grant),
    )
