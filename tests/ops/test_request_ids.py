"""Request ids: in the response, in every log line, and carried into queued tasks."""

import logging

import pytest
from django.urls import reverse

from ops.request_id import current_request_id


@pytest.mark.django_db
def test_each_response_carries_a_request_id(client):
    first = client.get(reverse("login"))["X-Request-ID"]
    second = client.get(reverse("login"))["X-Request-ID"]
    assert len(first) == 32
    assert first != second


@pytest.mark.django_db
def test_the_proxy_request_id_is_kept_when_it_looks_like_one(client):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="lb-7f3a9c21-0001")
    assert response["X-Request-ID"] == "lb-7f3a9c21-0001"


@pytest.mark.django_db
def test_a_request_id_with_other_characters_is_replaced(client):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="evil\nINFO forged log line")
    assert "\n" not in response["X-Request-ID"]
    assert "forged" not in response["X-Request-ID"]


def test_log_lines_carry_the_request_id_in_json(settings):
    from logging.config import dictConfig

    config = dict(settings.LOGGING)
    config["handlers"] = {
        "console": {**settings.LOGGING["handlers"]["console"], "formatter": "json"},
    }
    dictConfig(config)
    handler = logging.getLogger().handlers[0]
    record = logging.LogRecord("claims", logging.WARNING, __file__, 1, "flag raised", None, None)
    token = current_request_id.set("abc123def456")
    try:
        handler.filter(record)
        line = handler.format(record)
    finally:
        current_request_id.reset(token)
        dictConfig(settings.LOGGING)

    import json

    parsed = json.loads(line)
    assert parsed["request_id"] == "abc123def456"
    assert parsed["level"] == "WARNING"
    assert parsed["logger"] == "claims"
    assert parsed["message"] == "flag raised"


@pytest.mark.django_db
def test_a_task_published_to_the_broker_carries_the_request_id(spare_redis, celery_broker_at, settings):
    """The message that reaches Redis has the id in its headers, so the worker's
    log lines for that task name the request that queued it."""
    import json

    import redis

    from detection.tasks import check_claim
    from tests import factories

    claim = factories.ClaimFactory()
    celery_broker_at(spare_redis.url)
    token = current_request_id.set("req-0123456789")
    try:
        check_claim.delay(claim.pk)
    finally:
        current_request_id.reset(token)

    raw = redis.Redis(host="127.0.0.1", port=spare_redis.port).lpop(settings.CELERY_TASK_DEFAULT_QUEUE)
    message = json.loads(raw)
    assert message["headers"]["request_id"] == "req-0123456789"
    assert message["headers"]["task"] == "detection.tasks.check_claim"
