"""The fourth outside attack (docs/security.md): what it found, each pinned."""

import pytest

from tests import factories
from tests.api.conftest import client_with_token, error_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(editor_user):
    return client_with_token(editor_user)


# A page number that is no page number.


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "%00", "%EF%BC%91", "1e3", "", "0x10"])
@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/flags/", "/api/v1/sources/"])
def test_a_page_that_is_no_whole_number_from_1_is_a_400_naming_page(api, path, page):
    response = api.get(f"{path}?page={page}")

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"page": ["Give a whole number from 1 up (or last)."]}


def test_a_page_given_twice_is_a_400(api):
    response = api.get("/api/v1/claims/?page=1&page=2")

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"page": ["Give the page once."]}


def test_a_page_past_the_end_is_a_404_saying_so(api):
    factories.ClaimFactory()

    response = api.get("/api/v1/claims/?page=99999999999999999999")

    assert response.status_code == 404
    assert "There is no page 99999999999999999999" in error_of(response)["message"]


@pytest.mark.parametrize("page", ["1", "last", "001"])
def test_real_page_numbers_still_work(api, page):
    factories.ClaimFactory()

    response = api.get(f"/api/v1/claims/?page={page}")

    assert response.status_code == 200
    assert response.json()["count"] == 1


# Formulas hidden behind white space, invisible characters or full-width signs.


@pytest.mark.parametrize(
    "text",
    [
        ' =HYPERLINK("http://evil.example")',
        '\u3000=HYPERLINK("http://evil.example")',
        '\u200b=HYPERLINK("http://evil.example")',
        '\ufeff+1+cmd|" /C calc"!A0',
        '\uff1dHYPERLINK("http://evil.example")',
        "\uff20SUM(1+1)",
        "\n-2+3",
    ],
)
def test_a_formula_behind_spaces_or_in_full_width_stays_inert_in_the_csv(viewer_user, text):
    import csv
    import io

    from tests.api.test_export import content_of

    claim = factories.ClaimFactory(text=text)
    factories.AttributionFactory(claim=claim, source=factories.SourceFactory(name=text))

    response = client_with_token(viewer_user).get("/api/v1/exports/claims.csv")

    assert response.status_code == 200
    row = next(csv.DictReader(io.StringIO(content_of(response))))
    assert row["claim_text"] == "'" + text
    assert row["source_name"] == "'" + text


@pytest.mark.parametrize("text", ["Twenty dead, the monitor said.", "20 dead", "\u00abQuoted\u00bb"])
def test_plain_text_is_exported_as_it_is(viewer_user, text):
    import csv
    import io

    from tests.api.test_export import content_of

    factories.ClaimFactory(text=text)

    response = client_with_token(viewer_user).get("/api/v1/exports/claims.csv")

    assert next(csv.DictReader(io.StringIO(content_of(response))))["claim_text"] == text
