"""A create form sent twice saves once (second outside review).

A double click on "Save" sent the new-claim form twice and stored two
identical claims, each checked for conflicts; the same for events. The forms
carry a one-time `submission` token now (core/submissions.py).
"""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from claims.models import Claim, Event
from tests import factories

pytestmark = pytest.mark.django_db


def token_of(response) -> str:
    match = re.search(r'name="submission" value="([^"]+)"', response.content.decode())
    assert match, "the create form carries no submission token"
    return match.group(1)


def claim_form(token: str, source, text: str = "The monitor counted 20 dead.") -> dict:
    return {
        "submission": token,
        "text": text,
        "kind": "other",
        "credibility": "6",
        "attributions-TOTAL_FORMS": "1",
        "attributions-INITIAL_FORMS": "0",
        "attributions-0-source": source.pk,
        "attributions-0-form": "paraphrase",
    }


def test_a_claim_form_sent_twice_saves_one_claim_and_both_land_on_it(editor_client):
    source = factories.SourceFactory()
    token = token_of(editor_client.get(reverse("claims:claim-create")))

    first = editor_client.post(reverse("claims:claim-create"), claim_form(token, source))
    second = editor_client.post(reverse("claims:claim-create"), claim_form(token, source))

    assert Claim.objects.count() == 1
    claim = Claim.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"] == claim.get_absolute_url()


def test_a_new_page_brings_a_new_token_so_the_same_text_can_be_saved_again_on_purpose(editor_client):
    source = factories.SourceFactory()
    for _ in range(2):
        token = token_of(editor_client.get(reverse("claims:claim-create")))
        editor_client.post(reverse("claims:claim-create"), claim_form(token, source))

    assert Claim.objects.count() == 2


def test_a_refused_claim_form_can_be_corrected_and_sent_with_its_token(editor_client):
    source = factories.SourceFactory()
    token = token_of(editor_client.get(reverse("claims:claim-create")))
    bad = claim_form(token, source) | {"kind": "figure"}  # a figure needs a value

    refused = editor_client.post(reverse("claims:claim-create"), bad)
    assert refused.status_code == 400
    assert token_of(refused) == token

    saved = editor_client.post(reverse("claims:claim-create"), claim_form(token, source))

    assert saved.status_code == 302
    assert Claim.objects.count() == 1


def test_an_event_form_sent_twice_saves_one_event(editor_client):
    token = token_of(editor_client.get(reverse("claims:event-create")))
    form = {"submission": token, "title": "Shelling of the market", "place": "Aleppo"}

    editor_client.post(reverse("claims:event-create"), form)
    again = editor_client.post(reverse("claims:event-create"), form)

    assert Event.objects.count() == 1
    assert again.headers["Location"] == Event.objects.get().get_absolute_url()


def test_a_form_without_a_token_saves_as_before(editor_client):
    editor_client.post(reverse("claims:event-create"), {"title": "Shelling", "place": "Aleppo"})
    editor_client.post(reverse("claims:event-create"), {"title": "Shelling", "place": "Aleppo"})

    assert Event.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_the_same_moment_save_one_claim():
    editor = factories.editor()
    source = factories.SourceFactory()
    client = Client()
    client.force_login(editor)
    token = token_of(client.get(reverse("claims:claim-create")))
    barrier = threading.Barrier(2)
    statuses = []

    def send():
        sender = Client()
        sender.force_login(editor)
        barrier.wait()
        statuses.append(sender.post(reverse("claims:claim-create"), claim_form(token, source)).status_code)
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302, 302]
    assert Claim.objects.count() == 1
