"""Row links remembered per process (core/url_cache.py)."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.url_cache import reverse_row
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
