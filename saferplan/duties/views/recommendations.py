"""The page both review registers use to add a recommendation, tracked as an action of the
plan when a priority is chosen (only priorities of plans the person may change are offered:
selectors.priorities_to_track)."""

from django.utils.translation import gettext as _

from saferplan.core.forms import NOT_SAVED, confirm_saved, save_form

from .. import selectors
from ..forms import RecommendationForm


def recommendation_page(request, partnership, *, add, done, form_page):
    """`add(text=, priority=, action_title=[, due_date=])`: the register's service, bound to
    its review and actor; `done()`: where to go once added; `form_page(form, heading=,
    button=)`: the register's form page."""
    priorities = selectors.priorities_to_track(request.user, partnership)
    form = RecommendationForm(request.POST or None, priorities=priorities)

    def save(data):
        due = {"due_date": data["due_date"]} if data["due_date"] else {}
        return add(
            text=data["text"],
            priority=data["priority"],
            action_title=data["action_title"],
            **due,
        )

    saved = save_form(request, form, save)
    if saved is not NOT_SAVED:
        confirm_saved(request, _("The recommendation has been added."))
        return done()
    return form_page(form, heading=_("Add a recommendation"), button=_("Add it"))
