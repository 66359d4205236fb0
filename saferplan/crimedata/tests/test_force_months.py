"""A police.uk month belongs to the installation, not to the partnership that uploads it
(docs/adr/0015): one partnership's upload may not silently replace the figures of every
partnership of the force. Checked on the real Hertfordshire sample with four of its
partnerships, as in the red-team finding (a Hertsmere upload of its own rows, repeated,
became October 2018 for Dacorum, East Herts and Three Rivers)."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.background.models import BackgroundJob
from saferplan.background.services import upload_storage
from saferplan.core.models import AuditEvent
from saferplan.crimedata import services
from saferplan.crimedata.models import CrimeCount, ForceMonth
from saferplan.crimedata.police_uk import PoliceUkFileError, archive_files, zip_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.partnerships.tests.factories import PartnershipFactory

from .files import sample_csv

pytestmark = pytest.mark.django_db

DATA = Path("/work/shared/data/police-uk")
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


# Replacing a month held: the differences, confirmation, who may -----------------------------


def test_a_coordinators_upload_replacing_a_held_month_waits_showing_every_partnerships_difference(
    county, october_held, coordinator, signed_in
):
    before = figures(county)
    assert before["Dacorum"] > 1000
    assert before["Hertsmere"] > 800
    client = signed_in(coordinator)

    answer = upload(client, county["Hertsmere"], OCTOBER, hertsmere_rows())

    job = BackgroundJob.objects.get()
    assert job.status == BackgroundJob.Status.WAITING
    assert figures(county) == before  # nothing replaced
    assert ForceMonth.objects.get().records == 9883
    assert upload_storage().exists(job.stored_file)  # kept until confirmed or cancelled
    page = client.get(answer["Location"]).content.decode()
    assert "Waiting for confirmation" in page
    check = reverse("crimedata:police-uk-replace", args=["hertsmere", job.pk])
    assert check in page
    page = client.get(check).content.decode()
    assert "Hertfordshire Constabulary, October 2018: 9,883 records held" in page
    for name, district in (
        ("Dacorum Community Safety Partnership", "Dacorum"),
        ("East Herts Community Safety Partnership", "East Hertfordshire"),
        ("Three Rivers Community Safety Partnership", "Three Rivers"),
    ):
        row = page.split(f">{name}</th>", 1)[1].split("</tr>", 1)[0]
        assert f">{before[district]:,}<" in row, name
        assert f"−{before[district]:,}" in row, name  # all lost
    assert "Only an analyst of a partnership in Hertfordshire Constabulary" in page
    assert "Replace the months held" not in page  # a coordinator may not

    refused = client.post(check, {"replace": ""})

    assert refused.status_code == 403
    assert figures(county) == before
    assert BackgroundJob.objects.get().status == BackgroundJob.Status.WAITING


def test_an_analyst_of_the_force_confirms_and_the_event_is_in_every_partnerships_log(
    county, october_held, member_of, signed_in
):
    analyst = member_of("analyst")
    client = signed_in(analyst)
    dacorum = records_of("Dacorum")
    revised = without_rows("Dacorum", 10)  # police.uk revised the month
    answer = upload(client, county["Hertsmere"], OCTOBER, revised)
    job = BackgroundJob.objects.get()
    assert job.status == BackgroundJob.Status.WAITING
    check = reverse("crimedata:police-uk-replace", args=["hertsmere", job.pk])
    assert "Replace the months held" in client.get(check).content.decode()

    client.post(check, {"replace": ""})

    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.DONE, job.outcome
    assert not upload_storage().exists(job.stored_file)
    done = client.get(answer["Location"]).content.decode()
    assert "9,873 records from 1 file(s)" in done
    assert (
        f"Dacorum Community Safety Partnership: {dacorum:,} → {dacorum - 10:,} records (-10)"
        in done
    )
    assert records_of("Dacorum") == dacorum - 10
    for district, partnership in county.items():
        events = AuditEvent.objects.filter(
            partnership=partnership, object_type="crimedata.forcemonth", actor=analyst
        )
        if district == "Slough":
            assert not events.exists()
            continue
        event = events.get()
        assert "confirmed by" in event.reason
        assert event.changes["Records"] == [9883, 9873]
        coordinator = MembershipFactory(partnership=partnership, role="coordinator").user
        client.force_login(coordinator)
        log = client.get(reverse("partnerships:audit-log", args=[partnership.slug]))
        assert "Hertfordshire Constabulary, October 2018" in log.content.decode(), district


def test_a_cancelled_import_replaces_nothing_and_its_upload_is_deleted(
    county, october_held, coordinator, signed_in, django_capture_on_commit_callbacks
):
    before = figures(county)
    client = signed_in(coordinator)
    upload(client, county["Hertsmere"], OCTOBER, hertsmere_rows())
    job = BackgroundJob.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("crimedata:police-uk-replace", args=["hertsmere", job.pk]), {"cancel": ""}
        )

    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.CANCELLED
    assert not upload_storage().exists(job.stored_file)
    assert figures(county) == before


def test_a_confirmation_no_longer_holds_once_the_month_has_changed_meanwhile(county, october_held):
    """Confirmed differences are checked again in the worker: if another import changed the
    month in between, the import waits for confirmation again, with the new differences."""
    shown = hertsmere_rows()
    with pytest.raises(services.ReplacementNotConfirmedError) as waiting:
        services.police_uk_import(
            actor=None,
            files=archive_files([_write(shown)]),
            partnership=county["Hertsmere"],
            confirmed=[],
        )
    confirmed = waiting.value.to_confirm
    services.police_uk_import(  # meanwhile, the administrator imports a revision
        actor=None,
        files=archive_files(
            [_write(sample_csv("2018-10").replace(b",Burglary,", b",Robbery,", 3))]
        ),
    )

    with pytest.raises(services.ReplacementNotConfirmedError):
        services.police_uk_import(
            actor=None,
            files=archive_files([_write(shown)]),
            partnership=county["Hertsmere"],
            confirmed=confirmed,
        )
    assert records_of("Dacorum") > 1000


def test_a_month_not_held_yet_is_imported_at_once_and_logged_for_each_partnership(
    county, coordinator, signed_in
):
    client = signed_in(coordinator)
    upload(client, county["Hertsmere"], OCTOBER, sample_csv("2018-10"))
    assert BackgroundJob.objects.get().status == BackgroundJob.Status.DONE
    assert ForceMonth.objects.get().records == 9883
    for district in ("Hertsmere", "Dacorum", "East Hertfordshire", "Three Rivers"):
        event = AuditEvent.objects.get(
            partnership=county[district], object_type="crimedata.forcemonth"
        )
        assert event.changes["Records in this partnership's districts"] == [
            0,
            records_of(district),
        ]


def test_the_same_file_again_changes_no_ones_figures_and_needs_no_confirmation(
    county, october_held, coordinator, signed_in
):
    client = signed_in(coordinator)
    upload(client, county["Hertsmere"], OCTOBER, sample_csv("2018-10"))
    assert BackgroundJob.objects.get().status == BackgroundJob.Status.DONE


def test_a_partnership_imports_only_its_own_forces_months(county, analyst_of_slough, signed_in):
    client = signed_in(analyst_of_slough)
    upload(client, county["Slough"], OCTOBER, sample_csv("2018-10"))
    job = BackgroundJob.objects.get()
    assert job.status == BackgroundJob.Status.FAILED
    assert (
        "this is Hertfordshire Constabulary's file for October 2018: Safer Slough Partnership "
        "imports only the months of its own force, Thames Valley Police"
    ) in job.outcome
    assert not ForceMonth.objects.exists()


@pytest.fixture
def analyst_of_slough(county):
    return MembershipFactory(partnership=county["Slough"], role="analyst").user


def test_the_administrators_command_replaces_and_prints_each_partnerships_difference(
    county, october_held, tmp_path, capsys
):
    before = figures(county)
    path = tmp_path / OCTOBER
    path.write_bytes(hertsmere_rows())

    call_command("import-police-uk", str(path), "--quiet")

    out = capsys.readouterr().out
    assert "(replaced the earlier import)" in out
    assert (
        f"Dacorum Community Safety Partnership: {before['Dacorum']:,} → 0 records "
        f"(-{before['Dacorum']:,})"
    ) in out
    assert (
        f"Hertsmere Community Safety Partnership: {before['Hertsmere']:,} records (no change)"
        in out
    )
    assert AuditEvent.objects.filter(partnership=county["Dacorum"]).count() == 2


# Repeated rows and impossible sizes ---------------------------------------------------------


def _write(content: bytes, name: str = OCTOBER) -> Path:
    import tempfile

    path = Path(tempfile.mkdtemp()) / name
    path.write_bytes(content)
    return path


def test_a_crime_id_on_more_than_five_rows_is_refused_naming_file_line_and_id():
    """The finding's file: Hertsmere's rows again and again (here 6 times)."""
    path = _write(hertsmere_rows(copies=6))
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
    path = _write(hertsmere_rows(copies=3))

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
    path = _write((header + "".join(rows)).encode())

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
    path = _write(bytes(data), "lying.zip")

    with pytest.raises(
        PoliceUkFileError,
        match=r"lying\.zip › 2018-10-hertfordshire-street\.csv: the zip is damaged",
    ):
        services.police_uk_import(actor=None, files=archive_files([path]))
    assert not ForceMonth.objects.exists()
