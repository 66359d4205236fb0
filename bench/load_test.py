"""Load test: 50 people using saferplan at once for 5 minutes, against the production server
(gunicorn, PostgreSQL) on loopback.

Each simulated person has their own session and one action of Hertsmere's demo action plan
to own. In a loop, with a think time of 0.5-1.5 s between steps, each reads My actions, the
plan, the action plan table, their action, the published plan or the crime comparison, or
adds an update to their action (opening the form, then posting it; one update in five also
changes the RAG rating, with a reason). Every request is timed.

Targets (issue 8): no errors (every page 200, every update 302), p95 under 500 ms, and
afterwards exactly one update in the database for every update the server accepted, none lost
and none doubled.

Not part of `make bench` (it takes over 5 minutes): run it alone.

    .venv/bin/python bench/load_test.py                 # 50 people, 300 s
    BENCH_LOAD_SECONDS=60 .venv/bin/python bench/load_test.py

It needs PostgreSQL: DATABASE_URL (a database ending in _bench, emptied first), by default
postgres://postgres@127.0.0.1:5432/saferplan_load_bench.
"""

import http.client
import os
import random
import re
import statistics
import threading
import time
from collections import Counter
from urllib.parse import urlencode

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/saferplan_load_bench")

from harness import Report, p95, setup_django
from serve import BENCH_SECRET_KEY

# The sessions made here must be signed with the key the server checks them with.
os.environ["SAFERPLAN_SECRET_KEY"] = BENCH_SECRET_KEY
database = setup_django()

from serve import PORT, gunicorn, server_environment, session_cookie

from saferplan.accounts.models import Membership, Role, User
from saferplan.core import clock
from saferplan.demo.loader import demo_load
from saferplan.plans.models import Action, Plan, Update

PEOPLE = int(os.environ.get("BENCH_LOAD_PEOPLE", "50"))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "300"))
THINK = (0.5, 1.5)
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "4"))
UPDATE_TEXT = "Load test update"


def build_people() -> tuple[Plan, list[tuple[str, Action]]]:
    """The demo, and PEOPLE owners, each an editor of Hertsmere owning one of its actions."""
    demo_load()
    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    actions = list(Action.objects.filter(priority__plan=plan).order_by("pk"))
    if len(actions) < PEOPLE:
        raise SystemExit(f"the demo's plan has {len(actions)} actions, fewer than {PEOPLE}")
    people = []
    for n, action in enumerate(actions[:PEOPLE]):
        user = User.objects.create_user(
            email=f"owner{n}@example.org", password=None, full_name=f"Owner {n}"
        )
        Membership.objects.create(user=user, partnership=plan.partnership, role=Role.EDITOR)
        Action.objects.filter(pk=action.pk).update(owner_user=user)
        people.append((session_cookie(user), action))
    return plan, people


