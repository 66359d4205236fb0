"""saferplan behind a real reverse proxy: Debian's nginx, configured as docs/administration.md
shows, in front of pytest-django's live server. Every request then comes from nginx's address;
with SAFERPLAN_TRUSTED_PROXY_HOPS=1 each limit still counts the real client.

Two clients are told apart by their source address on the loopback network (127.0.0.2 and
127.0.0.3: all of 127.0.0.0/8 is this machine on Linux). `make test` installs nginx when run
as root (the Makefile's `proxy` target); without it these tests are skipped, saying so."""

import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager

from saferplan.core import clock

NGINX = shutil.which("nginx") or next(
    (str(p) for p in (Path("/usr/sbin/nginx"), Path("/usr/local/sbin/nginx")) if p.exists()), None
)
pytestmark = pytest.mark.skipif(
    NGINX is None,
    reason="nginx is not installed: `make test` installs Debian's nginx when run as root "
    "(or: sudo apt-get install nginx)",
)

CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"
PASSWORD = "correct-horse-battery"

# The proxy block of docs/administration.md, on a plain HTTP port.
CONFIG = """
daemon off;
master_process off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
        location / {{
            proxy_pass http://{upstream};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_buffering off;
        }}
    }}
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def nginx(live_server, tmp_path_factory):
    """nginx on a free port proxying to the live server; its base URL."""
    root = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    upstream = live_server.url.removeprefix("http://")
    (root / "nginx.conf").write_text(CONFIG.format(root=root, port=port, upstream=upstream))
    process = subprocess.Popen(
        [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-e", str(root / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


class FromAddress(HTTPAdapter):
    """Connections from one loopback address: one client of the proxy."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, connections, maxsize, block=False, **kwargs):
        self.poolmanager = PoolManager(
            num_pools=connections, maxsize=maxsize, block=block, source_address=(self.address, 0)
        )


def client_at(address: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", FromAddress(address))
    return session


def post_form(session: requests.Session, url: str, data: dict, **kwargs) -> requests.Response:
    """POST as the browser would: the CSRF token of the form page read first."""
    page = session.get(url, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    return session.post(url, {**data, "csrfmiddlewaretoken": token}, timeout=10, **kwargs)


@pytest.fixture
def behind_nginx(settings, nginx):
    settings.SAFERPLAN_TRUSTED_PROXY_HOPS = 1
    return nginx


@pytest.fixture
def person(transactional_db):
    from saferplan.accounts.tests.factories import MembershipFactory

    return MembershipFactory(role="editor", user__email="owner@herts.example").user


def sign_in(session, base, password):
    return post_form(
        session,
        f"{base}/accounts/sign-in/",
        {"username": "owner@herts.example", "password": password},
        allow_redirects=False,
    )


def test_wrong_passwords_from_one_client_do_not_lock_out_the_member_on_another(
    behind_nginx, person, settings
):
    attacker, member = client_at(CLIENT_A), client_at(CLIENT_B)
    guesses = [
        sign_in(attacker, behind_nginx, "a-guess") for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert guesses[0].status_code == 200  # the form again, with its error
    assert guesses[-1].status_code == 429
    locked = sign_in(attacker, behind_nginx, PASSWORD)
    assert locked.status_code == 429
    assert "You have tried to sign in too many times" in locked.text
    signed_in = sign_in(member, behind_nginx, PASSWORD)
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/"
    assert "Sign out" in member.get(f"{behind_nginx}/", timeout=10).text


def test_a_made_up_x_forwarded_for_does_not_reset_the_api_anonymous_limit(
    behind_nginx, transactional_db, monkeypatch
):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "9/m"})
    script, neighbour = client_at(CLIENT_A), client_at(CLIENT_B)
    answers = [
        script.get(
            f"{behind_nginx}/api/partnerships/",
            headers={"X-Forwarded-For": f"192.0.2.{n}"},
            timeout=10,
        ).status_code
        for n in range(5)
    ]
    assert answers == [200, 200, 200, 429, 429]
    assert neighbour.get(f"{behind_nginx}/api/partnerships/", timeout=10).status_code == 200


@pytest.fixture
def consultation(transactional_db):
    """Seed 002's plan and a consultation on it, open today."""
    import datetime

    from saferplan.accounts.tests.factories import MembershipFactory
    from saferplan.consultations import services
    from saferplan.consultations.tests.conftest import SEEDS
    from saferplan.imports import services as import_services
    from saferplan.partnerships.tests.factories import PartnershipFactory

    partnership = PartnershipFactory(slug="hertsmere")
    coordinator = MembershipFactory(partnership=partnership, role="coordinator").user
    seed = next(SEEDS.glob("002_*.txt"))
    plan = import_services.plan_import(
        actor=coordinator, partnership=partnership, file_name=seed.name, content=seed.read_bytes()
    )
    # A consultation is public once its partnership has a published plan.
    plan.status = "published"
    plan.save()
    today = clock.today()
    return services.consultation_create(
        actor=coordinator,
        partnership=partnership,
        plan=plan,
        title="Partnership Plan survey",
        privacy_notice="Hertsmere CSP holds your answers.",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
        about_you=[],
        areas=[],
    )


def respond(session, base, consultation, **headers):
    """Answer every page of the public form and send it; the answer to the sending."""
    from django.urls import reverse

    from saferplan.consultations import selectors
    from saferplan.consultations.models import QuestionKind

    def url(name, *args):
        path = reverse(f"consultations:respond-{name}", args=[slug, consultation.pk, *args])
        return base + path

    slug = consultation.partnership.slug
    sections: dict[str, dict] = {}
    for question in selectors.questions_of(consultation):
        answer = "very" if question.kind == QuestionKind.RELEVANCE else "Street lighting"
        sections.setdefault(question.section, {})[f"question_{question.pk}"] = answer
    for section, answers in sections.items():
        post_form(session, url("section", section), answers, headers=headers)
    post_form(session, url("contact"), {}, headers=headers)
    return post_form(session, url("check"), {"website": ""}, headers=headers, allow_redirects=False)


def test_the_consultation_limit_counts_each_real_client(behind_nginx, consultation, settings):
    from saferplan.consultations.models import Response

    settings.SAFERPLAN_CONSULTATION_RESPONSES_PER_HOUR = 1
    resident, neighbour = client_at(CLIENT_A), client_at(CLIENT_B)
    assert respond(resident, behind_nginx, consultation).status_code == 302
    again = respond(resident, behind_nginx, consultation, **{"X-Forwarded-For": "192.0.2.99"})
    assert again.status_code == 429
    assert respond(neighbour, behind_nginx, consultation).status_code == 302
    assert Response.objects.count() == 2
