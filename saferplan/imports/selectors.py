"""Reads for plan imports: owners matched against the partnership's organisations and
groups, and a file imported before."""

from saferplan.partnerships.models import Partnership

from .models import PlanImport
from .owners import OwnerMatcher
from .parsed import ParsedPlan


def owner_matcher(*, partnership: Partnership) -> OwnerMatcher:
    return OwnerMatcher(
        partnership=partnership,
        organisations=list(partnership.organisations.all()),
        groups=list(partnership.groups.all()),
        partnerships=list(Partnership.objects.all()),
    )


def unmatched_owners(*, parsed: ParsedPlan, matcher: OwnerMatcher) -> dict[str, int]:
    """{owner text: how many actions} for owners with words that match nothing."""
    found: dict[str, int] = {}
    for priority in parsed.priorities:
        for action in priority.all_actions():
            if action.owner_text and matcher.match(action.owner_text).unmatched:
                found[action.owner_text] = found.get(action.owner_text, 0) + 1
    return found


def previous_import(*, partnership: Partnership, digest: str) -> PlanImport | None:
    return (
        PlanImport.objects.filter(
            partnership=partnership, sha256=digest, status=PlanImport.Status.IMPORTED
        )
        .select_related("plan")
        .first()
    )
