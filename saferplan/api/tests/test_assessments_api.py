"""The strategic assessments in the API (issue 23, deliverable 5): every one, sensitive parts
included, for the partnership's members; the published one without anything
OFFICIAL-SENSITIVE for anyone else; nothing at all before it is published."""

import datetime
import json

import pytest
from django.urls import reverse

from saferplan.assessments import services
from saferplan.assessments.tests.test_publishing import (  # noqa: F401 (fixtures)
    CANARY,
    SUMMARY,
    agreed,
)

pytestmark = pytest.mark.django_db

ADDRESS = reverse("api:assessments", args=["hertsmere"])


def test_the_public_reads_the_published_assessment_without_its_sensitive_parts(
    client,
    signed_in,
    viewer,
    outsider,
    coordinator,
    agreed,  # noqa: F811
):
    assert client.get(ADDRESS).json() == []  # agreed, not yet published
    services.assessment_publish(
        actor=coordinator,
        assessment=agreed,
        summary=SUMMARY,
        published_on=datetime.date(2023, 2, 1),
    )
    for caller in (client, signed_in(outsider)):
        answer = caller.get(ADDRESS)
        assert answer.status_code == 200
        assert CANARY not in answer.content.decode()
        (published,) = answer.json()
        assert published["title"] == "Hertsmere Strategic Assessment 2022"
        assert published["published_on"] == "2023-02-01"
        assert published["summary"] == SUMMARY
        # Seed 002's 23 lines and the written finding, less the sensitive rape line.
        assert len(published["findings"]) == 23
        robbery = next(f for f in published["findings"] if f["name"] == "Robbery")
        assert (robbery["previous"], robbery["current"], robbery["verdict"]) == (
            "51.00",
            "67.00",
            "normal",
        )
        assert [r["title"] for r in published["risks"]] == ["Theft other"]
        assert [r["text"] for r in published["recommendations"]] == ["Keep robbery as a priority."]
        client.logout()

    member = signed_in(viewer).get(ADDRESS)
    (full,) = member.json()
    assert len(full["findings"]) == 24
    assert CANARY in json.dumps(full)
    markings = {f["name"]: f["marking"] for f in full["findings"]}
    assert markings["Rape"] == "official_sensitive"


def test_a_members_drafts_are_theirs_alone(client, signed_in, viewer, outsider, agreed):  # noqa: F811
    assert len(signed_in(viewer).get(ADDRESS).json()) == 1
    assert signed_in(outsider).get(ADDRESS).json() == []
