"""The board meetings a plan kept as reminder dates (notifications.BoardMeeting) become
meetings: of the partnership's board (its group of kind board that reports to nobody) where
it has one, reviewing the same plan, reminding owners the same days before. A reminder
already sent for one (Sent key chase:<id>) is kept under the meeting's key, so nobody is
reminded twice."""

from django.db import migrations


def forward(apps, schema_editor):
    BoardMeeting = apps.get_model("notifications", "BoardMeeting")
    Meeting = apps.get_model("meetings", "Meeting")
    Group = apps.get_model("partnerships", "Group")
    Sent = apps.get_model("notifications", "Sent")
    for old in BoardMeeting.objects.select_related("plan").order_by("pk"):
        partnership_id = old.plan.partnership_id
        board = (
            Group.objects.filter(partnership_id=partnership_id, kind="board", reports_to=None)
            .order_by("pk")
            .first()
        )
        new = Meeting.objects.create(
            partnership_id=partnership_id,
            group=board,
            plan_id=old.plan_id,
            meets_on=old.meets_on,
            chase_days_before=old.chase_days_before,
        )
        Sent.objects.filter(key=f"chase:{old.pk}").update(key=f"meeting-chase:{new.pk}")


def backward(apps, schema_editor):
    BoardMeeting = apps.get_model("notifications", "BoardMeeting")
    Meeting = apps.get_model("meetings", "Meeting")
    Sent = apps.get_model("notifications", "Sent")
    for meeting in Meeting.objects.exclude(plan=None).order_by("pk"):
        old, _created = BoardMeeting.objects.get_or_create(
            plan_id=meeting.plan_id,
            meets_on=meeting.meets_on,
            defaults={"chase_days_before": meeting.chase_days_before},
        )
        Sent.objects.filter(key=f"meeting-chase:{meeting.pk}").update(key=f"chase:{old.pk}")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("notifications", "0002_preference_board_reports"),
    ]

    operations = [migrations.RunPython(forward, backward)]
