"""A Redis cache outage (issue 13, finding 2): with the documented production
cache (CACHE_URL at Redis), every API request answered 500 while Redis was
down, because the throttle let redis' ConnectionError escape. The throttle now
allows the request and logs the outage."""

import logging

import pytest
from django.core.cache import caches

import core.cache_outage
from claims.models import Claim
from tests.api.conftest import client_with_token
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(spare_redis, settings):
    """The default cache on the test's own redis-server, with throttling on."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": spare_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "3/minute", "anon": "1/minute"},
    }
    core.cache_outage._last_warning = None
    yield spare_redis
    caches.close_all()


def test_the_throttle_counts_in_redis_while_it_is_up(redis_cache, viewer_user):
    api = client_with_token(viewer_user)
    statuses = [api.get("/api/v1/claims/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_with_the_redis_cache_down_api_reads_and_writes_still_work(redis_cache, editor_user, caplog):
    api = client_with_token(editor_user)
    source = SourceFactory(name="Monitor")
    redis_cache.stop()

    with caplog.at_level(logging.WARNING, "core.cache_outage"):
        listed = api.get("/api/v1/claims/")
        created = api.post(
            "/api/v1/claims/",
            {"text": "The monitor counted 20 dead.", "attributions": [{"source": source.pk}]},
            format="json",
        )

    assert listed.status_code == 200
    assert created.status_code == 201, created.content
    assert Claim.objects.filter(text="The monitor counted 20 dead.").exists()
    assert any("Cache unavailable" in record.getMessage() for record in caplog.records)


def test_anonymous_requests_are_not_500_with_the_redis_cache_down(redis_cache, client):
    redis_cache.stop()
    response = client.get("/api/schema/")
    assert response.status_code == 200


def test_pages_read_permissions_and_lists_from_the_database_with_the_redis_cache_down(
    redis_cache, editor_user, client, settings
):
    settings.LIST_CACHE_SECONDS = 20  # the drop-down options go through the cache too
    client.force_login(editor_user)
    assert client.get("/claims/").status_code == 200
    redis_cache.stop()

    assert client.get("/claims/").status_code == 200
    assert client.get("/").status_code == 200
