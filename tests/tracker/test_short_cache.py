"""Drop-down options, status counts and rule lists kept for LIST_CACHE_SECONDS
(core/short_cache.py): the pages are the same, with fewer queries."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from claims import selectors
from tests import factories

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def newsroom():
    for n in range(3):
        first = factories.FigureClaimFactory(value_low=200 + n)
        second = factories.FigureClaimFactory(event=first.event, value_low=20)
        first.attributions.create(source=factories.PartySourceFactory())
        second.attributions.create(source=factories.SourceFactory(name=f"Monitor <{n}> & co"))
        factories.ConflictFlagFactory(claim_a=first, claim_b=second, rule=f"rule_{n}")


def page(client, path, django_assert_max_num_queries, limit=40):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(path, {"event": ""})
    assert response.status_code == 200
    return CSRF.sub(b"", response.content), len(captured)


@pytest.mark.parametrize("path", ["/", "/claims/"])
def test_the_page_is_identical_with_cached_options_and_costs_fewer_queries(
    path, newsroom, editor_user, settings, django_assert_max_num_queries
):
    client = Client()
    client.force_login(editor_user)
    settings.LIST_CACHE_SECONDS = 0
    uncached, uncached_queries = page(client, path, django_assert_max_num_queries)
    settings.LIST_CACHE_SECONDS = 20
    filling, _ = page(client, path, django_assert_max_num_queries)
    cached, cached_queries = page(client, path, django_assert_max_num_queries)
    assert uncached == filling == cached
    assert cached_queries < uncached_queries


def test_counts_and_rules_refresh_after_the_cache_time(newsroom, settings):
    settings.LIST_CACHE_SECONDS = 20
    start = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        assert selectors.flag_status_counts()["open"] == 3
        assert len(selectors.flag_rules()) == 3
        claims = [factories.ClaimFactory(), factories.ClaimFactory()]
        factories.ConflictFlagFactory(claim_a=claims[0], claim_b=claims[1], rule="rule_new")
        # Within the cache time: the figures of a moment ago
        assert selectors.flag_status_counts()["open"] == 3
    with time_machine.travel(start + dt.timedelta(seconds=21), tick=False):
        assert selectors.flag_status_counts()["open"] == 4
        assert "rule_new" in selectors.flag_rules()


def test_an_edit_form_never_uses_cached_options(editor_user, settings):
    settings.LIST_CACHE_SECONDS = 20
    client = Client()
    client.force_login(editor_user)
    client.get("/claims/")  # fills the filters' cached options
    factories.EventFactory(title="Brand new event")
    assert b"Brand new event" in client.get("/claims/new/").content
