"""Reads for ingestion: the extractor's current vocabulary, the sources it can
match speakers to, and a document's proposals for the review page."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q, QuerySet
from rapidfuzz import fuzz

from claims.models import Claim, Event
from sources.models import Document, Source

from .extraction import KnownSource, Lexicon
from .models import ClaimProposal, LexiconTerm


def _contested_terms() -> list[str]:
    """Terms from conflict detection's contested-terms lexicon, when the app
    is installed: the extractor marks the same words detection compares."""
    try:
        ContestedTerm = apps.get_model("detection", "ContestedTerm")
    except LookupError:
        return []
    terms = []
    for term, counterparts in ContestedTerm.objects.filter(is_active=True).values_list(
        "term", "counterparts"
    ):
        terms.append(term)
        terms.extend(part.strip() for part in (counterparts or "").split(",") if part.strip())
    return terms


def lexicon_current() -> Lexicon:
    """The active lexicon terms, plus detection's contested terms as framing terms."""
    rows = list(LexiconTerm.objects.filter(is_active=True).values_list("lexicon", "term", "value"))
    rows += [(LexiconTerm.Lexicon.FRAMING_TERM, term, "") for term in _contested_terms()]
    return Lexicon.from_terms(rows)


def known_sources() -> list[KnownSource]:
    """Every source's id, name and aliases, for matching speakers."""
    return [
        KnownSource(id=pk, name=name, aliases=tuple(a for a in (aliases or []) if isinstance(a, str)))
        for pk, name, aliases in Source.objects.order_by("id").values_list("id", "name", "aliases")
    ]


def proposals_for_document(*, document_id: int) -> QuerySet[ClaimProposal]:
    """A document's proposals in text order, with what the review page shows."""
    return (
        ClaimProposal.objects.filter(document_id=document_id)
        .select_related("document", "source", "similar_source", "relayed_by", "claim", "decided_by")
        .order_by("excerpt_start", "id")
    )


# What a proposal probably repeats, and where it probably belongs.
#
# Similarity is rapidfuzz's token-set ratio (0-100) between the proposal's
# claim text and each candidate claim's text: word order and extra words
# ("the ministry said") matter little, different figures or subjects do.
# Measured on the corpus sentences: restatements of one claim score 85-100,
# different claims about the same event 40-75 (tests/ingestion/test_linking.py).
SIMILAR_TEXT = 85
# Candidate claims compared per page: the ones sharing a speaker, a subject
# or an event with the document, plus the most recent ones for wording.
RECENT_CLAIMS = 1000
LINKS_SHOWN = 3
# A denial restates what it denies in its own words ("denied reports that
# 30 people died" against "30 people were killed in the strike"): a lower
# bar than for a repeat, and any claim about the document's events counts.
DENIED_SIMILAR = 60


@dataclass
class ClaimLink:
    claim: Claim
    score: int
    reason: str


@dataclass
class ProposalLinks:
    claims: list[ClaimLink] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # For a denial: the existing claims it probably denies, best first.
    denied_claims: list[ClaimLink] = field(default_factory=list)


def _figures_overlap(proposal: ClaimProposal, claim: Claim) -> bool:
    if proposal.value_low is None or claim.value_low is None:
        return False
    high = proposal.value_high if proposal.value_high is not None else proposal.value_low
    claim_high = claim.value_high if claim.value_high is not None else claim.value_low
    return proposal.value_low <= claim_high and claim.value_low <= high


def _subject(text: str) -> str:
    return " ".join((text or "").lower().split())


def _link_reason(proposal: ClaimProposal, claim: Claim, sources: set[int]) -> tuple[int, str] | None:
    same_speaker = proposal.source_id is not None and proposal.source_id in sources
    same_subject = bool(proposal.quantity_subject) and _subject(proposal.quantity_subject) == _subject(
        claim.quantity_subject
    )
    if same_speaker and same_subject and _figures_overlap(proposal, claim):
        return 100, "same speaker, same subject and an overlapping figure"
    score = int(fuzz.token_set_ratio(proposal.text.lower(), claim.text.lower()))
    if score >= SIMILAR_TEXT and (
        proposal.value_low is None or claim.value_low is None or _figures_overlap(proposal, claim)
    ):
        return score, f"wording {score}% alike"
    return None


def _joint_partner_claims(proposal: ClaimProposal, proposals: list[ClaimProposal]) -> set[int]:
    """The claims already accepted from the other speakers of the same joint
    statement ("Russia and Syria said ..."): the same passage and figure."""
    if not proposal.joint_with:
        return set()
    return {
        other.claim_id
        for other in proposals
        if other.pk != proposal.pk
        and other.claim_id
        and other.joint_with
        and other.excerpt_start == proposal.excerpt_start
        and other.figure_start == proposal.figure_start
    }


