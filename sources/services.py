"""Every write to sources and documents.

sources sits below claims (docs/architecture.md), so it reaches the history
and the claims' conflict checks through hooks (core/hooks.py) that claims
answers, never by importing claims.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from core import events
from core.bidi import strip_bidi_controls
from core.exceptions import ConflictError
from core.hooks import AUDIT_RECORD, SOURCE_CHANGED, hook_fire, hook_fire_on_commit
from core.lost_updates import VersionCheck, check_unchanged
from core.richtext import sanitize_rich_text
from core.services import model_update

from .models import Document, Source, document_content_hash

SOURCE_FIELDS = ("name", "kind", "affiliation", "side", "country", "notes", "url", "aliases")
DOCUMENT_FIELDS = ("title", "url", "outlet", "published_at", "retrieved_at", "body")


def _audit(*, action: str, object_type: str, object_id: int, user, **fields) -> None:
    """A line of history (claims.AuditEntry, written by claims' receiver)."""
    hook_fire(AUDIT_RECORD, action=action, object_type=object_type, object_id=object_id, actor=user, **fields)


def _clean_aliases(aliases) -> list[str]:
    if aliases is None:
        return []
    if isinstance(aliases, str):
        aliases = aliases.replace("\n", ",").split(",")
    if not isinstance(aliases, (list, tuple)):
        raise ValidationError({"aliases": "Give aliases as a list of names."})
    cleaned, seen = [], set()
    for alias in aliases:
        if not isinstance(alias, str):
            raise ValidationError({"aliases": "Every alias must be text."})
        alias = " ".join(strip_bidi_controls(alias).split())
        if alias and alias.lower() not in seen:
            seen.add(alias.lower())
            cleaned.append(alias)
    return cleaned


def _clean_name(name) -> str:
    """A source's name with spaces folded and no directional controls: an
    invisible U+202E in a name reversed the figures of every sentence that
    named it (core/bidi.py)."""
    return " ".join(strip_bidi_controls(name or "").split())


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:190] or "source"
    slug, n = base, 2
    while Source.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def source_create(
    *,
    name: str,
    kind: str,
    user=None,
    affiliation: str = Source.Affiliation.UNKNOWN,
    side: str = "",
    country: str = "",
    reliability: str = Source.Reliability.F,
    reliability_reason: str = "",
    notes: str = "",
    url: str = "",
    aliases=None,
    slug: str = "",
) -> Source:
    """Register a new source. Notes are sanitised; the slug is derived from the name."""
    source = Source(
        name=_clean_name(name),
        kind=kind,
        affiliation=affiliation,
        side=(side or "").strip(),
        country=(country or "").strip(),
        reliability=reliability,
        reliability_reason=reliability_reason or "",
        notes=sanitize_rich_text(notes),
        url=url or "",
        aliases=_clean_aliases(aliases),
    )
    # A name already taken is a clash with stored data (409 in the API, a form
    # error on the page), whether it was taken long ago or a moment ago below.
    duplicate = _source_duplicate(name=source.name)
    if duplicate is not None:
        raise duplicate
    source.slug = slug or _unique_slug(source.name)
    if reliability != Source.Reliability.F or reliability_reason:
        source.reliability_set_by = user
        source.reliability_set_at = timezone.now()
    source.full_clean()
    return _source_insert(source, slug=slug, user=user)


def _source_insert(source: Source, *, slug: str, user) -> Source:
    """Save a new, validated source and record it in the audit log."""
    # Check-then-insert races: two editors saving "Monitor!" and "Monitor?" at
    # once both find the slug "monitor" free. The loser's insert fails on the
    # unique index; a slug we chose is then chosen again, and a name taken
    # meanwhile is the same refusal as a name taken before (409 in the API, a
    # form error on the page), never a 500.
    for _ in range(5):
        try:
            with transaction.atomic():  # a savepoint: the outer transaction survives the failure
                source.save()
            _audit(
                action="created", object_type="source", object_id=source.pk, user=user, to_value=source.name
            )
            return source
        except IntegrityError:
            duplicate = _source_duplicate(name=source.name)
            if duplicate is not None:
                raise duplicate from None
            if slug:
                raise ConflictError(
                    f"The slug “{slug}” was taken a moment ago; choose another.", code="duplicate_source"
                ) from None
            source.slug = _unique_slug(source.name)
    raise ConflictError(
        "Others are adding sources with this name right now; try again.", code="duplicate_source"
    )


