"""What the crime commands share: finding the partnership and reading periods."""

from django.core.management.base import CommandError

from saferplan.crimedata.periods import Period
from saferplan.partnerships.models import Partnership


def partnership(slug: str) -> Partnership:
    try:
        return Partnership.objects.get(slug=slug)
    except Partnership.DoesNotExist:
        slugs = ", ".join(Partnership.objects.values_list("slug", flat=True)) or "none yet"
        raise CommandError(f"No partnership “{slug}”. Partnerships: {slugs}.") from None


def period(text: str, option: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as error:
        raise CommandError(f"{option}: {error}") from None
