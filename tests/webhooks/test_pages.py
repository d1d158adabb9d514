"""The webhook pages: register an endpoint, read its log, redeliver, switch off."""

import pytest
from django.urls import reverse

from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


def test_registering_an_endpoint_shows_its_secret_once(editor_client, local_targets, receiver):
    page = reverse("webhooks:endpoint-list")
    response = editor_client.post(
        page, {"url": f"{receiver.url}/desk", "event_types": ["flag.raised"], "description": "Desk chat"}
    )

    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 200
    assert endpoint.secret in response.content.decode()
    again = editor_client.get(page).content.decode()
    assert endpoint.secret not in again
    assert "Desk chat" in again


def test_an_unsafe_url_is_a_form_error(editor_client):
    response = editor_client.post(
        reverse("webhooks:endpoint-list"), {"url": "https://192.168.0.4/", "event_types": ["flag.raised"]}
    )
    assert response.status_code == 400
    assert "public addresses only" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_log_shows_each_delivery_and_redeliver_queues_it(
    editor_client, editor_user, local_targets, receiver, django_capture_on_commit_callbacks
):
    endpoint = WebhookEndpoint.objects.create(
        owner=editor_user, url=receiver.url, secret="x" * 20, event_types=["claim.created"]
    )
    event = WebhookEvent.objects.create(event_type="claim.created", body='{"id": "x"}')
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event=event, status="failed", attempts=8, last_status_code=503, last_latency_ms=41
    )

    page = editor_client.get(endpoint.get_absolute_url()).content.decode()
    assert "HTTP 503" in page and "41 ms" in page and str(event.id) in page

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse("webhooks:delivery-redeliver", kwargs={"pk": endpoint.pk, "delivery_pk": delivery.pk})
        )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 9, 200)
    assert receiver.requests[0].headers["idempotency-key"] == str(event.id)


def test_switching_off_and_deleting(editor_client, editor_user):
    endpoint = WebhookEndpoint.objects.create(
        owner=editor_user, url="https://93.184.216.34/", secret="x" * 20, event_types=["claim.created"]
    )
    editor_client.post(reverse("webhooks:endpoint-toggle", kwargs={"pk": endpoint.pk}))
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert "Switched off by its owner." in editor_client.get(endpoint.get_absolute_url()).content.decode()

    editor_client.post(reverse("webhooks:endpoint-delete", kwargs={"pk": endpoint.pk}))
    assert not WebhookEndpoint.objects.exists()


def test_another_editors_endpoint_is_not_found(client, editor_user):
    from tests import factories

    endpoint = WebhookEndpoint.objects.create(
        owner=factories.editor(), url="https://93.184.216.34/", secret="x" * 20, event_types=["claim.created"]
    )
    client.force_login(editor_user)
    assert client.get(endpoint.get_absolute_url()).status_code == 404
    assert client.post(reverse("webhooks:endpoint-delete", kwargs={"pk": endpoint.pk})).status_code == 404
    assert WebhookEndpoint.objects.exists()


def test_the_endpoint_list_page_is_read_in_a_fixed_number_of_queries(
    editor_client, editor_user, django_assert_max_num_queries
):
    for _ in range(25):
        WebhookEndpoint.objects.create(
            owner=editor_user, url="https://93.184.216.34/", secret="x" * 20, event_types=["claim.created"]
        )
    with django_assert_max_num_queries(12):
        assert editor_client.get(reverse("webhooks:endpoint-list")).status_code == 200
