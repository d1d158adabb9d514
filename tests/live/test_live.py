"""The live-update bus, the hook services call, the event stream and presence."""

import os

import pytest
from django.db import transaction
from django.test import Client

from claims.models import ConflictFlag
from claims.services import flag_acknowledge, flag_comment
from live import bus
from live.bus import MemoryBus, RedisBus
from live.presence import presence_on_flags, presence_report
from tests import factories
from tests.conftest import skip_or_fail


@pytest.fixture
def redis_bus(settings):
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis"):
        skip_or_fail("CELERY_BROKER_URL does not name a Redis server")
    key = f"claimtrack:test-live:{os.getpid()}"
    made = RedisBus(url, key, keep=100)
    yield made
    made._client.delete(key)


@pytest.fixture(params=["memory", "redis"])
def any_bus(request, settings):
    if request.param == "memory":
        return MemoryBus(keep=100)
    return request.getfixturevalue("redis_bus")


def test_a_reader_gets_what_was_published_after_its_position(any_bus):
    start = any_bus.last_id()
    first = any_bus.publish({"kind": "flag", "topics": ["flags"]})
    any_bus.publish({"kind": "claim", "topics": ["claim:3"]})

    assert [notice["kind"] for _, notice in any_bus.read(after=start, timeout=0.1)] == ["flag", "claim"]
    assert [notice["kind"] for _, notice in any_bus.read(after=first, timeout=0.1)] == ["claim"]


def test_a_reader_that_is_up_to_date_waits_and_gets_nothing(any_bus):
    any_bus.publish({"kind": "flag", "topics": ["flags"]})
    assert any_bus.read(after=any_bus.last_id(), timeout=0.1) == []


def test_the_log_keeps_only_the_newest_notices():
    small = MemoryBus(keep=3)
    for number in range(5):
        small.publish({"kind": "flag", "topics": [f"flag:{number}"]})
    assert [notice["topics"] for _, notice in small.read(after="0", timeout=0)] == [
        ["flag:2"],
        ["flag:3"],
        ["flag:4"],
    ]


@pytest.fixture
def memory_bus(settings, monkeypatch):
    """This process's bus, fresh for the test."""
    settings.LIVE_UPDATES_URL = ""
    bus.get_bus.cache_clear()
    from live import presence

    presence.get_store.cache_clear()
    yield bus.get_bus()
    bus.get_bus.cache_clear()
    presence.get_store.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_a_flag_action_is_announced_once_its_transaction_commits(memory_bus, editor_user):
    flag = factories.ConflictFlagFactory()
    start = memory_bus.last_id()
    with transaction.atomic():
        flag_acknowledge(flag_id=flag.pk, user=editor_user)
        assert memory_bus.read(after=start, timeout=0) == []
    topics = {topic for _, notice in memory_bus.read(after=start, timeout=0) for topic in notice["topics"]}
    assert {"flags", f"flag:{flag.pk}", f"claim:{flag.claim_a_id}"} <= topics


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_announces_nothing(memory_bus, editor_user):
    flag = factories.ConflictFlagFactory()
    start = memory_bus.last_id()
    with pytest.raises(RuntimeError), transaction.atomic():
        flag_acknowledge(flag_id=flag.pk, user=editor_user)
        raise RuntimeError("the request failed after the write")
    assert memory_bus.read(after=start, timeout=0) == []


@pytest.mark.django_db(transaction=True)
def test_the_stream_sends_notices_after_the_position_it_was_given(memory_bus, settings, viewer_user):
    settings.LIVE_STREAM_SECONDS = 0.5
    settings.LIVE_UPDATES_HEARTBEAT_SECONDS = 0.1
    start = memory_bus.last_id()
    memory_bus.publish({"kind": "flag", "topics": ["flags", "flag:7"]})
    client = Client()
    client.force_login(viewer_user)

    response = client.get("/live/events/", {"since": start})

    assert response["Content-Type"] == "text/event-stream"
    body = b"".join(response.streaming_content).decode()
    assert "retry: 1000" in body
    assert 'data: {"kind": "flag", "topics": ["flags", "flag:7"]}' in body
    assert f"id: {int(start) + 1}" in body


