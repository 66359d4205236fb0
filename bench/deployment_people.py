"""The people of the deployment test (bench/deployment_test.py): each a thread with a session
of their own, owning one action, reading pages and adding updates through nginx; one analyst
importing police.uk months and two people making the board report's documents, each
watching the job's page until it has finished. A request that gets no answer, or a 502/503/504
from nginx, is sent again (up to three times), as a person would press the button again."""

import datetime
import http.client
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from serve import session_cookie

from saferplan.accounts.models import Membership, Role, User
from saferplan.background.models import BackgroundJob
from saferplan.core import clock as saferplan_clock
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.demo.loader import demo_load
from saferplan.plans.models import Action, Plan
from saferplan.reports.models import BoardReport

UPDATE_TEXT = "Deployment test update"
THINK = (0.5, 1.5)
SENT_AGAIN = 3
IMPORT_EVERY, DOCUMENT_EVERY = 40.0, 30.0
# Real police.uk months (OGL v3.0), as data.police.uk's archive gives them: Hertfordshire,
# October to December 2018, 28,023 records, shipped with saferplan.
POLICE_UK_ARCHIVE = SAMPLE_ZIP


class Clock:
    """Seconds since the load began, shared by the people and the controller."""

    def __init__(self):
        self.started = time.monotonic()
        self.seconds = 0.0

    def start(self, seconds: float) -> None:
        self.started, self.seconds = time.monotonic(), seconds

    def now(self) -> float:
        return time.monotonic() - self.started

    def running(self) -> bool:
        return self.now() < self.seconds

    def sleep_until(self, at: float) -> None:
        time.sleep(max(0.0, at - self.now()))


@dataclass
class Someone:
    """Who a simulated person is: their session, their action, and their part."""

    cookie: str
    action: Action
    part: str  # "reader", "eager" (no think time), "importer", "documents"


@dataclass
class Failure:
    at: float
    what: str


def people_build(count: int) -> list[Someone]:
    """The demo, and `count` people: each an editor owning an action added to one of the
    demo's action plans in turn, and a board member (viewer) of Hertsmere, whose board
    report they read. Person 0 is Hertsmere's coordinator (imports); 1 and 2 make documents; one
    in five of the rest never pauses."""
    demo_load()
    plans = list(Plan.objects.filter(kind="action").order_by("pk"))
    hertsmere = Plan.objects.get(partnership__slug="hertsmere", kind="action").partnership
    cast = []
    for n in range(count):
        plan = (
            plans[n % len(plans)] if n > 2 else next(p for p in plans if p.partnership == hertsmere)
        )
        priority = plan.priorities.order_by("number").first()
        user = User.objects.create_user(
            email=f"person{n}@example.org", password=None, full_name=f"Person {n}"
        )
        Membership.objects.create(user=user, partnership=plan.partnership, role=Role.EDITOR)
        if plan.partnership != hertsmere:
            Membership.objects.create(user=user, partnership=hertsmere, role=Role.VIEWER)
        if n == 0:
            Membership.objects.filter(user=user, partnership=hertsmere).update(
                role=Role.COORDINATOR
            )
        action = Action.objects.create(
            priority=priority,
            title=f"Deployment test action of person {n}",
            owner_user=user,
            status="in_progress",
            due_date=datetime.date(2027, 3, 31),
            position=1000 + n,
        )
        part = (
            "importer"
            if n == 0
            else "documents"
            if n in (1, 2)
            else "eager"
            if n % 5 == 4
            else "reader"
        )
        cast.append(Someone(session_cookie(user), action, part))
    return cast


