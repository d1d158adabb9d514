"""Hostile HTML uploads (issue 13, finding 1): a 2 MiB file of "&amp;" held a
web worker for minutes, because bleach's tokenizer was far worse than linear on
entity-dense input and every upload was cleaned twice (form and service).

The conversion is now one pass of libxml2's HTML parser, done once per upload;
its speed is measured in bench/upload_bench.py, not asserted here.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import ingestion.uploads
from sources.models import Document
from tests.security.attacks import html_filling, payload, upload_payload_names

pytestmark = pytest.mark.django_db

LEAD = "<p>Police said 4 people died.</p>"


def upload_at_the_limit(settings, name: str) -> tuple[SimpleUploadedFile, bytes]:
    content = html_filling(payload(name), size=settings.INGESTION_MAX_UPLOAD_BYTES, lead=LEAD)
    return SimpleUploadedFile("attack.html", content, content_type="text/html"), content


def test_an_entity_dense_2_mib_upload_is_stored_as_its_text(client, editor_user, settings):
    settings.INGESTION_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    client.force_login(editor_user)
    upload, content = upload_at_the_limit(settings, "upload_entity_dense.html")
    assert len(content) > 2 * 1024 * 1024 - 10

    response = client.post(reverse("ingestion:document-add"), {"title": "Attack", "upload": upload})

    assert response.status_code == 302
    body = Document.objects.get().body
    entities = (len(content) - len(LEAD)) // len("&amp;")
    assert body == "Police said 4 people died.\n" + "&" * entities


@pytest.mark.parametrize("name", upload_payload_names())
def test_every_hostile_upload_keeps_the_article_text(client, editor_user, settings, name):
    settings.INGESTION_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    client.force_login(editor_user)
    upload, _ = upload_at_the_limit(settings, name)

    response = client.post(reverse("ingestion:document-add"), {"title": "Attack", "upload": upload})

    assert response.status_code == 302
    assert Document.objects.get().body.startswith("Police said 4 people died.")


def test_an_upload_is_parsed_once_not_by_the_form_and_again_by_the_service(client, editor_user, monkeypatch):
    client.force_login(editor_user)
    calls = []
    real = ingestion.uploads.html_to_text

    def counting(markup):
        calls.append(len(markup))
        return real(markup)

    monkeypatch.setattr(ingestion.uploads, "html_to_text", counting)
    upload = SimpleUploadedFile("a.html", b"<p>Police said 4 died.</p>", content_type="text/html")

    response = client.post(reverse("ingestion:document-add"), {"title": "Once", "upload": upload})

    assert response.status_code == 302
    assert len(calls) == 1


def test_markup_nested_far_deeper_than_any_article_does_not_crash_the_parser():
    text = ingestion.uploads.html_to_text("<p>Kept.</p>" + "<div>" * 100_000 + "deep")
    assert text.startswith("Kept.")