def _candidate_claims(
    document: Document, proposals: list[ClaimProposal], partner_claims: set[int] = frozenset()
) -> tuple[list[Claim], set[int]]:
    """The claims worth comparing, with their attributions' sources, in two
    queries whatever the number of proposals."""
    source_ids = {p.source_id for p in proposals if p.source_id}
    subjects = {p.quantity_subject for p in proposals if p.quantity_subject}
    document_events = set(
        Claim.objects.filter(attributions__document=document, event__isnull=False).values_list(
            "event_id", flat=True
        )
    )
    recent = list(Claim.objects.order_by("-id").values_list("id", flat=True)[:RECENT_CLAIMS])
    claims = list(
        Claim.objects.filter(
            Q(attributions__source_id__in=source_ids)
            | Q(quantity_subject__in=subjects)
            | Q(event_id__in=document_events)
            | Q(id__in=recent)
            | Q(id__in=partner_claims)
        )
        .distinct()
        .select_related("event")
        .prefetch_related("attributions")
    )
    return claims, document_events


def _same_subject_and_date(proposal: ClaimProposal, claims: list[Claim], document: Document) -> list[int]:
    """Events whose claims count the same thing and whose dates take in the
    day the document was published (or stored)."""
    if not proposal.quantity_subject:
        return []
    day = (document.published_at or document.created_at).date()
    wanted = _subject(proposal.quantity_subject)
    return [
        claim.event_id
        for claim in claims
        if claim.event_id
        and _subject(claim.quantity_subject) == wanted
        and claim.event.start_date is not None
        and claim.event.start_date <= day <= (claim.event.end_date or claim.event.start_date)
    ]


def proposal_links(*, document: Document, proposals: list[ClaimProposal]) -> dict[int, ProposalLinks]:
    """For each open proposal: the existing claims it probably repeats (same
    speaker, subject and overlapping figure, or wording alike, from any
    document; first, the claim accepted from a joint statement's other
    speaker) and the events it probably belongs to (the document's events,
    the events of the claims it repeats). A fixed number of queries."""
    open_proposals = [p for p in proposals if p.is_open]
    if not open_proposals:
        return {}
    partners = {p.pk: _joint_partner_claims(p, proposals) for p in open_proposals}
    claims, document_events = _candidate_claims(document, open_proposals, set().union(*partners.values()))
    events = {claim.event_id: claim.event for claim in claims if claim.event_id}
    links: dict[int, ProposalLinks] = {}
    for proposal in open_proposals:
        found = []
        for claim in claims:
            attributions = list(claim.attributions.all())
            if claim.pk in partners[proposal.pk]:
                # One joint statement is one claim credited to each speaker.
                found.append(ClaimLink(claim=claim, score=101, reason="the same joint statement"))
                continue
            if any(
                a.document_id == proposal.document_id
                and a.excerpt_start == proposal.excerpt_start
                and a.source_id != proposal.source_id
                for a in attributions
            ):
                continue  # another speaker's claim from the same sentence
            reason = _link_reason(proposal, claim, {a.source_id for a in attributions})
            if reason:
                found.append(ClaimLink(claim=claim, score=reason[0], reason=reason[1]))
        found.sort(key=lambda link: (-link.score, -link.claim.pk))
        found = found[:LINKS_SHOWN]
        event_ids = [link.claim.event_id for link in found if link.claim.event_id]
        event_ids += sorted(document_events)
        event_ids += _same_subject_and_date(proposal, claims, document)
        suggested = list(dict.fromkeys(e for e in event_ids if e in events))[:LINKS_SHOWN]
        links[proposal.pk] = ProposalLinks(
            claims=found,
            events=[events[e] for e in suggested],
            denied_claims=_probably_denied(proposal, claims, document_events) if proposal.is_denial else [],
        )
    return links


def _probably_denied(
    proposal: ClaimProposal, claims: list[Claim], document_events: set[int]
) -> list[ClaimLink]:
    """The claims a denial probably denies: another speaker's claims about
    the document's events, or any claim worded like the denied proposition."""
    denied_text = (proposal.denied_text or proposal.text).lower()
    found = []
    for claim in claims:
        attributions = list(claim.attributions.all())
        if any(
            a.document_id == proposal.document_id and a.excerpt_start == proposal.excerpt_start
            for a in attributions
        ):
            continue  # the denial's own sentence
        if proposal.source_id is not None and any(a.source_id == proposal.source_id for a in attributions):
            continue  # nobody denies their own claim
        score = int(fuzz.token_set_ratio(denied_text, claim.text.lower()))
        if score >= DENIED_SIMILAR:
            found.append(ClaimLink(claim=claim, score=score, reason=f"wording {score}% alike"))
        elif claim.event_id in document_events:
            found.append(ClaimLink(claim=claim, score=score, reason="about this document's event"))
    found.sort(key=lambda link: (-link.score, -link.claim.pk))
    return found[:LINKS_SHOWN]
