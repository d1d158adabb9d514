"""Links to a row's page, remembered per process.

A list page links every row it shows (a claim list page some 50 links, the
conflict queue several hundred) and Django's `reverse` costs 20-30 µs a call,
several percent of such a page. A row's address depends only on the route's
name, the key, the URL configuration and the script prefix the site is served
under, so those are the cache's key; the least recently used are dropped past
URL_CACHE_SIZE.
"""

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, resolve, reverse

URL_CACHE_SIZE = 8192


@lru_cache(maxsize=URL_CACHE_SIZE)
def _reverse(viewname: str, key: str, value, urlconf: str, prefix: str) -> str:  # noqa: ARG001
    # `prefix` is only part of the cache's key: reverse reads the same one itself.
    return reverse(viewname, kwargs={key: value}, urlconf=urlconf)


def reverse_row(viewname: str, *, key: str = "pk", value) -> str:
    """reverse(viewname, kwargs={key: value}), remembered."""
    return _reverse(viewname, key, value, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=256)
def _reverse_fixed(viewname: str, urlconf: str, prefix: str) -> str:  # noqa: ARG001
    return reverse(viewname, urlconf=urlconf)


def reverse_fixed(viewname: str) -> str:
    """reverse(viewname) for a route without arguments, remembered."""
    return _reverse_fixed(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


# A number no row has yet, to find where the key goes in a route's address.
_KEY_MARKER = 987654321987654321


@lru_cache(maxsize=256)
def _row_link_parts(viewname: str, key: str, urlconf: str, prefix: str) -> tuple[str, str]:
    link = reverse(viewname, kwargs={key: _KEY_MARKER}, urlconf=urlconf)
    # The route must read the key back as the same number (an <int:> path
    # converter), or splicing a number in would not be what reverse gives.
    if resolve("/" + link[len(prefix) :], urlconf=urlconf).kwargs.get(key) != _KEY_MARKER:
        raise ValueError(f"{viewname} does not take its {key} as a plain number")
    head, _, tail = link.partition(str(_KEY_MARKER))
    return head, tail


def row_link_maker(viewname: str, *, key: str = "pk") -> Callable[[int], str]:
    """A function giving reverse_row(viewname, key=key, value=pk) for an
    integer key, for a page that links hundreds of rows of one kind (the
    conflict queue): the route, the URL configuration and the script prefix
    are looked up once, then each link is two strings and the number."""
    head, tail = _row_link_parts(viewname, key, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())

    def link(value: int) -> str:
        return f"{head}{int(value)}{tail}"

    return link
