"""Cleaning a speaker phrase and remembering who has spoken."""

import re

from .figure_words import NUMBER_WORDS
from .lexicon import Lexicon
from .matching import GENERIC_WORDS, KnownSource
from .text import fold, normalise_name
from .time_phrases import leading_time_words, trailing_time_start
from .vocabulary import (
    AUXILIARIES,
    COUNTRY_NAMES,
    DETERMINERS,
    NOT_SPEAKERS,
    ORGANISATION_ENDINGS,
    ORGANISATION_NAME_WORDS,
    ORGANISATION_WORDS,
    PERSON_TITLES,
    ROYAL_TITLES,
    TITLES,
    TITLES_ALSO_IN_NAMES,
)

# Words after which a capitalised run is still part of one name ("Ministry
# of Defence", "Doctors for Peace"), not a person named after a role.
NAME_JOINERS = {"of", "for", "and", "the", "de", "al", "on", "in", "at", "with", "from", "by"} | {
    # Particles inside personal names: "Mohammed bin Salman", "Ursula von
    # der Leyen", "Lula da Silva" are not a role before "Salman", "Leyen".
    "bin", "bint", "ibn", "von", "van", "der", "den", "da", "das", "do", "dos", "di", "del", "della", "du",
    "la", "le", "el", "ben", "abu", "ould", "mac",
}  # fmt: skip


def clean_speaker(phrase: str, lexicon: Lexicon) -> str:
    """'A government official who asked not to be named' -> 'government official';
    'Opposition leader Sana Vell' -> 'Sana Vell'; 'Colonel Idris Kano' -> 'Idris Kano'."""
    words = _strip_descriptions(phrase, lexicon).split()
    # Strip trailing adverbs and auxiliaries ("officials have", "police also",
    # "Reuters wrongly").
    while words and (
        words[-1].lower() in AUXILIARIES or _is_adverb(words[-1], len(words)) or _is_reflexive(words)
    ):
        words.pop()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    if len(words) > 1 and words[0] == "own":
        words.pop(0)  # "its own works council": the council
    words = _from_a_royal_title(_name_after_person_title(_name_after_role(words)))
    while len(words) > 1 and is_title(words[0]) and words[1][:1].isupper() and title_before_a_person(words):
        if words[0].lower() in ROYAL_TITLES:
            break  # "King Abdullah", "King Charles III": the title is part of the name
        words.pop(0)
    return " ".join(_name_after_person_title(words)).strip(" ,;:'")


# "Cole herself", "the ministry itself": the one named, stressed.
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "themself"})


def _is_reflexive(words: list[str]) -> bool:
    return len(words) > 1 and words[-1].lower() in REFLEXIVES


def _from_a_royal_title(words: list[str]) -> list[str]:
    """ "Jordan's King Abdullah", "Saudi Crown Prince Mohammed bin Salman"
    -> "King Abdullah", "Crown Prince Mohammed bin Salman": a ruler is named
    with the title, and the country before it is no part of the name."""
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in ROYAL_TITLES and index + 1 < len(words) and words[index + 1][:1].isupper():
            start = index - 1 if words[index - 1] == "Crown" else index
            if all(_a_country(w) for w in words[:start]) and not looks_like_organisation(words[start + 1 :]):
                return words[start:]
            return words  # "Burger King Holdings": a name, not a king
    return words


def _a_country(word: str) -> bool:
    """ "Jordan's", "Saudi", "British", "Thai": a country or its adjective."""
    bare = re.sub(r"['\u2019]s?$", "", word)
    return bare in COUNTRY_NAMES or (bare[:1].isupper() and bare.endswith(("an", "i", "ese", "ish", "ch")))


TITLE_WORDS = {title.strip(".") for title in TITLES}


def is_title(word: str) -> bool:
    return word.lower().strip(".") in TITLE_WORDS


def looks_like_organisation(words: list[str]) -> bool:
    """ "Motors", "League Baseball", "Dynamics": words naming a business or
    a body, not a person."""
    lowered = [word.lower().strip(".,'") for word in words]
    return any(
        word in ORGANISATION_NAME_WORDS or word in ORGANISATION_HEADS or word.endswith(ORGANISATION_ENDINGS)
        for word in lowered
    )


