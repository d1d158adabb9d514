"""Each user's permissions, kept in the cache between requests.

Django computes a user's permissions once per request (two queries joining
the user's groups and permissions, some 3-5 ms of CPU with the ORM's query
building) and every page and API call checks them. They change rarely, so
PermissionCacheBackend, listed before ModelBackend, fills ModelBackend's own
per-request cache (`_perm_cache` and friends) from the Django cache, and
ModelBackend answers every check from it without a query.

The names of the user's groups (their role, for the header's role badge)
are kept in the same entry, so the badge costs no query either.

A change of role takes effect at once in the process that made it (the
signals below bump a version in the cache) and, with a shared cache
(CACHE_URL on Redis), in every process; with the default per-process memory
cache, other processes see it within PERMISSION_CACHE_SECONDS (60 s).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache_outage import CACHE_UNAVAILABLE, cache_outage_warn

VERSION_KEY = "permission-cache-version"


def forget_all_permissions(**kwargs) -> None:
    """Any change to groups, permissions or memberships: recompute everyone's."""
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)
    except CACHE_UNAVAILABLE as error:
        # Nothing is read from a cache that is down; entries from before the
        # outage expire within PERMISSION_CACHE_SECONDS.
        cache_outage_warn(error, going_on="a permission change could not reset the cached permissions")


def _key(user) -> str:
    joined = user.date_joined.timestamp() if getattr(user, "date_joined", None) else 0
    return f"user-permissions:{user.pk}:{joined}:{int(user.is_superuser)}"


def _read(key: str) -> tuple[int, dict | None]:
    """The current version and the user's entry if it was made under it.

    One cache round trip (Redis MGET) on every request that checks a
    permission: the entry carries the version it was computed under, rather
    than the version being part of its key, which took a second round trip
    to learn first. Bumping the version still retires every entry at once.
    """
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    entry = found.get(key)
    if entry is None or entry.get("version") != version or "groups" not in entry:
        entry = None
    return version, entry


def cached_group_names(user) -> frozenset[str] | None:
    """The names of the user's groups if this request already read them with
    the user's permissions (any permission check does), else None: never a
    query of its own, so a loop over many users (the digest) does not fill
    the cache user by user."""
    return getattr(user, "_group_names_cache", None)


def _groups_and_their_permissions(user) -> tuple[frozenset[str], set[str]]:
    """The names of the user's groups and the permissions they give
    ("app_label.codename", as ModelBackend.get_group_permissions), in the one
    query ModelBackend takes for the permissions alone; a superuser's are
    every permission, as ModelBackend counts them."""
    if user.is_superuser:
        return frozenset(user.groups.values_list("name", flat=True)), ModelBackend().get_group_permissions(
            user
        )
    names, permissions = set(), set()
    for name, app_label, codename in user.groups.values_list(
        "name", "permissions__content_type__app_label", "permissions__codename"
    ):
        names.add(name)
        if codename is not None:
            permissions.add(f"{app_label}.{codename}")
    return frozenset(names), permissions


class PermissionCacheBackend(BaseBackend):
    """Authenticates no one; warms ModelBackend's per-request permission
    cache from the Django cache, then lets ModelBackend answer."""

    def _warm(self, user) -> None:
        if not user.is_active or user.is_anonymous or hasattr(user, "_perm_cache"):
            return
        key = _key(user)
        try:
            version, cached = _read(key)
        except CACHE_UNAVAILABLE as error:
            cache_outage_warn(error, going_on="reading permissions from the database")
            key = version = cached = None
        if cached is None:
            groups, group_permissions = _groups_and_their_permissions(user)
            cached = {
                "version": version,
                "user": ModelBackend().get_user_permissions(user),
                "group": group_permissions,
                "groups": groups,
            }
            if key is not None:
                try:
                    cache.set(key, cached, settings.PERMISSION_CACHE_SECONDS)
                except CACHE_UNAVAILABLE as error:
                    cache_outage_warn(error, going_on="reading permissions from the database")
        user._user_perm_cache = cached["user"]
        user._group_perm_cache = cached["group"]
        user._perm_cache = cached["user"] | cached["group"]
        user._group_names_cache = cached["groups"]

    def get_user(self, user_id):
        # Only so that a session naming this backend still finds its user.
        return ModelBackend().get_user(user_id)

    def has_perm(self, user_obj, perm, obj=None):
        self._warm(user_obj)
        return False  # ModelBackend, next in the list, answers from the warmed cache

    def has_module_perms(self, user_obj, app_label):
        self._warm(user_obj)
        return False


def _new_user(sender, instance, created, **kwargs):
    if created:
        forget_all_permissions()


def connect_signals() -> None:
    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            forget_all_permissions, sender=through, dispatch_uid=f"permission-cache-{through}"
        )
    for model in (Group, Permission):
        post_save.connect(forget_all_permissions, sender=model, dispatch_uid=f"permission-cache-save-{model}")
        post_delete.connect(
            forget_all_permissions, sender=model, dispatch_uid=f"permission-cache-del-{model}"
        )
    post_save.connect(_new_user, sender=User, dispatch_uid="permission-cache-new-user")
    post_delete.connect(forget_all_permissions, sender=User, dispatch_uid="permission-cache-del-user")
