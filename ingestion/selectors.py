"""Reads for ingestion: the extractor's current vocabulary, the sources it can
match speakers to, and a document's proposals for the review page."""

from django.apps import apps
from django.db.models import QuerySet

from sources.models import Source

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
