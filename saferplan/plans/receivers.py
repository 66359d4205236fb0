"""What plans does when the apps it builds on announce a change (connected in
PlansConfig.ready)."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saferplan.partnerships.selectors import LeadLine, LeadTable, OverviewLine, OverviewRow

from .cache import partnership_plans_bump
from .models import Priority


def on_names_changed(sender, *, partnership_ids, **kwargs) -> None:
    """Plans show organisation, group and partnership names: mark the plans that may show
    these partnerships' names as changed, so no cached page keeps an old name."""
    partnership_plans_bump(partnership_ids)


def on_overview_drawn(sender, *, partnership, user, **kwargs) -> list[OverviewRow]:
    """The partnership's overview shows each plan in use (not archived nor superseded) and its status."""
    plans = partnership.plans.in_use().order_by("-period_start", "pk")
    lines = [
        OverviewLine(
            text=plan.title,
            href=reverse("plans:overview", args=[partnership.slug, plan.pk]),
            note=plan.get_status_display(),
        )
        for plan in plans
    ]
    if not lines:
        lines = [
            OverviewLine(_("No plans yet"), href=reverse("plans:list", args=[partnership.slug]))
        ]
    return [OverviewRow(order=10, key=_("Plans and their status"), lines=lines)]


def on_structure_drawn(sender, *, partnership, user, **kwargs) -> list[LeadTable]:
    """The structure page shows who leads each priority of the plans in use."""
    plans = partnership.plans.in_use().order_by("-period_start", "pk")
    tables = []
    for plan in plans.prefetch_related(
        Prefetch(
            "priorities",
            queryset=Priority.objects.select_related("lead_user", "lead_organisation"),
        )
    ):
        lines = [
            LeadLine(
                work=str(priority),
                href=reverse("plans:priority", args=[partnership.slug, plan.pk, priority.number]),
                person=priority.lead_person,
                organisation=priority.lead_organisation.name if priority.lead_organisation else "",
            )
            for priority in plan.priorities.all()
        ]
        if lines:
            tables.append(LeadTable(caption=plan.title, lines=lines))
    return tables


def on_plan_deleted(sender, instance, **kwargs) -> None:
    """A plan deleted (a draft import replaced) takes its foreword's photograph with it: a
    photograph of a named person is not kept for nothing."""
    from saferplan.attachments.models import Attachment

    if instance.foreword_photo_id:
        Attachment.objects.filter(pk=instance.foreword_photo_id).delete()


def on_update_deleted(sender, instance, **kwargs) -> None:
    """An update deleted with its plan (a draft import replaced) takes its files with it."""
    from saferplan.attachments.models import Attachment

    Attachment.objects.filter(
        pk__in=list(instance.attachments.values_list("pk", flat=True))
    ).delete()