def _refuse_duplicate_name(source: Source, *, before_name: str) -> None:
    """A renamed source may not take another source's name (409, like adding one)."""
    if before_name != source.name and Source.objects.filter(name=source.name).exclude(pk=source.pk).exists():
        raise ConflictError(f"A source named “{source.name}” already exists.", code="duplicate_source")


def _source_duplicate(*, name: str) -> ConflictError | None:
    existing = Source.objects.filter(name=name).first()
    if existing is None:
        return None
    return ConflictError(f"A source named “{existing.name}” already exists.", code="duplicate_source")


@transaction.atomic
def source_update(
    *, source_id: int, user=None, unchanged_since: VersionCheck | None = None, **changes
) -> Source:
    """Change a source's descriptive fields; reliability goes through source_set_reliability."""
    source = Source.objects.select_for_update().get(pk=source_id)
    check_unchanged(unchanged_since, source)
    before = Source.objects.values("name", "affiliation", "side").get(pk=source_id)
    edited = model_update(
        instance=source,
        data=changes,
        allowed=SOURCE_FIELDS,
        normalise={
            "notes": sanitize_rich_text,
            "aliases": _clean_aliases,
            "name": _clean_name,
        },
        prepare=lambda source: _refuse_duplicate_name(source, before_name=before["name"]),
    )
    if edited:
        _audit(action="edited", object_type="source", object_id=source.pk, user=user, changes=edited)
    if edited.keys() & {"name", "affiliation", "side"}:
        # Who is a party, and on which side, decides party-only sourcing and
        # how severe a mismatch is; the name is in flag explanations.
        hook_fire_on_commit(SOURCE_CHANGED, source_id=source.pk)
    return source


@transaction.atomic
def source_set_reliability(*, source_id: int, user, reliability: str, reason: str) -> Source:
    """Grade a source on the Admiralty scale, recording who graded it and why."""
    if not (reason or "").strip():
        raise ValidationError({"reliability_reason": "Say why you grade the source this way."})
    source = Source.objects.select_for_update().get(pk=source_id)
    previous = source.reliability
    source.reliability = reliability
    source.reliability_reason = reason.strip()
    source.reliability_set_by = user
    source.reliability_set_at = timezone.now()
    source.full_clean()
    source.save(
        update_fields=[
            "reliability",
            "reliability_reason",
            "reliability_set_by",
            "reliability_set_at",
            "updated_at",
        ]
    )
    _audit(
        action="graded",
        object_type="source",
        object_id=source.pk,
        user=user,
        from_value=previous,
        to_value=reliability,
        reason=source.reliability_reason,
    )
    return source


@transaction.atomic
def document_create(
    *,
    title: str,
    body: str,
    user=None,
    url: str = "",
    outlet: Source | None = None,
    published_at: datetime | None = None,
    retrieved_at: datetime | None = None,
) -> Document:
    """Store a document once. The same text (or URL) a second time is refused
    with a ConflictError naming the copy already stored."""
    if not (body or "").strip():
        raise ValidationError({"body": "The document has no text."})
    content_hash = document_content_hash(body)
    duplicate = _document_duplicate(content_hash=content_hash, url=url)
    if duplicate is not None:
        raise duplicate
    document = Document(
        title=" ".join((title or "").split()),
        body=body,
        url=url or "",
        outlet=outlet,
        published_at=published_at,
        retrieved_at=retrieved_at or timezone.now(),
        content_hash=content_hash,
        created_by=user,
    )
    document.full_clean()
    try:
        # A savepoint: a double-click on "save" sends the same text twice and
        # both requests pass the check above before either inserts. The loser
        # gets the same refusal as a later copy, not an IntegrityError.
        with transaction.atomic():
            document.save()
    except IntegrityError:
        duplicate = _document_duplicate(content_hash=content_hash, url=url)
        if duplicate is None:
            raise
        raise duplicate from None
    _audit(
        action="created", object_type="document", object_id=document.pk, user=user, to_value=document.title
    )
    events.publish(events.DOCUMENT_INGESTED, actor=user, document=document)
    return document


