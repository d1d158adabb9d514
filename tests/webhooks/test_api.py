"""/api/v1/webhooks/: editors manage their own endpoints and read the log."""

import pytest
from django.urls import reverse

from tests import factories
from tests.api.conftest import client_with_token
from webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent

pytestmark = pytest.mark.django_db

LIST = "/api/v1/webhooks/"


@pytest.fixture
def editor_api(editor_user):
    return client_with_token(editor_user)


def test_an_editor_registers_an_endpoint_and_sees_the_secret_once(editor_api, local_targets, receiver):
    response = editor_api.post(
        LIST, {"url": f"{receiver.url}/in", "event_types": ["flag.raised", "claim.created"]}, format="json"
    )

    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 30
    assert created["event_types"] == ["claim.created", "flag.raised"]
    shown = editor_api.get(f"{LIST}{created['id']}/").json()
    assert "secret" not in shown
    assert shown["secret_hint"] == created["secret"][:9] + "…"


def test_a_bad_event_type_or_an_unsafe_url_is_a_field_error(editor_api):
    response = editor_api.post(
        LIST, {"url": "https://10.0.0.8/hook", "event_types": ["claim.created"]}, format="json"
    )
    assert response.status_code == 400
    assert "public addresses only" in response.json()["error"]["fields"]["url"][0]

    response = editor_api.post(
        LIST, {"url": "https://93.184.216.34/", "event_types": ["claim.eaten"]}, format="json"
    )
    assert response.status_code == 400
    assert "event_types" in response.json()["error"]["fields"]

    response = editor_api.post(
        LIST,
        {"url": "https://93.184.216.34/", "event_types": ["claim.created"], "secret": "short"},
        format="json",
    )
    assert response.status_code == 400
    assert "16 characters" in response.json()["error"]["fields"]["secret"][0]
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "fact_checker"])
def test_viewers_and_fact_checkers_cannot_manage_webhooks(role):
    api = client_with_token(getattr(factories, role)())
    assert api.get(LIST).status_code == 403
    response = api.post(
        LIST, {"url": "https://93.184.216.34/", "event_types": ["claim.created"]}, format="json"
    )
    assert response.status_code == 403


def test_an_editor_sees_only_their_own_endpoints(editor_api):
    other = WebhookEndpoint.objects.create(
        owner=factories.editor(), url="https://93.184.216.34/", secret="x" * 20, event_types=["claim.created"]
    )
    assert editor_api.get(LIST).json()["count"] == 0
    assert editor_api.get(f"{LIST}{other.pk}/").status_code == 404
    assert editor_api.delete(f"{LIST}{other.pk}/").status_code == 404
    assert WebhookEndpoint.objects.filter(pk=other.pk).exists()


def test_patch_switches_an_endpoint_off_and_on_and_delete_removes_it(editor_api, editor_user):
    endpoint = WebhookEndpoint.objects.create(
        owner=editor_user, url="https://93.184.216.34/", secret="x" * 20, event_types=["claim.created"]
    )
    off = editor_api.patch(f"{LIST}{endpoint.pk}/", {"is_active": False}, format="json").json()
    assert (off["is_active"], off["disabled_reason"]) == (False, "Switched off by its owner.")
    on = editor_api.patch(f"{LIST}{endpoint.pk}/", {"is_active": True}, format="json").json()
    assert (on["is_active"], on["disabled_reason"]) == (True, "")
    assert editor_api.patch(f"{LIST}{endpoint.pk}/", {"event_types": []}, format="json").status_code == 400

    assert editor_api.delete(f"{LIST}{endpoint.pk}/").status_code == 204
    assert not WebhookEndpoint.objects.exists()


def _log(endpoint, count):
    for number in range(count):
        event = WebhookEvent.objects.create(event_type="claim.created", body="{}")
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, event=event, status="succeeded", attempts=1, last_status_code=200
        )
        delivery.attempt_log.create(number=1, status_code=200, latency_ms=5 + number, succeeded=True)


def test_the_delivery_log_is_read_in_a_fixed_number_of_queries(
    editor_api, editor_user, django_assert_max_num_queries
):
    endpoint = WebhookEndpoint.objects.create(
        owner=editor_user, url="https://93.184.216.34/", secret="x" * 20, event_types=["claim.created"]
    )
    _log(endpoint, 3)
    url = reverse("api:webhook-deliveries", kwargs={"pk": endpoint.pk})
    with django_assert_max_num_queries(8) as few:
        assert len(editor_api.get(url).json()["results"]) == 3
    _log(endpoint, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = editor_api.get(url).json()
    assert page["count"] == 43
    first = page["results"][0]
    assert set(first) >= {
        "event_id",
        "event_type",
        "status",
        "attempts",
        "last_status_code",
        "last_latency_ms",
    }
    assert first["attempt_log"][0]["status_code"] == 200


def test_the_endpoint_list_is_read_in_a_fixed_number_of_queries(
    editor_api, editor_user, django_assert_max_num_queries
):
    for _ in range(30):
        WebhookEndpoint.objects.create(
            owner=editor_user, url="https://93.184.216.34/", secret="x" * 20, event_types=["claim.created"]
        )
    with django_assert_max_num_queries(6):
        assert editor_api.get(LIST).json()["count"] == 30


def test_redeliver_queues_the_delivery_again(editor_api, editor_user, local_targets, receiver):
    endpoint = WebhookEndpoint.objects.create(
        owner=editor_user, url=receiver.url, secret="x" * 20, event_types=["claim.created"]
    )
    _log(endpoint, 1)
    delivery = WebhookDelivery.objects.get()
    url = reverse("api:webhook-redeliver", kwargs={"pk": endpoint.pk, "delivery_pk": delivery.pk})

    response = editor_api.post(url)

    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    delivery.refresh_from_db()
    assert delivery.status == "pending"

    endpoint.is_active = False
    endpoint.save()
    refused = editor_api.post(url)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "endpoint_disabled"
