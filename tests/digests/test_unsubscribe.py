"""The unsubscribe link in every digest: signed, works without logging in,
and expires."""

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from core.unsubscribe import ExpiredUnsubscribeToken, InvalidUnsubscribeToken
from digests.models import DigestPreference
from digests.selectors import digest_preference_for
from digests.tokens import unsubscribe_token_for, user_id_from_unsubscribe_token


@pytest.fixture
def reader(viewer_user):
    return viewer_user


@pytest.fixture
def csrf_checking_client():
    # A mail provider's one-click POST carries no cookies and no CSRF token.
    return Client(enforce_csrf_checks=True)


def unsubscribe_url(token: str) -> str:
    return reverse("digests:unsubscribe", kwargs={"token": token})


def test_a_token_names_the_user_it_was_made_for(reader):
    assert user_id_from_unsubscribe_token(unsubscribe_token_for(reader.pk)) == reader.pk


def test_a_tampered_token_is_refused(reader):
    token = unsubscribe_token_for(reader.pk)
    forged = str(reader.pk + 1) + token[len(str(reader.pk)) :]

    with pytest.raises(InvalidUnsubscribeToken):
        user_id_from_unsubscribe_token(forged)


def test_a_token_older_than_sixty_days_has_expired(reader):
    with time_machine.travel("2024-10-01 07:00Z", tick=False):
        token = unsubscribe_token_for(reader.pk)
    with time_machine.travel("2024-11-29 07:00Z", tick=False):
        assert user_id_from_unsubscribe_token(token) == reader.pk
    with time_machine.travel("2024-12-01 07:00Z", tick=False), pytest.raises(ExpiredUnsubscribeToken):
        user_id_from_unsubscribe_token(token)


def test_following_the_link_asks_before_unsubscribing(client, reader):
    response = client.get(unsubscribe_url(unsubscribe_token_for(reader.pk)))

    assert response.status_code == 200
    assert b"Unsubscribe from the weekly digest?" in response.content
    assert digest_preference_for(reader).subscribed


def test_confirming_unsubscribes_without_logging_in(csrf_checking_client, reader):
    response = csrf_checking_client.post(unsubscribe_url(unsubscribe_token_for(reader.pk)))

    assert response.status_code == 200
    assert b"You are unsubscribed" in response.content
    preference = DigestPreference.objects.get(user=reader)
    assert not preference.subscribed
    assert preference.unsubscribed_at is not None


def test_a_one_click_unsubscribe_from_the_mail_client_works(csrf_checking_client, reader):
    # RFC 8058: the provider POSTs this exact body to the List-Unsubscribe URL.
    response = csrf_checking_client.post(
        unsubscribe_url(unsubscribe_token_for(reader.pk)),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not digest_preference_for(reader).subscribed


def test_unsubscribing_twice_is_harmless(csrf_checking_client, reader):
    url = unsubscribe_url(unsubscribe_token_for(reader.pk))
    csrf_checking_client.post(url)

    assert csrf_checking_client.post(url).status_code == 200
    assert b"already unsubscribed" in csrf_checking_client.get(url).content


def test_a_tampered_link_changes_nothing(csrf_checking_client, reader):
    token = unsubscribe_token_for(reader.pk)

    response = csrf_checking_client.post(unsubscribe_url(token[:-2] + "xx"))

    assert response.status_code == 400
    assert b"not valid" in response.content
    assert digest_preference_for(reader).subscribed


def test_an_expired_link_says_so_and_changes_nothing(csrf_checking_client, reader):
    with time_machine.travel("2024-01-01 07:00Z", tick=False):
        token = unsubscribe_token_for(reader.pk)

    with time_machine.travel("2024-03-15 07:00Z", tick=False):
        response = csrf_checking_client.post(unsubscribe_url(token))

    assert response.status_code == 400
    assert b"expired" in response.content
    assert digest_preference_for(reader).subscribed


def test_a_token_for_a_deleted_account_is_refused(client, reader):
    token = unsubscribe_token_for(reader.pk)
    reader.delete()

    assert client.get(unsubscribe_url(token)).status_code == 400
