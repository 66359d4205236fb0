"""Nobody edits the audit log through saferplan: not a coordinator on the partnership's log
page, not an administrator in Django's admin."""

from django.urls import reverse

from saferplan.accounts.models import User
from saferplan.core.models import AuditEvent
from saferplan.partnerships.services import group_create

HOST = {"HTTP_HOST": "127.0.0.1"}


def test_the_admin_shows_audit_events_but_cannot_add_change_or_delete_them(
    client, partnership, coordinator
):
    group_create(
        actor=coordinator,
        partnership=partnership,
        name="Joint Action Group",
        kind="joint_action_group",
    )
    event = AuditEvent.objects.get()
    before = AuditEvent.objects.values().get()
    admin = User.objects.create_superuser(
        email="admin@example.org", password="x" * 20, full_name="Sam Administrator"
    )
    client.force_login(admin)

    change = reverse("admin:core_auditevent_change", args=[event.pk])
    page = client.get(change, **HOST)
    assert page.status_code == 200
    assert "Joint Action Group" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()  # a read-only view, no Save button

    assert client.post(change, {"object_repr": "rewritten"}, **HOST).status_code == 403
    delete = reverse("admin:core_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}, **HOST).status_code == 403
    assert client.get(reverse("admin:core_auditevent_add"), **HOST).status_code == 403
    bulk = client.post(
        reverse("admin:core_auditevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
        **HOST,
    )
    assert bulk.status_code in {200, 302, 403}
    assert AuditEvent.objects.values().get() == before


def test_the_partnerships_log_page_only_reads(client, partnership, coordinator):
    client.force_login(coordinator)
    url = reverse("partnerships:audit-log", args=[partnership.slug])
    assert client.get(url, **HOST).status_code == 200
    assert client.post(url, {"action": "delete"}, **HOST).status_code == 405
