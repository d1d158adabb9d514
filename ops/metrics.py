"""Prometheus metrics, read when scraped.

Every figure comes from shared state (the database, the broker's Redis), not
from counters inside one process, so any web process answers with the same
numbers however many run behind the proxy. Task timings are written by the
workers into one Redis hash per task (ops/task_context.py) and read here.
"""

from django.conf import settings
from django.db.models import Count, Sum
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from . import task_timings


class ClaimtrackCollector:
    """Flags, claims, digests, the task queue and task latency."""

    def collect(self):
        from claims.models import Claim, ConflictFlag
        from detection.models import DisputeStateRepair
        from digests.models import DigestDelivery

        open_flags = GaugeMetricFamily(
            "claimtrack_flags_open", "Conflict flags open or acknowledged.", labels=["rule", "severity"]
        )
        for row in (
            ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES)
            .order_by()
            .values("rule", "severity")
            .annotate(n=Count("id"))
        ):
            severity = ConflictFlag.Severity(row["severity"]).label.lower()
            open_flags.add_metric([row["rule"], severity], row["n"])
        yield open_flags

        raised = CounterMetricFamily(
            "claimtrack_flags_raised", "Conflict flags ever raised.", labels=["rule"]
        )
        for row in ConflictFlag.objects.order_by().values("rule").annotate(n=Count("id")):
            raised.add_metric([row["rule"]], row["n"])
        yield raised

        yield GaugeMetricFamily("claimtrack_claims", "Claims in the tracker.", value=Claim.objects.count())

        # Any increase means a write changed flags without refreshing their
        # disputes' stored queue state; the repair task put it right.
        repairs = DisputeStateRepair.objects.aggregate(repaired=Sum("repaired"), filed=Sum("flags_filed"))
        yield CounterMetricFamily(
            "claimtrack_dispute_state_repaired",
            "Disputes whose stored queue state had drifted from their flags, repaired by the scheduled task.",
            value=repairs["repaired"] or 0,
        )
        # Any increase means a check stopped between raising a conflict and
        # filing it: the conflict was missing from the queue until this task.
        yield CounterMetricFamily(
            "claimtrack_dispute_unfiled_conflicts_filed",
            "Conflicts found in no dispute (missing from the queue) and filed by the scheduled task.",
            value=repairs["filed"] or 0,
        )

        digests = CounterMetricFamily(
            "claimtrack_digest_deliveries", "Weekly digest deliveries by outcome.", labels=["status"]
        )
        for row in DigestDelivery.objects.order_by().values("status").annotate(n=Count("id")):
            digests.add_metric([row["status"]], row["n"])
        yield digests

        depth = task_timings.queue_depth(settings.CELERY_TASK_DEFAULT_QUEUE)
        if depth is not None:
            yield _queue_gauge(depth)

        histogram = HistogramMetricFamily(
            "claimtrack_task_seconds", "Celery task run time, from start to finish.", labels=["task"]
        )
        for task_name, (buckets, total) in task_timings.read_all().items():
            histogram.add_metric([task_name], buckets=buckets, sum_value=total)
        yield histogram


def _queue_gauge(depth: int) -> GaugeMetricFamily:
    gauge = GaugeMetricFamily(
        "claimtrack_celery_queue_depth", "Tasks waiting in the broker's queue.", labels=["queue"]
    )
    gauge.add_metric([settings.CELERY_TASK_DEFAULT_QUEUE], depth)
    return gauge


def metrics_payload() -> tuple[bytes, str]:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ClaimtrackCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST
