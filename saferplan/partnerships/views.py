from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from saferplan.core.forms import NOT_SAVED, add_service_errors, save_form

from . import selectors, services
from .access import partnership_for
from .forms import GroupForm, OrganisationForm, OrganisationJoinForm
from .models import Group, Organisation
from .permissions import organisation_policy, partnership_policy


def _may_manage(request, partnership) -> bool:
    return partnership_policy.user_has_permission_for_instance(request.user, "manage", partnership)


@login_required
@require_GET
def partnership_detail(request, slug):
    partnership = partnership_for(request, slug, "view")
    request.session["current_partnership"] = partnership.slug
    return render(
        request,
        "partnerships/detail.html",
        {
            "partnership": partnership,
            "structure": selectors.partnership_structure(partnership=partnership),
            "organisation_count": partnership.organisations.count(),
            "member_count": partnership.memberships.count(),
            "may_manage": _may_manage(request, partnership),
            "overview_rows": selectors.overview_rows(partnership=partnership, user=request.user),
        },
    )


@login_required
@require_GET
def structure(request, slug):
    partnership = partnership_for(request, slug, "view")
    return render(
        request,
        "partnerships/structure.html",
        {
            "partnership": partnership,
            "structure": selectors.partnership_structure(partnership=partnership),
            "organisations_by_kind": selectors.organisations_by_kind(
                organisations=selectors.partnership_organisations(partnership=partnership)
            ),
            "may_manage": _may_manage(request, partnership),
            "lead_tables": selectors.lead_tables(partnership=partnership, user=request.user),
        },
    )


@login_required
def group_add(request, slug):
    partnership = partnership_for(request, slug, "manage")
    form = GroupForm(request.POST or None, partnership=partnership)
    group = save_form(
        request,
        form,
        lambda data: services.group_create(actor=request.user, partnership=partnership, **data),
    )
    if group is not NOT_SAVED:
        messages.success(request, _("%(name)s has been added.") % {"name": group.name})
        return redirect("partnerships:structure", slug=partnership.slug)
    return render(
        request, "partnerships/group_form.html", {"partnership": partnership, "form": form}
    )


@login_required
def group_edit(request, slug, pk):
    partnership = partnership_for(request, slug, "manage")
    group = get_object_or_404(Group, pk=pk, partnership=partnership)
    initial = {
        "name": group.name,
        "abbreviation": group.abbreviation,
        "kind": group.kind,
        "reports_to": group.reports_to,
        "purpose": group.purpose,
        "member_organisations": list(group.member_organisations.all()),
        "quorum": group.quorum,
        "standing_items": group.standing_items,
    }
    form = GroupForm(request.POST or None, partnership=partnership, group=group, initial=initial)
    saved = save_form(
        request,
        form,
        lambda data: services.group_update(actor=request.user, group=group, **data),
    )
    if saved is not NOT_SAVED:
        messages.success(request, _("%(name)s has been updated.") % {"name": group.name})
        return redirect("partnerships:structure", slug=partnership.slug)
    return render(
        request,
        "partnerships/group_form.html",
        {"partnership": partnership, "form": form, "group": group},
    )


@login_required
def group_delete(request, slug, pk):
    partnership = partnership_for(request, slug, "manage")
    group = get_object_or_404(Group, pk=pk, partnership=partnership)
    error = None
    if request.method == "POST":
        try:
            services.group_delete(actor=request.user, group=group)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("%(name)s has been deleted.") % {"name": group.name})
            return redirect("partnerships:structure", slug=partnership.slug)
    return render(
        request,
        "partnerships/group_delete.html",
        {"partnership": partnership, "group": group, "error": error},
    )


@login_required
def organisation_add(request, slug):
    """Add a member organisation: an existing one from the directory, or a new one."""
    partnership = partnership_for(request, slug, "manage")
    join_form = OrganisationJoinForm(
        request.POST if request.POST.get("form") == "join" else None,
        partnership=partnership,
        prefix="join",
    )
    new_form = OrganisationForm(
        request.POST if request.POST.get("form") == "new" else None, prefix="new"
    )
    form = join_form if request.POST.get("form") == "join" else new_form
    if request.method == "POST" and form.is_valid():
        try:
            if form is join_form:
                organisation = form.cleaned_data["organisation"]
                services.organisation_join(
                    actor=request.user, organisation=organisation, partnership=partnership
                )
            else:
                organisation = services.organisation_create(
                    actor=request.user, partnership=partnership, **form.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s is now a member of %(partnership)s.")
                % {"organisation": organisation, "partnership": partnership},
            )
            return redirect("partnerships:structure", slug=partnership.slug)
    return render(
        request,
        "partnerships/organisation_add.html",
        {"partnership": partnership, "join_form": join_form, "new_form": new_form, "form": form},
    )


@login_required
@require_POST
def organisation_remove(request, slug, pk):
    partnership = partnership_for(request, slug, "manage")
    organisation = get_object_or_404(Organisation, pk=pk, partnerships=partnership)
    try:
        services.organisation_leave(
            actor=request.user, organisation=organisation, partnership=partnership
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(organisation)s is no longer a member of %(partnership)s.")
            % {"organisation": organisation, "partnership": partnership},
        )
    return redirect("partnerships:structure", slug=partnership.slug)


@login_required
@require_GET  # the log is read here and written only by the services
def audit_log(request, slug):
    partnership = partnership_for(request, slug, "view_audit_log")
    page = Paginator(selectors.partnership_audit_events(partnership=partnership), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request, "partnerships/audit_log.html", {"partnership": partnership, "page": page}
    )


@login_required
def organisation_directory(request):
    return render(
        request,
        "partnerships/organisation_directory.html",
        {"organisations_by_kind": selectors.organisation_directory()},
    )


@login_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not organisation_policy.user_has_permission_for_instance(
        request.user, "change", organisation
    ):
        others = organisation_policy.shared_beyond(request.user, organisation)
        raise PermissionDenied(
            _(
                "%(organisation)s is also a member of %(others)s: its details show in their plans "
                "too, so only a saferplan administrator can change them. Ask your administrator."
            )
            % {"organisation": organisation, "others": ", ".join(map(str, others))}
            if others and len(others) < organisation.partnerships.count()
            else _(
                "Only a coordinator of the partnerships %(organisation)s belongs to can change it."
            )
            % {"organisation": organisation}
        )
    form = OrganisationForm(
        request.POST or None,
        initial={f: getattr(organisation, f) for f in ["name", "abbreviation", "kind", "website"]},
    )
    if request.method == "POST" and form.is_valid():
        acting_for = organisation.partnerships.filter(
            pk__in=organisation_policy.partnership_ids_for(request.user, "change")
        ).first()
        try:
            services.organisation_update(
                actor=request.user,
                organisation=organisation,
                partnership=acting_for,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(organisation)s has been updated.") % {"organisation": organisation}
            )
            return redirect("organisations:directory")
    return render(
        request, "partnerships/organisation_edit.html", {"organisation": organisation, "form": form}
    )
