"""The header bell's count kept for LIST_CACHE_SECONDS (notifications/selectors.py):
one query fewer per page, and never behind the user's own notifications."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from detection.services import flag_raise
from notifications.models import Notification
from notifications.services import follow_toggle
from tests import factories

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
BELL_COUNT = re.compile(r'data-testid="bell-count">(\d+)<')


@pytest.fixture(autouse=True)
def kept_counts(settings):
    settings.LIST_CACHE_SECONDS = 20
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def followed_event(viewer_user):
    event = factories.EventFactory()
    follow_toggle(user=viewer_user, event=event)
    return event


def raise_flag_on(event, django_capture_on_commit_callbacks, value=20):
    first = factories.FigureClaimFactory(event=event, value_low=200)
    second = factories.FigureClaimFactory(event=event, value_low=value)
    # As in production: the counts are forgotten once the flag's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        flag_raise(
            rule="figure_mismatch",
            claim_ids=(first.pk, second.pk),
            severity=40,
            explanation="200 against 20 for the same event.",
        )


def bell(client) -> int:
    found = BELL_COUNT.search(client.get(reverse("accounts:api-tokens")).content.decode())
    return int(found.group(1)) if found else 0


def test_a_second_page_reads_no_count_and_renders_the_same(
    followed_event, viewer_user, client, django_capture_on_commit_callbacks
):
    raise_flag_on(followed_event, django_capture_on_commit_callbacks)
    client.force_login(viewer_user)
    first = client.get(reverse("accounts:api-tokens"))
    with CaptureQueriesContext(connection) as counted:
        second = client.get(reverse("accounts:api-tokens"))
    assert CSRF.sub(b"", first.content) == CSRF.sub(b"", second.content)
    assert b'data-testid="bell-count">1<' in second.content
    assert not any("notifications_notification" in query["sql"] for query in counted.captured_queries)


def test_a_new_notification_shows_on_the_next_page(
    followed_event, viewer_user, client, django_capture_on_commit_callbacks
):
    client.force_login(viewer_user)
    assert bell(client) == 0  # kept
    raise_flag_on(followed_event, django_capture_on_commit_callbacks)
    assert bell(client) == 1
    raise_flag_on(followed_event, django_capture_on_commit_callbacks, value=30)
    assert bell(client) == 2


def test_reading_a_notification_shows_on_the_next_page(
    followed_event, viewer_user, client, django_capture_on_commit_callbacks
):
    raise_flag_on(followed_event, django_capture_on_commit_callbacks)
    raise_flag_on(followed_event, django_capture_on_commit_callbacks, value=30)
    client.force_login(viewer_user)
    assert bell(client) == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:read", kwargs={"pk": Notification.objects.first().pk}))
    assert bell(client) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:read-all"))
    assert bell(client) == 0


def test_each_user_has_their_own_count(
    followed_event, viewer_user, client, django_capture_on_commit_callbacks
):
    raise_flag_on(followed_event, django_capture_on_commit_callbacks)
    client.force_login(viewer_user)
    assert bell(client) == 1
    client.force_login(factories.viewer())
    assert bell(client) == 0
