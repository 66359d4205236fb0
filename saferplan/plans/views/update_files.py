"""Files attached to a progress update (the email or report it refers to): attached by those
who may add updates to the action, read by those who may read the update, an OFFICIAL-SENSITIVE
file by the members of the action's partnerships only."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from saferplan.attachments import pages
from saferplan.attachments.responses import download
from saferplan.core.permissions import sees_sensitive_of

from .. import services
from ..access import reach_action
from ..models import Update
from ..permissions import action_policy


def _update_for(request, slug, pk, update_pk, action="view"):
    partnership, reached = reach_action(request, slug, pk, action)
    owners = action_policy.partnerships_of(reached)
    # The updates the person may read: the sensitivity rule of the Update queryset.
    readable = Update.objects.visible_to(request.user, partnership_ids=owners)
    update = get_object_or_404(readable.select_related("action"), pk=update_pk, action=reached)
    return partnership, reached, update, sees_sensitive_of(request.user, owners)


@login_required
def update_file_add(request, slug, pk, update_pk):
    partnership, action, update, _sees = _update_for(request, slug, pk, update_pk, "add_update")
    return pages.add_page(
        request,
        attach=lambda **file: services.update_file_attach(
            actor=request.user, update=update, **file
        ),
        added=lambda kept: (
            _("%(name)s has been attached to the update of %(day)s.")
            % {"name": kept.name, "day": date_format(update.described_on, "j F Y")}
        ),
        done=redirect("plans:action", slug=slug, pk=action.pk),
        template="plans/update_file_form.html",
        context={
            "partnership": partnership,
            "plan": action.priority.plan,
            "action": action,
            "update": update,
        },
    )


@login_required
@require_GET  # a file is read, never written, here
def update_file(request, slug, pk, update_pk, attachment_pk):
    _partnership, _action, update, sees_sensitive = _update_for(request, slug, pk, update_pk)
    attachment = get_object_or_404(update.attachments, pk=attachment_pk)
    if attachment.is_sensitive and not sees_sensitive:
        raise Http404(_("There is no such file here."))
    return download(attachment)
