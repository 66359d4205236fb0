"""Files kept with an assessment: what it was drawn from or sent with. They are supporting
papers, not what the board agreed, so they may be added and taken off after agreement too;
each is in the assessment's history."""

from typing import TYPE_CHECKING

from saferplan.attachments import services as attachment_services
from saferplan.core.models import Marking

from ..models import StrategicAssessment

if TYPE_CHECKING:
    from saferplan.accounts.models import User


def assessment_file_attach(
    *,
    actor: "User",
    assessment: StrategicAssessment,
    name: str,
    checked,
    marking: str = Marking.OFFICIAL,
):
    """Add a checked file (attachments.files) to the assessment's files."""
    return attachment_services.file_attach_to(
        assessment,
        assessment.files,
        actor=actor,
        partnership=assessment.partnership,
        name=name,
        checked=checked,
        marking=marking,
    )


def assessment_file_remove(*, actor: "User", assessment: StrategicAssessment, attachment) -> None:
    attachment_services.file_take_off(
        assessment, actor=actor, partnership=assessment.partnership, attachment=attachment
    )
