"""A client for the police.uk API (https://data.police.uk/docs/), used to fetch a force's
latest months of street-level crime when saferplan is online.

The API has no "whole force" query and gives no LSOA with a crime, so a force's month is
fetched as the archive would hold it, in pieces:

- the force's neighbourhoods and each one's boundary (`/{force}/neighbourhoods`,
  `/{force}/{id}/boundary`);
- the crimes inside each boundary (`/crimes-street/all-crime?poly=…&date=…`); boundaries
  touch and overlap, so crimes are kept once by their id. An area with more than 10,000
  crimes is refused with 503: its bounding box is then split in four and asked for again,
  keeping the crimes inside the boundary;
- the crimes with no location (`/crimes-no-location?category=all-crime&force=…`).

Crimes the British Transport Police recorded in the area (`location_type` "BTP") are left
out: the archive keeps them in BTP's own file.

Requests keep to the documented rate limit (15 a second, bursts of 30) with a token bucket;
a 429 answer waits as long as its Retry-After says (or backs off, doubling) and asks again.
Without a connection the client says so in words a person can act on."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

import requests
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from matplotlib.path import Path as Polygon

from .periods import month_label, parse_month

logger = logging.getLogger(__name__)

# The documented limit is 15 requests a second with bursts of 30. The client keeps a little
# under it: requests do not arrive as evenly spaced as they leave, and a 429 costs a wait.
RATE_PER_SECOND = 14.0
BURST = 28
# A GET's URL stays under this many characters (police.uk's documented 4,094); a longer
# boundary is sent as a POST body, which the API accepts for poly queries.
MAX_GET_URL = 4000
MAX_RETRIES = 6  # for 429 and 5xx other than the poly "too many crimes" 503
MAX_SPLITS = 6  # a 503 area split in four at most this deep (4,096 pieces)
# A boundary's point on its edge still counts as inside (degrees: about a metre).
EDGE_TOLERANCE = 1e-5


class PoliceApiError(Exception):
    """The police.uk API could not give what was asked, in words a person can act on."""


class PoliceApiOfflineError(PoliceApiError):
    """police.uk could not be reached at all: no connection, or its address does not resolve."""


class TokenBucket:
    """Allows `rate` requests a second on average and `burst` at once; `take` waits (with
    `sleep`) until a request may go. The clock and sleep are given so tests need not wait."""

    def __init__(
        self,
        rate: float = RATE_PER_SECOND,
        burst: int = BURST,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.rate, self.burst = rate, burst
        self.clock, self.sleep = clock, sleep
        self.tokens = float(burst)
        self.updated = clock()
        self.lock = threading.Lock()

    def take(self) -> None:
        with self.lock:
            self._refill()
            if self.tokens < 1:
                self.sleep((1 - self.tokens) / self.rate)
                self._refill()
                # The wait was for this token: count it as come, whatever rounding says
                # (a clock that a tiny wait does not move would otherwise wait for ever).
                self.tokens = max(self.tokens, 1.0)
            self.tokens -= 1

    def _refill(self) -> None:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now


@dataclass(frozen=True)
class Neighbourhood:
    id: str
    name: str


@dataclass
class FetchStats:
    """What fetching a month took: shown to the analyst and logged."""

    requests: int = 0
    refused: int = 0  # 429 answers waited out
    split_areas: int = 0  # areas with too many crimes, asked for again in four
    duplicates: int = 0  # crimes seen in more than one neighbourhood, kept once
    other_forces: int = 0  # BTP crimes in the force's area, left to BTP's file


@dataclass
class FetchedMonth:
    force: str
    month: date
    crimes: list[dict] = field(default_factory=list)  # with a location
    no_location: list[dict] = field(default_factory=list)


class PoliceApiClient:
    def __init__(
        self,
        base_url: str | None = None,
        *,
        session: requests.Session | None = None,
        bucket: TokenBucket | None = None,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 60,
    ):
        self.base_url = (base_url or settings.SAFERPLAN_POLICE_API_URL).rstrip("/")
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = "saferplan (Community Safety Partnership planning)"
        self.bucket = bucket or TokenBucket(sleep=sleep)
        self.sleep = sleep
        self.timeout = timeout
        self.stats = FetchStats()

    # -- requests --------------------------------------------------------------------

    def _request(self, method: str, path: str, *, params=None, data=None, too_many_ok=False):
        """The JSON of an answer. With `too_many_ok`, a 503 (an area with more than 10,000
        crimes) returns None for the caller to split the area."""
        url = f"{self.base_url}/{path.lstrip('/')}"
        wait = 1.0  # between tries, doubling; a 429's Retry-After wins
        for attempt in range(1, MAX_RETRIES + 1):
            self.bucket.take()
            self.stats.requests += 1
            pause = wait
            try:
                response = self.session.request(
                    method, url, params=params, data=data, timeout=self.timeout
                )
            except requests.ConnectionError as error:
                raise PoliceApiOfflineError(
                    # Translators: %(url)s is the API's address; %(reason)s says why, as in
                    # "the connection was refused".
                    _(
                        "saferplan could not reach the police.uk API at %(url)s (%(reason)s). "
                        "Fetching from police.uk needs a connection to the internet; nothing was "
                        "saved. Without one, download the month's archive from "
                        "data.police.uk/data and import the file instead."
                    )
                    % {"url": self.base_url, "reason": _reason(error)}
                ) from None
            except requests.Timeout:
                trouble = f"no answer within {self.timeout:.0f} seconds"
            else:
                status = response.status_code
                if status == 200:
                    try:
                        return response.json()
                    except ValueError:
                        raise PoliceApiError(
                            # Translators: %(path)s is what was asked of the API, such as
                            # crimes-street-dates.
                            _("police.uk's answer to %(path)s was not JSON; nothing was saved.")
                            % {"path": path}
                        ) from None
                if status == 503 and too_many_ok:
                    return None
                if status == 404:
                    raise PoliceApiError(
                        _("police.uk has no %(path)s (404); nothing was saved.") % {"path": path}
                    )
                if status != 429 and status < 500:
                    raise PoliceApiError(
                        # Translators: %(status)s is the HTTP status code, such as 403.
                        _("police.uk refused %(path)s (%(status)s); nothing was saved.")
                        % {"path": path, "status": status}
                    )
                if status == 429:
                    self.stats.refused += 1
                    pause = _retry_after(response) or wait
                trouble = f"police.uk answered {status}"
            logger.info(
                "police.uk: %s on %s (try %s), waiting %.1f s", trouble, path, attempt, pause
            )
            self.sleep(pause)
            wait = min(wait * 2, 60)
        raise PoliceApiError(
            _(
                "police.uk did not give %(path)s after %(tries)s tries (refused or busy); "
                "nothing was saved. Try again later."
            )
            % {"path": path, "tries": MAX_RETRIES}
        )

    def get(self, path: str, **params):
        return self._request("GET", path, params=params or None)

    # -- what the API offers ---------------------------------------------------------

    def available_months(self) -> list[date]:
        """The months police.uk has street-level crime for, newest first."""
        months = [parse_month(item["date"]) for item in self.get("crimes-street-dates")]
        return sorted(months, reverse=True)

    def neighbourhoods(self, force: str) -> list[Neighbourhood]:
        return [Neighbourhood(str(n["id"]), n["name"]) for n in self.get(f"{force}/neighbourhoods")]

    def boundary(self, force: str, neighbourhood: str) -> list[tuple[float, float]]:
        """The neighbourhood's boundary as (latitude, longitude) points."""
        points = self.get(f"{force}/{neighbourhood}/boundary")
        return [(float(p["latitude"]), float(p["longitude"])) for p in points]

    def crimes_in(self, boundary: list[tuple[float, float]], month: date) -> Iterator[dict]:
        """Every crime of the month inside the boundary, splitting areas with too many."""
        shape = Polygon([(lng, lat) for lat, lng in boundary])
        yield from self._crimes_in_area(boundary, shape, month, depth=0)

    def _crimes_in_area(self, area, shape: Polygon, month: date, depth: int) -> Iterator[dict]:
        path = "crimes-street/all-crime"
        poly = ":".join(f"{lat:.6f},{lng:.6f}" for lat, lng in area)
        query = {"poly": poly, "date": f"{month:%Y-%m}"}
        if len(self.base_url) + len(path) + len(poly) + 30 <= MAX_GET_URL:
            crimes = self._request("GET", path, params=query, too_many_ok=True)
        else:  # too long for a URL: the API takes the same fields as a form
            crimes = self._request("POST", path, data=query, too_many_ok=True)
        if crimes is not None:
            if depth == 0:
                yield from crimes
            else:  # a box around part of the boundary: keep what lies inside the boundary
                yield from (c for c in crimes if _inside(shape, c))
            return
        if depth >= MAX_SPLITS:
            raise PoliceApiError(
                _(
                    "police.uk says an area of %(month)s has more than 10,000 crimes even "
                    "after splitting it %(splits)s times; nothing was saved."
                )
                % {"month": month_label(month), "splits": MAX_SPLITS}
            )
        self.stats.split_areas += 1
        for box in _quarters(area):
            yield from self._crimes_in_area(box, shape, month, depth + 1)

    def crimes_without_location(self, force: str, month: date) -> list[dict]:
        return self.get(
            "crimes-no-location", category="all-crime", force=force, date=f"{month:%Y-%m}"
        )

    # -- a force's month ---------------------------------------------------------------

    def fetch_force_month(
        self, force: str, month: date, *, progress: Callable[[str], None] = lambda _: None
    ) -> FetchedMonth:
        """Every street-level crime of the force's month, each once."""
        fetched = FetchedMonth(force=force, month=month)
        neighbourhoods = self.neighbourhoods(force)
        if not neighbourhoods:
            raise PoliceApiError(
                # Translators: %(force)s is police.uk's id of the force, such as hertfordshire.
                _("police.uk lists no neighbourhoods for %(force)s.") % {"force": force}
            )
        seen: set[int] = set()
        for number, neighbourhood in enumerate(neighbourhoods, start=1):
            boundary = self.boundary(force, neighbourhood.id)
            if len(boundary) < 3:
                continue  # police.uk has neighbourhoods without a drawn boundary
            for crime in self.crimes_in(boundary, month):
                if crime.get("location_type") not in (None, "Force"):
                    self.stats.other_forces += 1
                    continue
                if crime["id"] in seen:
                    self.stats.duplicates += 1
                    continue
                seen.add(crime["id"])
                fetched.crimes.append(crime)
            progress(
                ngettext(
                    "%(month)s: neighbourhood %(number)s of %(count)s (%(name)s) — %(crimes)s "
                    "crime so far",
                    "%(month)s: neighbourhood %(number)s of %(count)s (%(name)s) — %(crimes)s "
                    "crimes so far",
                    len(fetched.crimes),
                )
                % {
                    "month": month_label(month),
                    "number": number,
                    "count": len(neighbourhoods),
                    "name": neighbourhood.name,
                    "crimes": f"{len(fetched.crimes):,}",
                }
            )
        fetched.no_location = self.crimes_without_location(force, month)
        progress(
            ngettext(
                "%(month)s: %(count)s crime with no location",
                "%(month)s: %(count)s crimes with no location",
                len(fetched.no_location),
            )
            % {"month": month_label(month), "count": f"{len(fetched.no_location):,}"}
        )
        return fetched