def title_before_a_person(words: list[str]) -> bool:
    """Whether the title opening `words` is a person's ("General Ahmed Said",
    "Gen. Mark Milley", "Colonel Reiss") rather than the first word of an
    organisation's name ("General Motors", "Major League Baseball"). A title
    that is an everyday word too, before one word that may be either
    ("General Mills", "Captain Morgan"), is not: the whole phrase is kept
    rather than a guess at a family name (a family name of someone named
    earlier is resolved when matching: "General Milley" after "Gen. Mark
    Milley")."""
    rest = words[1:]
    if looks_like_organisation(rest):
        return False
    return not (len(rest) == 1 and words[0].lower().strip(".") in TITLES_ALSO_IN_NAMES)


# "BEIRUT (Reuters) -", "GENEVA, March 3 (AP) --": a dateline, not part of a name.
DATELINE = re.compile(
    r"^[A-Z][A-Z .,'\-]*(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]+\s+"
)
# What is left of "GENEVA, March 3 (AP) -- " after the comma: "March 3 (AP) -- ".
# "Lebanon (AP) - " after "BEIRUT, ".
DATELINE_DATE = re.compile(
    r"^(?:(?:[A-Z][\w.']*\s+){1,3}?(?:\d{1,2}\s*)?\([^)]{1,40}\)|[A-Z][a-z]+\.?\s+\d{1,2})\s*[-\u2013\u2014]+\s+"
)
# "14:05 -", "9.40am:", "11:30 GMT —": a live blog's timestamp opening the
# paragraph says when, like a dateline, and is never part of a name.
TIMESTAMP = re.compile(
    r"^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+(?:GMT|UTC|[A-Z]{3,4}))?\s*(?:[-\u2013\u2014]+|:)\s+"
)
# "The army in a statement", "The ministry, in a brief statement,": the
# way the speaker spoke, between the speaker and the verb.
IN_A_DOCUMENT = re.compile(
    r"(?i)(?<=\S),?\s+in\s+(?:a|an|its|their)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:statement|communiqu[e\u00e9]|press\s+release|report|post|letter|speech|interview|briefing)\s*,?$"
)
# "unconfirmed reports", "media reports": nobody in particular.
UNNAMED_REPORTS = re.compile(
    r"(?i)^(?:(?:unconfirmed|unverified|local|media|press|some|several|other|earlier|initial|conflicting)\s+)+"
    r"(?:reports?|accounts?|rumou?rs)$"
)


# Participles that take another speaker as their object.
SOURCE_PARTICIPLE = re.compile(
    r"(?i)^(?:contradicting|citing|quoting|echoing|repeating|rebutting|disputing|challenging|contesting|"
    r"countering|correcting|paraphrasing|invoking|following|joining|backing|supporting|unlike|like)\s+"
    r"(?=\S)"
)