class Person(threading.Thread):
    def __init__(self, number: int, role: Someone, clock: Clock, base: str):
        super().__init__(daemon=True)
        self.number, self.role, self.clock = number, role, clock
        self.random = random.Random(number)
        address = urlsplit(base)
        self.host, self.port = address.hostname, address.port
        self.cookies = dict(c.split("=", 1) for c in role.cookie.split("; "))
        action = role.action
        slug = action.priority.plan.partnership.slug
        plan = action.priority.plan_id
        report = BoardReport.objects.get(plan__partnership__slug="hertsmere")
        self.report_path = f"/partnerships/hertsmere/board-reports/{report.pk}/"
        self.update_path = f"/partnerships/{slug}/actions/{action.pk}/update/"
        self.reads = [
            ("my actions", "/my-actions/", 20),
            ("plan", f"/partnerships/{slug}/plans/{plan}/", 10),
            ("action plan table", f"/partnerships/{slug}/plans/{plan}/actions/", 15),
            ("action", f"/partnerships/{slug}/actions/{action.pk}/", 15),
            ("board report", self.report_path, 8),
            ("published plan (public)", "/p/hertsmere/", 10),
            ("crime comparison", "/partnerships/hertsmere/crime/", 5),
        ]
        self.timings: list[tuple[str, float]] = []
        self.failures: list[Failure] = []
        self.errors: list[str] = []
        self.accepted: list[str] = []
        self.jobs: list[int] = []
        self.bad_downloads: list[str] = []
        self.connection = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=120)

    # --- One request, sent again if it gets no answer ------------------------------------

    def request(self, what, method, path, *, body=None, headers=None, expect=200, public=False):
        """(status, headers, body bytes) of the first answer, or None if every attempt failed."""
        for _ in range(SENT_AGAIN):
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            sent = {
                "Host": "localhost",
                **({} if public else {"Cookie": cookie}),
                **(headers or {}),
            }
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                content = response.read()
            except (OSError, http.client.HTTPException) as error:
                self.connection.close()
                self.connection = self._connect()
                self.failures.append(Failure(self.clock.now(), f"{method} {path}: {error!r}"))
                time.sleep(0.5)
                continue
            if response.status in (502, 503, 504):
                self.failures.append(
                    Failure(self.clock.now(), f"{method} {path}: {response.status} from nginx")
                )
                time.sleep(0.5)
                continue
            self.timings.append((what, (time.perf_counter() - started) * 1000))
            if not public:
                for header in response.msg.get_all("Set-Cookie") or []:
                    name, _, rest = header.partition("=")
                    value = rest.split(";", 1)[0]
                    if value:
                        self.cookies[name] = value
                    else:
                        self.cookies.pop(name, None)
            if response.status != expect:
                self.errors.append(f"{method} {path}: {response.status}, expected {expect}")
            return response.status, response, content
        self.errors.append(f"{method} {path}: no answer after {SENT_AGAIN} attempts")
        return None

    def form_fields(self, html: str) -> dict[str, str]:
        """The hidden fields of the page's forms (CSRF token, form-once token ...)."""
        return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))

    # --- What people do ----------------------------------------------------------------

    def add_update(self, n: int) -> None:
        answer = self.request("update form", "GET", self.update_path)
        if answer is None or answer[0] != 200:
            return
        html = answer[2].decode()
        current = re.search(r'name="rag" value="(\w+)"[^>]* checked', html)
        today = saferplan_clock.today()
        text = f"{UPDATE_TEXT} {self.number}-{n}"
        fields = self.form_fields(html) | {
            "described_on_day": today.day,
            "described_on_month": today.month,
            "described_on_year": today.year,
            "text": text,
            "marking": "official",
            "rag": current.group(1) if current else "",
            "status": "",
        }
        if n % 5 == 0:  # one update in five changes the rating
            fields["rag"] = "amber" if fields["rag"] == "green" else "green"
            fields["rag_reason"] = "Deployment test: progress reviewed"
        posted = self.request(
            "add an update (POST)",
            "POST",
            self.update_path,
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            expect=302,
        )
        if posted is not None and posted[0] == 302:
            self.accepted.append(text)

    def police_uk_import(self) -> None:
        path = "/partnerships/hertsmere/crime/police-uk/"
        page = self.request("police.uk upload page", "GET", path)
        if page is None or page[0] != 200:
            return
        boundary = uuid.uuid4().hex
        upload_form = re.search(r"<form[^>]*multipart/form-data.*?</form>", page[2].decode(), re.S)
        fields = self.form_fields(upload_form[0])  # sent again, the same form-once token
        head = "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        ) + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{POLICE_UK_ARCHIVE.name}"\r\nContent-Type: application/zip\r\n\r\n'
        )
        body = head.encode() + POLICE_UK_ARCHIVE.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
        posted = self.request(
            "police.uk import (POST)",
            "POST",
            path,
            body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            expect=302,
        )
        self._watch(posted, document=False)

    def board_report_document(self, kind: str) -> None:
        page = self.request("board report", "GET", self.report_path)
        if page is None or page[0] != 200:
            return
        prepare = re.search(r'<form[^>]*action="[^"]*/prepare/".*?</form>', page[2].decode(), re.S)
        posted = self.request(
            "board report document (POST)",
            "POST",
            self.report_path + "prepare/",
            body=urlencode({**self.form_fields(prepare[0]), "document": kind}),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            expect=302,
        )
        self._watch(posted, document=True)

    def _watch(self, posted, *, document: bool) -> None:
        """Watch the job's page until it has finished, as the person would; download what it
        made."""
        if posted is None or posted[0] != 302:
            return
        location = posted[1].getheader("Location")
        job_id = int(re.search(r"/jobs/(\d+)/", location).group(1))
        self.jobs.append(job_id)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            self.request("job page", "GET", urlsplit(location).path)
            job = BackgroundJob.objects.get(pk=job_id)
            if job.is_finished:
                break
            time.sleep(1)
        if not document:
            return
        got = self.request("document download", "GET", urlsplit(location).path + "file")
        if got is None or got[0] != 200 or got[2][:4] not in (b"%PDF", b"PK\x03\x04"):
            self.bad_downloads.append(f"job {job_id}: {got and got[0]}")

    def warm_up(self) -> None:
        """Each page once, untimed: the servers' workers load their code and caches."""
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for what, path, _ in self.reads:
            headers = {"Host": "localhost"} | (
                {} if what.endswith("(public)") else {"Cookie": cookie}
            )
            self.connection.request("GET", path, headers=headers)
            self.connection.getresponse().read()

    def run(self) -> None:
        from django.db import connection

        try:
            self.loop()
        except Exception as error:  # a person who gives up is an error, never silent
            self.errors.append(f"person {self.number} stopped: {error!r}")
        finally:
            self.connection.close()
            connection.close()

    def loop(self) -> None:
        n = 0
        weights = [w for *_, w in self.reads] + [15]
        last_job = -1e9
        documents = 0
        while self.clock.running():
            if self.role.part == "importer" and self.clock.now() - last_job >= IMPORT_EVERY:
                last_job = self.clock.now()
                self.police_uk_import()
                continue
            if self.role.part == "documents" and self.clock.now() - last_job >= DOCUMENT_EVERY:
                last_job = self.clock.now() + (DOCUMENT_EVERY / 2 if self.number == 2 else 0)
                self.board_report_document("pdf" if documents % 2 == 0 else "docx")
                documents += 1
                continue
            choice = self.random.choices(range(len(weights)), weights)[0]
            if choice == len(self.reads):
                self.add_update(n)
                n += 1
            else:
                what, path, _ = self.reads[choice]
                self.request(what, "GET", path, public=what.endswith("(public)"))
            if self.role.part != "eager":
                time.sleep(self.random.uniform(*THINK))
