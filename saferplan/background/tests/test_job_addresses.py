"""Job numbers are sequential: to a person outside the partnership, a job that exists and one
that does not must answer alike, or the answers would tell which exist (issue 19, low)."""

import pytest
from django.urls import reverse

from saferplan.background.models import BackgroundJob


@pytest.mark.parametrize("route", ["background:job", "background:job-file"])
def test_another_partnership_cannot_tell_which_jobs_exist(
    client, partnership, coordinator, outsider, route
):
    job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.POLICE_UK_IMPORT,
        partnership=partnership,
        started_by=coordinator,
        file_name="2018-10-hertfordshire-street.csv",
    )
    client.force_login(outsider)
    existing = client.get(reverse(route, args=[partnership.slug, job.pk]))
    missing = client.get(reverse(route, args=[partnership.slug, job.pk + 1000]))
    assert (existing.status_code, missing.status_code) == (403, 403)
    assert "You are not a member of" in existing.text
    assert _main(existing.text) == _main(missing.text)


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]