def _strip_descriptions(phrase: str, lexicon: Lexicon) -> str:
    phrase = fold(phrase).strip(" ,;:\"'")
    phrase = re.sub(r"^[\"']+|[\"']+$", "", phrase).strip()
    phrase = DATELINE_DATE.sub("", DATELINE.sub("", TIMESTAMP.sub("", phrase)))
    # "the Red Cross (ICRC)": the acronym in brackets is the same name again.
    phrase = re.sub(r"\s*\([A-Z][A-Za-z.\-]{1,9}\)\s*$", "", phrase)
    phrase = without_when_and_how(phrase)
    if UNNAMED_REPORTS.match(phrase):
        return ""
    for marker in lexicon.anonymity_markers:
        if marker in phrase.lower():
            phrase = re.sub(r",?\s*(who\s+)?" + re.escape(marker) + r".*$", "", phrase, flags=re.IGNORECASE)
    # "..., a figure the army disputed", "a claim rebels dismissed": the army, rebels.
    phrase = re.sub(
        r"(?i)^(?:an?|the|that)\s+(?:figure|claim|number|toll|account|version|estimate|count|label)\s+(?:that\s+)?"
        r"(?=(?:the|its|their)\s+\w|[a-z]+\b)",
        "",
        phrase,
    )
    phrase = re.sub(r"\s+(who|which|that)(?:\s+.*)?$", "", phrase)
    # "contradicting firefighters who had reported 3 deaths", "echoing
    # nurses who said ...": the participle links them to another speaker
    # and is no part of their name.
    phrase = SOURCE_PARTICIPLE.sub("", phrase)
    # "a survey published on Friday by the Delmar Institute": who made it.
    made_by = re.match(
        r"(?i)^(?:an?\s+|the\s+)?(?:new\s+|latest\s+)?(?:survey|poll|study|report|count|statement|analysis)"
        r"\s+(?:[\w,]+\s+){0,5}?by\s+(.+)$",
        phrase,
    )
    if made_by:
        phrase = made_by.group(1)
    # "a statement from the presidency": who issued it.
    issued_by = re.match(
        r"(?i)^(?:an?\s+|the\s+)?(?:(?:new|latest|brief|joint|written)\s+)?(?:statement|communiq[uu]e|announcement)"
        r"\s+(?:issued\s+|released\s+)?from\s+(.+)$",
        phrase,
    )
    if issued_by:
        phrase = issued_by.group(1)
    # "two villagers reached by phone" -> "two villagers"
    phrase = re.sub(r"\s+(?:reached|contacted|interviewed|speaking)\s+(?:by|to|on|from)\b.*$", "", phrase)
    # "the authority's figures", "local council figures", "the company's
    # annual report" -> the authority, the local council, the company: who
    # keeps the figures is the speaker.
    phrase = re.sub(
        r"(?:'s)?\s+(own\s+)?((?:annual|latest|official|new|daily|weekly|monthly)\s+)?"
        r"(figures|data|count|tally|records|estimates?|statistics|numbers|toll|list|reports?|survey)$",
        "",
        phrase,
    )
    # "the ministry's spokesman": whose spokesman, not a back-reference to
    # the last spokesman named ("the spokesman said").
    owner_and_role = re.match(r"^(?:[Tt]he\s+)?([a-z]+)'s\s+([a-z]+)$", phrase)
    if owner_and_role:
        return f"{owner_and_role.group(1)}'s {owner_and_role.group(2)}"
    # "the territory's health ministry", "the city's emergency service": a
    # common-noun owner only says where; the speaker is what follows.
    return re.sub(r"^(?:[Tt]he\s+)?[a-z]+'s\s+(?=\S+\s+\S)", "", phrase)


def without_when_and_how(phrase: str) -> str:
    """ "Last week the ministry", "Hours later the rebel command", "The
    ministry on Monday", "The army in a statement": when and how it spoke,
    not who."""
    words = phrase.split()
    words = words[leading_time_words(words) :]
    phrase = " ".join(words[: _time_after_the_speaker(words)])
    # The statement is still remembered as the speaker's (documents.py).
    words = IN_A_DOCUMENT.sub("", phrase).split()
    return " ".join(words[: _time_after_the_speaker(words)])  # "The ministry on Monday in a statement"


def _time_after_the_speaker(words: list[str]) -> int:
    """Where the speaker's words end before a time phrase written between
    them and the verb: "The ministry on Monday", "The army late on Tuesday",
    "Police in the capital on Monday" (the place stays: police in the
    capital are not police elsewhere). "The Mail on Sunday", "Scotland on
    Sunday" stay whole: "on Sunday" right after a capitalised name is how
    some newspapers are called ("The <Name> on Sunday", "<Country> on
    Sunday"), while after an everyday word ("the ministry", "Police") or
    an agency ("Reuters on Sunday reported") it says when."""
    start = trailing_time_start(words)
    closing = [word.lower().strip(",") for word in words[start:]]
    if closing == ["on", "sunday"] and start in {1, 2}:
        name = words[start - 1]
        opened = start == 2 and words[0].lower() == "the"
        if (
            opened or name in COUNTRY_NAMES | NATIONS_OF_A_COUNTRY
        ) and name.lower() not in ORGANISATION_HEADS:
            return len(words)
    return start


# Nations whose names some Sunday newspapers carry ("Scotland on Sunday").
NATIONS_OF_A_COUNTRY = frozenset({"Scotland", "Wales", "England"})


# Nouns ending in "-ly" that can close a speaker's name.
LY_NOUNS = frozenset(
    {"family", "assembly", "ally", "rally", "daily", "weekly", "monthly", "quarterly", "monopoly"}
)


