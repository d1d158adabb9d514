"""`next` after a POST: an address on this site, or the page's usual one.

The follow button, the queue's bulk triage and the two-factor pages send the
user back to `next`. Django's redirect() reads text that is not a path as the
name of a route, so `next=999` or `next=NaN` raised NoReverseMatch: a 500
(second outside review). Only a path from the site's root is followed now;
other sites were and are refused.
"""

import pytest
from django.urls import reverse

from notifications.models import Follow
from tests import factories

pytestmark = pytest.mark.django_db

NOT_A_PATH = ["999", "NaN", "1e309", "-0", "logout", "claims:claim-list", "javascript:alert(1)"]
OTHER_SITES = ["//evil.example/", "https://evil.example/", "/\\evil.example", "\\\\evil.example"]


@pytest.mark.parametrize("target", NOT_A_PATH + OTHER_SITES)
def test_following_with_a_next_that_is_not_a_local_path_goes_to_the_notifications(editor_client, target):
    event = factories.EventFactory()

    response = editor_client.post(reverse("notifications:follow", args=["event", event.pk]), {"next": target})

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("notifications:list")
    assert Follow.objects.filter(event=event).count() == 1


def test_following_goes_back_to_the_page_it_was_pressed_on(editor_client):
    event = factories.EventFactory()
    page = reverse("claims:event-detail", args=[event.pk]) + "?tab=figures"

    response = editor_client.post(reverse("notifications:follow", args=["event", event.pk]), {"next": page})

    assert response.headers["Location"] == page


@pytest.mark.parametrize("target", NOT_A_PATH + OTHER_SITES)
def test_bulk_triage_with_a_next_that_is_not_a_local_path_goes_to_the_queue(editor_client, target):
    flag = factories.ConflictFlagFactory()

    response = editor_client.post(
        reverse("claims:flag-bulk"), {"action": "acknowledge", "flags": [flag.pk], "next": target}
    )

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("dashboard")
    flag.refresh_from_db()
    assert flag.status == "acknowledged"


@pytest.mark.parametrize("target", NOT_A_PATH + OTHER_SITES)
def test_the_two_factor_page_with_a_next_that_is_not_a_local_path_goes_home(editor_client, target):
    # No authenticator and none required: the page sends the user straight on.
    response = editor_client.get(reverse("two-factor-verify"), {"next": target})

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
