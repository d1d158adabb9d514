"""Background exports: asked for over the API or the exports page, written by
a worker to storage, downloaded through a link that expires."""

import datetime as dt
import json

import pytest
import time_machine
from django.core.files.storage import storages
from django.test import Client

from claims.api.export import export_verify
from exports.models import ClaimExport
from exports.services import export_build, exports_expire
from tests import factories
from tests.api.conftest import client_with_token, error_of
from tests.conftest import wait_until

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """The export's task is queued when its row commits; run it then, in-process."""

    def post(api, data):
        with django_capture_on_commit_callbacks(execute=True):
            return api.post("/api/v1/exports/", data, format="json")

    return post


def download(api, export_body) -> bytes:
    response = api.get(export_body["download_url"])
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content)


def test_a_background_export_writes_the_same_claims_as_the_stream_with_a_trailer(viewer_api, run_on_commit):
    # Given claims in two statuses (tasks run in-process here)
    disputed = [factories.ClaimFactory(status="disputed") for _ in range(3)]
    for claim in disputed:
        factories.AttributionFactory(claim=claim)
    factories.ClaimFactory(status="verified")
    # When a JSON export of the disputed ones is asked for
    response = run_on_commit(viewer_api, {"format": "json", "filters": {"status": ["disputed"]}})
    # Then it is accepted, written, and its file checks out against its trailer
    assert response.status_code == 202
    body = viewer_api.get(f"/api/v1/exports/{response.json()['id']}/").json()
    assert body["status"] == "done"
    assert body["progress"] == 1.0
    assert (body["claims_total"], body["claims_written"]) == (3, 3)
    data = download(viewer_api, body)
    figures = export_verify(data)
    assert figures == {"claims": 3, "rows": 3, "sha256": body["sha256"]}
    assert sorted(c["id"] for c in json.loads(data)["claims"]) == sorted(c.pk for c in disputed)
    # ...and the same as the synchronous export of the same filter, apart from timing-free bytes
    streamed = b"".join(
        viewer_api.get("/api/v1/exports/claims.json", {"status": "disputed"}).streaming_content
    )
    assert streamed == data
    # ...and downloading it clears the "new" mark
    assert viewer_api.get(f"/api/v1/exports/{body['id']}/").json()["ready_seen_at"] is not None


def test_bad_filters_are_refused_before_anything_is_stored(viewer_api):
    response = viewer_api.post(
        "/api/v1/exports/",
        {"format": "csv", "filters": {"status": ["nonsense"], "colour": "red"}},
        format="json",
    )
    assert response.status_code == 400
    assert "colour" in error_of(response)["fields"]
    response = viewer_api.post("/api/v1/exports/", {"format": "csv", "filters": {"status": ["nonsense"]}})
    assert response.status_code == 400
    assert "status" in error_of(response)["fields"]
    assert viewer_api.post("/api/v1/exports/", {"format": "xlsx"}).status_code == 400
    assert not ClaimExport.objects.exists()


def test_only_the_requester_sees_and_downloads_an_export(viewer_api, editor_user, run_on_commit):
    factories.ClaimFactory()
    body = run_on_commit(viewer_api, {"format": "csv"}).json()
    body = viewer_api.get(f"/api/v1/exports/{body['id']}/").json()
    other = client_with_token(editor_user)
    assert other.get(f"/api/v1/exports/{body['id']}/").status_code == 404
    assert other.get(body["download_url"]).status_code == 404
    assert other.get("/api/v1/exports/").json()["results"] == []
    # A link with a forged token is refused
    assert viewer_api.get(f"/api/v1/exports/{body['id']}/download/?token=forged").status_code == 404


def test_a_download_link_expires_and_the_file_is_deleted_after_retention(viewer_api, settings, run_on_commit):
    settings.EXPORT_LINK_SECONDS = 3600
    settings.EXPORT_RETENTION_HOURS = 24
    factories.ClaimFactory()
    start = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        created = run_on_commit(viewer_api, {"format": "csv"}).json()
        body = viewer_api.get(f"/api/v1/exports/{created['id']}/").json()
    export = ClaimExport.objects.get(pk=created["id"])
    file_name = export.file_name
    assert storages["exports"].exists(file_name)
    with time_machine.travel(start + dt.timedelta(minutes=59), tick=False):
        assert viewer_api.get(body["download_url"]).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        response = viewer_api.get(body["download_url"])
        assert response.status_code == 410
        assert error_of(response)["code"] == "link_expired"
        # A fresh link from the export works again
        fresh = viewer_api.get(f"/api/v1/exports/{created['id']}/").json()["download_url"]
        assert viewer_api.get(fresh).status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=25), tick=False):
        assert exports_expire() == 1
        export.refresh_from_db()
        assert export.status == ClaimExport.Status.EXPIRED
        assert not storages["exports"].exists(file_name)
        assert viewer_api.get(fresh).status_code == 410
        assert viewer_api.get(f"/api/v1/exports/{created['id']}/").json()["download_url"] is None