def _is_adverb(word: str, words_left: int) -> bool:
    """A lower-case "-ly" word after the subject: "Reuters wrongly",
    "officials privately" (never the only word, never "the family")."""
    if words_left > 1 and word in {"there", "here", "too", "now", "still"}:
        return True  # "doctors there said", "the ministry now says"
    return words_left > 1 and word.islower() and word.endswith("ly") and word not in LY_NOUNS


# Adjectives before a capitalised name that belong to it ("state TV"), not
# a role the name follows ("opposition leader Sana Vell").
NAME_ADJECTIVES = frozenset({"state", "state-run", "state-owned", "official", "public", "national", "local"})


# Small words that may sit inside an organisation's name after a role: "the
# charity Save the Children", "the group Friends of the Earth".
WORDS_INSIDE_A_NAME = frozenset({"the", "of", "for", "de"})


def _name_after_role(words: list[str]) -> list[str]:
    """A name after a lower-case role: "Opposition leader Sana Vell"."""
    if len(words) == 2 and words[0].lower() in NAME_ADJECTIVES and words[0].islower():
        return words  # "state TV", "state-run SANA"
    # The capitalised name at the end, with the small words inside it ("Save
    # the Children", "Friends of the Earth"); it starts with a capital.
    start = index = len(words)
    while index > 0 and (words[index - 1][:1].isupper() or words[index - 1].lower() in WORDS_INSIDE_A_NAME):
        index -= 1
        if words[index][:1].isupper():
            start = index
    run = words[start:]
    if run and len(run) < len(words):
        previous = words[len(words) - len(run) - 1].lower()
        if previous not in NAME_JOINERS and previous.isalpha():
            return run
    return words


def _name_after_person_title(words: list[str]) -> list[str]:
    """ "Transport Minister Elena Vaz" -> "Elena Vaz"."""
    for index in range(len(words) - 2, 0, -1):
        tail = words[index + 1 :]
        if (
            words[index].lower() in PERSON_TITLES
            and 2 <= len(tail) <= 3
            and all(w[:1].isupper() for w in tail)
            and not any(w.lower() in ORGANISATION_WORDS for w in tail)
        ):
            return tail
    return words


def is_name(phrase: str) -> bool:
    words = [w for w in fold(phrase).strip(" ,").split() if w.lower() not in DETERMINERS]
    return bool(words) and all(w[:1].isupper() for w in words) and len(words) <= 5


