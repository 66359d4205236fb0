"""What meetings does when the apps below announce something (connected in
MeetingsConfig.ready), so those apps never import it."""

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from saferplan.core import clock, languages
from saferplan.partnerships.selectors import OverviewLine, OverviewRow
from saferplan.plans.models import RETIRED_STATUSES

from .models import Decision, Meeting
from .permissions import meeting_policy
from .services import meetings_move


def on_plan_refreshed(sender, *, plan, new_plan, actor, refreshed_on, **kwargs) -> None:
    meetings_move(actor=actor, plan=plan, to=new_plan, after=refreshed_on)


def _day(meeting: Meeting) -> languages.Text:
    # A date in the page's language (the overview marks text with a note as the
    # partnership's words).
    return languages.in_language(
        date_format(meeting.meets_on, "l j F Y"), translation.get_language()
    )


def on_overview_drawn(sender, *, partnership, user, **kwargs) -> list[OverviewRow]:
    """The partnership's overview shows its next meeting."""
    meeting = (
        Meeting.objects.filter(partnership=partnership, meets_on__gte=clock.today())
        .exclude(plan__status__in=RETIRED_STATUSES)
        .select_related("group")
        .order_by("meets_on", "starts_at", "pk")
        .first()
    )
    if meeting is None:
        line = OverviewLine(
            _("None arranged"), href=reverse("meetings:list", args=[partnership.slug])
        )
    else:
        line = OverviewLine(
            text=_day(meeting),
            href=reverse("meetings:detail", args=[partnership.slug, meeting.pk]),
            note=meeting.group.name if meeting.group else _("Board"),
        )
    return [OverviewRow(order=20, key=_("Next meeting"), lines=[line])]


def on_action_page_drawn(sender, *, action, user, **kwargs) -> list[OverviewRow]:
    """An action agreed in a meeting names the meeting (its own partnership's members read
    the meeting)."""
    decisions = Decision.objects.filter(
        action=action,
        meeting__in=meeting_policy.instances_user_has_permission_for(user, "view"),
    ).select_related("meeting__group", "meeting__partnership")
    lines = [
        OverviewLine(
            text=_day(d.meeting),
            href=reverse("meetings:detail", args=[d.meeting.partnership.slug, d.meeting_id]),
            note=d.meeting.group.name if d.meeting.group else _("Board"),
        )
        for d in decisions
    ]
    return [OverviewRow(order=10, key=_("Agreed at"), lines=lines)] if lines else []


def on_plan_page_drawn(sender, *, plan, user, **kwargs) -> list[OverviewRow]:
    """The plan's sign-off: each decision of a meeting that approved it (the plan's page is
    its partnership's members', as the meeting is)."""
    decisions = Decision.objects.filter(approves_plan=plan).select_related(
        "meeting__group", "meeting__partnership"
    )
    lines = [
        OverviewLine(
            text=(d.meeting.group.name if d.meeting.group else _("Board"))
            + ", "
            + date_format(d.meeting.meets_on, "j F Y"),
            href=reverse("meetings:detail", args=[d.meeting.partnership.slug, d.meeting_id])
            + "#decisions",
            note=f"OFFICIAL-SENSITIVE: {d.text}" if d.is_sensitive else d.text,
        )
        for d in decisions.order_by("meeting__meets_on", "pk")
    ]
    return [OverviewRow(order=10, key=_("Approved"), lines=lines)] if lines else []
