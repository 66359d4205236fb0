"""What qualifies a year's ASB Case Review figures, said beside them wherever they are shown:
on the register, and on the published plan as they stood when published. Kept as counts and
drawn in the reader's language (the Welsh published plan says them in Welsh)."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def notes(
    *, applications: int, undecided: int, awaiting_review: int, as_of: datetime.date | None
) -> list[str]:
    """`as_of`: the day the figures were counted when the year is not over (None once it is)."""
    said = []
    if as_of is not None:
        said.append(
            _("The year is not over: the figures are as registered by %(day)s.")
            % {"day": date_format(as_of, "j F Y")}
        )
    if undecided:
        said.append(
            ngettext(
                "%(count)s application's threshold is not decided yet: the figures may change.",
                "%(count)s applications' threshold is not decided yet: the figures may change.",
                undecided,
            )
            % {"count": undecided}
        )
    if awaiting_review:
        said.append(
            ngettext(
                "%(count)s application met the threshold and is not reviewed yet.",
                "%(count)s applications met the threshold and are not reviewed yet.",
                awaiting_review,
            )
            % {"count": awaiting_review}
        )
    if not applications:
        said.append(_("No application is registered for the year."))
    return said
