"""A stand-in for the police.uk API, served over real HTTP on 127.0.0.1, answering from the
real Hertfordshire records of saferplan's sample (2018-10 to 2018-12).

There is no connection to data.police.uk from the machines the tests run on, so its answers
cannot be recorded here; this server gives them in the documented shapes
(https://data.police.uk/docs/) from the archive's own records, so that what the client
fetches can be checked against the archive:

- `/crimes-street-dates`: the sample's months, newest first;
- `/hertfordshire/neighbourhoods` and `/{id}/boundary`: one neighbourhood per district of the
  file, its boundary the convex hull of the district's map points (so neighbourhoods
  overlap, as real ones touch, and crimes come back twice);
- `/crimes-street/all-crime?poly=…&date=…` (GET or POST): the records at map points inside
  the polygon, each with a crime id made from its line in the file; 503 when there are more
  than `max_crimes` (10,000 at police.uk);
- `/crimes-no-location`: the records without a location.

Like police.uk it refuses requests beyond 15 a second (bursts of 30) with 429, and counts
them. `refuse_next` makes it answer 429 (with Retry-After) to the next requests regardless.
Two crimes by the British Transport Police are added at a point in Hertsmere (the archive
keeps BTP's in their own file), for the client to leave out; they are not police.uk's."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import numpy as np
from matplotlib.path import Path as Polygon
from scipy.spatial import ConvexHull

from saferplan.crimedata.categories import category_for
from saferplan.crimedata.police_uk import district_of

from .files import sample_csv

FORCE = "hertfordshire"
MONTHS = ("2018-12", "2018-11", "2018-10")
BTP_POINT = ("-0.273364", "51.656296")  # a map point in Hertsmere (Borehamwood)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


@dataclass
class Month:
    located: list[dict] = field(default_factory=list)
    no_location: list[dict] = field(default_factory=list)
    points: np.ndarray | None = None  # (longitude, latitude) of each located crime


def _month(month: str) -> Month:
    found = Month()
    reader = csv.DictReader(io.StringIO(sample_csv(month).decode("utf-8-sig")))
    for line, row in enumerate(reader, start=2):
        crime = {
            "category": category_for(row["Crime type"]),
            "location_type": "Force",
            "context": row["Context"],
            "persistent_id": row["Crime ID"],
            "id": int(month.replace("-", "")) * 100_000 + line,
            "location_subtype": "",
            "month": month,
            "outcome_status": (
                {"category": row["Last outcome category"], "date": month}
                if row["Last outcome category"]
                else None
            ),
        }
        if row["Longitude"]:
            crime["location"] = {
                "latitude": row["Latitude"],
                "longitude": row["Longitude"],
                "street": {"id": 1_000_000 + line, "name": row["Location"]},
            }
            found.located.append(crime)
        else:
            crime["location"] = None
            found.no_location.append(crime)
    for number in (1, 2):
        found.located.append(
            {
                "category": "theft-from-the-person",
                "location_type": "BTP",
                "context": "",
                "persistent_id": "",
                "id": 900_000_000 + number,
                "location_subtype": "STATION",
                "month": month,
                "outcome_status": None,
                "location": {
                    "latitude": BTP_POINT[1],
                    "longitude": BTP_POINT[0],
                    "street": {"id": 1, "name": "On or near Elstree And Borehamwood (station)"},
                },
            }
        )
    found.points = np.array(
        [
            (float(c["location"]["longitude"]), float(c["location"]["latitude"]))
            for c in found.located
        ]
    )
    return found


def _neighbourhoods(month: Month) -> dict[str, tuple[str, list[dict]]]:
    """id → (name, boundary): the convex hull of each district's map points."""
    by_district: dict[str, set[tuple[float, float]]] = defaultdict(set)
    reader = csv.DictReader(io.StringIO(sample_csv(MONTHS[0]).decode("utf-8-sig")))
    for row in reader:
        if row["Longitude"] and row["LSOA name"]:
            by_district[district_of(row["LSOA name"])].add(
                (float(row["Longitude"]), float(row["Latitude"]))
            )
    found = {}
    for district, points in sorted(by_district.items()):
        array = np.array(sorted(points))
        if len(array) >= 3:
            try:
                ring = array[ConvexHull(array).vertices]
            except Exception:  # points in a line: a box around them instead
                ring = None
        else:
            ring = None
        if ring is None:
            west, south = array.min(axis=0) - 0.001
            east, north = array.max(axis=0) + 0.001
            ring = np.array([(west, south), (west, north), (east, north), (east, south)])
        boundary = [{"latitude": f"{lat:.6f}", "longitude": f"{lon:.6f}"} for lon, lat in ring]
        found[_slug(district)[:20]] = (f"{district} (district)", boundary)
    return found


