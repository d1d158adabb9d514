"""Suggested event links: offering a claim with no event the events of
look-alike claims, and an editor's decision on each offer."""

from django.db import transaction
from django.utils import timezone

from claims.models import Claim, Event
from claims.services import claim_update
from core.exceptions import ConflictError

from .models import EventLinkSuggestion
from .rules import ClaimFacts, Lexicon
from .selectors import event_link_candidates


def event_link_suggest(*, claim: ClaimFacts, lexicon: Lexicon) -> list[EventLinkSuggestion]:
    """Offer the events of look-alike claims to a claim with no event. Each
    event is offered once per claim; a rejected offer is not made again."""
    suggestions = []
    offered = set()
    for candidate in event_link_candidates(claim=claim, lexicon=lexicon):
        if candidate.event_id in offered:
            continue
        offered.add(candidate.event_id)
        reason = (
            f'Claim #{candidate.pk} under "{candidate.event.title}" counts the same thing '
            f"({candidate.quantity_subject}) in {claim.place.title()} on {candidate.occurred_on:%d %b %Y}."
        )
        suggestion, created = EventLinkSuggestion.objects.get_or_create(
            claim_id=claim.id,
            event_id=candidate.event_id,
            defaults={"matched_claim_id": candidate.pk, "reason": reason[:500]},
        )
        if created:
            suggestions.append(suggestion)
    return suggestions


def _decide_suggestion(suggestion_id: int, user, status: str) -> EventLinkSuggestion:
    suggestion = EventLinkSuggestion.objects.select_for_update().select_related("event").get(pk=suggestion_id)
    if suggestion.status != EventLinkSuggestion.Status.PENDING:
        raise ConflictError(f"This suggestion was already {suggestion.status}.", code="suggestion_decided")
    suggestion.status = status
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return suggestion


@transaction.atomic
def event_link_accept(*, suggestion_id: int, user) -> EventLinkSuggestion:
    """Put the claim under the suggested event (through claim_update, which
    queues a check), and close the claim's other pending suggestions."""
    suggestion = _decide_suggestion(suggestion_id, user, EventLinkSuggestion.Status.ACCEPTED)
    claim = Claim.objects.select_for_update().get(pk=suggestion.claim_id)
    if claim.event_id is not None:
        raise ConflictError("This claim is already under an event.", code="claim_has_event")
    claim_update(claim_id=claim.pk, user=user, event=Event.objects.get(pk=suggestion.event_id))
    EventLinkSuggestion.objects.filter(claim_id=claim.pk, status=EventLinkSuggestion.Status.PENDING).update(
        status=EventLinkSuggestion.Status.REJECTED, decided_by=user, decided_at=timezone.now()
    )
    return suggestion


@transaction.atomic
def event_link_reject(*, suggestion_id: int, user) -> EventLinkSuggestion:
    """Decline a suggested event; it is not offered again for this claim."""
    return _decide_suggestion(suggestion_id, user, EventLinkSuggestion.Status.REJECTED)
