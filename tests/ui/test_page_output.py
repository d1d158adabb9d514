"""The claim list, claim pages and event page render exactly what they rendered
before their rendering was made cheaper (issue 16): the expected pages in
tests/ui/page_output/ were rendered by the earlier code for the same newsroom.

After a deliberate change to what a page shows, rewrite them with
`PAGE_OUTPUT_WRITE=1 pytest tests/ui/test_page_output.py` and review the diff."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client

from claims.models import Attribution, ClaimRelation
from claims.services import claim_set_status
from sources.models import Source
from tests import factories

pytestmark = pytest.mark.django_db

EXPECTED_DIR = Path(__file__).parent / "page_output"
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
# Every table's ids start here during the test, so the pages show the same
# ids whatever ran before (rows seeded by migrations have small ids).
FIRST_ID = 700_000
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
MAIN = re.compile(r"<main\b.*</main>", re.S)
CLAIMREVIEW = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _restart_ids() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT c.relname FROM pg_class c WHERE c.relkind = 'S'")
            for (sequence,) in cursor.fetchall():
                cursor.execute("SELECT setval(%s, %s, false)", [sequence, FIRST_ID])
            return
        # SQLite: every AUTOINCREMENT table's next id, kept in sqlite_sequence.
        cursor.execute("UPDATE sqlite_sequence SET seq = %s", [FIRST_ID - 1])
        cursor.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT name, %s FROM sqlite_master "
            "WHERE type = 'table' AND sql LIKE '%%AUTOINCREMENT%%' "
            "AND name NOT IN (SELECT name FROM sqlite_sequence)",
            [FIRST_ID - 1],
        )


def _source(name, *, party=False, side="", reliability="C") -> Source:
    factory = factories.PartySourceFactory if party else factories.SourceFactory
    return factory(
        name=name,
        slug=re.sub(r"[^a-z]+", "-", name.lower()),
        reliability=reliability,
        affiliation=Source.Affiliation.PARTY if party else Source.Affiliation.INDEPENDENT,
        side=side,
    )


@pytest.fixture
def newsroom(frozen):
    """An event with four figure claims (a conflict between two of them), a
    claim quoted from a document with its excerpt, relations every way, a
    status history and a claim with no source yet."""
    _restart_ids()
    editor = factories.editor(username="desk-editor")
    ministry = _source("Defence ministry", party=True, side="Government", reliability="D")
    rebels = _source("Rebel command", party=True, side="Opposition", reliability="E")
    monitor = _source("Observatory", reliability="B")
    wire = _source("Wire & Co <agency>", reliability="A")
    body = "Early on Monday. " * 30 + "Airstrikes killed 200 militants near the depot, officials said. " * 2
    document = factories.DocumentFactory(
        title="Ministry briefing", body=body, outlet=wire, published_at=NOW - dt.timedelta(days=2)
    )
    event = factories.EventFactory(
        title="Airstrikes on supply lines",
        place="Idlib",
        start_date=dt.date(2026, 2, 27),
        end_date=dt.date(2026, 3, 1),
        description="<p>Strikes on the <em>supply</em> road.</p>",
    )
    claims = []
    for index, (value, day, source) in enumerate(
        [(200, 27, ministry), (20, 28, monitor), (25, None, rebels), (30, 27, wire)]
    ):
        claim = factories.FigureClaimFactory(
            event=event,
            text=f"Airstrikes killed {value} militants <near> the depot ({index}).",
            value_low=value,
            value_high=value + 5 * index,
            occurred_on=dt.date(2026, 2, day) if day else None,
            place="Idlib" if index % 2 else "",
            created_by=editor,
        )
        start = body.index("Airstrikes killed 200")
        factories.AttributionFactory(
            claim=claim,
            source=source,
            document=document if index == 0 else None,
            excerpt="Airstrikes killed 200 militants" if index == 0 else "",
            excerpt_start=start if index == 0 else None,
            excerpt_end=start + len("Airstrikes killed 200 militants") if index == 0 else None,
            relayed_by=wire if index == 2 else None,
            form=Attribution.Form.STATEMENT if index % 2 else Attribution.Form.PARAPHRASE,
            reporting_verb="claimed" if index == 1 else "",
        )
        claims.append(claim)
    factories.AttributionFactory(claim=claims[0], source=monitor, reporting_verb="reported")
    factories.AttributionFactory(claim=claims[3], source=ministry)
    lonely = factories.ClaimFactory(text="The bridge was closed.", place="Aleppo", created_by=editor)
    # Enough claims for a second page of the list.
    for index in range(24):
        factories.ClaimFactory(text=f"Shops reopened in district {index}.")
    factories.ClaimRelationFactory(from_claim=claims[0], to_claim=claims[3], rationale="Same strike.")
    factories.ClaimRelationFactory(
        from_claim=claims[2], to_claim=claims[0], relation_type=ClaimRelation.Type.QUALIFIES
    )
    factories.ClaimRelationFactory(
        from_claim=lonely, to_claim=claims[0], relation_type=ClaimRelation.Type.DENIES, rationale="No."
    )
    factories.ConflictFlagFactory(
        claim_a=claims[0], claim_b=claims[1], explanation="200 and 20 killed cannot both be right."
    )
    claim_set_status(claim_id=claims[1].pk, user=editor, status="disputed", reason="Figures <differ>.")
    claim_set_status(claim_id=claims[3].pk, user=editor, status="corroborated", reason="Two origins.")
    return {"editor": editor, "event": event, "claims": claims, "lonely": lonely}


def _rendered(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    parts = [*CLAIMREVIEW.findall(html), *MAIN.findall(html)]
    return CSRF.sub('name="csrfmiddlewaretoken" value="…"', "\n".join(parts))


def _pages(newsroom) -> dict[str, str]:
    claims, event = newsroom["claims"], newsroom["event"]
    return {
        "claim_list": "/claims/",
        "claim_list_filtered": f"/claims/?event={event.pk}&status=disputed",
        "claim_list_page_2": "/claims/?page=2",
        "claim_list_empty": "/claims/?q=nothing+like+this",
        **{f"claim_{index}": claim.get_absolute_url() for index, claim in enumerate(claims)},
        "claim_lonely": newsroom["lonely"].get_absolute_url(),
        "event": event.get_absolute_url(),
    }


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_the_pages_render_as_before(newsroom, role):
    client = Client()
    client.force_login(newsroom["editor"] if role == "editor" else factories.viewer(username="desk-viewer"))
    for name, path in _pages(newsroom).items():
        expected_file = EXPECTED_DIR / f"{role}_{name}.html"
        html = _rendered(client, path)
        if os.environ.get("PAGE_OUTPUT_WRITE"):
            EXPECTED_DIR.mkdir(exist_ok=True)
            expected_file.write_text(html)
        assert html == expected_file.read_text(), name


def test_the_claim_list_renders_as_before_with_its_filter_box_kept(newsroom, settings):
    """The unfiltered list keeps its filter box for LIST_CACHE_SECONDS (0 in
    tests): rendered and then read from the cache, it is the same page."""
    settings.LIST_CACHE_SECONDS = 20
    client = Client()
    client.force_login(newsroom["editor"])
    expected = (EXPECTED_DIR / "editor_claim_list.html").read_text()
    assert _rendered(client, "/claims/") == expected
    assert _rendered(client, "/claims/") == expected
