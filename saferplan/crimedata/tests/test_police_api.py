"""Fetching a force's months from the police.uk API (issue 9, part 5), against a stand-in
for the API that answers from the real Hertfordshire records (fake_police_api.py), so that
what is fetched can be checked against the archive file of the same month."""

import csv
import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.urls import reverse

from saferplan.background.models import BackgroundJob
from saferplan.background.progress import progress_of
from saferplan.core.models import AuditEvent
from saferplan.crimedata import police_api_fetch, services
from saferplan.crimedata.categories import category_for
from saferplan.crimedata.models import CrimeCount, ForceMonth, StreetCount
from saferplan.crimedata.police_api import (
    PoliceApiClient,
    PoliceApiError,
    PoliceApiOfflineError,
    TokenBucket,
)
from saferplan.crimedata.police_uk import archive_files, district_of

from .fake_police_api import FakePoliceApi, serve
from .files import sample_csv, write_month

DECEMBER = date(2018, 12, 1)


def archive_rows(month: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(sample_csv(month).decode("utf-8-sig"))))


@pytest.fixture
def api():
    fake = FakePoliceApi()
    server, _ = serve(fake)
    yield fake
    server.shutdown()


@pytest.fixture
def quick(api):
    """A client and stand-in both allowing far more than police.uk's rate, for tests that are
    not about the rate (a fetch at the real rate takes a few seconds)."""
    api.rate = api.burst = 10_000
    return PoliceApiClient(api.url, bucket=TokenBucket(10_000, 10_000))


@pytest.fixture
def earlier_months(db, tmp_path):
    """October and November from the archive: the map points December's records are placed by."""
    paths = [write_month(tmp_path, month) for month in ("2018-10", "2018-11")]
    services.police_uk_import(actor=None, files=archive_files(paths))


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_token_bucket_lets_a_burst_through_then_keeps_to_the_rate():
    clock = FakeClock()
    bucket = TokenBucket(15, 30, clock=clock, sleep=clock.sleep)
    sent = []
    for _ in range(300):
        bucket.take()
        sent.append(clock.now)
    assert sent[:30] == [0.0] * 30  # the burst
    assert clock.now == pytest.approx((300 - 30) / 15)  # then 15 a second
    # In no second do more than the burst plus a second's worth go.
    for start in sent:
        assert sum(start <= t < start + 1 for t in sent) <= 30 + 15


@pytest.mark.django_db
def test_a_month_from_the_api_holds_every_record_of_the_archive_and_places_them_by_map_points(
    api, earlier_months
):
    """At the documented rate (15 a second, bursts of 30, enforced by the stand-in)."""
    client = PoliceApiClient(api.url)
    lines: list[str] = []
    result = police_api_fetch.fetch(
        actor=None, force="hertfordshire", client=client, progress=lines.append
    )

    december = archive_rows("2018-12")
    month = ForceMonth.objects.get(month=DECEMBER)
    assert month.origin == ForceMonth.Origin.API
    assert month.records == len(december) == 8_965  # BTP's two crimes left out
    assert client.stats.other_forces >= 2
    assert client.stats.duplicates > 0
    assert api.refused == client.stats.refused  # any 429 was waited out, none lost
    placement = result.months[0].placement
    no_location = [row for row in december if not row["Longitude"]]
    assert placement.no_location == len(no_location) == 67
    assert placement.exact + placement.nearest + placement.unplaced == len(december) - 67
    assert placement.exact > 0.75 * len(december)  # 7,137 with two months of map points

    # Every record at a map point the archive files had is in the LSOA the archive gives it.
    known = {
        (float(r["Longitude"]), float(r["Latitude"])): r["LSOA code"]
        for month in ("2018-10", "2018-11")
        for r in archive_rows(month)
        if r["Longitude"]
    }
    truth = {
        (float(r["Longitude"]), float(r["Latitude"])): r["LSOA code"]
        for r in december
        if r["Longitude"]
    }
    rows = StreetCount.objects.filter(batch=month).values_list("longitude", "latitude", "lsoa_code")
    checked = 0
    for lon, lat, code in rows:
        if (lon, lat) in known:
            assert code == truth[lon, lat] == known[lon, lat]
            checked += 1
    assert checked > 3000

    # Hertsmere's figures differ from the archive's by no more than the records placed at a
    # nearby point (which may lie over a district's edge) or not placed.
    archive = Counter(
        category_for(r["Crime type"])
        for r in december
        if r["LSOA name"] and district_of(r["LSOA name"]) == "Hertsmere"
    )
    fetched = Counter(
        dict(
            CrimeCount.objects.filter(batch=month, district="Hertsmere")
            .values_list("category")
            .annotate(n=Sum("count"))
        )
    )
    assert sum(archive.values()) > 800
    assert sum(abs(archive[c] - fetched[c]) for c in archive | fetched) <= (
        placement.nearest + placement.unplaced
    )
    assert "December 2018: 8,965 records" in result.summary()
    assert any("neighbourhood 1 of" in line for line in lines)
    event = AuditEvent.objects.get(object_repr__contains="December 2018")
    assert "police.uk API" in event.reason


