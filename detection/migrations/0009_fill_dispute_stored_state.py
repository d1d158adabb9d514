"""Fill the stored queue state of existing disputes from their flags (the
same computation as dispute_services.dispute_state_refresh, kept here so the
migration does not change if the service does)."""

from django.db import migrations
from django.db.models import Count, Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

ACTIVE_STATUSES = ("open", "acknowledged")


def fill(apps, schema_editor):
    Dispute = apps.get_model("detection", "Dispute")
    DisputeFlag = apps.get_model("detection", "DisputeFlag")
    pairs = DisputeFlag.objects.filter(dispute=OuterRef("pk")).order_by().values("dispute")
    active = pairs.filter(flag__status__in=ACTIVE_STATUSES)
    Dispute.objects.update(
        is_open=Exists(active),
        open_pairs=Coalesce(Subquery(active.annotate(n=Count("id")).values("n")), 0),
        pair_count=Coalesce(Subquery(pairs.annotate(n=Count("id")).values("n")), 0),
        worst=Coalesce(
            Subquery(active.annotate(m=Max("flag__severity")).values("m")),
            Subquery(pairs.annotate(m=Max("flag__severity")).values("m")),
        ),
    )


class Migration(migrations.Migration):
    dependencies = [("detection", "0008_dispute_stored_state")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
