"""Claim search: stemming, excerpts, source names and aliases, ranking, the
GIN index on PostgreSQL, and the fallback on SQLite."""

import pytest
from django.db import connection

from claims.models import Claim
from claims.search import claims_search, full_text_search_available
from claims.services import attribution_create, claim_create, claim_update
from tests import factories
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db


def found(text: str) -> list[int]:
    return list(
        claims_search(Claim.objects.all(), text).order_by("-search_rank", "-id").values_list("pk", flat=True)
    )


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


@pytest.fixture
def monitor():
    return factories.SourceFactory(
        name="Syrian Observatory for Human Rights", aliases=["SOHR", "the Observatory"]
    )


def test_a_plural_finds_the_singular(monitor):
    claim = claim_create(text="Insurgents hold the city's airport.", attributions=[{"source": monitor}])
    assert found("airports") == [claim.pk]


def test_an_alias_of_a_credited_source_finds_the_claim(monitor):
    claim = claim_create(text="Twenty insurgents were killed.", attributions=[{"source": monitor}])
    other = claim_create(
        text="Twenty insurgents were killed.", attributions=[{"source": factories.SourceFactory()}]
    )
    assert found("SOHR") == [claim.pk]
    assert other.pk not in found("SOHR")


def test_words_of_an_excerpt_find_the_claim(monitor):
    document = factories.DocumentFactory(body="The monitor said shelling hit a bakery in the old town.")
    claim = claim_create(
        text="Shelling hit the old town.",
        attributions=[{"source": monitor, "document": document, "excerpt": "shelling hit a bakery"}],
    )
    assert found("bakery") == [claim.pk]


def test_an_attribution_added_later_is_searchable(monitor):
    claim = claim_create(text="Strikes hit a market.")
    document = factories.DocumentFactory(body="Witnesses described a crater near the mosque.")
    attribution_create(claim=claim, source=monitor, document=document, excerpt="a crater near the mosque")
    assert found("mosque") == [claim.pk]


def test_an_edited_claim_is_found_by_its_new_words():
    claim = claim_create(text="Strikes hit a market.")
    claim_update(claim_id=claim.pk, text="Strikes hit a hospital.")
    assert found("hospital") == [claim.pk]
    assert found("market") == []


def test_every_word_must_match():
    claim_create(text="Strikes hit a market.")
    assert found("market hospital") == []


def test_a_claim_saying_it_in_its_own_words_ranks_above_an_excerpt_match():
    if not full_text_search_available():
        skip_or_fail("ranking needs PostgreSQL full-text search")
    source = factories.SourceFactory()
    document = factories.DocumentFactory(body="A convoy was hit on the road to the airport.")
    by_excerpt = claim_create(
        text="A convoy was hit.",
        attributions=[{"source": source, "document": document, "excerpt": "the road to the airport"}],
    )
    by_text = claim_create(
        text="The airport was shelled and the airport closed.", attributions=[{"source": source}]
    )
    assert found("airport") == [by_text.pk, by_excerpt.pk]


def test_the_search_vector_has_a_gin_index_on_postgresql():
    if connection.vendor != "postgresql":
        skip_or_fail("the GIN index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'claim_search_vector_gin'")
        row = cursor.fetchone()
    assert row is not None and "gin" in row[0].lower()


def test_the_claim_list_shows_the_count_and_can_sort(editor_client):
    older = claim_create(text="Airstrikes hit the airport road.")
    newer = claim_create(text="Airport closed after airstrikes.")
    response = editor_client.get("/claims/", {"q": "airports"})
    assert "2 claims matching “airports”" in response.content.decode()
    response = editor_client.get("/claims/", {"q": "airport", "sort": "oldest"})
    assert [claim.pk for claim in response.context["claims"]] == [older.pk, newer.pk]
    response = editor_client.get("/claims/", {"q": "airport", "sort": "newest"})
    assert [claim.pk for claim in response.context["claims"]] == [newer.pk, older.pk]


@pytest.mark.parametrize("row_count", [2, 20])
def test_a_search_page_costs_the_same_queries_for_few_or_many_results(
    row_count, editor_client, monitor, django_assert_max_num_queries
):
    for index in range(row_count):
        claim_create(text=f"Shelling near the airport, report {index}.", attributions=[{"source": monitor}])
    # The notification bell's unread count is one of them.
    with django_assert_max_num_queries(11):
        response = editor_client.get("/claims/", {"q": "airport SOHR"})
    assert response.context["claims"].paginator.count == row_count


def test_a_new_alias_makes_the_sources_claims_findable():
    from sources.services import source_update

    source = factories.SourceFactory(name="Local Coordination Committees")
    claim = claim_create(text="Shelling continued overnight.", attributions=[{"source": source}])
    assert found("LCC") == []
    source_update(source_id=source.pk, aliases=["LCC"])
    assert found("LCC") == [claim.pk]


def test_a_claim_written_without_the_services_is_searchable_too():
    # The admin, an import or a bulk load writes rows directly; the database keeps the search current.
    source = factories.SourceFactory(name="Aleppo Media Centre", aliases=["AMC"])
    claim = factories.ClaimFactory(text="Barrel bombs fell on the market.")
    factories.AttributionFactory(claim=claim, source=source)
    assert found("markets") == [claim.pk]
    assert found("AMC") == [claim.pk]
