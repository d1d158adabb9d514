"""The ingestion API: submit an article, follow the run, decide on each
proposal, with the same permissions and validation as the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Claim
from ingestion.models import ClaimProposal
from tests.api.conftest import client_with_token, error_of
from tests.factories import EventFactory, SourceFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Quake hits the valley\n"
    "The Interior Ministry said at least 30 people were killed, while the Red Crescent put the toll at 41.\n"
    '"The school fell in seconds," said Lina Haddad, a teacher in Sava.\n'
)
INGEST = reverse("api:document-ingest")


@pytest.fixture
def editor_api(editor_user):
    return client_with_token(editor_user)


@pytest.fixture
def ministry(db):
    return SourceFactory(name="Interior Ministry", slug="interior-ministry")


def ingest(api, body=ARTICLE, **extra):
    return api.post(INGEST, {"title": "Quake", "body": body, **extra}, format="json")


def run_of(api, document_id):
    return api.get(reverse("api:document-extraction", kwargs={"pk": document_id})).json()


def test_an_editor_submits_text_and_reads_the_run_and_its_proposals(
    editor_api, ministry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ingest(editor_api)
    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == body["extraction_url"]
    run = run_of(editor_api, body["document"])
    assert run["extraction"]["status"] == "done" and run["extraction"]["finished"]
    pairs = sorted((p["source_name"] or p["proposed_source_name"], p["value_low"]) for p in run["proposals"])
    assert pairs == [("Interior Ministry", 30), ("Lina Haddad", None), ("Red Crescent", 41)]


def test_an_upload_is_ingested_like_the_page_does(editor_api, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("quake.txt", ARTICLE.encode(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.post(INGEST, {"title": "Quake", "upload": upload}, format="multipart")
    assert response.status_code == 202, response.json()
    assert len(run_of(editor_api, response.json()["document"])["proposals"]) == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "Quake"}, "body"),
        ({"body": ARTICLE}, "title"),
        ({"title": "Q", "body": ARTICLE, "outlet": "3"}, "outlet"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(editor_api, data, field):
    response = editor_api.post(INGEST, data, format="json")
    assert response.status_code == 400
    assert field in error_of(response)["fields"]


def test_an_outlet_that_does_not_exist_is_a_409_naming_the_field(editor_api):
    # The API's rule for a well-formed reference to a missing record (core/api.py).
    response = editor_api.post(INGEST, {"title": "Q", "body": ARTICLE, "outlet": 999}, format="json")
    assert response.status_code == 409
    assert error_of(response)["code"] == "does_not_exist"
    assert "outlet" in error_of(response)["fields"]


def test_the_same_article_twice_is_a_409(editor_api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert ingest(editor_api).status_code == 202
    assert ingest(editor_api).status_code == 409


def test_a_fact_checker_cannot_ingest_and_a_viewer_cannot_decide(
    fact_checker_user, viewer_user, editor_api, ministry, django_capture_on_commit_callbacks
):
    assert ingest(client_with_token(fact_checker_user)).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        document_id = ingest(editor_api).json()["document"]
    proposal = ClaimProposal.objects.filter(document_id=document_id).first()
    viewer = client_with_token(viewer_user)
    assert (
        viewer.post(reverse("api:proposal-accept", kwargs={"pk": proposal.pk}), {}, format="json").status_code
        == 403
    )
    assert Claim.objects.count() == 0


def test_a_fact_checker_accepting_a_new_speaker_is_told_the_role_it_needs_and_whom_to_ask(
    fact_checker_user, editor_api, ministry, django_capture_on_commit_callbacks
):
    # The API lets a fact-checker accept proposals; the service refuses to
    # add the new source: its refusal carries the role object as the API's own do.
    with django_capture_on_commit_callbacks(execute=True):
        document_id = ingest(editor_api).json()["document"]
    proposal = ClaimProposal.objects.get(document_id=document_id, proposed_source_name="Lina Haddad")

    response = client_with_token(fact_checker_user).post(
        reverse("api:proposal-accept", kwargs={"pk": proposal.pk}), {}, format="json"
    )

    assert response.status_code == 403
    error = error_of(response)
    assert error["code"] == "permission_denied"
    assert error["role"] == {
        "yours": "fact-checker",
        "needed": ["editor"],
        "ask": "an administrator of this Claimtrack (someone who can open its admin site)",
    }
    assert error["message"].startswith("'Lina Haddad' is not a source yet and only editors can add sources.")
    assert "it needs the editor role" in error["message"]
    assert Claim.objects.count() == 0


def test_accept_edit_accept_and_reject(editor_api, ministry, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document_id = ingest(editor_api).json()["document"]
    proposals = {p.value_low: p for p in ClaimProposal.objects.filter(document_id=document_id)}

    event = EventFactory(title="Sava earthquake")
    accepted = editor_api.post(
        reverse("api:proposal-accept", kwargs={"pk": proposals[30].pk}), {"event": event.pk}, format="json"
    )
    assert accepted.status_code == 201
    claim = Claim.objects.get(pk=accepted.json()["claim"])
    assert claim.event == event and claim.attributions.get().source == ministry
    assert accepted.json()["proposal"]["status"] == "accepted"

    crescent = SourceFactory(name="Red Crescent Society", slug="red-crescent-society")
    edited = editor_api.post(
        reverse("api:proposal-edit-accept", kwargs={"pk": proposals[41].pk}),
        {"source": crescent.pk, "value_low": 41, "qualifier": "exact"},
        format="json",
    )
    assert edited.status_code == 201, edited.json()
    assert Claim.objects.get(pk=edited.json()["claim"]).attributions.get().source == crescent

    rejected = editor_api.post(
        reverse("api:proposal-reject", kwargs={"pk": proposals[None].pk}), format="json"
    )
    assert rejected.status_code == 200 and rejected.json()["proposal"]["status"] == "rejected"
    again = editor_api.post(reverse("api:proposal-reject", kwargs={"pk": proposals[None].pk}), format="json")
    assert again.status_code == 409


def test_edit_accept_with_bad_offsets_changes_nothing(
    editor_api, ministry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document_id = ingest(editor_api).json()["document"]
    proposal = ClaimProposal.objects.get(document_id=document_id, value_low=30)
    response = editor_api.post(
        reverse("api:proposal-edit-accept", kwargs={"pk": proposal.pk}),
        {"text": "Changed", "excerpt_start": 5, "excerpt_end": 100_000},
        format="json",
    )
    assert response.status_code == 400
    assert "excerpt_end" in error_of(response)["fields"]
    proposal.refresh_from_db()
    assert proposal.status == "proposed" and proposal.text != "Changed"
    assert Claim.objects.count() == 0


def test_accepting_as_an_attribution_of_an_existing_claim(
    editor_api, ministry, editor_user, django_capture_on_commit_callbacks
):
    from claims.services import claim_create

    existing = claim_create(
        text="At least 30 people were killed",
        created_by=editor_user,
        attributions=[{"source": ministry, "form": "statement"}],
    )
    with django_capture_on_commit_callbacks(execute=True):
        document_id = ingest(editor_api).json()["document"]
    run = run_of(editor_api, document_id)
    proposal = next(p for p in run["proposals"] if p["value_low"] == 30)
    assert [link["claim"] for link in proposal["probable_claims"]] == [existing.pk]
    response = editor_api.post(
        reverse("api:proposal-accept", kwargs={"pk": proposal["id"]}),
        {"existing_claim": existing.pk},
        format="json",
    )
    assert response.status_code == 201 and response.json()["claim"] == existing.pk
    assert Claim.objects.count() == 1 and existing.attributions.count() == 2


def test_an_unbound_figure_is_refused_with_the_reason(editor_api, django_capture_on_commit_callbacks):
    body = (
        "Clashes\nThe army said 12 rebels were killed, while local medics reckoned that 40 civilians died.\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        document_id = ingest(editor_api, body=body).json()["document"]
    proposal = next(p for p in run_of(editor_api, document_id)["proposals"] if p["value_low"] == 40)
    assert proposal["speaker_unbound"] and proposal["accept_blocked_reason"]
    response = editor_api.post(
        reverse("api:proposal-accept", kwargs={"pk": proposal["id"]}), {}, format="json"
    )
    assert response.status_code == 400
    assert "source" in error_of(response)["fields"]


@pytest.mark.parametrize("count", [2, 10])
def test_the_run_is_read_in_a_constant_number_of_queries(
    editor_api, count, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    body = "Report\n" + "".join(
        f"The army said {n + 2} rebels were killed in village {n}.\n" for n in range(count)
    )
    with django_capture_on_commit_callbacks(execute=True):
        document_id = ingest(editor_api, body=body).json()["document"]
    with django_assert_max_num_queries(12):
        run = run_of(editor_api, document_id)
    assert len(run["proposals"]) == count


def test_a_reject_with_a_field_is_refused_and_rejects_nothing(
    editor_api, ministry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document_id = ingest(editor_api).json()["document"]
    proposal = ClaimProposal.objects.filter(document_id=document_id).first()
    url = reverse("api:proposal-reject", kwargs={"pk": proposal.pk})

    response = editor_api.post(url, {"reason": "Not a claim."}, format="json")

    assert response.status_code == 400
    assert error_of(response)["fields"] == {"reason": ["Unknown field."]}
    proposal.refresh_from_db()
    assert proposal.status != "rejected"
    assert editor_api.post(url, {}, format="json").status_code == 200
