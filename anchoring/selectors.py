from sources.models import Document

from .diffs import word_diff
from .models import ExcerptAnchor
from .services import document_versions


def document_versions_context(document: Document) -> dict:
    versions = (
        document_versions(document)
        if (document.previous_version_id or not document.is_latest)
        else [document]
    )
    previous = next((v for v in versions if v.pk == document.previous_version_id), None)
    # Only a later version has excerpts anchored in it: a first version costs no query here.
    anchors = (
        list(
            ExcerptAnchor.objects.filter(document=document)
            .select_related("attribution__claim", "attribution__source", "attribution__document")
            .order_by("status", "start", "id")
        )
        if document.previous_version_id
        else []
    )
    return {
        "document": document,
        "versions": versions,
        "previous": previous,
        "newer": next((v for v in versions if v.version > document.version), None),
        "diff": word_diff(previous.body, document.body) if previous else [],
        "anchors": anchors,
        "orphaned": [anchor for anchor in anchors if anchor.status == ExcerptAnchor.Status.ORPHANED],
    }
