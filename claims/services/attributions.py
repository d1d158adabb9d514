"""Writes to attributions: crediting a claim to a source, and taking the credit away."""

from django.core.exceptions import ValidationError
from django.db import transaction

from core.lost_updates import VersionCheck, check_unchanged

from ..models import Attribution, AuditEntry, Claim
from .credibility import claims_cap_party_only
from .history import _audit_attribution
from .recheck import _content_changed, _queue_conflict_check


@transaction.atomic
def attribution_create(
    *,
    claim: Claim,
    source,
    user=None,
    document=None,
    excerpt: str = "",
    excerpt_start: int | None = None,
    excerpt_end: int | None = None,
    form: str = Attribution.Form.PARAPHRASE,
    reporting_verb: str = "",
    relayed_by=None,
    queue_check: bool = True,
) -> Attribution:
    """Credit a claim to a source, optionally with the exact words and where
    they stand in the document.

    When only the excerpt is given, its offsets are found in the document;
    when offsets are given, the excerpt must match the text there.
    """
    excerpt = excerpt or ""
    if document is not None and excerpt and excerpt_start is None and excerpt_end is None:
        position = document.body.find(excerpt)
        if position == -1:
            raise ValidationError({"excerpt": "This excerpt does not appear in the document."})
        excerpt_start, excerpt_end = position, position + len(excerpt)
    if document is not None and excerpt_start is not None and excerpt_end is not None and not excerpt:
        excerpt = document.body[excerpt_start:excerpt_end]
    quote_prefix = quote_suffix = ""
    if document is not None and excerpt_start is not None and excerpt_end is not None:
        # The quote selector's context: 32 characters either side.
        quote_prefix = document.body[max(0, excerpt_start - 32) : excerpt_start]
        quote_suffix = document.body[excerpt_end : excerpt_end + 32]
    attribution = Attribution(
        claim=claim,
        source=source,
        document=document,
        excerpt=excerpt,
        excerpt_start=excerpt_start,
        excerpt_end=excerpt_end,
        quote_prefix=quote_prefix,
        quote_suffix=quote_suffix,
        form=form,
        reporting_verb=(reporting_verb or "").strip().lower(),
        relayed_by=relayed_by,
        created_by=user,
    )
    attribution.full_clean()
    attribution.save()
    _audit_attribution(attribution, action=AuditEntry.Action.CREATED, user=user)
    _content_changed(claim.pk)
    if queue_check:
        _queue_conflict_check(claim.pk)
    return attribution


@transaction.atomic
def attribution_delete(
    *, attribution_id: int, user=None, unchanged_since: VersionCheck | None = None
) -> None:
    """Remove a credit; the claim is rechecked (its sourcing changed)."""
    attribution = Attribution.objects.select_for_update().select_related("source").get(pk=attribution_id)
    check_unchanged(unchanged_since, attribution)
    claim_id = attribution.claim_id
    _audit_attribution(attribution, action=AuditEntry.Action.DELETED, user=user)
    attribution.delete()
    claims_cap_party_only(
        claim_ids=[claim_id],
        user=user,
        reason=f"The credit to {attribution.source} was removed; every origin left is a party to the conflict.",
    )
    _content_changed(claim_id)
    _queue_conflict_check(claim_id)