def plausible_speaker(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 9:
        return False
    first = words[0].lower()
    if words[0].isupper() and len(words[0]) > 1 and words[0].isalpha():
        first = words[0]  # "WHO", "THAT" in a name: an acronym, not the word
    if first in NOT_SPEAKERS or first in NUMBER_WORDS and len(words) == 1:
        return False
    numbers = [i for i, word in enumerate(words) if re.fullmatch(r"[\d,.]+", word)]
    if first in {"up", "down"} or any(i == 0 or not words[i - 1][:1].isupper() for i in numbers):
        return False  # "up from 14", "20 people": numbers, not a speaker ("Camp 4" is a place)
    return bool(re.search(r"[A-Za-z]{2,}|(?:[A-Z]\.){2,}", phrase))  # "U.N." names someone


# Words that make a speaker an organisation ("it"), not a person ("he", "she").
ORGANISATION_HEADS = ORGANISATION_WORDS | {
    "agency", "government", "television", "tv", "radio", "news", "press", "media", "observatory",
    "coalition", "police", "military", "monitor", "organisation", "organization", "ministry",
    "embassy", "court", "union", "nations", "crescent", "cross", "watch", "international",
    "authorities", "authority", "service", "company", "hospital", "kremlin", "pentagon",
}  # fmt: skip
# Plural heads: a group of people, "they" and never "he", "she" or "it".
GROUP_HEADS = {
    "residents", "witnesses", "officials", "lawmakers", "activists", "medics", "doctors", "rebels",
    "fighters", "commanders", "villagers", "locals", "sources", "survivors", "rescuers", "workers",
    "monitors", "diplomats", "people", "protesters", "insurgents", "militants", "soldiers", "troops",
}  # fmt: skip
# Which antecedents each pronoun can stand for.
PRONOUN_TAKES = {
    "he": {"person", "unknown"},
    "she": {"person", "unknown"},
    "it": {"organisation", "unknown"},
    "they": {"group", "organisation", "unknown"},
    # "The spokesman said": an organisation's, or a person named as its
    # spokesman, never a colonel or a mayor just quoted.
    "spokesman": {"organisation", "unknown"},
    "spokeswoman": {"organisation", "unknown"},
    "spokesperson": {"organisation", "unknown"},
}

# What a speaker named by a pronoun is, for the next sentence's pronoun.
PRONOUN_KIND = {"he": "person", "she": "person", "it": "organisation", "they": "group"}


def speaker_kind(phrase: str) -> str:
    """'person', 'organisation', 'group' or 'unknown', from the words that
    named the speaker ("Colonel Marek Dorn", "the wire agency", "villagers")."""
    # The words as written: a personal name and a plural are told apart by
    # their capitals ("Tom Ash", "James Jones", "the rebels").
    written = re.sub(r"(?i)^(?:the|a|an)\s+", "", " ".join(fold(phrase).replace("\u2019", "'").split()))
    words = [word.strip(".,'") for word in written.split()]
    words = [word for word in words if word]
    lowered = [word.lower() for word in words]
    if not words:
        return "unknown"
    if len(words) == 1 and lowered[0] in PRONOUN_KIND:
        return PRONOUN_KIND[lowered[0]]  # "he said": still the person resolved
    if lowered[-1] in GROUP_HEADS:
        return "group"
    if any(word in ORGANISATION_HEADS for word in lowered):
        return "organisation"
    if is_title(words[0]) and len(words) > 1 and not title_before_a_person(words):
        # "General Motors", "Major League Baseball" ("it"); "General Mills"
        # or "Captain Morgan" could be either.
        return "organisation" if looks_like_organisation(words[1:]) else "unknown"
    if any(word in PERSON_TITLES or word in TITLES for word in lowered):
        return "person"
    if words[-1].islower() and lowered[-1].endswith("s") and not lowered[-1].endswith(("ss", "us")):
        return "group"  # "opposition deputies", "the rebels"
    if _a_personal_name(words):
        return "person"  # "Marek Dorn", "Jon de Vries": a personal name, as far as words can tell
    return "unknown"


# A word of a personal name: "Dorn", "Al-Hassan", "O'Neill", "McKay".
_NAME_WORD = re.compile(r"(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
# Lower-case words inside a personal name: "Jon de Vries", "Ursula von der Leyen".
_NAME_PARTICLES = frozenset(
    {"de", "da", "di", "do", "dos", "du", "van", "von", "der", "den", "la", "le", "bin", "ibn"}
)


def _a_personal_name(words: list[str]) -> bool:
    """Two to four words, capitalised as a name, none naming a body ("Red
    Cross", "Amnesty International", "Delmar Institute" are not persons)."""
    if not 2 <= len(words) <= 4 or not (_NAME_WORD.fullmatch(words[0]) and _NAME_WORD.fullmatch(words[-1])):
        return False
    if not all(_NAME_WORD.fullmatch(word) or word in _NAME_PARTICLES for word in words[1:-1]):
        return False
    lowered = [word.lower() for word in words]
    # A family name after its particle is no business's word ("de Vries").
    unprefixed = [
        word for index, word in enumerate(words) if not index or words[index - 1] not in _NAME_PARTICLES
    ]
    return not looks_like_organisation(unprefixed) and not any(
        word in ORGANISATION_HEADS or word in GROUP_HEADS or word in GENERIC_WORDS for word in lowered
    )


def head_nouns(name: str) -> set[str]:
    """The words "the <noun>" can stand for in a name: its last word, and
    the word before an "of" or "for" ("Ministry of Defence" is "the
    ministry", the "Syrian Observatory for Human Rights" "the Observatory")."""
    words = normalise_name(name).split()
    heads = set(words[-1:])
    for index, word in enumerate(words[1:], start=1):
        if word in {"of", "for"}:
            heads.add(words[index - 1])
            break
    return heads


# "The ministry" when two ministries have spoken: someone, but not known who.
AMBIGUOUS: tuple[str, None] = ("", None)


# How many sentences back another speaker with the same head noun still makes
# "the army" or "the ministry" ambiguous (the paragraph or two a reader holds).
RIVAL_NEARBY_SENTENCES = 3


class SpeakerMemory:
    """Who has spoken so far in the document, for 'it said' and 'the ministry'.

    A pronoun refers back one sentence at most, to a speaker it can stand for
    ("he" a person, "it" an organisation): a figure credited to the wrong
    speaker is worse than one credited to nobody, so a pronoun with no such
    speaker in the sentence before, or with two of them, stays unresolved
    and its figure goes to the editor unbound.
    """

    def __init__(self):
        self.history: list[tuple[str, KnownSource | None]] = []
        self.sentence_of: list[int] = []
        self.kind_of: list[str] = []
        # The words that named each speaker ("Interior Minister Leila
        # Mansour"), for "the minister" later.
        self.titles_of: list[set[str]] = []
        self.sentence = 0  # the sentence being read, counted over the whole document

    def next_sentence(self) -> None:
        self.sentence += 1

    def add(self, name: str, source: KnownSource | None, *, named_as: str = "", described_as: str = ""):
        self.history.append((name, source))
        self.sentence_of.append(self.sentence)
        self.kind_of.append(speaker_kind(named_as or name))
        words = normalise_name(f"{named_as} {described_as}").split()
        self.titles_of.append({w for w in words if w in PERSON_TITLES | TITLES})

    def last(self):
        return self.history[-1] if self.history else None

    def previous_sentence_speaker(self, pronoun: str = ""):
        """The one speaker of the sentence just before that `pronoun` can
        stand for (any, without a pronoun), or None when there is none or
        more than one."""
        takes = PRONOUN_TAKES.get(pronoun)
        fitting: list[tuple[str, KnownSource | None]] = []
        ambiguous = False
        remembered = zip(
            reversed(self.history),
            reversed(self.sentence_of),
            reversed(self.kind_of),
            reversed(self.titles_of),
            strict=True,
        )
        for (name, source), sentence, kind, titles in remembered:
            if sentence < self.sentence - 1:
                break
            if sentence != self.sentence - 1:
                continue
            if takes is not None and kind not in takes and pronoun not in titles:
                # "Boko Haram" reads as a personal name: a person known only
                # by the words of the name, with no title, still leaves "it"
                # or "they" unresolved beside a body rather than ruled out.
                rival = kind == "person" and not titles and source is None
                if rival and "person" not in takes:
                    ambiguous = True
                continue
            if (name, source) not in fitting:
                fitting.append((name, source))
        return fitting[0] if len(fitting) == 1 and not ambiguous else None

    def people_lately(self, sentences: int) -> set[str]:
        """The speakers of the last `sentences` sentences who are (or may
        be) persons: a "she" after them may mean any of them."""
        recent = zip(self.history[-30:], self.sentence_of[-30:], self.kind_of[-30:], strict=True)
        return {
            name
            for (name, _), sentence, kind in recent
            if sentence >= self.sentence - sentences and kind in {"person", "unknown"}
        }

    def by_head_noun(self, noun: str):
        """'The ministry': the speaker of this document whose name ends in
        that word. When two different ones have ('the health ministry',
        'the defence ministry'), only one named in the sentence just before
        is meant; otherwise nobody is, rather than a guess (AMBIGUOUS)."""
        # The last few speakers only: "the ministry" refers back a paragraph
        # or two, and a long document must not make every look-up slower.
        matching: list[tuple[tuple[str, KnownSource | None], int]] = []
        for (name, source), sentence, titles in zip(
            reversed(self.history[-30:]),
            reversed(self.sentence_of[-30:]),
            reversed(self.titles_of[-30:]),
            strict=True,
        ):
            names = [name] + ([source.name, *source.aliases] if source else [])
            # "the minister": also a person named with that title.
            if noun in titles or any(noun in head_nouns(n) for n in names):
                if all(found != (name, source) for found, _ in matching):
                    matching.append(((name, source), sentence))
        if not matching:
            return None
        (latest, sentence) = matching[0]
        if len(matching) == 1:
            return latest
        # The nearer of two is meant only when the other is well behind:
        # after "The Syrian army said ... The Free Syrian Army said ...",
        # "the army" may be either.
        others_nearby = any(earlier >= self.sentence - RIVAL_NEARBY_SENTENCES for _, earlier in matching[1:])
        if sentence >= self.sentence - 1 and not others_nearby:
            return latest
        return AMBIGUOUS
