"""Speakers who speak together: "Russia and Syria said", "the UN and the
Red Cross said", "officials from Turkey and Iraq told reporters".

Two named actors joined by "and" are two speakers of the same words. The
claim model credits a claim to any number of sources (one `Attribution`
each), while a proposal has one speaker, so a joint statement gives one
proposal per speaker with the same figure, each marked with its partners
(`Candidate.joint_with`). They are never merged into one source "Russia and
Syria", and the figure is never credited to one of them alone.

Not split: a name the newsroom already has as a source ("Smith and
Wesson") and a collective of everyday words with no article ("residents
and fighters", "medics and residents"), which the matching rules treat as
one generic speaker. Neither split nor merged: words that may be one name
or two ("the Department of Health and Human Services": "and" after an "of"
name, with no "the" after it); their figure is proposed unbound, for the
editor to credit.
"""

import re

from .matching import GENERIC_WORDS
from .vocabulary import CLAUSE_WORDS, DETERMINERS

JOINERS = {"of", "for", "on", "in", "from", "at", "de", "al", "the"}
# Words that open a sentence or clause but name nobody: "Yesterday, the UN
# and the Red Cross said".
NOT_ACTORS = {
    "yesterday",
    "today",
    "tonight",
    "meanwhile",
    "however",
    "separately",
    "overnight",
    "later",
    "earlier",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "also",
    "both",
}
OWNER = re.compile(r"^(?P<head>(?:[A-Za-z]+\s+){0,2}?[A-Za-z]+)\s+(?P<joiner>from|of|in|at)\s+[A-Z]")
# The answer when "and" may join two actors or sit inside one name: "the
# Ministry of Defence and Iraq" (two) reads like "the Department of Health
# and Human Services" (one). Neither split nor merged: nobody is credited.
AMBIGUOUS = "ambiguous"


def _bare(words: list[str]) -> list[str]:
    while words and words[0].lower().strip("\"'") in DETERMINERS | {"both"}:
        words = words[1:]
    return words


def looks_like_actor(phrase: str) -> bool:
    """A short noun phrase naming someone: capitalised words, everyday
    speaker words ("officials", "medics") and the small words inside names;
    "the port authority"; a bare plural ("aid workers"). Not an action
    ("the army shelled the ridge")."""
    words = phrase.split()
    has_article = bool(words) and words[0].lower().strip("\"'") in DETERMINERS | {"both"}
    words = _bare(words)
    if not words or len(words) > 6:
        return False
    if words[0].lower() in JOINERS or words[-1].lower() in JOINERS:
        return False
    lower = [w.lower() for w in words]
    if any(w.strip(".,") in NOT_ACTORS or w in DETERMINERS for w in lower):
        return False
    if all(
        w[:1].isupper() or w.lower() in JOINERS or w.lower().removesuffix("'s") in GENERIC_WORDS
        for w in words
    ):
        return any(w[:1].isupper() or w.lower() in GENERIC_WORDS for w in words)
    if any(not w.isalpha() or w.endswith(("ed", "ing")) for w in lower):
        return False
    if has_article:
        return len(words) <= 4  # "the port authority", "the navy"
    return len(words) <= 2 and lower[-1].endswith("s") and not lower[-1].endswith("ss")  # "aid workers"


def _everyday(phrase: str) -> bool:
    words = _bare(phrase.split())
    return bool(words) and all(w.lower() in GENERIC_WORDS for w in words)


def _kind_of_actor(phrase: str) -> bool:
    """A phrase that says what kind of actor it is ("Israel's army", "the
    Red Cross" is not; "the interior ministry" is), not only a place."""
    words = [w.lower().removesuffix("'s") for w in _bare(phrase.split())]
    return "'s" in phrase or any(w in GENERIC_WORDS - DETERMINERS - JOINERS - {"and"} for w in words)


