"""The weekly run on a real Celery worker and the real Redis broker: the
fan-out queued twice still sends each reader one digest."""

import pytest
from django.contrib.auth import get_user_model

from digests.models import DigestDelivery
from digests.tasks import send_digest_to_user, send_weekly_digests
from tests import factories
from tests.conftest import wait_until

pytestmark = pytest.mark.worker


def test_a_fan_out_queued_twice_on_a_real_worker_sends_each_reader_once(
    django_db_serialized_rollback, celery_worker, desk_week
):
    # Serialized rollback: the worker needs committed rows, and an earlier
    # transactional test may have emptied the role groups the migrations made.
    readers = list(get_user_model().objects.filter(username__in=["editor", "factchecker", "viewer"]))
    # The worker runs in real time, not the test's frozen clock: name the week.
    send_weekly_digests.delay("2024-W48")
    send_weekly_digests.delay("2024-W48")

    def all_sent():
        sent = DigestDelivery.objects.filter(week="2024-W48", status=DigestDelivery.Status.SENT)
        return sent.count() == len(readers)

    wait_until(all_sent, timeout=60)
    # The worker takes tasks in order, one at a time: once a task queued after
    # the second fan-out's tasks is done, those are done too.
    latecomer = factories.viewer(username="latecomer")
    send_digest_to_user.delay(latecomer.pk, "2024-W48")
    wait_until(
        lambda: DigestDelivery.objects.filter(user=latecomer, status=DigestDelivery.Status.SENT).exists(),
        timeout=60,
    )

    deliveries = DigestDelivery.objects.filter(user__in=readers, week="2024-W48")
    assert sorted(deliveries.values_list("status", "attempts")) == [("sent", 1)] * 3, celery_worker.log()