def _reason(error: Exception) -> str:
    text = str(error)
    not_looked_up = _("its address could not be looked up")
    for known, words in (
        ("Name or service not known", not_looked_up),
        ("Temporary failure in name resolution", not_looked_up),
        ("nodename nor servname", not_looked_up),
        ("Connection refused", _("the connection was refused")),
        ("Network is unreachable", _("the network is unreachable")),
    ):
        if known in text:
            return words
    return _("no connection")


def _retry_after(response: requests.Response) -> float | None:
    try:
        return max(0.0, min(float(response.headers["Retry-After"]), 300.0))
    except (KeyError, ValueError):
        return None


def _inside(shape: Polygon, crime: dict) -> bool:
    location = crime["location"]
    point = (float(location["longitude"]), float(location["latitude"]))
    # The tolerance's sign depends on the boundary's winding: try both.
    return shape.contains_point(point, radius=EDGE_TOLERANCE) or shape.contains_point(
        point, radius=-EDGE_TOLERANCE
    )


def _quarters(area: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The area's bounding box in four, each as a closed rectangle of (lat, lng)."""
    lats, lngs = [p[0] for p in area], [p[1] for p in area]
    south, north, west, east = min(lats), max(lats), min(lngs), max(lngs)
    mid_lat, mid_lng = (south + north) / 2, (west + east) / 2
    boxes = []
    for low, high in ((south, mid_lat), (mid_lat, north)):
        for left, right in ((west, mid_lng), (mid_lng, east)):
            boxes.append([(low, left), (high, left), (high, right), (low, right)])
    return boxes