def read_conjunction(left: str, right: str) -> list[str] | None:
    """The speakers of "<left> and <right>": [left, right] for two actors,
    [the whole phrase] for one collective, [AMBIGUOUS, the whole phrase]
    when it may be one name or two actors, None when the words before "and"
    name nobody ("the army shelled the town and rebels said")."""
    left, right = left.strip(" ,"), right.strip(" ,")
    if not (looks_like_actor(left) and looks_like_actor(right)):
        return None
    whole = f"{left} and {right}"
    right_words = right.split()
    right_has_article = right_words[0].lower() in DETERMINERS
    left_has_article = left.split()[0].lower() in DETERMINERS | {"both"}
    if _everyday(left) and _everyday(right) and not (left_has_article or right_has_article):
        return [whole]  # "residents and fighters": one collective, as written
    left_bare = " ".join(_bare(left.split()))
    owner = OWNER.match(left_bare)
    if (
        owner
        and _everyday(owner.group("head"))
        and (owner.group("joiner") == "from" or owner.group("head").endswith("s"))
        and _bare(right_words)[:1]
        and _bare(right_words)[0][:1].isupper()
    ):
        if _kind_of_actor(right):
            # "health officials in Gaza and Israel's army": two actors.
            return [left, right]
        if right_has_article:
            # "officials in Gaza and the West Bank" (officials in both) reads
            # like "officials from Turkey and the UN" (two actors).
            return [AMBIGUOUS, whole]
        # "officials from Turkey and Iraq": officials from each.
        return [left, f"{owner.group('head')} {owner.group('joiner')} {right}"]
    if not right_has_article and re.search(r"\b(?:of|for)\s+[A-Z][\w'-]*$", left_bare):
        return [AMBIGUOUS, whole]
    return [re.sub(r"(?i)^both\s+", "", left), right]


def split_phrase(phrase: str) -> list[str]:
    """An according-to phrase read the same way: "Russia and the Syrian
    army" is two speakers; anything else is itself."""
    if phrase.count(" and ") != 1:
        return [phrase]
    left, right = phrase.split(" and ")
    return read_conjunction(left, right) or [phrase]


def left_conjunct(words_before_and: list[str]) -> list[str]:
    """The words before an "and" that could name a co-speaker, walking back
    to the start of the clause."""
    kept: list[str] = []
    for word in reversed(words_before_and):
        bare = word.lower().strip("\"'")
        if bare in CLAUSE_WORDS or word.endswith(('"', ",")) or word.startswith('"'):
            break
        kept.insert(0, word)
    return kept


def listed_before(parts: list[str]) -> list[str]:
    """ "The UN, the Red Cross and the Red Crescent said": the comma-separated
    names before the last two (closest last), while each one names someone."""
    found: list[str] = []
    for part in reversed(parts):
        phrase = part.strip()
        if not phrase or not looks_like_actor(phrase) or _everyday(phrase):
            break
        found.insert(0, phrase)
    return found


# "Russia said its jets hit 14 targets, and Syria agreed": a second speaker
# who endorses the whole statement before it, in a clause of its own.
# "..., a figure confirmed by the UN": the agent states the figure too.
CONFIRMED_BY = re.compile(
    r"(?i)\b(?:a|the|this|that)\s+(?:figure|toll|number|count|tally|estimate)\s+"
    r"(?:(?:later|since|also|independently)\s+)?(?:confirmed|corroborated|backed|echoed|matched)$"
)
AGREED = re.compile(
    r",?\s+and\s+(?P<actor>(?:the\s+)?[A-Z][\w'\-.]*(?:\s+(?:[A-Z][\w'\-.]*|of|for|the)){0,5}|the\s+[a-z]+(?:\s+[a-z]+)?)\s+"
    r"(?:(?:also|later|quickly)\s+)?(?:agreed|concurred)\s*[.!]?\s*$"
)


def endorser_after(folded: str) -> tuple[str, int] | None:
    """The actor of a closing "..., and Syria agreed" and where it starts."""
    match = AGREED.search(folded)
    if not match or not looks_like_actor(match.group("actor")):
        return None
    return match.group("actor"), match.start("actor")


def confirms_the_figure(folded: str, cue_start: int, cue_end: int) -> bool:
    """Whether the cue at `cue_start` is the "confirmed" of "a figure
    confirmed by X"."""
    return bool(CONFIRMED_BY.search(folded[max(0, cue_start - 60) : cue_end])) and folded[
        cue_end:
    ].lstrip().startswith("by ")
