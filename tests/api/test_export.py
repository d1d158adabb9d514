import csv
import hashlib
import io
import json

import pytest
from django.http import StreamingHttpResponse

from claims.api import export
from tests import factories
from tests.api.conftest import error_of


def raw_content_of(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def content_of(response) -> str:
    """The export without its trailer line, after checking the trailer."""
    data = raw_content_of(response)
    export.export_verify(data)
    return data[: data.rstrip(b"\r\n").rfind(b"\n") + 1].decode("utf-8")


def json_of(response) -> list:
    """The claims of a JSON export, after checking its trailer."""
    data = raw_content_of(response)
    figures = export.export_verify(data)
    body = json.loads(data)
    assert body["trailer"] == figures
    assert figures["claims"] == len(body["claims"])
    return body["claims"]


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
    data = json_of(response)
    assert [c["id"] for c in data] == [disputed.pk]
    assert data[0]["attributions"][0]["source"]["name"] == "Residents"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_export_takes_the_claim_lists_search(viewer_api, fmt):
    # The claim list page's export buttons carry its search box as `search`;
    # the export used to drop it and send every claim.
    found = factories.ClaimFactory(text="Shelling hit the airport road.")
    credited = factories.ClaimFactory(text="Forty were wounded.")
    factories.AttributionFactory(claim=credited, source=factories.SourceFactory(name="Airport authority"))
    factories.ClaimFactory(text="The bridge was closed.")

    response = viewer_api.get(f"/api/v1/exports/claims.{fmt}", {"search": "airport"})

    assert response.status_code == 200
    if fmt == "csv":
        exported = {int(row["claim_id"]) for row in csv.DictReader(io.StringIO(content_of(response)))}
    else:
        exported = {claim["id"] for claim in json_of(response)}
    assert exported == {found.pk, credited.pk}


def test_the_export_refuses_a_search_with_a_nul_character(viewer_api):
    response = viewer_api.get("/api/v1/exports/claims.csv", {"search": "air\x00port"})

    assert response.status_code == 400


def test_the_export_reads_claims_in_chunks(viewer_api, monkeypatch, django_assert_max_num_queries):
    """With a chunk of 10, 35 claims take 4 chunks: 4 claim fetches plus one
    attribution prefetch per chunk, never one query per claim."""
    monkeypatch.setattr(export, "EXPORT_CHUNK_SIZE", 10)
    for _ in range(35):
        factories.AttributionFactory(claim=factories.ClaimFactory())
    response = viewer_api.get("/api/v1/exports/claims.json")
    with django_assert_max_num_queries(4 * 2 + 2):
        data = json_of(response)
    assert len(data) == 35


def test_an_empty_export_is_still_valid(viewer_api):
    assert json_of(viewer_api.get("/api/v1/exports/claims.json")) == []
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


def test_the_csv_export_ends_with_a_trailer_counting_claims_and_rows(viewer_api):
    credited = factories.ClaimFactory()
    factories.AttributionFactory(claim=credited)
    factories.AttributionFactory(claim=credited)
    factories.ClaimFactory()
    data = raw_content_of(viewer_api.get("/api/v1/exports/claims.csv"))
    last_line = data.rstrip(b"\r\n").rsplit(b"\n", 1)[1].decode()
    body = data[: len(data) - len(last_line) - 2]
    assert last_line == f"#claimtrack-export-end,claims=2,rows=3,sha256={hashlib.sha256(body).hexdigest()}"
    assert export.export_verify(data) == {"claims": 2, "rows": 3, "sha256": hashlib.sha256(body).hexdigest()}


def test_the_json_export_ends_with_a_trailer_inside_the_object(viewer_api):
    factories.AttributionFactory(claim=factories.ClaimFactory())
    data = raw_content_of(viewer_api.get("/api/v1/exports/claims.json"))
    body = json.loads(data)
    assert body["trailer"]["claims"] == 1 == len(body["claims"])
    assert body["trailer"]["sha256"] == hashlib.sha256(data[: data.rindex(b'"trailer"')]).hexdigest()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_truncated_or_altered_export_fails_its_check(viewer_api, fmt):
    for _ in range(30):
        factories.AttributionFactory(claim=factories.ClaimFactory(text="x" * 500))
    data = raw_content_of(viewer_api.get(f"/api/v1/exports/claims.{fmt}"))
    assert export.export_verify(data)["claims"] == 30
    # Cut anywhere, including right after a complete line, and the check fails.
    line_end = data.index(b"\n", len(data) // 2) + 1
    for cut in (len(data) // 3, line_end, len(data) - 1):
        with pytest.raises(export.IncompleteExport):
            export.export_verify(data[:cut])
    with pytest.raises(export.IncompleteExport, match="checksum"):
        export.export_verify(data.replace(b"xxxx", b"yyyy", 1))


def test_a_synchronous_export_over_the_limit_is_refused_with_a_pointer_to_background_exports(
    viewer_api, settings
):
    settings.EXPORT_SYNC_MAX_CLAIMS = 3
    for _ in range(4):
        factories.ClaimFactory(status="disputed")
    factories.ClaimFactory(status="verified")
    response = viewer_api.get("/api/v1/exports/claims.csv")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "export_too_large"
    assert "POST /api/v1/exports/" in error["message"]
    # Filtered under the limit, it streams.
    assert viewer_api.get("/api/v1/exports/claims.json", {"status": "verified"}).status_code == 200
    settings.EXPORT_SYNC_MAX_CLAIMS = 4
    assert json_of(viewer_api.get("/api/v1/exports/claims.json", {"status": "disputed"})).__len__() == 4