class FakePoliceApi:
    def __init__(self, *, rate: float = 15, burst: int = 30, max_crimes: int = 10_000):
        self.rate, self.burst, self.max_crimes = rate, burst, max_crimes
        self.months = {month: _month(month) for month in MONTHS}
        self.neighbourhoods = _neighbourhoods(self.months[MONTHS[0]])
        self.requests: list[tuple[str, str]] = []
        self.refused = 0  # 429s for going over the rate
        self.too_many = 0  # 503s for areas with too many crimes
        self.refuse_next = 0  # answer this many next requests 429 whatever the rate
        self.retry_after = "1"
        self.level = 0.0  # the leaky bucket's water
        self.updated = time.monotonic()
        self.lock = threading.Lock()
        self.url = ""

    def over_rate(self) -> bool:
        with self.lock:
            now = time.monotonic()
            self.level = max(0.0, self.level - (now - self.updated) * self.rate)
            self.updated = now
            if self.level + 1 > self.burst:
                return True
            self.level += 1
            return False

    def crimes_in(self, poly: str, month: str) -> list[dict] | None:
        ring = [tuple(map(float, pair.split(","))) for pair in poly.split(":")]
        shape = Polygon([(lng, lat) for lat, lng in ring])
        data = self.months[month]
        inside = shape.contains_points(data.points, radius=1e-9) | shape.contains_points(
            data.points, radius=-1e-9
        )
        if inside.sum() > self.max_crimes:
            return None
        return [crime for crime, keep in zip(data.located, inside, strict=True) if keep]


class _Handler(BaseHTTPRequestHandler):
    api: FakePoliceApi

    def log_message(self, *args):  # quiet in test output
        pass

    def do_GET(self):
        self._answer(parse_qs(urlparse(self.path).query))

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self._answer(parse_qs(self.rfile.read(length).decode()))

    def _answer(self, params: dict[str, list[str]]):
        api = self.api
        path = urlparse(self.path).path.removeprefix("/api/").strip("/")
        api.requests.append((self.command, path))
        if api.refuse_next > 0:
            api.refuse_next -= 1
            return self._send(429, {"error": "Too many requests"}, {"Retry-After": api.retry_after})
        if api.over_rate():
            api.refused += 1
            return self._send(429, {"error": "Too many requests"})
        one = {key: values[0] for key, values in params.items()}
        parts = path.split("/")
        if path == "crimes-street-dates":
            return self._send(200, [{"date": m, "stop-and-search": [FORCE]} for m in MONTHS])
        if path == f"{FORCE}/neighbourhoods":
            return self._send(200, [{"id": k, "name": v[0]} for k, v in api.neighbourhoods.items()])
        if len(parts) == 3 and parts[0] == FORCE and parts[2] == "boundary":
            if parts[1] in api.neighbourhoods:
                return self._send(200, api.neighbourhoods[parts[1]][1])
            return self._send(404, {})
        if path == "crimes-street/all-crime":
            if one.get("date") not in api.months or "poly" not in one:
                return self._send(400, {})
            crimes = api.crimes_in(one["poly"], one["date"])
            if crimes is None:
                api.too_many += 1
                return self._send(503, {})
            return self._send(200, crimes)
        if path == "crimes-no-location":
            if one.get("force") != FORCE or one.get("date") not in api.months:
                return self._send(404, {})
            return self._send(200, api.months[one["date"]].no_location)
        return self._send(404, {})

    def _send(self, status: int, body, headers: dict | None = None):
        content = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(content)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(content)


def serve(api: FakePoliceApi):
    """Start the server in a thread; returns (server, base URL)."""
    handler = type("Handler", (_Handler,), {"api": api})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}/api"
    return server, api.url
