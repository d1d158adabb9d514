"""Claim.content_changed_at: when what the detection rules compare last
changed. Existing claims start from their updated_at, so a conflict closed
before this migration re-opens exactly as it would have before it."""

import django.db.models.functions.datetime
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0013_list_order_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="content_changed_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunSQL(
            "UPDATE claims_claim SET content_changed_at = updated_at",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="claim",
            name="content_changed_at",
            field=models.DateTimeField(
                db_default=django.db.models.functions.datetime.Now(),
                default=django.utils.timezone.now,
                editable=False,
            ),
        ),
    ]
