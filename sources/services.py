"""Every write to sources and documents."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.exceptions import ConflictError
from core.richtext import sanitize_rich_text

from .models import Document, Source, document_content_hash

SOURCE_FIELDS = ("name", "kind", "affiliation", "side", "country", "notes", "url", "aliases")


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
        alias = " ".join(alias.split())
        if alias and alias.lower() not in seen:
            seen.add(alias.lower())
            cleaned.append(alias)
    return cleaned


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
        name=" ".join((name or "").split()),
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
    source.slug = slug or _unique_slug(source.name)
    if reliability != Source.Reliability.F or reliability_reason:
        source.reliability_set_by = user
        source.reliability_set_at = timezone.now()
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def source_update(*, source_id: int, user=None, **changes) -> Source:
    """Change a source's descriptive fields; reliability goes through source_set_reliability."""
    source = Source.objects.select_for_update().get(pk=source_id)
    unknown = set(changes) - set(SOURCE_FIELDS)
    if unknown:
        raise ValidationError({field: "This field cannot be changed here." for field in unknown})
    for field, value in changes.items():
        if field == "notes":
            value = sanitize_rich_text(value)
        elif field == "aliases":
            value = _clean_aliases(value)
        elif field == "name":
            value = " ".join((value or "").split())
        elif isinstance(value, str):
            value = value.strip()
        setattr(source, field, value)
    before = Source.objects.values("name", "affiliation", "side").get(pk=source_id)
    source.full_clean()
    source.save()
    if any(before[field] != getattr(source, field) for field in ("name", "affiliation", "side")):
        # Who is a party, and on which side, decides party-only sourcing and
        # how severe a mismatch is; the name is in flag explanations.
        from claims.services import claims_recheck

        claims_recheck(claim_ids=list(source.attributions.values_list("claim_id", flat=True).distinct()))
    return source


@transaction.atomic
def source_set_reliability(*, source_id: int, user, reliability: str, reason: str) -> Source:
    """Grade a source on the Admiralty scale, recording who graded it and why."""
    if not (reason or "").strip():
        raise ValidationError({"reliability_reason": "Say why you grade the source this way."})
    source = Source.objects.select_for_update().get(pk=source_id)
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
    existing = Document.objects.filter(content_hash=content_hash).first()
    if existing is not None:
        raise ConflictError(
            f"This text is already stored as document #{existing.pk} ({existing.title}).",
            code="duplicate_document",
        )
    if url:
        existing = Document.objects.filter(url=url).first()
        if existing is not None:
            raise ConflictError(
                f"This URL is already stored as document #{existing.pk} ({existing.title}).",
                code="duplicate_document",
            )
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
    document.save()
    return document


@transaction.atomic
def document_update(*, document_id: int, user=None, **changes) -> Document:
    """Change a document's metadata. The body is fixed once claims quote it,
    because attribution offsets point into it."""
    document = Document.objects.select_for_update().get(pk=document_id)
    allowed = {"title", "url", "outlet", "published_at", "retrieved_at", "body"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({field: "This field cannot be changed here." for field in unknown})
    if "body" in changes and changes["body"] != document.body:
        if document.attributions.exists():
            raise ValidationError(
                {
                    "body": "Claims quote this text by position; it cannot be edited. Add a new document instead."
                }
            )
        document.content_hash = document_content_hash(changes["body"])
    for field, value in changes.items():
        setattr(document, field, value if value is not None or field != "url" else "")
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def source_delete(*, source_id: int, user=None) -> None:
    """Delete a source nobody is credited through; otherwise refuse with a
    ConflictError (attributions and documents protect it)."""
    source = Source.objects.select_for_update().get(pk=source_id)
    if source.attributions.exists() or source.relayed_attributions.exists():
        raise ConflictError(
            f"{source.name} is credited with claims; remove those attributions first.", code="source_in_use"
        )
    if source.published_documents.exists():
        raise ConflictError(
            f"{source.name} is the outlet of stored documents; change those first.", code="source_in_use"
        )
    source.delete()


@transaction.atomic
def document_delete(*, document_id: int, user=None) -> None:
    """Delete a document no attribution quotes; otherwise refuse with a ConflictError."""
    document = Document.objects.select_for_update().get(pk=document_id)
    if document.attributions.exists():
        raise ConflictError(
            "Claims are attributed to this document; remove those attributions first.", code="document_in_use"
        )
    document.delete()
