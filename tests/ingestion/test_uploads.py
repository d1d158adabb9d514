"""Uploaded files: HTML reduced to text, and clear refusals for the wrong file."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ingestion.uploads import html_to_text, text_from_upload


def test_script_and_style_contents_are_dropped_not_kept_as_text():
    text = html_to_text(
        "<style>body { color: red }</style><p>Police said 4 died.</p>"
        "<script>document.write('steal')</script><SCRIPT type='x'>var a = 1;</SCRIPT>"
    )
    assert text == "Police said 4 died."


def test_entities_are_unescaped_and_paragraphs_become_lines():
    text = html_to_text(
        "<h1>Floods &amp; fires</h1><p>&ldquo;We left,&rdquo; she said.<br>It&#39;s over.</p>"
    )
    assert text == "Floods & fires\n\u201cWe left,\u201d she said.\nIt's over."


def test_an_unclosed_script_does_not_leak_into_the_text():
    assert html_to_text("<p>Kept.</p><script>var leaked = 1;") == "Kept."


def test_comments_and_escaped_markup_never_become_tags():
    text = html_to_text("<!-- hidden --><p>&lt;b&gt;not bold&lt;/b&gt;</p>")
    assert text == "<b>not bold</b>"  # shown as text; templates escape it


def test_a_txt_file_is_read_as_utf8():
    upload = SimpleUploadedFile(
        "a.txt", "Officials said 5 were hurt in Zürich.".encode(), content_type="text/plain"
    )
    assert text_from_upload(upload) == "Officials said 5 were hurt in Zürich."


@pytest.mark.parametrize(
    ("name", "content_type", "content", "message"),
    [
        ("story.pdf", "application/pdf", b"%PDF-1.4", "Upload a .txt or .html file."),
        (
            "story.txt",
            "application/octet-stream",
            b"text",
            "The file is named .txt but was sent as application/octet-stream.",
        ),
        ("story.html", "image/png", b"<p>x</p>", "The file is named .html but was sent as image/png."),
        ("story.txt", "text/plain", b"\xff\xfe\x00a\x00b", "This is not a text file."),
        ("story.txt", "text/plain", "caf\u00e9".encode("latin-1"), "The file is not UTF-8 text."),
        ("story.html", "text/html", b"<script>only()</script>", "The file has no readable text."),
    ],
)
def test_a_wrong_file_is_refused_with_a_clear_message(name, content_type, content, message):
    with pytest.raises(ValidationError) as error:
        text_from_upload(SimpleUploadedFile(name, content, content_type=content_type))
    assert message in error.value.message_dict["upload"][0]


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(settings):
    settings.INGESTION_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("big.txt", b"a" * 1025, content_type="text/plain")
    with pytest.raises(ValidationError) as error:
        text_from_upload(upload)
    assert "the limit is 1.0\xa0KB" in error.value.message_dict["upload"][0]


def test_an_html_upload_full_of_unclosed_tags_is_still_read():
    # Unclosed tags used to make the tag patterns quadratic (minutes for 2 MB);
    # they are plain text to a browser, and stay text here.
    text = html_to_text("<p>Officials said 3 died.</p>" + "<script <p " * 5_000)
    assert text.startswith("Officials said 3 died.")
