"""Project-wide promises: migrations, deploy checks, the audit helper, form rendering."""

import os
import stat
import subprocess
import sys
from io import StringIO

import pytest
from django import forms
from django.core.management import call_command

from saferplan.core import audit
from saferplan.core.forms import GovukRadioSelect
from saferplan.partnerships.tests.factories import GroupFactory, OrganisationFactory


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Models have changes without a migration:\n{out.getvalue()}")


@pytest.mark.on_every_database  # the suite's PostgreSQL when it runs there
def test_the_production_settings_pass_djangos_deployment_checks(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.production",
        "SAFERPLAN_SECRET_KEY": "k" * 20
        + "a-long-random-secret-for-the-deploy-check-only"
        + "z" * 10,
        "SAFERPLAN_ALLOWED_HOSTS": "saferplan.example.gov.uk",
        "SAFERPLAN_VAR_DIR": str(tmp_path),
        # The suite's PostgreSQL when it runs there, else a SQLite file named on purpose.
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "saferplan.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if env["DATABASE_URL"].startswith("sqlite"):
        # One warning, and only it: test_the_deploy_check_warns_that_sqlite_blocks_writes.
        assert "(saferplan.W001)" in result.stderr, result.stdout + result.stderr
        assert "System check identified 1 issue" in result.stderr, result.stderr
        return
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_warns_that_sqlite_blocks_writes(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.production",
        "SAFERPLAN_SECRET_KEY": "s" * 64,
        "SAFERPLAN_ALLOWED_HOSTS": "saferplan.example.gov.uk",
        "SAFERPLAN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "saferplan.cli", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert (
        "(saferplan.W001) The database is SQLite: one write at a time, so while a police.uk "
        "import runs nobody can save anything"
    ) in output
    assert "HINT: Use PostgreSQL in production: DATABASE_URL=postgres://" in output


def _production_check(tmp_path, *, without: str, **settings) -> subprocess.CompletedProcess:
    """`saferplan check` with the production settings, `without` one variable."""
    env = {k: v for k, v in os.environ.items() if k != without}
    env |= {
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.production",
        "SAFERPLAN_ALLOWED_HOSTS": "x.example",
        "SAFERPLAN_VAR_DIR": str(tmp_path),
        **settings,
    }
    return subprocess.run(
        [sys.executable, "-m", "saferplan.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _production_check(tmp_path, without="SAFERPLAN_SECRET_KEY")
    assert result.returncode != 0
    assert "SAFERPLAN_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_database_url(tmp_path):
    """Not silently on a SQLite file of its own: the server stops and says what to set."""
    result = _production_check(tmp_path, without="DATABASE_URL", SAFERPLAN_SECRET_KEY="s" * 64)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL must be set in production" in result.stderr
    assert not (tmp_path / "saferplan.sqlite3").exists()


def test_the_command_line_writes_no_file_every_account_can_read(tmp_path):
    """`saferplan` sets its own umask: the SQLite database it makes is not world-readable
    even when started with the common 0022."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.base",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'saferplan.sqlite3'}",
        "SAFERPLAN_VAR_DIR": str(tmp_path),
    }
    old_umask = os.umask(0o022)
    try:
        subprocess.run(
            [sys.executable, "-m", "saferplan.cli", "migrate", "-v", "0"], env=env, check=True
        )
    finally:
        os.umask(old_umask)
    database = tmp_path / "saferplan.sqlite3"
    assert stat.S_IMODE(database.stat().st_mode) & 0o007 == 0, oct(database.stat().st_mode)


def test_argon2_hashes_passwords_outside_tests():
    from saferplan.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_snapshot_and_diff_describe_changes_in_the_words_users_see(partnership):
    police = OrganisationFactory(name="Hertfordshire Constabulary", partnerships=[partnership])
    group = GroupFactory(partnership=partnership, name="JAG", kind="joint_action_group")
    before = audit.snapshot(group, ["name", "kind", "member_organisations"])
    group.kind = "forum"
    group.member_organisations.add(police)
    after = audit.snapshot(group, ["name", "kind", "member_organisations"])
    assert audit.diff(before, after) == {
        "Kind": ["Joint action group", "Forum"],
        "Member organisations": [[], ["Hertfordshire Constabulary"]],
    }


class ExampleForm(forms.Form):
    title = forms.CharField(label="Title", help_text="A short name")
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=GovukRadioSelect
    )


def test_fields_render_as_govuk_form_groups_with_hint_and_error_linked():
    form = ExampleForm(data={"title": "", "colour": ""})
    html = str(form)
    assert '<div class="govuk-form-group govuk-form-group--error">' in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert '<div id="id_title_helptext" class="govuk-hint">A short name</div>' in html
    assert (
        '<p id="id_title_error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> This field is required.</p>'
        in html
    )
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Colour</legend>' in html
    )
    assert 'class="govuk-radios__input"' in html


def test_the_error_summary_links_to_an_input_that_exists():
    import re

    from saferplan.plans.forms import UpdateForm

    form = UpdateForm(
        data={
            "described_on_day": "31",
            "described_on_month": "2",
            "described_on_year": "2019",
            "text": "",
        }
    )
    html = str(form)
    from django.template.loader import render_to_string

    summary = render_to_string("govuk/error_summary.html", {"form": form})
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in html, (
            f"the error summary links to #{target}, which is not on the page"
        )


def test_the_deploy_check_names_scripts_pdfs_would_show_as_boxes(monkeypatch):
    """Found in the walk-through of issue 22: the published plan's PDF showed the Chinese,
    Hindi and Punjabi lines of its notice as empty boxes on a server without their fonts."""
    from saferplan.core import checks

    assert checks.fonts_for_translated_notices(None) == []  # make test installs them
    monkeypatch.setattr(
        subprocess,
        "run",
        lambda args, **kwargs: subprocess.CompletedProcess(
            args, 0, stdout="" if args[1] in (":lang=zh", ":lang=pa") else "Noto Sans\n"
        ),
    )
    (warning,) = checks.fonts_for_translated_notices(None)
    assert warning.id == "saferplan.W002"
    assert warning.msg.startswith("No font for Gurmukhi (Punjabi), Chinese: PDFs show text")
    assert "apt-get install fonts-noto-core fonts-droid-fallback" in warning.hint
