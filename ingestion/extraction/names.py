"""People named so far in a document, by family name, so that a later
"Amar said" or "Wang said" is the person introduced as "Lucia Amar" or
"Foreign Minister Wang Yi", and never a new source called "Amar" or "Wang".

A family name resolves only when exactly one person named so far has it:
"Wang said" after "Wang Yi" and "Wang Wentao" could be either of them, so it
is neither (the figure goes to the editor unbound).
"""

import re

from .matching import GENERIC_WORDS
from .speakers import ORGANISATION_HEADS
from .text import fold
from .vocabulary import DETERMINERS, FAMILY_NAME_FIRST, PERSON_TITLES, TITLES

# A run of capitalised words: "Chinese Foreign Minister Wang Yi", "Prime
# Minister Kim Min-seok" (a hyphenated given name is one word).
CAPITALISED_RUN = re.compile(
    r"(?<![\w'\u2019-])[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)+(?![\w'\u2019-])"
)
# Words before a name that are not part of it: a title or role ("Premier Li
# Qiang", "Commerce Minister Wang Wentao") ends the part to drop.
ROLE_WORDS = TITLES | PERSON_TITLES | {"premier", "chancellor", "pope", "vice", "spokesman", "spokeswoman"}
# Words that open a capitalised run without naming anyone ("On Monday Wang
# Yi said"): function words at a sentence's start, days and months.
NOT_A_NAME = DETERMINERS | {
    "on", "in", "at", "after", "before", "when", "while", "but", "and", "as", "by", "for", "from", "with",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "last", "next", "early", "late",
}  # fmt: skip
# Words that make a run a place or an institution, not a person ("Park
# Avenue", "Han River", "Amnesty International").
PLACE_WORDS = {
    "avenue", "street", "road", "square", "river", "city", "province", "district", "county", "island",
    "university", "airport", "station", "bridge", "valley", "mountain", "lake", "bay", "today", "daily",
    "times", "post", "group", "bank", "fund", "foundation",
}  # fmt: skip

# A place named from a larger one: "South Sudan", "North Korea".
COMPASS_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
    "lower", "greater", "new",
}  # fmt: skip


def person_name(run: str) -> str:
    """The personal name in a capitalised run, or "" when there is none:
    "Chinese Foreign Minister Wang Yi" -> "Wang Yi"; "On Monday Lucia Amar"
    -> "Lucia Amar"; "Amnesty International" -> ""."""
    words = run.split()
    lowered = [word.lower() for word in words]
    roles = [index for index, word in enumerate(lowered) if word in ROLE_WORDS]
    if roles:
        words, lowered = words[roles[-1] + 1 :], lowered[roles[-1] + 1 :]
    while lowered and (lowered[0] in NOT_A_NAME or lowered[0] in GENERIC_WORDS):
        words, lowered = words[1:], lowered[1:]
    if not 2 <= len(words) <= 3:
        return ""
    if any(word in GENERIC_WORDS or word in ORGANISATION_HEADS or word in PLACE_WORDS for word in lowered):
        return ""
    if lowered[0] in COMPASS_WORDS:
        return ""  # "South Sudan": "Sudan said" is not this place

    return " ".join(words)


def family_names(name: str) -> set[str]:
    """The words a later mention may use for this person alone: the last
    word ("Amar" for "Lucia Amar"), and the first where it is a family name
    written first ("Wang" for "Wang Yi", "Kim" for "Kim Min-seok")."""
    words = name.split()
    keys = {words[-1]}
    if words[0] in FAMILY_NAME_FIRST:
        keys.add(words[0])
    return keys


class NameMemory:
    """Full names of the people mentioned so far, by family name ("" when
    two people share it)."""

    def __init__(self):
        self.by_family_name: dict[str, str] = {}
        # The names of the sentence being read: "A second Hossain, opposition
        # leader Rahim Hossain, said" is not the Anwar Hossain named before.
        self.in_sentence: dict[str, str] = {}

    def read_sentence(self, sentence: str) -> None:
        """Take in the names of the sentence about to be read."""
        self.in_sentence = {}
        _add_names(self.in_sentence, sentence)

    def remember(self, sentence: str) -> None:
        _add_names(self.by_family_name, sentence)
        self.in_sentence = {}

    def __contains__(self, word: str) -> bool:
        return word in self.by_family_name or word in self.in_sentence

    def __getitem__(self, word: str) -> str:
        earlier, here = self.by_family_name.get(word), self.in_sentence.get(word)
        if earlier is None or here is None:
            return here if earlier is None else earlier
        return earlier if earlier == here else ""


def _add_names(by_family_name: dict[str, str], sentence: str) -> None:
    for match in CAPITALISED_RUN.finditer(fold(sentence)):
        name = person_name(match.group(0))
        if not name:
            continue
        for key in family_names(name):
            earlier = by_family_name.get(key)
            # "Maria Costa" and "Paulo Costa": "Costa said" could be either
            # of them, so it is neither.
            by_family_name[key] = "" if earlier is not None and earlier != name else name
