import csv
import io
import json

from django.http import StreamingHttpResponse

from claims.api import export
from tests import factories


def content_of(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def test_the_csv_export_has_one_row_per_attribution(viewer_api):
    ministry = factories.SourceFactory(name="Defence ministry")
    monitor = factories.SourceFactory(name="Monitor")
    credited = factories.FigureClaimFactory(value_low=200)
    factories.AttributionFactory(claim=credited, source=ministry)
    factories.AttributionFactory(claim=credited, source=monitor)
    uncredited = factories.ClaimFactory(text='=HYPERLINK("http://evil.example")')
    response = viewer_api.get("/api/v1/exports/claims.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(content_of(response))))
    assert sorted((int(r["claim_id"]), r["source_name"]) for r in rows) == sorted(
        [(credited.pk, "Defence ministry"), (credited.pk, "Monitor"), (uncredited.pk, "")]
    )
    # A formula in a claim's text stays inert in a spreadsheet.
    assert [r["claim_text"] for r in rows if int(r["claim_id"]) == uncredited.pk] == [
        '\'=HYPERLINK("http://evil.example")'
    ]


def test_the_json_export_nests_attributions_and_takes_filters(viewer_api):
    disputed = factories.ClaimFactory(status="disputed")
    factories.AttributionFactory(claim=disputed, source=factories.SourceFactory(name="Residents"))
    factories.ClaimFactory(status="verified")
    response = viewer_api.get("/api/v1/exports/claims.json", {"status": "disputed"})
    assert response.status_code == 200
    data = json.loads(content_of(response))
    assert [c["id"] for c in data] == [disputed.pk]
    assert data[0]["attributions"][0]["source"]["name"] == "Residents"


def test_the_export_reads_claims_in_chunks(viewer_api, monkeypatch, django_assert_max_num_queries):
    """With a chunk of 10, 35 claims take 4 chunks: 4 claim fetches plus one
    attribution prefetch per chunk, never one query per claim."""
    monkeypatch.setattr(export, "EXPORT_CHUNK_SIZE", 10)
    for _ in range(35):
        factories.AttributionFactory(claim=factories.ClaimFactory())
    response = viewer_api.get("/api/v1/exports/claims.json")
    with django_assert_max_num_queries(4 * 2 + 2):
        data = json.loads(content_of(response))
    assert len(data) == 35


def test_an_empty_export_is_still_valid(viewer_api):
    assert json.loads(content_of(viewer_api.get("/api/v1/exports/claims.json"))) == []
    assert content_of(viewer_api.get("/api/v1/exports/claims.csv")).startswith("claim_id,claim_text")


def test_the_fast_json_rows_equal_the_documented_serializer(db):
    import datetime as dt

    from claims import selectors

    outlet = factories.SourceFactory(kind="wire_agency")
    document = factories.DocumentFactory(
        url="https://wire.example/1", published_at=dt.datetime(2015, 10, 17, 9, 30, 0, 123456, tzinfo=dt.UTC)
    )
    claim = factories.FigureClaimFactory(occurred_on=dt.date(2015, 10, 16), place="Aleppo")
    factories.AttributionFactory(
        claim=claim, document=document, relayed_by=outlet, excerpt="Report", excerpt_start=0, excerpt_end=6
    )
    factories.AttributionFactory(claim=claim)
    bare = factories.ClaimFactory()
    for row in selectors.claims_for_export():
        assert export.export_claim(row) == json.loads(json.dumps(export.ExportClaimSerializer(row).data))
    assert bare.pk in [c.pk for c in selectors.claims_for_export()]
