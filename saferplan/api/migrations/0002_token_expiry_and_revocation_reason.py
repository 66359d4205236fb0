"""API tokens expire (SAFERPLAN_API_TOKEN_DAYS after they are made or renewed) and say why
they were revoked. Tokens made before this migration expire that many days from now, so no
partner system stops working on the day of the upgrade."""

import datetime

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def give_existing_tokens_a_lifetime(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    expires_at = timezone.now() + datetime.timedelta(days=settings.SAFERPLAN_API_TOKEN_DAYS)
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=expires_at)


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="revoked_because",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(give_existing_tokens_a_lifetime, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(),
        ),
    ]