def _document_duplicate(
    *, content_hash: str, url: str, exclude_pk: int | None = None
) -> ConflictError | None:
    """The refusal for a document whose text or URL is already stored, or None."""
    others = Document.objects.exclude(pk=exclude_pk)
    existing = others.filter(content_hash=content_hash).first()
    if existing is not None:
        return ConflictError(
            f"This text is already stored as document #{existing.pk} ({existing.title}).",
            code="duplicate_document",
        )
    if url:
        # A URL names one story; its earlier versions keep the URL (document versions).
        existing = others.filter(url=url, is_latest=True).first()
        if existing is not None:
            return ConflictError(
                f"This URL is already stored as document #{existing.pk} ({existing.title}). "
                "If this is a revised text of it, add it as a new version on that document's page.",
                code="duplicate_document",
            )
    return None


@transaction.atomic
def document_update(
    *, document_id: int, user=None, unchanged_since: VersionCheck | None = None, **changes
) -> Document:
    """Change a document's metadata. The body is fixed once claims quote it,
    because attribution offsets point into it."""
    document = Document.objects.select_for_update().get(pk=document_id)
    check_unchanged(unchanged_since, document)
    if "body" in changes and changes["body"] != document.body:
        if document.attributions.exists():
            raise ValidationError(
                {
                    "body": "Claims quote this text by position; it cannot be edited. Add a new document instead."
                }
            )
        document.content_hash = document_content_hash(changes["body"])

    def refuse_duplicates(document) -> None:
        # Another document with this text or URL: the same refusal as adding a
        # copy (409 in the API, a form error on the page), not a field error.
        duplicate = _document_duplicate(
            content_hash=document.content_hash, url=document.url, exclude_pk=document.pk
        )
        if duplicate is not None:
            raise duplicate

    edited = model_update(
        instance=document,
        data=changes,
        allowed=DOCUMENT_FIELDS,
        # The body is kept to the letter: excerpts point into it by offset.
        normalise={"body": lambda body: body, "url": lambda url: url or ""},
        prepare=refuse_duplicates,
    )
    if edited:
        # Only which fields changed: a body is too long for the history line.
        summary = {
            field: values if field != "body" else ["", "(new text)"] for field, values in edited.items()
        }
        _audit(action="edited", object_type="document", object_id=document.pk, user=user, changes=summary)
    return document


@transaction.atomic
def source_delete(*, source_id: int, user=None, unchanged_since: VersionCheck | None = None) -> None:
    """Delete a source nobody is credited through; otherwise refuse with a
    ConflictError (attributions and documents protect it)."""
    source = Source.objects.select_for_update().get(pk=source_id)
    check_unchanged(unchanged_since, source)
    if source.attributions.exists() or source.relayed_attributions.exists():
        raise ConflictError(
            f"{source.name} is credited with claims; remove those attributions first.", code="source_in_use"
        )
    if source.published_documents.exists():
        raise ConflictError(
            f"{source.name} is the outlet of stored documents; change those first.", code="source_in_use"
        )
    source.delete()
    _audit(action="deleted", object_type="source", object_id=source_id, user=user, from_value=source.name)


@transaction.atomic
def document_delete(*, document_id: int, user=None, unchanged_since: VersionCheck | None = None) -> None:
    """Delete a document no attribution quotes; otherwise refuse with a ConflictError."""
    document = Document.objects.select_for_update().get(pk=document_id)
    check_unchanged(unchanged_since, document)
    if document.attributions.exists():
        raise ConflictError(
            "Claims are attributed to this document; remove those attributions first.", code="document_in_use"
        )
    title = document.title
    document.delete()
    _audit(action="deleted", object_type="document", object_id=document_id, user=user, from_value=title)
