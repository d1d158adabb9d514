"""Permissions kept in the cache between requests (core/permission_cache.py)."""

import pytest
import redis
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role, user_role
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def test_a_second_request_checks_permissions_without_querying(django_assert_num_queries):
    editor = factories.editor(username="perm-editor")
    assert fresh(editor).has_perm("claims.verify_claim")
    user = fresh(editor)
    with django_assert_num_queries(0):
        assert user.has_perm("claims.verify_claim")
        assert user.has_perm("claims.view_claim")
        assert not user.has_perm("claims.not_a_permission")


def test_a_role_change_applies_at_once():
    user = factories.editor(username="perm-demoted")
    assert fresh(user).has_perm("claims.verify_claim")
    # Demoted to viewer
    user.groups.clear()
    user.groups.add(Group.objects.get(name=factories.viewer(username="someone").groups.get().name))
    demoted = fresh(user)
    assert not demoted.has_perm("claims.verify_claim")
    assert demoted.has_perm("claims.view_claim")


def test_a_group_losing_a_permission_applies_at_once():
    user = factories.editor(username="perm-group")
    assert fresh(user).has_perm("claims.verify_claim")
    group = user.groups.get()
    group.permissions.remove(group.permissions.get(codename="verify_claim"))
    assert not fresh(user).has_perm("claims.verify_claim")


def test_an_inactive_or_new_user_gets_nothing_from_someone_elses_cache():
    editor = factories.editor(username="perm-a")
    assert fresh(editor).has_perm("claims.verify_claim")
    editor.is_active = False
    editor.save()
    assert not fresh(editor).has_perm("claims.verify_claim")
    nobody = factories.UserFactory(username="perm-nobody")
    assert not fresh(nobody).has_perm("claims.view_claim")


def test_pages_refuse_a_viewer_and_admit_an_editor_through_the_cache():
    viewer, editor = factories.viewer(username="perm-v"), factories.editor(username="perm-e")
    for _ in range(2):  # the second time from the cache
        client = Client()
        client.force_login(viewer)
        assert client.get("/claims/new/").status_code == 403
        client.force_login(editor)
        assert client.get("/claims/new/").status_code == 200


def test_the_role_badge_reads_the_cached_groups_and_follows_a_role_change(django_assert_num_queries):
    user = factories.editor(username="perm-badge")
    assert fresh(user).has_perm("claims.view_claim")
    warm = fresh(user)
    with django_assert_num_queries(0):
        assert warm.has_perm("claims.view_claim")
        assert user_role(warm) == Role.EDITOR
    # Demoted to viewer
    user.groups.clear()
    user.groups.add(Group.objects.get(name=Role.VIEWER))
    demoted = fresh(user)
    assert demoted.has_perm("claims.view_claim")
    assert user_role(demoted) == Role.VIEWER


def test_the_header_names_the_role_without_a_query_of_its_own():
    client = Client()
    client.force_login(factories.fact_checker(username="perm-header"))
    client.get("/claims/")  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        content = client.get("/claims/").content.decode()
    assert 'badge--role-fact-checker">Fact-checker</span>' in content
    assert not [query for query in queries.captured_queries if "auth_group" in query["sql"]]


@pytest.mark.parametrize("make", [factories.editor, factories.fact_checker, factories.viewer])
def test_the_cached_permissions_are_the_ones_django_computes(make):
    user = make(username="perm-same")
    assert fresh(user).has_perm("claims.view_claim")  # fills the cache
    cached = fresh(user)
    assert cached.has_perm("claims.view_claim")  # read from the cache
    assert cached.get_all_permissions() == ModelBackend().get_all_permissions(fresh(user))


@pytest.fixture
def redis_cache(settings, spare_redis):
    """Production's cache: a real Redis server of the test's own."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": spare_redis.url}
    }
    yield redis.Redis.from_url(spare_redis.url)
    caches.close_all()


def commands_sent(server, action) -> int:
    """How many commands (round trips, as Django's cache sends none pipelined) `action` sends to Redis."""
    server.config_resetstat()
    action()
    stats = server.info("commandstats")
    return sum(
        entry["calls"]
        for name, entry in stats.items()
        if not name.startswith(("cmdstat_config", "cmdstat_info"))
    )


def test_a_warm_permission_check_is_one_redis_round_trip(redis_cache):
    user = factories.editor(username="perm-redis")
    assert fresh(user).has_perm("claims.verify_claim")  # fills the cache
    warm = fresh(user)
    assert commands_sent(redis_cache, lambda: warm.has_perm("claims.verify_claim")) == 1
    assert warm.has_perm("claims.verify_claim")


def test_a_role_change_applies_at_once_on_redis(redis_cache):
    user = factories.editor(username="perm-redis-demoted")
    assert fresh(user).has_perm("claims.verify_claim")
    assert fresh(user).has_perm("claims.verify_claim")  # from the cache
    user.groups.clear()
    user.groups.add(Group.objects.get(name=Role.VIEWER))
    demoted = fresh(user)
    assert not demoted.has_perm("claims.verify_claim")
    assert demoted.has_perm("claims.view_claim")