@pytest.mark.django_db(transaction=True)
def test_a_reconnecting_stream_resumes_after_the_last_id_it_saw(memory_bus, settings, viewer_user):
    settings.LIVE_STREAM_SECONDS = 0.3
    settings.LIVE_UPDATES_HEARTBEAT_SECONDS = 0.1
    seen = memory_bus.publish({"kind": "flag", "topics": ["flag:1"]})
    memory_bus.publish({"kind": "flag", "topics": ["flag:2"]})
    client = Client()
    client.force_login(viewer_user)

    body = b"".join(client.get("/live/events/", headers={"Last-Event-ID": seen}).streaming_content).decode()

    assert "flag:2" in body
    assert "flag:1" not in body


def test_the_stream_needs_a_log_in(client):
    response = client.get("/live/events/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_presence_shows_others_on_a_flag_and_who_is_writing(memory_bus, editor_user, fact_checker_user):
    editor = Client()
    editor.force_login(editor_user)
    checker = Client()
    checker.force_login(fact_checker_user)

    assert checker.post("/live/presence/", {"viewing": "5", "working": "5"}).status_code == 200
    assert editor.post("/live/presence/", {"viewing": "5"}).status_code == 200

    assert editor.get("/live/presence/", {"flags": "5,6"}).json() == {
        "5": [{"user": "fc", "working": True}],
        "6": [],
    }
    assert checker.get("/live/presence/", {"flags": "5"}).json() == {"5": [{"user": "ed", "working": False}]}

    checker.post("/live/presence/", {"viewing": "5", "leave": "on"})
    assert editor.get("/live/presence/", {"flags": "5"}).json() == {"5": []}


@pytest.mark.django_db
def test_a_viewer_is_never_shown_as_writing_a_decision(memory_bus, viewer_user):
    viewer = Client()
    viewer.force_login(viewer_user)
    viewer.post("/live/presence/", {"viewing": "5", "working": "5"})
    assert presence_on_flags(flag_ids=[5]) == {5: [{"user": "vi", "working": False}]}


@pytest.mark.django_db
def test_presence_refuses_a_bad_list_of_flags_with_a_field_message(memory_bus, editor_user):
    editor = Client()
    editor.force_login(editor_user)
    response = editor.post("/live/presence/", {"viewing": "5,x"})
    assert response.status_code == 400
    assert "viewing" in response.json()["errors"]
    assert editor.get("/live/presence/", {"flags": "1;2"}).status_code == 400


def test_presence_expires_when_not_renewed(memory_bus, settings, time_machine):
    time_machine.move_to("2026-01-05 10:00:00", tick=False)
    presence_report(username="maria", viewing=[9])
    assert presence_on_flags(flag_ids=[9]) == {9: [{"user": "maria", "working": False}]}
    time_machine.move_to("2026-01-05 10:01:00", tick=False)
    assert presence_on_flags(flag_ids=[9]) == {9: []}


def test_presence_in_redis_is_shared(settings, redis_bus):
    from live.presence import RedisPresence

    store = RedisPresence(redis_bus.url, redis_bus.key)
    store.set(11, "maria", {"working": True, "seen": 1.0})
    assert RedisPresence(redis_bus.url, redis_bus.key).read([11]) == {
        11: {"maria": {"working": True, "seen": 1.0}}
    }
    assert store.remove(11, "maria")


@pytest.mark.django_db
def test_a_comment_goes_into_a_closed_flags_history_and_leaves_it_closed(editor_user):
    flag = factories.ConflictFlagFactory(status=ConflictFlag.Status.RESOLVED)
    flag_comment(flag_id=flag.pk, user=editor_user, note="The toll was revised later.")
    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.RESOLVED
    assert flag.history.last().reason == "The toll was revised later."


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_saves_go_on_and_the_bus_is_left_alone_for_a_while(
    settings, spare_redis, editor_user, caplog
):
    from live import bus as live_bus

    settings.LIVE_UPDATES_URL = spare_redis.url
    settings.LIVE_UPDATES_RETRY_SECONDS = 60
    live_bus.get_bus.cache_clear()
    live_bus._paused_until = 0.0
    spare_redis.stop()
    try:
        flag = factories.ConflictFlagFactory()
        flag_acknowledge(flag_id=flag.pk, user=editor_user)
        flag_comment(flag_id=flag.pk, user=editor_user, note="Still checking.")

        flag.refresh_from_db()
        assert flag.status == ConflictFlag.Status.ACKNOWLEDGED
        # One failed attempt, then the bus is skipped: one warning, not one per notice.
        assert sum("Live-update bus unreachable" in record.message for record in caplog.records) == 1
        assert live_bus.last_id() == ""
    finally:
        live_bus._paused_until = 0.0
        live_bus.get_bus.cache_clear()
