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
        # Its people, not another party: "National Party agents" are the National Party.
        "agents", "supporters", "members", "officials", "fighters", "loyalists", "gunmen",
        "militiamen", "soldiers", "personnel", "activists", "operatives",
    }
)  # fmt: skip


# Words naming the state itself: the army of a country and its government,
# regime or ministries are one party ("Syrian army", "Syrian government").
_STATE_WORDS = frozenset(
    {"government", "regime", "state", "ministry", "authorities", "administration", "defence", "defense"}
)
# Words after a name that make it a qualifier of the party, not the party:
# "US-led coalition", "Iranian-backed militia", "Syria's government".
_QUALIFYING_NEXT = frozenset({"led", "backed", "allied", "s"})


def _party_word(word: str) -> str:
    """One word of a party's name, nationality adjectives folded into the
    country: "russian" and "russia" compare alike, "syrian" as "syria"."""
    for ending, replacement in (("ian", "ia"), ("ese", ""), ("ish", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + replacement
    if word.endswith("an") and len(word) > 5:
        return word[:-1]  # "american" -> "america"
    return word


def is_nationality(word: str) -> bool:
    """A lower-case word is a nationality adjective ("syrian", "russian",
    "chinese"): it folds into its country."""
    return _party_word(word) != word


def party_words(name: str) -> frozenset[str]:
    """The words that identify a party, as compared.

    Example: party_words("Russian airstrikes") == {"russia"};
    party_words("the Syrian government") == {"syria", "government"}.
    """
    return _name_parts(name)[0]


def _name_parts(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """A name's identifying words, and which of them only qualify it: a
    nationality ("Syrian", folded as "syria"), or a name before "-led",
    "-backed" or "'s" ("US-led", "Syria's")."""
    tokens = re.findall(r"[a-z0-9]+", (name or "").lower())
    words, qualifiers = set(), set()
    for index, token in enumerate(tokens):
        if token in _NOT_A_PARTY or token == "s":
            continue
        word = _party_word(token)
        words.add(word)
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if word != token or following in _QUALIFYING_NEXT:
            qualifiers.add(word)
    return frozenset(words), frozenset(qualifiers)


def same_party(first: str, second: str) -> bool:
    """Whether two names can be the same party: one's identifying words are
    all in the other's, and what the longer name adds only qualifies it (a
    nationality: "government" and "Syrian government"; who leads it:
    "coalition" and "US-led coalition"), or, to a name that is only a
    country's ("Syrian army"), names that country's state ("Syrian
    government"). A name made only of generic words ("forces") is
    compatible with anything.

    A word of its own makes another actor, however much the names share:
    "Syrian army" is neither the "Free Syrian Army" nor the "Syrian
    Observatory", and "the transport union" is not "the independent
    transport union"."""
    (a, a_qualifiers), (b, b_qualifiers) = _name_parts(first), _name_parts(second)
    if not a or not b:
        return True
    if a == b:
        return True
    if not (a < b or b < a):
        return False
    (shorter, shorter_qualifiers), (longer_qualifiers, added) = (
        ((a, a_qualifiers), (b_qualifiers, b - a)) if a < b else ((b, b_qualifiers), (a_qualifiers, a - b))
    )
    # "Syrian army", or "Russia" beside "Russian government": a country alone.
    only_a_country = shorter <= shorter_qualifiers | longer_qualifiers
    return all(word in longer_qualifiers or (only_a_country and word in _STATE_WORDS) for word in added)


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
