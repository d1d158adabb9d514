import pytest
from rest_framework.test import APIClient

from accounts.services import api_token_create


def client_with_token(user) -> APIClient:
    _, raw_token = api_token_create(user=user, name="tests")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw_token}")
    return client


@pytest.fixture
def anonymous_api():
    return APIClient()


@pytest.fixture
def editor_api(editor_user):
    return client_with_token(editor_user)


@pytest.fixture
def fact_checker_api(fact_checker_user):
    return client_with_token(fact_checker_user)


@pytest.fixture
def viewer_api(viewer_user):
    return client_with_token(viewer_user)


def error_of(response) -> dict:
    """The `error` object of the API's error body, checking its shape on the way."""
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert error["status"] == response.status_code
    assert error["code"] and error["message"]
    return error
