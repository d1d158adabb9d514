import pytest

from tests.api.conftest import client_with_token


@pytest.fixture
def viewer_api(viewer_user):
    return client_with_token(viewer_user)
