"""A police.uk month belongs to the installation, not to the partnership that uploads it
(docs/adr/0015): one partnership's upload may not silently replace the figures of every
partnership of the force. Checked on the real Hertfordshire sample with four of its
partnerships, as in the red-team finding (a Hertsmere upload of its own rows, repeated,
became October 2018 for Dacorum, East Herts and Three Rivers)."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.background.models import BackgroundJob
from saferplan.background.services import upload_storage
from saferplan.core.models import AuditEvent
from saferplan.crimedata import services
from saferplan.crimedata.models import ForceMonth
from saferplan.crimedata.police_uk import archive_files

from .conftest import (
    OCTOBER,
    figures,
    hertsmere_rows,
    records_of,
    upload,
    without_rows,
    write_file,
)
from .files import sample_csv

pytestmark = pytest.mark.django_db

DATA = Path("/work/shared/data/police-uk")


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
    assert "9,873 records from 1 file" in done
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
            files=archive_files([write_file(shown)]),
            partnership=county["Hertsmere"],
            confirmed=[],
        )
    confirmed = waiting.value.to_confirm
    services.police_uk_import(  # meanwhile, the administrator imports a revision
        actor=None,
        files=archive_files(
            [write_file(sample_csv("2018-10").replace(b",Burglary,", b",Robbery,", 3))]
        ),
    )

    with pytest.raises(services.ReplacementNotConfirmedError):
        services.police_uk_import(
            actor=None,
            files=archive_files([write_file(shown)]),
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