class Person(threading.Thread):
    def __init__(self, number: int, cookie: str, action: Action, plan: Plan):
        super().__init__(daemon=True)
        self.number, self.cookie, self.action = number, cookie, action
        self.until = 0.0  # set by main() once the server has warmed up
        self.random = random.Random(number)
        base = f"/partnerships/hertsmere/plans/{plan.pk}"
        self.reads = [
            ("my actions", "/my-actions/", 25),
            ("plan", f"{base}/", 15),
            ("action plan table", f"{base}/actions/", 15),
            ("action", f"/partnerships/hertsmere/actions/{action.pk}/", 15),
            ("published plan", "/p/hertsmere/", 10),
            ("crime comparison", "/partnerships/hertsmere/crime/", 5),
        ]
        self.timings: list[tuple[str, float]] = []
        self.errors: list[str] = []
        self.accepted: list[str] = []  # the texts of updates the server accepted
        self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)

    def request(self, what: str, method: str, path: str, *, body=None, headers=None, expect=200):
        headers = {"Cookie": self.cookie, **(headers or {})}
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read().decode()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.errors.append(f"{method} {path}: {error!r}")
            return None, ""
        self.timings.append((what, (time.perf_counter() - started) * 1000))
        if response.status != expect:
            self.errors.append(f"{method} {path}: {response.status}, expected {expect}")
        return response, content

    def add_update(self, n: int) -> None:
        form_path = f"/partnerships/hertsmere/actions/{self.action.pk}/update/"
        page, body = self.request("update form", "GET", form_path)
        if page is None or page.status != 200:
            return
        csrf_cookie = re.search(r"__Host-csrftoken=([^;]+)", page.getheader("Set-Cookie") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        rag_id = re.search(r'name="expected_rag_change_id" value="(\d+)"', body)
        current = re.search(r'name="rag" value="(\w+)"[^>]* checked', body)
        text = f"{UPDATE_TEXT} {self.number}-{n}"
        today = clock.today()  # London's, as the form takes it
        fields = {
            "csrfmiddlewaretoken": token.group(1),
            "described_on_day": today.day,
            "described_on_month": today.month,
            "described_on_year": today.year,
            "text": text,
            "marking": "official",
            "rag": current.group(1) if current else "",
            "status": "",
            "expected_rag_change_id": rag_id.group(1) if rag_id else "",  # none: never rated
        }
        if n % 5 == 0:  # one update in five changes the rating
            fields["rag"] = "amber" if fields["rag"] == "green" else "green"
            fields["rag_reason"] = "Load test: progress reviewed"
        cookies = self.cookie + (
            f"; __Host-csrftoken={csrf_cookie.group(1)}" if csrf_cookie else ""
        )
        answer, _ = self.request(
            "add an update (POST)",
            "POST",
            form_path,
            body=urlencode(fields),
            headers={"Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded"},
            expect=302,
        )
        if answer is not None and answer.status == 302:
            self.accepted.append(text)

    def run(self) -> None:
        try:
            self.loop()
        except Exception as error:  # a person who gives up is an error, never silent
            self.errors.append(f"person {self.number} stopped: {error!r}")
        finally:
            self.connection.close()

    def warm_up(self) -> None:
        """Each page once, untimed: the server's workers load their code and caches."""
        for _, path, _ in self.reads:
            self.connection.request("GET", path, headers={"Cookie": self.cookie})
            self.connection.getresponse().read()

    def loop(self) -> None:
        n = 0
        weights = [w for *_, w in self.reads] + [15]
        while time.monotonic() < self.until:
            choice = self.random.choices(range(len(weights)), weights)[0]
            if choice == len(self.reads):
                self.add_update(n)
                n += 1
            else:
                what, path, _ = self.reads[choice]
                cookie = {"Cookie": ""} if what == "published plan" else None  # the public
                self.request(what, "GET", path, headers=cookie)
            time.sleep(self.random.uniform(*THINK))


def main() -> None:
    print(f"Load test on {database}: {PEOPLE} people for {SECONDS} s, think time {THINK} s")
    plan, people = build_people()
    updates_before = Update.objects.count()
    env = server_environment()
    with gunicorn(env, workers=WORKERS):
        threads = [Person(n, cookie, action, plan) for n, (cookie, action) in enumerate(people)]
        for thread in threads[: WORKERS * 2]:
            thread.warm_up()
        until = time.monotonic() + SECONDS
        for thread in threads:
            thread.until = until
        for thread in threads:
            thread.start()
            time.sleep(0.02)  # people arrive over a second, not in one instant
        for thread in threads:
            thread.join()

    timings = [t for person in threads for t in person.timings]
    errors = [e for person in threads for e in person.errors]
    accepted = [text for person in threads for text in person.accepted]
    stored = list(
        Update.objects.filter(text__startswith=UPDATE_TEXT).values_list("text", flat=True)
    )
    doubled = [text for text, count in Counter(stored).items() if count > 1]
    lost = set(accepted) - set(stored)

    all_ms = [ms for _, ms in timings]
    print(f"  {len(timings):,} requests in {SECONDS} s ({len(timings) / SECONDS:.1f} a second)")
    by_kind: dict[str, list[float]] = {}
    for what, ms in timings:
        by_kind.setdefault(what, []).append(ms)
    for what, values in sorted(by_kind.items()):
        print(
            f"    {what:<24} {len(values):>6} requests, median {statistics.median(values):6.1f} ms,"
            f" p95 {p95(values):6.1f} ms"
        )
    for error in errors[:10]:
        print(f"    error: {error}")

    report = Report("Load: 50 people, reads and updates, gunicorn + PostgreSQL")
    report.figure(
        "errors (page not 200, update not 302, no answer)", len(errors), 0, "", inclusive=True
    )
    report.figure("p95 of every request", p95(all_ms), 500, "ms")
    report.figure("median of every request", statistics.median(all_ms), float("inf"), "ms")
    report.figure("updates accepted by the server", len(accepted), float("inf"), "")
    report.figure("updates accepted but not stored (lost)", len(lost), 0, "", inclusive=True)
    report.figure("updates stored twice (doubled)", len(doubled), 0, "", inclusive=True)
    report.figure(
        "updates stored that were not accepted",
        len(set(stored) - set(accepted)),
        0,
        "",
        inclusive=True,
    )
    print(f"  updates in the database: {updates_before:,} before, {Update.objects.count():,} after")
    report.finish()


if __name__ == "__main__":
    main()
