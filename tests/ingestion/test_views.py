"""The ingestion pages: add a document, review its proposals, decide on them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Claim
from ingestion.models import ClaimProposal
from sources.models import Document, Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Quake hits the valley\n"
    "The Interior Ministry said at least 30 people were killed.\n"
    '"The school fell in seconds," said Lina Haddad, a teacher in Sava.\n'
)


@pytest.fixture
def ministry(db):
    return SourceFactory(name="Interior Ministry", slug="interior-ministry", kind=Source.Kind.GOVERNMENT)


@pytest.fixture
def document(editor_user, ingest, ministry):
    return ingest(body=ARTICLE, user=editor_user, title="Quake")


def add_url():
    return reverse("ingestion:document-add")


def review_url(document):
    return reverse("ingestion:proposal-review", kwargs={"pk": document.pk})


# Adding a document


def test_an_editor_pastes_an_article_and_lands_on_its_proposals(
    client, editor_user, ministry, django_capture_on_commit_callbacks
):
    client.force_login(editor_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(), {"title": "Quake", "body": ARTICLE})
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == review_url(document)
    page = client.get(review_url(document)).content.decode()
    assert page.count('data-testid="proposal"') == 2
    assert "Interior Ministry" in page and "Lina Haddad" in page


def test_an_editor_uploads_an_html_article(client, editor_user, django_capture_on_commit_callbacks):
    client.force_login(editor_user)
    upload = SimpleUploadedFile(
        "quake.html",
        b"<p>Police said 12 homes were destroyed.</p><script>x()</script>",
        content_type="text/html",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(), {"title": "Quake", "upload": upload})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.body == "Police said 12 homes were destroyed."
    assert document.claim_proposals.get().value_low == 12


def test_a_pdf_upload_is_refused_with_a_form_error_and_nothing_stored(client, editor_user):
    client.force_login(editor_user)
    upload = SimpleUploadedFile("quake.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(add_url(), {"title": "Quake", "upload": upload})
    assert response.status_code == 400
    assert "Upload a .txt or .html file." in response.content.decode()
    assert Document.objects.count() == 0


def test_an_upload_over_the_limit_is_refused_with_a_form_error(client, editor_user, settings):
    settings.INGESTION_MAX_UPLOAD_BYTES = 100
    client.force_login(editor_user)
    upload = SimpleUploadedFile("quake.txt", b"Police said 3 died. " * 10, content_type="text/plain")
    response = client.post(add_url(), {"title": "Quake", "upload": upload})
    assert response.status_code == 400
    assert "the limit is 100\xa0bytes" in response.content.decode()
    assert Document.objects.count() == 0


def test_neither_text_nor_file_is_a_clear_form_error(client, editor_user):
    client.force_login(editor_user)
    response = client.post(add_url(), {"title": "Quake"})
    assert response.status_code == 400
    assert "Paste the article&#x27;s text or upload a .txt or .html file." in response.content.decode()


def test_a_document_already_stored_is_refused_naming_the_copy(client, editor_user, document):
    client.force_login(editor_user)
    response = client.post(add_url(), {"title": "Again", "body": ARTICLE})
    assert response.status_code == 400
    assert f"document #{document.pk}" in response.content.decode()


@pytest.mark.parametrize("role_fixture", ["viewer_user", "fact_checker_user"])
def test_viewers_and_fact_checkers_cannot_add_documents(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(add_url()).status_code == 403
    assert client.post(add_url(), {"title": "Quake", "body": ARTICLE}).status_code == 403
    assert Document.objects.count() == 0


# Reviewing


def test_a_viewer_sees_proposals_without_any_buttons(client, viewer_user, document):
    client.force_login(viewer_user)
    page = client.get(review_url(document)).content.decode()
    assert page.count('data-testid="proposal"') == 2
    assert "Accept" not in page and "Reject" not in page


def test_a_viewer_cannot_accept(client, viewer_user, document):
    client.force_login(viewer_user)
    proposal = document.claim_proposals.first()
    response = client.post(reverse("ingestion:proposal-accept", kwargs={"pk": proposal.pk}))
    assert response.status_code == 403
    assert Claim.objects.count() == 0


def test_a_fact_checker_accepts_a_proposal_credited_to_an_existing_source(
    client, fact_checker_user, document, ministry
):
    client.force_login(fact_checker_user)
    proposal = document.claim_proposals.get(source=ministry)
    response = client.post(reverse("ingestion:proposal-accept", kwargs={"pk": proposal.pk}))
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.attributions.get().source == ministry


def test_a_fact_checker_is_told_why_a_new_speaker_cannot_be_accepted(client, fact_checker_user, document):
    client.force_login(fact_checker_user)
    proposal = document.claim_proposals.get(proposed_source_name="Lina Haddad")
    page = client.get(review_url(document)).content.decode()
    accept = reverse("ingestion:proposal-accept", kwargs={"pk": proposal.pk})
    assert accept not in page  # the one-click accept is not offered
    response = client.post(accept, follow=True)
    assert "only editors can add sources" in response.content.decode()
    assert Claim.objects.count() == 0


def test_rejecting_from_the_page_marks_the_proposal_rejected(client, editor_user, document):
    client.force_login(editor_user)
    proposal = document.claim_proposals.first()
    response = client.post(reverse("ingestion:proposal-reject", kwargs={"pk": proposal.pk}))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ClaimProposal.Status.REJECTED


def test_editing_then_accepting_records_the_corrected_claim(client, editor_user, document, ministry):
    client.force_login(editor_user)
    proposal = document.claim_proposals.get(source=ministry)
    url = reverse("ingestion:proposal-edit", kwargs={"pk": proposal.pk})
    form_page = client.get(url)
    assert form_page.status_code == 200
    response = client.post(
        url,
        {
            "text": "At least 31 people were killed in the quake",
            "kind": "figure",
            "source": ministry.pk,
            "form": "statement",
            "reporting_verb": "said",
            "value_low": 31,
            "qualifier": "at_least",
            "quantity_subject": "people killed",
            "excerpt_start": proposal.excerpt_start,
            "excerpt_end": proposal.excerpt_end,
        },
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert (claim.text, claim.value_low, claim.value_high) == (
        "At least 31 people were killed in the quake",
        31,
        31,
    )
    assert claim.attributions.get().form == "statement"


def test_editing_with_bad_offsets_shows_the_error_on_the_form(client, editor_user, document, ministry):
    client.force_login(editor_user)
    proposal = document.claim_proposals.get(source=ministry)
    response = client.post(
        reverse("ingestion:proposal-edit", kwargs={"pk": proposal.pk}),
        {
            "text": "x claim text",
            "kind": "other",
            "source": ministry.pk,
            "form": "statement",
            "excerpt_start": 10,
            "excerpt_end": 100_000,
        },
    )
    assert response.status_code == 400
    assert "The excerpt must lie within the document" in response.content.decode()
    assert Claim.objects.count() == 0


def test_the_review_page_loads_its_script_from_a_file_and_has_no_inline_script(client, editor_user, document):
    client.force_login(editor_user)
    page = client.get(review_url(document)).content.decode()
    assert "ingestion/proposals.js" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)


def test_the_panel_alone_is_served_for_polling_and_says_when_reading_is_done(client, editor_user, document):
    client.force_login(editor_user)
    response = client.get(reverse("ingestion:proposals-panel", kwargs={"pk": document.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-still-reading="false"' in html
    assert html.count('data-testid="proposal"') == 2


def test_a_document_still_waiting_for_the_extractor_asks_to_be_polled(
    client, editor_user, django_capture_on_commit_callbacks
):
    client.force_login(editor_user)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(add_url(), {"title": "Quake", "body": ARTICLE})
    html = client.get(review_url(Document.objects.get())).content.decode()
    assert 'data-still-reading="true"' in html


def _article_with(n: int) -> str:
    lines = ["Report"]
    for i in range(n):
        lines.append(
            f"Witness {chr(65 + i)}{chr(97 + i)}ra Osei said {i + 2} houses were destroyed in block {i}."
        )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("count", [2, 12])
def test_the_review_page_runs_a_constant_number_of_queries(
    client, editor_user, ingest, count, django_assert_max_num_queries
):
    document = ingest(body=_article_with(count), user=editor_user, title=f"Report {count}")
    for proposal in document.claim_proposals.all()[: count // 2]:
        ClaimProposal.objects.filter(pk=proposal.pk).update(status="rejected", decided_by=editor_user)
    assert document.claim_proposals.count() == count
    client.force_login(editor_user)
    # Fixed whatever the number of proposals: the panel, plus the links to
    # existing claims and events (ingestion.selectors.proposal_links), and the
    # notification bell's unread count.
    with django_assert_max_num_queries(13):
        response = client.get(review_url(document))
    assert response.content.decode().count('data-testid="proposal"') == count


def test_an_editor_can_have_a_hand_added_document_read_for_claims(
    client, editor_user, django_capture_on_commit_callbacks
):
    from sources.services import document_create

    document = document_create(title="By hand", body=ARTICLE, user=editor_user)
    client.force_login(editor_user)
    assert "added by hand" in client.get(review_url(document)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ingestion:extraction-rerun", kwargs={"pk": document.pk}))
    assert response.status_code == 302
    assert document.claim_proposals.count() == 2


def test_a_fact_checker_cannot_rerun_the_extractor(client, fact_checker_user, document):
    client.force_login(fact_checker_user)
    response = client.post(reverse("ingestion:extraction-rerun", kwargs={"pk": document.pk}))
    assert response.status_code == 403


def test_an_ingested_documents_page_shows_its_proposals(client, django_capture_on_commit_callbacks):
    from tests.factories import editor as make_editor

    client.force_login(make_editor(username="desk-editor"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("ingestion:document-add"),
            {"title": "Storm", "body": "The coast guard said 14 sailors were rescued on Tuesday."},
        )
    document = Document.objects.get(title="Storm")

    response = client.get(document.get_absolute_url())

    assert b"Proposed claims" in response.content
    assert b'data-testid="proposal"' in response.content
    assert b"ingestion/proposals.js" in response.content


def test_the_correction_form_has_no_empty_dash_choices_and_shows_the_passage(client, editor_user, document):
    client.force_login(editor_user)
    proposal = document.claim_proposals.first()
    page = client.get(reverse("ingestion:proposal-edit", kwargs={"pk": proposal.pk})).content.decode()
    assert "---------" not in page
    assert "data-excerpt-passage" in page and "excerpt_select.js" in page


def test_pasted_excerpt_words_set_the_offsets(client, editor_user, document, ministry):
    client.force_login(editor_user)
    proposal = document.claim_proposals.get(source=ministry)
    words = "at least 30 people were killed"
    response = client.post(
        reverse("ingestion:proposal-edit", kwargs={"pk": proposal.pk}),
        {
            "text": "At least 30 people were killed",
            "kind": "other",
            "source": ministry.pk,
            "form": "statement",
            "excerpt": words,
            "excerpt_start": proposal.excerpt_start,
            "excerpt_end": proposal.excerpt_end,
        },
    )
    assert response.status_code == 302
    attribution = Claim.objects.get().attributions.get()
    assert document.body[attribution.excerpt_start : attribution.excerpt_end] == words


def test_excerpt_words_not_in_the_document_are_refused(client, editor_user, document, ministry):
    client.force_login(editor_user)
    proposal = document.claim_proposals.get(source=ministry)
    response = client.post(
        reverse("ingestion:proposal-edit", kwargs={"pk": proposal.pk}),
        {
            "text": "x claim text",
            "kind": "other",
            "source": ministry.pk,
            "form": "statement",
            "excerpt": "words the article never printed",
            "excerpt_start": proposal.excerpt_start,
            "excerpt_end": proposal.excerpt_end,
        },
    )
    assert response.status_code == 400
    assert "not in the document" in response.content.decode()
    assert Claim.objects.count() == 0
