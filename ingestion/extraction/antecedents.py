"""What "it" can stand for inside one sentence.

"The Northern Army said 30 rebels were killed, and it added that 4 soldiers
died": one organisation is named before "it", so "it" is the Northern Army.
"The Northern Army blamed the Northern Alliance for the raid, and it said 4
soldiers died": two organisations are named before "it", and English does
not say which one speaks, so nobody is credited (the figure goes to the
editor unbound). A wrong credit is worse than none.

What counts as an organisation named before the pronoun, besides the
sentence's speakers: a capitalised name that is not a person's, a time or a
place after "in", "at", "near" ... ("the Northern Alliance", "the Red
Cross", "NATO"), and an everyday word for a body after "the" ("the army",
"the ministry", "the hospital"). A place named without a preposition is
counted too: that can only make the pronoun unresolved, never credit it to
the wrong actor.
"""

import re

from .speakers import GROUP_HEADS, ORGANISATION_HEADS, PERSON_TITLES, TITLE_WORDS, speaker_kind
from .text import normalise_name, quote_spans
from .time_phrases import MONTHS, NAMES_A_TIME, WEEKDAYS

# A run of capitalised words, with the small words inside names ("Ministry
# of Defence", "Doctors for Peace"), or an acronym.
NAME_RUN = re.compile(
    r"(?<![\w'\u2019-])(?:[A-Z][\w'\u2019.-]*)(?:\s+(?:(?:of|for|and|the|de|al)\s+)*[A-Z][\w'\u2019.-]*)*"
)
# "the army", "the health ministry", "the local hospital": a body named by
# everyday words.
BODY = re.compile(r"(?i)\bthe\s+(?:[a-z-]+\s+){0,2}?(?P<head>[a-z]+)\b")
# Words before a name that make it a place ("in Kessa", "near the Vell
# river"), not an actor that could speak.
PLACE_PREPOSITIONS = {
    "in", "at", "near", "from", "outside", "inside", "across", "into", "around", "towards", "toward", "to",
    "through", "along", "between", "over", "under", "north", "south", "east", "west", "of",
}  # fmt: skip
# Words that link a sentence to the one before ("However", "Separately").
LINKING_WORDS = {
    "however", "meanwhile", "separately", "still", "also", "yet", "elsewhere", "instead", "nevertheless",
    "moreover", "furthermore", "despite", "although", "though", "if", "since", "because", "until", "once",
    "amid", "whereas", "so", "thus", "then", "now", "asked", "speaking",
}  # fmt: skip
# Plurals after a name that make it a group's modifier: "it" is never them.
PLURAL_HEADS = GROUP_HEADS | {
    "jets", "warplanes", "planes", "drones", "aircraft", "tanks", "gunmen", "forces", "ships", "boats",
    "units", "officers", "police", "guards", "teams", "crews", "staff",
}  # fmt: skip
# Capitalised words that open a sentence or a clause without naming anyone.
NOT_ACTORS = {
    "the", "a", "an", "it", "its", "he", "she", "they", "his", "her", "their", "we", "i", "on", "in", "at",
    "after", "before", "when", "while", "but", "and", "as", "by", "for", "with", "earlier", "later",
    "today", "yesterday", "last", "this", "that", "there", "according", "mr", "mrs", "ms", "dr",
}  # fmt: skip


def organisations_before(text: str, speakers: list[tuple[str, str]]) -> set[str]:
    """The organisations `text` (a sentence up to a pronoun) names, by
    normalised name, with the sentence's `speakers` among them, each given
    as (name shown, words that named it): a speaker named again counts
    once, and the words that named it ("the statement") are no second one."""
    named = {normalise_name(name) for name, _ in speakers if name}
    written = {normalise_name(words) for _, words in speakers if words}
    quoted = quote_spans(text)
    for match in NAME_RUN.finditer(text):
        if any(start <= match.start() < end for start, end in quoted):
            continue
        words = match.group(0).split()
        while words and words[0].lower().strip(".,") in NOT_ACTORS:
            words.pop(0)
        if not words or _a_place_or_time(text, match.start(), words) or _a_linking_word(text, match, words):
            continue
        name = normalise_name(" ".join(words))
        if _a_titled_person(words) or any(_same_actor(name, other) for other in named | written):
            continue
        named.add(name)
    for match in BODY.finditer(text):
        head = match.group("head").lower()
        if head not in ORGANISATION_HEADS or head in GROUP_HEADS:
            continue
        if any(start <= match.start() < end for start, end in quoted):
            continue
        # "the army" after "the Northern Army" may be the same body: a
        # head noun already named is not counted again.
        if not any(head in name.split() for name in named | written):
            named.add(head)
    return named


def _a_titled_person(words: list[str]) -> bool:
    """A person named with a title ("Colonel Marek Dorn", "Mr Ash") is no
    "it". A bare two-word name is counted all the same: the word lists miss
    bodies named like people ("Boko Haram", "Credit Suisse"), and counting
    one can only leave "it" unresolved, never credit the wrong actor."""
    return speaker_kind(" ".join(words)) == "person" and any(
        word.lower().strip(".") in PERSON_TITLES | TITLE_WORDS for word in words
    )


def _same_actor(name: str, other: str) -> bool:
    """ "Northern Army" and "northern army", "Red Cross" and "International
    Red Cross": one name's words inside the other's."""
    words, other_words = set(name.split()), set(other.split())
    return words <= other_words or other_words <= words


def _a_linking_word(text: str, match: re.Match, words: list[str]) -> bool:
    """ "However,", "Separately,", "Overnight", "Still": a word opening the
    sentence, never an actor; nor a name before a plural ("Russian jets")."""
    following = re.match(r"\s+([a-z]+)", text[match.end() :])
    if following and following.group(1) in PLURAL_HEADS:
        return True  # "Russian jets", "Hamas fighters": a group, which "it" is not
    if len(words) > 1:
        return False
    bare = words[0].lower().strip(".,")
    if bare in LINKING_WORDS or bare in NAMES_A_TIME or bare.endswith("ly"):
        return True
    return match.start() == 0 and text[match.end() : match.end() + 1] == ","


def _a_place_or_time(text: str, start: int, words: list[str]) -> bool:
    if all(word.lower().strip(".,") in WEEKDAYS | MONTHS for word in words):
        return True
    before = [word.lower() for word in re.findall(r"[\w'-]+", text[:start])[-2:]]
    if before[-1:] == ["the"]:
        before = before[:-1]  # "in the Vell valley"
    # "in Kessa", "near the Vell river": a place, not a speaker.
    return bool(before) and before[-1] in PLACE_PREPOSITIONS
