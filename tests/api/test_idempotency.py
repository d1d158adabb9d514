"""Idempotency-Key on the API's creates (core/idempotency.py): a script that
retries a POST after a timeout creates one record, not two."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from claims.models import Attribution, Claim
from core.models import IdempotencyKey
from sources.models import Source
from tests import factories
from tests.api.conftest import client_with_token, error_of
from tests.conftest import skip_or_fail, while_another_session_holds

CLAIM = {"text": "The monitor counted 20 dead in the market strike.", "place": "Aleppo"}


@pytest.fixture
def api(fact_checker_user):
    return client_with_token(fact_checker_user)


def post_claim(api, body=CLAIM, key="retry-7f3c2a"):
    return api.post("/api/v1/claims/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.django_db
def test_a_retried_create_with_the_same_key_replays_the_first_answer_and_creates_once(api):
    first = post_claim(api)
    again = post_claim(api)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert again["ETag"] == first["ETag"]
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_a_422_and_creates_nothing_more(api):
    post_claim(api)

    response = post_claim(api, {**CLAIM, "place": "Idlib"})

    assert response.status_code == 422
    assert error_of(response)["code"] == "idempotency_key_reused"
    assert list(Claim.objects.values_list("place", flat=True)) == ["Aleppo"]


@pytest.mark.django_db
def test_the_same_key_with_another_query_string_is_a_422_and_creates_nothing_more(api):
    assert (
        api.post("/api/v1/claims/?note=a", CLAIM, format="json", HTTP_IDEMPOTENCY_KEY="q-1").status_code
        == 201
    )

    response = api.post("/api/v1/claims/?note=b", CLAIM, format="json", HTTP_IDEMPOTENCY_KEY="q-1")
    without = api.post("/api/v1/claims/", CLAIM, format="json", HTTP_IDEMPOTENCY_KEY="q-1")

    assert response.status_code == without.status_code == 422
    assert error_of(response)["code"] == "idempotency_key_reused"
    assert "query string" in error_of(response)["message"]
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_the_same_query_parameters_in_another_order_replay_the_first_answer(api):
    first = api.post("/api/v1/claims/?a=1&b=2", CLAIM, format="json", HTTP_IDEMPOTENCY_KEY="q-2")
    again = api.post("/api/v1/claims/?b=2&a=1", CLAIM, format="json", HTTP_IDEMPOTENCY_KEY="q-2")

    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_on_another_endpoint_is_a_422(editor_api):
    editor_api.post("/api/v1/events/", {"title": "Market strike"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")

    response = editor_api.post(
        "/api/v1/sources/",
        {"name": "Market strike", "kind": "ngo_monitor"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )

    assert response.status_code == 422
    assert not Source.objects.exists()


@pytest.mark.django_db
def test_keys_belong_to_their_user(api):
    colleague = client_with_token(factories.fact_checker())

    assert post_claim(api).status_code == 201
    assert post_claim(colleague).status_code == 201

    assert Claim.objects.count() == 2


@pytest.mark.django_db
def test_without_a_key_each_post_creates(api):
    api.post("/api/v1/claims/", CLAIM, format="json")
    api.post("/api/v1/claims/", CLAIM, format="json")

    assert Claim.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


@pytest.mark.django_db
def test_a_refused_create_does_not_use_up_its_key(api):
    refused = post_claim(api, {**CLAIM, "kind": "figure"})  # a figure needs a value
    assert refused.status_code == 400

    response = post_claim(api)

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert Claim.objects.count() == 1


@pytest.mark.django_db
def test_an_expired_key_creates_again_and_expired_keys_are_deleted(api):
    post_claim(api)
    post_claim(api, key="another-key")
    IdempotencyKey.objects.update(expires_at="2020-01-01T00:00:00Z")

    response = post_claim(api)

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert Claim.objects.count() == 3
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["retry-7f3c2a"]


@pytest.mark.django_db
def test_a_key_that_is_not_a_visible_ascii_word_is_a_400(api):
    response = post_claim(api, key="x" * 256)

    assert response.status_code == 400
    assert "Idempotency-Key" in error_of(response)["fields"]
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_an_attribution_create_is_replayed_too(api):
    claim = factories.ClaimFactory()
    source = factories.SourceFactory()
    body = {"claim": claim.pk, "source": source.pk}

    first = api.post("/api/v1/attributions/", body, format="json", HTTP_IDEMPOTENCY_KEY="attr-1")
    again = api.post("/api/v1/attributions/", body, format="json", HTTP_IDEMPOTENCY_KEY="attr-1")

    assert first.status_code == 201, first.json()
    assert again.json() == first.json()
    assert Attribution.objects.count() == 1


@pytest.mark.django_db
def test_the_schema_documents_the_header_and_the_422(client):
    operation = client.get("/api/schema/?format=json").json()["paths"]["/api/v1/claims/"]["post"]

    assert "Idempotency-Key" in [parameter["name"] for parameter in operation["parameters"]]
    assert "422" in operation["responses"]


@pytest.mark.django_db(transaction=True)
def test_two_copies_arriving_together_create_once(fact_checker_user):
    if connection.vendor != "postgresql":
        skip_or_fail("the idempotency race needs PostgreSQL (DATABASE_URL)")
    first_copy = client_with_token(fact_checker_user)
    second_copy = APIClient()
    second_copy.credentials(HTTP_AUTHORIZATION=first_copy._credentials["HTTP_AUTHORIZATION"])
    answers = []

    # The first copy creates and keeps its transaction open; the second waits
    # on the key's unique index until the first commits, then replays.
    second = while_another_session_holds(
        lambda: answers.append(post_claim(first_copy)),
        lambda: post_claim(second_copy),
    )

    [first] = answers
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.json()["id"] == first.json()["id"]
    assert Claim.objects.count() == 1