@pytest.mark.django_db
def test_an_area_with_too_many_crimes_is_split_and_nothing_is_lost_or_counted_twice(
    api, quick, earlier_months
):
    whole = police_api_fetch.fetch(actor=None, force="hertfordshire", client=quick)
    first = set(StreetCount.objects.filter(month=DECEMBER).values_list("location", "category"))
    api.max_crimes = 300  # police.uk's is 10,000: our neighbourhoods are districts
    split_client = PoliceApiClient(api.url, bucket=TokenBucket(10_000, 10_000))
    again = police_api_fetch.fetch(actor=None, force="hertfordshire", client=split_client)
    assert api.too_many > 0
    assert split_client.stats.split_areas == api.too_many
    assert again.records == whole.records == 8_965
    assert ForceMonth.objects.get(month=DECEMBER).records == 8_965  # replaced, not added
    assert (
        set(StreetCount.objects.filter(month=DECEMBER).values_list("location", "category")) == first
    )


@pytest.mark.django_db
def test_a_429_waits_as_long_as_retry_after_says_then_asks_again(api):
    clock = FakeClock()
    client = PoliceApiClient(
        api.url, bucket=TokenBucket(clock=clock, sleep=clock.sleep), sleep=clock.sleep
    )
    api.refuse_next, api.retry_after = 3, "2"
    assert client.available_months()[0] == DECEMBER
    assert clock.slept == [2.0, 2.0, 2.0]
    assert client.stats.refused == 3

    api.refuse_next, api.retry_after = 3, "soon"  # no usable Retry-After: back off, doubling
    clock.slept.clear()
    client.available_months()
    assert clock.slept == [1.0, 2.0, 4.0]

    api.refuse_next = 100  # refused again and again: a clear error, not a hang
    with pytest.raises(PoliceApiError, match="did not give crimes-street-dates after 6 tries"):
        client.available_months()


@pytest.mark.django_db
def test_a_month_from_an_archive_file_is_kept(api, quick, tmp_path):
    services.police_uk_import(actor=None, files=archive_files([write_month(tmp_path, "2018-12")]))
    before = ForceMonth.objects.get()
    result = police_api_fetch.fetch(actor=None, force="hertfordshire", client=quick)
    assert result.months[0].kept_archive
    assert "kept as imported from the police.uk archive file" in result.summary()
    after = ForceMonth.objects.get()
    assert (after.origin, after.sha256, after.records) == ("archive", before.sha256, before.records)
    assert not [path for _, path in api.requests if path.startswith("crimes-street/")]


@pytest.mark.django_db
def test_the_newest_months_and_months_police_uk_does_not_have(api, quick, earlier_months):
    assert police_api_fetch.months_to_fetch(quick, latest=2) == [date(2018, 11, 1), DECEMBER]
    with pytest.raises(PoliceApiError, match="no street-level crime for January 2030: it has "
                       "October 2018 to December 2018"):  # fmt: skip
        police_api_fetch.months_to_fetch(quick, months=[date(2030, 1, 1)])


