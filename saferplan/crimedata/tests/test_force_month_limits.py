"""A police.uk file's repeated rows and impossible sizes, and zip bombs: refused at upload,
naming the file, line, month or member and the limit."""

import io
import zipfile
from pathlib import Path

import pytest

from saferplan.background.models import BackgroundJob
from saferplan.crimedata import services
from saferplan.crimedata.models import ForceMonth
from saferplan.crimedata.police_uk import PoliceUkFileError, archive_files, zip_files
from saferplan.crimedata.sample import SAMPLE_ZIP

from .conftest import (
    OCTOBER,
    hertsmere_rows,
    records_of,
    upload,
    write_file,
)
from .files import sample_csv

pytestmark = pytest.mark.django_db

DATA = Path("/work/shared/data/police-uk")


# Repeated rows and impossible sizes ---------------------------------------------------------


def test_a_crime_id_on_more_than_five_rows_is_refused_naming_file_line_and_id():
    """The finding's file: Hertsmere's rows again and again (here 6 times)."""
    path = write_file(hertsmere_rows(copies=6))
    rows = hertsmere_rows().decode().splitlines()[1:]
    index, first = next((i, r.split(",")[0]) for i, r in enumerate(rows) if r.split(",")[0])

    with pytest.raises(PoliceUkFileError) as raised:
        services.police_uk_import(actor=None, files=archive_files([path]))

    error = raised.value
    assert error.column == "Crime ID"
    assert error.line == 5 * len(rows) + index + 2  # the sixth copy of the first id
    assert f"the crime id “{first}” is on more than 5 rows of the file" in str(error)
    assert str(error).startswith(f"{path}, line {error.line}, column “Crime ID”")
    assert not ForceMonth.objects.exists()


def test_a_file_where_many_records_repeat_an_id_is_refused():
    path = write_file(hertsmere_rows(copies=3))

    with pytest.raises(PoliceUkFileError, match=r"repeat a crime id found earlier in the file; "
                       r"the limit is 10%"):  # fmt: skip
        services.police_uk_import(actor=None, files=archive_files([path]))
    assert not ForceMonth.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "all-forces-2018-10/2018-10-avon-and-somerset-street.csv",  # 254 ids on two rows
        "city-of-london-2023-10..2025-12/2023-10-city-of-london-street.csv",  # ids on three
    ],
)
def test_police_uks_own_repeated_ids_are_accepted(name):
    result = services.police_uk_import(actor=None, files=archive_files([DATA / name]))
    assert result.records > 500


def test_a_month_far_beyond_its_known_size_is_refused_naming_month_count_and_limit(
    october_held,
):
    # All three months of the sample as October, the ids blanked: 28,023 records.
    lines = [
        line
        for month in ("2018-10", "2018-11", "2018-12")
        for line in sample_csv(month).decode().splitlines(keepends=True)[1:]
    ]
    rows = [
        "," + line.replace(",2018-11,", ",2018-10,", 1).replace(",2018-12,", ",2018-10,", 1)
        .split(",", 1)[1]
        for line in lines
    ]  # fmt: skip
    header = sample_csv("2018-10").decode().splitlines(keepends=True)[0]
    path = write_file((header + "".join(rows)).encode())

    with pytest.raises(PoliceUkFileError) as raised:
        services.police_uk_import(actor=None, files=archive_files([path]))

    assert (
        "Hertfordshire Constabulary, October 2018: 20,000 records read and more to come, beyond "
        "the limit of 19,766 (2 times the 9,883 records of the month held)"
    ) in str(raised.value)
    assert ForceMonth.objects.get().records == 9883
    assert records_of("Hertsmere") > 800


def test_a_web_upload_has_an_absolute_limit_per_force_month(
    settings, county, coordinator, signed_in
):
    settings.SAFERPLAN_POLICE_UK_MAX_RECORDS = 5000
    client = signed_in(coordinator)
    upload(client, county["Hertsmere"], OCTOBER, sample_csv("2018-10"))
    job = BackgroundJob.objects.get()
    assert job.status == BackgroundJob.Status.FAILED
    assert (
        "beyond the limit of 5,000 (the most a force-month uploaded through the web may have)"
        in job.outcome
    )
    assert not ForceMonth.objects.exists()


# Zip bombs ------------------------------------------------------------------------------------


def zip_bomb(megabytes: int = 40) -> bytes:
    """A street-level CSV of one row repeated, deflated: it packs about a thousand to one."""
    header, row = sample_csv("2018-10").decode().splitlines(keepends=True)[:2]
    row = "," + row.split(",", 1)[1]  # no crime id, so only its size could stop it
    body = header + row * (megabytes * 1024 * 1024 // len(row))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(f"2018-10/{OCTOBER}", body)
    return packed.getvalue()


def test_a_zip_bomb_is_refused_at_upload_naming_the_member_and_the_limit(
    county, coordinator, signed_in
):
    bomb = zip_bomb()
    assert len(bomb) < 200 * 1024  # 40 MB packed into less than 200 KB
    client = signed_in(coordinator)

    page = upload(client, county["Hertsmere"], "hertfordshire.zip", bomb).content.decode()

    assert "govuk-error-summary" in page
    assert f"hertfordshire.zip › 2018-10/{OCTOBER}: it unpacks to" in page
    assert "the limit is 20 times" in page
    assert not BackgroundJob.objects.exists()
    assert not ForceMonth.objects.exists()


def test_a_zip_that_unpacks_beyond_the_total_limit_is_refused(settings):
    settings.SAFERPLAN_POLICE_UK_UNZIPPED_MB = 4  # the sample unpacks to 6.3 MB
    with pytest.raises(PoliceUkFileError) as raised:
        zip_files(SAMPLE_ZIP.open("rb"), "sample.zip")
    assert "sample.zip: its street-level files unpack to more than 4.0 MB (the limit)" in str(
        raised.value
    )
    assert "2018-11/2018-11-hertfordshire-street.csv" in str(raised.value)


def test_a_zip_member_larger_than_its_directory_says_is_stopped():
    """A member whose declared size is a lie is read no further than the declaration."""
    content = sample_csv("2018-10")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(OCTOBER, content)
    data = bytearray(packed.getvalue())
    # Declare a tenth of the size, in the local header and the central directory.
    real = len(content).to_bytes(4, "little")
    small = (len(content) // 10).to_bytes(4, "little")
    data = bytearray(bytes(data).replace(real, small))
    path = write_file(bytes(data), "lying.zip")

    with pytest.raises(
        PoliceUkFileError,
        match=r"lying\.zip › 2018-10-hertfordshire-street\.csv: the zip is damaged",
    ):
        services.police_uk_import(actor=None, files=archive_files([path]))
    assert not ForceMonth.objects.exists()
