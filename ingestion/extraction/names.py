"""People named so far in a document, by family name, so that a later
"Amar said" or "Wang said" is the person introduced as "Lucia Amar" or
"Foreign Minister Wang Yi", and never a new source called "Amar" or "Wang".

A family name resolves only when exactly one person named so far has it:
"Wang said" after "Wang Yi" and "Wang Wentao" could be either of them, so it
is neither (the figure goes to the editor unbound).
"""

import re

from .matching import GENERIC_WORDS
from .speakers import ORGANISATION_HEADS, looks_like_organisation
from .text import fold
from .vocabulary import (
    COUNTRY_NAMES,
    DETERMINERS,
    FAMILY_NAME_FIRST,
    PERSON_TITLES,
    ROYAL_TITLES,
    TITLES,
    TITLES_ALSO_IN_NAMES,
)

# A run of capitalised words: "Chinese Foreign Minister Wang Yi", "Prime
# Minister Kim Min-seok" (a hyphenated given name is one word).
# A possessive may follow ("Wang Yi's visit"): the person is named all the same.
CAPITALISED_RUN = re.compile(
    r"(?<![\w'\u2019-])[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)+"
    r"(?![\w-])(?!['\u2019](?!s\b))"
)
# A title and one capitalised word: "General Patton", "Colonel Reiss",
# "King Abdullah" (a possessive may follow).
TITLED_WORD = re.compile(
    r"(?<![\w'\u2019-])(?P<title>[A-Z][a-z]+\.?)\s+(?P<word>[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)"
    r"(?![\w-])(?!['\u2019](?!s\b))(?!\s+[A-Z])"
)
# A ruler's or cleric's name after the title, with its particles: "King
# Abdullah II", "Crown Prince Mohammed bin Salman", "Pope Leo".
ROYAL_NAME = re.compile(
    r"\b(?:" + "|".join(title.capitalize() for title in sorted(ROYAL_TITLES)) + r")\s+"
    r"(?P<name>[A-Z][\w-]*(?:\s+(?:(?:bin|bint|ibn|al|el|Al|Bin)\s+)?[A-Z][\w-]*)*)"
)
ROMAN_NUMERAL = re.compile(r"^[IVX]+$")
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


TITLE_WORDS = {title.strip(".") for title in TITLES} | {"mr", "mrs", "ms", "dr"}


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
    two people share it), and the words a bare mention of which cannot be
    told apart (`unsure`): a first word that may be a family name written
    first ("Orban Viktor": "Orban said"), a given name after a royal title
    ("King Abdullah": "Abdullah said") and a word kept whole after an
    everyday title ("General Patton": "Patton said", which "General Mills
    ... Mills said" shows may be someone else)."""

    def __init__(self):
        self.by_family_name: dict[str, str] = {}
        # The names of the sentence being read: "A second Hossain, opposition
        # leader Rahim Hossain, said" is not the Anwar Hossain named before.
        self.in_sentence: dict[str, str] = {}
        self.unsure_words: set[str] = set()

    def read_sentence(self, sentence: str) -> None:
        """Take in the names of the sentence about to be read."""
        self.in_sentence = {}
        _add_names(self.in_sentence, sentence, self.unsure_words, known=self.by_family_name)

    def remember(self, sentence: str) -> None:
        _add_names(self.by_family_name, sentence, self.unsure_words, known=self.by_family_name)
        self.in_sentence = {}

    def unsure(self, word: str) -> bool:
        """Whether a bare `word` could mean a person named so far or
        someone else, so that no one is credited."""
        return word in self.unsure_words

    def __contains__(self, word: str) -> bool:
        return word in self.by_family_name or word in self.in_sentence

    def __getitem__(self, word: str) -> str:
        earlier, here = self.by_family_name.get(word), self.in_sentence.get(word)
        if earlier is None or here is None:
            return here if earlier is None else earlier
        return earlier if earlier == here else ""


def _add_names(
    by_family_name: dict[str, str], sentence: str, unsure: set[str], *, known: dict[str, str]
) -> None:
    folded = fold(sentence)
    royal = _royal_names(folded, unsure)
    for match in CAPITALISED_RUN.finditer(folded):
        if any(start <= match.start() < end for start, end in royal):
            continue
        name = person_name(match.group(0))
        if not name:
            continue
        # "Orban Viktor", "Maria Lopez": "Orban said", "Maria said" could be
        # them or someone else ("Israel Katz": Israel; "Ford Motor": Ford).
        first = name.split()[0]
        if first not in FAMILY_NAME_FIRST | COUNTRY_NAMES and not looks_like_organisation(name.split()):
            unsure.add(first)
        for key in family_names(name):
            earlier = by_family_name.get(key)
            # "Maria Costa" and "Paulo Costa": "Costa said" could be either
            # of them, so it is neither.
            by_family_name[key] = "" if earlier is not None and earlier != name else name
    for match in TITLED_WORD.finditer(folded):
        if not any(start <= match.start() < end for start, end in royal):
            _add_titled_word(by_family_name, match, unsure, known=known)


def _royal_names(folded: str, unsure: set[str]) -> list[tuple[int, int]]:
    """Mark the words of rulers' names as unsure ("King Abdullah",
    "Crown Prince Mohammed bin Salman": "Abdullah said", "Salman said" may
    be someone else, the king's father among them); where they are."""
    spans = []
    for match in ROYAL_NAME.finditer(folded):
        for word in match.group("name").split():
            if word[:1].isupper() and not ROMAN_NUMERAL.match(word):
                unsure.add(word)
        spans.append((match.start(), match.end()))
    return spans


def _add_titled_word(
    by_family_name: dict[str, str], match: re.Match, unsure: set[str], *, known: dict[str, str]
) -> None:
    """ "Gen. Patton", "Colonel Reiss": a person known by a family name,
    which "General Patton" later is too. "General Patton" alone is kept
    whole (speakers.title_before_a_person), so a later bare "Patton" is
    unsure."""
    title, word = match.group("title").lower(), match.group("word")
    if title.strip(".") not in TITLE_WORDS or word.lower() in NOT_A_NAME or word in COUNTRY_NAMES:
        return
    if word.lower() in GENERIC_WORDS | ORGANISATION_HEADS | PLACE_WORDS:
        return
    earlier = by_family_name.get(word, known.get(word))
    if title in TITLES_ALSO_IN_NAMES:
        if earlier is None:
            unsure.add(word)  # "General Patton", "Captain Morgan"
    elif earlier is None:
        # A full name with this family name coming later may be someone
        # else ("Colonel Reiss ... Anna Reiss"): _add_names then marks the
        # family name as shared.
        by_family_name[word] = word
