"""Health, readiness and metrics endpoints, as a load balancer and a scraper use them."""

import pytest
from django.urls import reverse

from claims.models import ConflictFlag
from tests import factories


def test_healthz_answers_anyone_without_touching_the_database(client):
    # No django_db mark: any query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_each_dependency_with_its_timing(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "cache", "broker"}
    assert all(check["ok"] and check["ms"] >= 0 for check in body["checks"].values())


@pytest.mark.django_db
def test_readyz_says_not_ready_when_the_broker_is_down_and_names_no_secret(
    client, spare_redis, celery_broker_at
):
    celery_broker_at(spare_redis.url)
    assert client.get("/readyz").status_code == 200

    spare_redis.stop()
    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert str(spare_redis.port) not in response.content.decode()


@pytest.mark.django_db
def test_metrics_refuse_a_scraper_without_the_token(client, settings):
    settings.METRICS_TOKEN = "scrape-secret-123"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403


@pytest.mark.django_db
def test_metrics_without_a_token_answer_only_this_machine(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    proxied = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert proxied.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_FORWARDED": "for=203.0.113.9"},
        {"HTTP_X_REAL_IP": "203.0.113.9"},
        {"HTTP_X_FORWARDED_HOST": "claims.example.org"},
    ],
)
def test_metrics_without_a_token_refuse_requests_any_proxy_relayed(client, settings, header):
    # A proxy on this machine that says who the client is in another header
    # than X-Forwarded-For made every internet request look local.
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1", **header).status_code == 403


@pytest.mark.django_db
def test_metrics_count_open_flags_by_rule_and_severity_and_every_flag_raised(client, settings):
    settings.METRICS_TOKEN = "scrape-secret-123"
    event = factories.EventFactory()
    first = factories.FigureClaimFactory(event=event, value_low=200)
    second = factories.FigureClaimFactory(event=event, value_low=20)
    factories.ConflictFlagFactory(
        claim_a=first, claim_b=second, rule="figure_mismatch", severity=ConflictFlag.Severity.HIGH
    )
    factories.ConflictFlagFactory(
        claim_a=first, claim_b=None, rule="party_only", status=ConflictFlag.Status.DISMISSED
    )

    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-123")

    assert response.status_code == 200
    text = response.content.decode()
    assert 'claimtrack_flags_open{rule="figure_mismatch",severity="high"} 1.0' in text
    assert 'rule="party_only"' not in text.split("claimtrack_flags_raised")[0]
    assert 'claimtrack_flags_raised_total{rule="party_only"} 1.0' in text
    assert "claimtrack_claims 2.0" in text


@pytest.mark.django_db
def test_metrics_show_the_run_time_of_tasks_that_ran(client, settings):
    from detection.tasks import check_claim

    settings.METRICS_TOKEN = "scrape-secret-123"
    claim = factories.ClaimFactory()
    check_claim.delay(claim.pk)

    text = client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-123").content.decode()

    assert 'claimtrack_task_seconds_count{task="detection.tasks.check_claim"}' in text
    assert 'claimtrack_task_seconds_bucket{le="+Inf",task="detection.tasks.check_claim"}' in text


@pytest.mark.django_db
def test_head_gets_get_headers_and_no_body(client):
    got = client.get(reverse("login"))
    head = client.head(reverse("login"))
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(got.content))


@pytest.mark.django_db
def test_metrics_count_the_disputes_the_scheduled_repair_put_right(client, settings):
    from detection.models import Dispute
    from detection.tasks import repair_dispute_state

    settings.METRICS_TOKEN = "scrape-secret-123"
    flags = [factories.ConflictFlagFactory() for _ in range(2)]

    def scrape() -> str:
        return client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret-123").content.decode()

    assert "claimtrack_dispute_state_repaired_total 0.0" in scrape()

    Dispute.objects.filter(memberships__flag__in=flags).update(open_pairs=5)
    repair_dispute_state.delay()
    repair_dispute_state.delay()  # nothing left: the count stays

    assert "claimtrack_dispute_state_repaired_total 2.0" in scrape()
