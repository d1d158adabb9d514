"""Rule 2, framing conflict: the same action described with opposing loaded words."""

from core.bidi import isolate

from .facts import ClaimFacts, Finding, Lexicon, Rule, Severity
from .wording import phrase_in_text


def contested_terms_used(text: str, lexicon: Lexicon) -> list[tuple[str, list[str]]]:
    """The (term, counterparts-used) pairs where the text uses a term's counterpart.

    Example: for "Government forces retreated", with the lexicon entry
    redeployment ↔ retreat, withdrawal: [("redeployment", ["retreat"])].
    """

    def read() -> list[tuple[str, list[str]]]:
        found = []
        for term, counterparts in lexicon.contested_terms:
            used = [phrase for phrase in counterparts if phrase_in_text(phrase, text)]
            if used:
                found.append((term, used))
        return found

    return lexicon.remembered(("counterparts", text), read)


def _uses_term(term: str, text: str, lexicon: Lexicon) -> bool:
    terms = lexicon.remembered(
        ("terms", text),
        lambda: frozenset(term for term, _ in lexicon.contested_terms if phrase_in_text(term, text)),
    )
    return term in terms


def _one_way(
    term_claim: ClaimFacts, counterpart_claim: ClaimFacts, lexicon: Lexicon
) -> tuple[str, str] | None:
    for term, used in contested_terms_used(counterpart_claim.text, lexicon):
        # The counterpart claim must not use the term itself: a claim that
        # reports both words ("called the retreat a redeployment") takes no side.
        if _uses_term(term, term_claim.text, lexicon) and not _uses_term(
            term, counterpart_claim.text, lexicon
        ):
            return term, used[0]
    return None


def framing_conflict(claim: ClaimFacts, other: ClaimFacts, lexicon: Lexicon) -> Finding | None:
    """Two claims about the same event, at least one of them a framing claim,
    where one uses a contested term and the other one of its counterparts.

    Example: the army calls its pull-back from Aleppo a "redeployment" while
    the wire reports government forces "retreated": a medium-severity
    framing conflict naming both words.
    """
    if claim.event_id is None or claim.event_id != other.event_id:
        return None
    if "framing" not in (claim.kind, other.kind):
        return None
    match = _one_way(claim, other, lexicon)
    term_claim, counterpart_claim = claim, other
    if match is None:
        match = _one_way(other, claim, lexicon)
        term_claim, counterpart_claim = other, claim
    if match is None:
        return None
    term, counterpart = match
    return Finding(
        rule=Rule.FRAMING_CONFLICT,
        claim_ids=(claim.id, other.id),
        severity=Severity.MEDIUM,
        explanation=(
            f'The same event is a "{isolate(term)}" according to {term_claim.speaker} and a '
            f'"{isolate(counterpart)}" according to {counterpart_claim.speaker}: the words take sides.'
        ),
    )
