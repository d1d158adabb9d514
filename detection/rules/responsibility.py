"""Contested responsibility: the same event blamed on different perpetrators."""

import re

from .facts import ClaimFacts, Finding, Severity, severity_raised
from .figures import sources_opposed

# Words that say how, not who: "Russian airstrikes" and "Russian forces" name
# the same party.
_NOT_A_PARTY = frozenset(
    {
        "the", "a", "an", "of", "by", "and", "led", "backed", "allied",
        "forces", "force", "troops", "army", "military", "units", "unit",
        "air", "airstrikes", "airstrike", "strikes", "strike", "jets", "warplanes", "aircraft",
        "planes", "drones", "drone", "artillery", "shelling", "fire", "rockets", "missiles",
    }
)  # fmt: skip


def _party_word(word: str) -> str:
    """One word of a party's name, nationality adjectives folded into the
    country: "russian" and "russia" compare alike, "syrian" as "syria"."""
    for ending, replacement in (("ian", "ia"), ("ese", ""), ("ish", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + replacement
    if word.endswith("an") and len(word) > 5:
        return word[:-1]  # "american" -> "america"
    return word


def party_words(name: str) -> frozenset[str]:
    """The words that identify a party, as compared.

    Example: party_words("Russian airstrikes") == {"russia"};
    party_words("the Syrian government") == {"syria", "government"}.
    """
    words = re.findall(r"[a-z0-9]+", (name or "").lower())
    return frozenset(_party_word(word) for word in words if word not in _NOT_A_PARTY)


def same_party(first: str, second: str) -> bool:
    """Whether two names can be the same party: one's identifying words are
    all in the other's ("government" and "Syrian government"; "coalition" and
    "US-led coalition"). A name made only of generic words ("forces") is
    compatible with anything."""
    a, b = party_words(first), party_words(second)
    if not a or not b:
        return True
    return a <= b or b <= a


def contested_responsibility(claim: ClaimFacts, other: ClaimFacts) -> Finding | None:
    """Two claims about the same event that name different perpetrators
    (each claim's `responsible_party`). High; critical when the sources are on
    opposite sides, since each side blaming the other is the usual case.

    Example: "Russian airstrikes" against "government airstrikes" for the
    same strike on a market is flagged; "Syrian government" against
    "government forces" is not.
    """
    if claim.event_id is None or claim.event_id != other.event_id:
        return None
    if not claim.responsible_party or not other.responsible_party:
        return None
    if same_party(claim.responsible_party, other.responsible_party):
        return None
    opposed = sources_opposed(claim, other)
    explanation = (
        f"Who is responsible is disputed for the same event: {claim.speaker} names "
        f'"{claim.responsible_party}", {other.speaker} names "{other.responsible_party}"'
    )
    if opposed:
        explanation += "; the sources are on opposite sides"
    return Finding(
        rule="contested_responsibility",
        claim_ids=(claim.id, other.id),
        severity=severity_raised(Severity.HIGH) if opposed else Severity.HIGH,
        explanation=explanation + ".",
    )
