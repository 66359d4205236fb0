"""What the notifications app does when other apps announce a change (connected in
NotificationsConfig.ready), so those apps never import it."""

from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from saferplan.core import clock, languages
from saferplan.core.templatetags.saferplan import own_words
from saferplan.partnerships.selectors import OverviewLine, OverviewRow
from saferplan.plans.models import RETIRED_STATUSES

from .models import BoardMeeting
from .services import board_meetings_move, notify_action_changed


def on_action_changed(sender, *, action, actor, update=None, rag_change=None, **kwargs) -> None:
    notify_action_changed(action=action, actor=actor, update=update, rag_change=rag_change)


def on_plan_refreshed(sender, *, plan, new_plan, actor, refreshed_on, **kwargs) -> None:
    board_meetings_move(actor=actor, plan=plan, to=new_plan, after=refreshed_on)


def on_overview_drawn(sender, *, partnership, user, **kwargs) -> list[OverviewRow]:
    """The partnership's overview shows the next board meeting of a plan in use."""
    meeting = (
        BoardMeeting.objects.filter(plan__partnership=partnership, meets_on__gte=clock.today())
        .exclude(plan__status__in=RETIRED_STATUSES)
        .select_related("plan")
        .order_by("meets_on", "pk")
        .first()
    )
    if meeting is None:
        line = OverviewLine(_("None arranged"))
    else:
        # The overview marks a line's text that has a note as the partnership's words: this
        # one is a date in the page's language, and its note the plan's title (its words).
        day = date_format(meeting.meets_on, "l j F Y")
        line = OverviewLine(
            text=languages.in_language(day, translation.get_language()),
            href=reverse("notifications:board-meetings", args=[partnership.slug, meeting.plan_id]),
            note=own_words(meeting.plan.title),
        )
    return [OverviewRow(order=20, key=_("Next board meeting"), lines=[line])]