def test_running_a_build_twice_keeps_one_file_and_a_finished_export_is_left_alone(viewer_user):
    factories.ClaimFactory()
    export = ClaimExport.objects.create(requested_by=viewer_user, format="csv")
    first = export_build(export_id=export.pk)
    assert first.status == ClaimExport.Status.DONE
    # A redelivered task for a finished export changes nothing
    assert export_build(export_id=export.pk) is None
    export.refresh_from_db()
    assert export.file_name == first.file_name
    assert export_verify(storages["exports"].open(export.file_name).read())["claims"] == 1


def test_an_export_whose_worker_died_is_taken_over_by_the_redelivered_task(viewer_user):
    factories.ClaimFactory()
    export = ClaimExport.objects.create(
        requested_by=viewer_user, format="json", status=ClaimExport.Status.RUNNING, claims_written=500
    )
    built = export_build(export_id=export.pk)
    assert built.status == ClaimExport.Status.DONE
    assert built.claims_written == 1


def test_the_exports_page_starts_an_export_and_offers_its_download(
    viewer_user, django_capture_on_commit_callbacks
):
    factories.ClaimFactory(status="disputed")
    factories.ClaimFactory(status="verified")
    client = Client()
    client.force_login(viewer_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/exports/", {"format": "csv", "status": ["disputed"]})
    assert response.status_code == 302
    page = client.get("/exports/")
    export = ClaimExport.objects.get()
    assert export.filters == {"status": ["disputed"]}
    html = page.content.decode()
    assert "Ready" in html and "New" in html
    assert f"/api/v1/exports/{export.pk}/download/?token=" in html
    assert client.post("/exports/", {"format": "pdf"}).status_code == 400


def test_the_exports_page_shows_progress_of_an_export_being_written(viewer_user):
    ClaimExport.objects.create(
        requested_by=viewer_user, format="csv", status="running", claims_total=4000, claims_written=1000
    )
    client = Client()
    client.force_login(viewer_user)
    html = client.get("/exports/").content.decode()
    assert '<progress max="100" value="25"' in html
    assert "data-export-status-url=" in html


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_writes_a_large_export_in_the_background(celery_worker, viewer_user, settings):
    # Given more claims than the synchronous export will stream
    settings.EXPORT_SYNC_MAX_CLAIMS = 100
    from claims.models import Claim

    Claim.objects.bulk_create([Claim(text=f"Claim {n}", kind=Claim.Kind.OTHER) for n in range(2500)])
    api = client_with_token(viewer_user)
    assert api.get("/api/v1/exports/claims.csv").status_code == 400
    # When a background export is asked for, a real worker on Redis writes it
    created = api.post("/api/v1/exports/", {"format": "csv"}, format="json")
    assert created.status_code == 202
    assert created.json()["status"] == "pending"

    def finished():
        body = api.get(f"/api/v1/exports/{created.json()['id']}/").json()
        return body if body["status"] in ("done", "failed") else None

    body = wait_until(finished, timeout=120)
    # Then the file is complete and checks out
    assert body["status"] == "done", body["error"]
    data = download(api, body)
    assert export_verify(data) == {"claims": 2500, "rows": 2500, "sha256": body["sha256"]}


def test_the_exports_page_shows_each_exports_filters_readably(viewer_user):
    ClaimExport.objects.create(
        requested_by=viewer_user,
        format="csv",
        filters={"status": ["disputed", "false"], "updated_since": "2026-11-25T00:00:00+00:00"},
    )
    client = Client()
    client.force_login(viewer_user)
    html = client.get("/exports/").content.decode()
    assert "status: disputed, false; updated_since: 2026-11-25T00:00:00+00:00" in html


def test_an_export_whose_file_vanished_answers_410(viewer_api, run_on_commit):
    factories.ClaimFactory()
    created = run_on_commit(viewer_api, {"format": "csv"}).json()
    body = viewer_api.get(f"/api/v1/exports/{created['id']}/").json()
    storages["exports"].delete(ClaimExport.objects.get(pk=created["id"]).file_name)
    assert viewer_api.get(body["download_url"]).status_code == 410


def test_a_failing_build_marks_the_export_failed(viewer_user, monkeypatch):
    from exports import services, tasks

    export = ClaimExport.objects.create(requested_by=viewer_user, format="csv")

    def broken_storage():
        raise RuntimeError("storage unreachable")

    monkeypatch.setattr(services, "export_storage", broken_storage)
    with pytest.raises(RuntimeError):
        tasks.build_export.apply(args=[export.pk], throw=True)
    export.refresh_from_db()
    assert export.status == ClaimExport.Status.FAILED
    assert "ask again" in export.error
