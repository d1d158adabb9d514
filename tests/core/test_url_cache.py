"""Row links remembered per process (core/url_cache.py)."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.url_cache import reverse_row, row_link_maker
from tests import factories


def test_a_row_link_is_the_one_reverse_gives():
    assert reverse_row("claims:claim-detail", value=7) == reverse("claims:claim-detail", kwargs={"pk": 7})
    assert reverse_row("sources:source-detail", key="slug", value="sohr") == "/sources/sohr/"


def test_a_site_served_under_a_prefix_links_under_it():
    assert reverse_row("claims:claim-detail", value=8) == "/claims/8/"  # remembered at "/"
    set_script_prefix("/desk/")
    try:
        assert reverse_row("claims:claim-detail", value=8) == "/desk/claims/8/"
    finally:
        set_script_prefix("/")
    assert reverse_row("claims:claim-detail", value=8) == "/claims/8/"


def test_an_unknown_route_still_fails_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            reverse_row("claims:no-such-page", value=1)


@pytest.mark.django_db
def test_model_pages_link_through_it():
    event = factories.EventFactory()
    claim = factories.ClaimFactory(event=event)
    assert claim.get_absolute_url() == f"/claims/{claim.pk}/"
    assert event.get_absolute_url() == f"/events/{event.pk}/"


def test_a_row_link_maker_gives_what_reverse_gives():
    for route in (
        "claims:claim-detail",
        "claims:flag-detail",
        "claims:event-detail",
        "detection:dispute-detail",
    ):
        link = row_link_maker(route)
        for pk in (1, 42, 2_147_483_647):
            assert link(pk) == reverse(route, kwargs={"pk": pk})


def test_a_row_link_maker_takes_the_prefix_in_force_when_made():
    set_script_prefix("/desk/")
    try:
        assert row_link_maker("claims:claim-detail")(8) == "/desk/claims/8/"
    finally:
        set_script_prefix("/")
    assert row_link_maker("claims:claim-detail")(8) == "/claims/8/"


def test_a_row_link_maker_refuses_a_route_whose_key_is_not_a_number():
    with pytest.raises(ValueError, match="plain number"):
        row_link_maker("sources:source-detail", key="slug")
