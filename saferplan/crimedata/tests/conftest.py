"""The force-month tests' partnerships and files: four Hertfordshire partnerships and one of
Thames Valley, October 2018 held, and Hertsmere's rows of the real sample."""

import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferplan.crimedata import services
from saferplan.crimedata.models import CrimeCount
from saferplan.crimedata.police_uk import archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.partnerships.tests.factories import PartnershipFactory

from .files import sample_csv

OCTOBER = "2018-10-hertfordshire-street.csv"


@pytest.fixture
def county(partnership, other_partnership):
    """Hertsmere and Dacorum (the shared fixtures), East Herts and Three Rivers: all of
    Hertfordshire Constabulary; and Slough, of Thames Valley Police."""
    return {
        "Hertsmere": partnership,
        "Dacorum": other_partnership,
        "East Hertfordshire": PartnershipFactory(
            name="East Herts Community Safety Partnership",
            slug="east-herts",
            districts=["East Hertfordshire"],
        ),
        "Three Rivers": PartnershipFactory(
            name="Three Rivers Community Safety Partnership", slug="three-rivers"
        ),
        "Slough": PartnershipFactory(
            name="Safer Slough Partnership", slug="slough", police_force="thames-valley"
        ),
    }


@pytest.fixture
def october_held():
    """October 2018 as the administrator imported it from the sample."""
    return services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP])[:1])


def records_of(district: str) -> int:
    return sum(CrimeCount.objects.filter(district=district).values_list("count", flat=True))


def hertsmere_rows(month: str = "2018-10", copies: int = 1, blank_ids: bool = False) -> bytes:
    """The month's header and its Hertsmere rows only (`copies` times over)."""
    lines = sample_csv(month).decode().splitlines(keepends=True)
    rows = [line for line in lines[1:] if ",Hertsmere 0" in line]
    if blank_ids:
        rows = ["," + line.split(",", 1)[1] for line in rows]
    return (lines[0] + "".join(rows) * copies).encode()


def without_rows(district: str, count: int) -> bytes:
    """October 2018 less the district's first `count` rows (police.uk revised the month)."""
    lines = sample_csv("2018-10").decode().splitlines(keepends=True)
    dropped = [i for i, line in enumerate(lines) if f",{district} 0" in line][:count]
    return "".join(line for i, line in enumerate(lines) if i not in dropped).encode()


def upload(client, partnership, name: str, content: bytes, **extra):
    return client.post(
        reverse("crimedata:police-uk", args=[partnership.slug]),
        {"file": SimpleUploadedFile(name, content)},
        **extra,
    )


def figures(county) -> dict[str, int]:
    return {district: records_of(district) for district in county if district != "Slough"}


def write_file(content: bytes, name: str = OCTOBER) -> Path:
    """The content as a file of that name, in a folder of its own."""
    path = Path(tempfile.mkdtemp()) / name
    path.write_bytes(content)
    return path