@pytest.mark.django_db
def test_a_crime_type_saferplan_does_not_know_saves_nothing(api, quick, earlier_months):
    api.months["2018-12"].no_location[0]["category"] = "littering"
    months_before = set(ForceMonth.objects.values_list("month", "records"))
    with pytest.raises(PoliceApiError, match="the category “littering”, which saferplan does not"):
        police_api_fetch.fetch(actor=None, force="hertfordshire", client=quick)
    assert set(ForceMonth.objects.values_list("month", "records")) == months_before


@pytest.mark.django_db
def test_offline_says_so_and_saves_nothing():
    """The test settings point the API at a closed port, as a machine without a connection."""
    with pytest.raises(PoliceApiOfflineError) as raised:
        police_api_fetch.fetch(actor=None, force="hertfordshire")
    assert "could not reach the police.uk API" in str(raised.value)
    assert "connection was refused" in str(raised.value)
    assert "import the file instead" in str(raised.value)
    assert not ForceMonth.objects.exists()


@pytest.fixture
def analyst(member_of):
    return member_of("analyst")


@pytest.mark.django_db
def test_an_analyst_fetches_from_the_page_and_the_job_says_what_was_placed_how(
    api, earlier_months, settings, signed_in, analyst, partnership
):
    settings.SAFERPLAN_POLICE_API_URL = api.url
    client = signed_in(analyst)
    page = client.get(reverse("crimedata:police-uk", args=[partnership.slug])).content.decode()
    assert "Fetch from the police.uk API" in page
    assert "Hertfordshire Constabulary" in page

    answer = client.post(
        reverse("crimedata:police-uk-fetch", args=[partnership.slug]), {"latest": "1"}
    )
    job = BackgroundJob.objects.get()
    assert answer["Location"] == reverse("background:job", args=[partnership.slug, job.pk])
    assert job.kind == BackgroundJob.Kind.POLICE_UK_FETCH
    assert job.status == "done"
    shown = client.get(answer["Location"]).content.decode()
    assert "Fetched" in shown
    assert "December 2018: 8,965 records" in shown
    assert "at the nearest such point" in shown
    assert any("neighbourhood" in line for line in progress_of(job.pk))
    listed = client.get(reverse("crimedata:police-uk", args=[partnership.slug])).content.decode()
    assert "police.uk API" in listed  # the imported months say where each came from


@pytest.mark.django_db
def test_offline_the_job_fails_with_the_reason(signed_in, analyst, partnership):
    client = signed_in(analyst)
    answer = client.post(
        reverse("crimedata:police-uk-fetch", args=[partnership.slug]), {"latest": "3"}
    )
    shown = client.get(answer["Location"]).content.decode()
    assert "The fetch failed and nothing was saved" in shown
    assert "could not reach the police.uk API" in shown
    assert BackgroundJob.objects.get().status == "failed"
    assert not ForceMonth.objects.exists()


@pytest.mark.django_db
def test_who_may_fetch_and_a_missing_choice(signed_in, viewer, analyst, partnership):
    url = reverse("crimedata:police-uk-fetch", args=[partnership.slug])
    assert signed_in(viewer).post(url, {"latest": "1"}).status_code == 403
    answer = signed_in(analyst).post(url, {})
    assert answer.status_code == 200
    assert "Choose how many months to fetch" in answer.content.decode()
    assert not BackgroundJob.objects.exists()


@pytest.mark.django_db
def test_the_command_fetches_and_prints_what_it_did(api, earlier_months, settings, partnership):
    settings.SAFERPLAN_POLICE_API_URL = api.url
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "fetch-police-uk", "--partnership", partnership.slug, "--month", "2018-12",
        stdout=out, stderr=err,
    )  # fmt: skip
    assert "Fetched 1 month of Hertfordshire Constabulary" in out.getvalue()
    assert "December 2018: 8,965 records" in out.getvalue()
    assert "neighbourhood" in err.getvalue()
    with pytest.raises(CommandError, match="“2018-13” is not a month"):
        call_command("fetch-police-uk", "--partnership", partnership.slug, "--month", "2018-13")
    settings.SAFERPLAN_POLICE_API_URL = "http://127.0.0.1:9/api"
    with pytest.raises(CommandError, match=r"could not reach the police\.uk API"):
        call_command("fetch-police-uk", "--partnership", partnership.slug)
