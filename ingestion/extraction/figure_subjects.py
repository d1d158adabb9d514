"""What a figure counts: the noun after the number and what happened to it
("20 insurgents killed"), the thing named before it ("put the death toll at
27"), or what a percentage is a share of ("turnout was 62 percent")."""

import re

from .figure_words import (
    AUX_BEFORE_PARTICIPLE,
    INVARIANT_PLURALS,
    NOUN_PHRASE_STOPS,
    TIME_UNITS,
    qualifier_before,
)
from .lexicon import Lexicon
from .vocabulary import DETERMINERS


def subject_around(folded: str, start: int, end: int, lexicon: Lexicon) -> str | None:
    subject = (
        subject_after(folded, end, lexicon)
        or subject_before(folded, start)
        or people_acted_on(folded, start, end)
    )
    if subject and subject.split()[0] == "percent" and not subject.startswith("percent of"):
        # "turnout was 62 percent", "turnout of 47 percent": a share of what
        # the clause is about.
        of_what = subject_before(folded, start) or clause_subject(folded, start)
        if of_what:
            return f"{of_what} percent"
    return subject


# Verbs that join what is measured to its share: "turnout was 62 percent",
# "prices rose 6 percent", "inflation would fall below 4 percent".
SHARE_VERBS = (
    r"(?:was|were|is|are|stood at|reached|hit|rose|fell|climbed|dropped|grew|increased|decreased|"
    r"had risen|has risen|had fallen|has fallen|would fall|would rise|will fall|will rise|won|received|"
    r"got|took|(?:would|will|could|may|might)\s+(?:shrink|grow|fall|rise|drop|increase|decrease))"
)
SHARE_SUBJECT = re.compile(
    r"(?:^|[,;]\s*|\bthat\s+|\bsaid\s+)(?P<subject>(?:the\s+|its\s+|their\s+)?"
    r"(?:[a-z'-]+\s+){0,6}?)" + SHARE_VERBS + r"(?:\s+by)?(?:\s+[a-z ]+?)?\s*$"
)


REPORTED_CLAUSE_START = re.compile(r"\b(?:said|says|told [a-z]+|that|reported|estimated)\s+")


def clause_subject(folded: str, start: int) -> str:
    """The noun phrase a percentage is a share of, read back from the verb:
    "turnout in the first round was" -> "turnout"; "consumer prices rose" ->
    "consumer prices"."""
    before = folded[max(0, start - 120) : start].lower()
    # Only the reported clause: "the company said profits fell" -> "profits fell".
    boundaries = list(REPORTED_CLAUSE_START.finditer(before))
    if boundaries:
        before = before[boundaries[-1].end() :]
    match = SHARE_SUBJECT.search(before)
    if not match:
        return ""
    words = [w for w in match.group("subject").split() if w not in DETERMINERS]
    if any(w in {"it", "they", "he", "she", "this", "which"} or w.endswith("ing") for w in words):
        return ""  # "saying it was 48 percent": nothing named to be a share of
    for index, word in enumerate(words):
        if word in NOUN_PHRASE_STOPS:
            words = words[:index]  # "turnout in the first round" -> "turnout"
            break
    return " ".join(words[-3:])


PERCENT_SIGN = re.compile(r"\s*(?:%|per\s+cent\b)")


def percent_subject(folded: str, match: re.Match) -> str | None:
    """ "40%" and "12 per cent" are percentages like "40 percent"."""
    if not PERCENT_SIGN.match(folded, match.end()):
        return None
    of_what = subject_before(folded, match.start()) or clause_subject(folded, match.start())
    return f"{of_what} percent" if of_what else "percent"


WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def _words_after(folded: str, position: int, limit: int = 8) -> list[str]:
    """Words following `position` up to the first punctuation mark."""
    rest = folded[position:]
    stop = re.search(r"[,;:.!?\"()]", rest)
    chunk = rest[: stop.start()] if stop else rest
    return chunk.split()[:limit]


# Compounds of "men" and "people" are plurals too ("fishermen", "gunmen",
# "townspeople"); these few singular words merely end the same way.
_NOT_PLURAL_MEN = frozenset({"abdomen", "acumen", "omen", "regimen", "specimen", "stamen", "hymen", "semen"})


def _is_plural_noun(word: str) -> bool:
    word = word.lower().strip("'")
    if word in INVARIANT_PLURALS or (word.endswith("s") and not word.endswith("ss") and len(word) > 2):
        return True
    return word.endswith(("men", "people")) and len(word) > 4 and word not in _NOT_PLURAL_MEN


def subject_after(folded: str, position: int, lexicon: Lexicon, vague: bool = False) -> str | None:
    """What a figure counts, read from the words after it: '200 militants' ->
    'militants', '20 insurgents killed' -> 'insurgents killed', '58 percent
    of the vote' -> 'percent of the vote'. The verb before the number is used
    when the noun has none after it: 'killed 200 militants'."""
    words = _words_after(folded, position)
    if words and words[0].lower() == "of":
        words = words[1:]
        while words and words[0].lower() in DETERMINERS:
            words = words[1:]
        if words and words[0].lower() in STANDING_FOR_A_NOUN:
            words = words[1:]  # "41 of whom died": the noun is elided
    if not words:
        return None
    if words[0].lower() in TIME_UNITS or words[0].startswith("-"):
        return None
    noun: list[str] = []
    index = 0
    while index < len(words) and len(noun) < 4:
        word = words[index].lower()
        if not WORD.fullmatch(word) or word in NOUN_PHRASE_STOPS or word in lexicon.figure_verbs:
            break
        if not noun and word in PEOPLE_ACTS:
            break  # "5,000 marched": people did it
        if noun and re.fullmatch(r"[a-z]+ed", word):
            break  # a verb: "people marched through"
        noun.append(word)
        index += 1
        if _is_plural_noun(word) and word != "percent":
            break  # the head noun: "34 people overnight" counts people
    verb = None
    rest = [w.lower() for w in words[index:]]
    while rest and rest[0] in AUX_BEFORE_PARTICIPLE | {"not", "also", "reportedly"} | LATER_ADVERBS:
        rest = rest[1:]
    if rest and (rest[0] in lexicon.figure_verbs or (not noun and rest[0] in PEOPLE_ACTS)):
        verb = rest[0]
    if noun:
        if noun[-1] == "percent" and words[index : index + 1] == ["of"]:
            tail = _words_after(folded, position)[index : index + 4]
            return " ".join(
                noun
                + tail[: 1 + next((i for i, w in enumerate(tail[1:], 1) if w.lower() not in DETERMINERS), 1)]
            ).lower()
        if not (_is_plural_noun(noun[-1]) or verb or vague):
            return None
        if noun[-1] in TIME_UNITS:
            return None
    else:
        if verb is None:
            # "more than 120,000 had joined": a bare number before a verb.
            if rest and re.fullmatch(r"[a-z]+ed", rest[0]) and words[0].lower() in AUX_BEFORE_PARTICIPLE:
                return _with_elided_noun(folded, position, rest[0])
            return None
        return _with_elided_noun(folded, position, verb)
    if verb is None:
        verb = _figure_verb_before(folded, position, lexicon)
    subject = " ".join(noun)
    if verb:
        subject = f"{subject} {verb}".strip()
    return subject or None


# After "of", words standing for the noun: "41 of whom died", "12 of them".
STANDING_FOR_A_NOUN = frozenset({"whom", "them", "which", "those", "these"})
# Between a number and its verb: "12 were later released".
LATER_ADVERBS = frozenset({"later", "since", "subsequently", "still", "already", "eventually", "then", "now"})
# What only people do, right after a number with no noun: "5,000 marched".
PEOPLE_ACTS = frozenset({"marched", "protested", "rallied", "voted", "drowned"})
# What happens to people, read as "people <verb>" when the sentence names no
# noun for the number ("200 were killed"); other verbs ("40 were destroyed")
# keep the verb alone, since homes, cars or tanks could be meant.
PEOPLE_VERBS = PEOPLE_ACTS | {
    "killed", "dead", "died", "wounded", "injured", "hurt", "displaced", "arrested", "detained", "missing",
    "evacuated", "rescued", "fled", "abducted", "kidnapped", "executed", "treated", "trapped", "deported",
    "released", "freed", "jailed", "infected", "hospitalised", "hospitalized", "stranded",
}  # fmt: skip
# A count earlier in the sentence whose noun a bare number goes on with:
# "40 people were detained and 12 were later released" -> people released.
EARLIER_COUNT = re.compile(
    r"\b\d[\d,.]*(?:\s+(?:million|billion|thousand))?\s+((?:[a-z'-]+\s+){0,2}[a-z'-]+)"
)
# Another speaker or a contrast in between: the noun is no longer given.
ANOTHER_CLAUSE = re.compile(
    r"\b(?:said|says|told|according|estimated|reported|claimed|put|while|whereas|but)\b|;"
)
# "Of the 90 passengers on board, 71 ...": the whole the number is part of.
PARTITIVE_BEFORE = re.compile(
    r"\bof\s+(?:the|its|their|those)\s+[\d,]+\s+([a-z'-]+)(?:\s+[a-z'-]+){0,3}\s*,\s*$"
)
NOT_COUNTED_NOUNS = frozenset({"percent", "dollars", "euros", "pounds", "per"})


def _with_elided_noun(folded: str, position: int, verb: str) -> str:
    """A bare number's subject. What people undergo or do counts people
    ("200 were killed" -> people killed; "2 officers were hurt and 14 were
    arrested" -> people arrested, never officers), or the whole just named
    ("Of the 90 passengers, 71 were rescued" -> passengers rescued). Any
    other verb counts the noun of the count before it in the same statement
    ("30 homes were destroyed and 12 were damaged" -> homes damaged), else
    the verb alone."""
    own = re.search(r"[\w,.]+$", folded[:position])
    before = folded[: own.start() if own else position].lower()
    whole = PARTITIVE_BEFORE.search(before)
    if whole and _is_plural_noun(whole.group(1)) and whole.group(1) not in NOT_COUNTED_NOUNS:
        return f"{whole.group(1)} {verb}"
    if verb in PEOPLE_VERBS:
        return f"people {verb}"
    for match in reversed(list(EARLIER_COUNT.finditer(before))):
        if ANOTHER_CLAUSE.search(before[match.end() :]):
            break
        head = next((w for w in match.group(1).split() if _is_plural_noun(w)), None)
        if head and head not in NOT_COUNTED_NOUNS and head not in TIME_UNITS:
            return f"{head} {verb}"
        break
    return verb


# "Police arrested 30 after the march", "the blast killed 40, medics said":
# a verb only people undergo, then the bare number, then no noun.
VERB_THEN_NUMBER = re.compile(
    r"\b(killed|wounded|injured|arrested|detained|evacuated|rescued|abducted|kidnapped|executed|deported|freed)\s+$"
)
NOTHING_COUNTED_AFTER = re.compile(
    r"\s*(?:[,.;:!?]|$|\s(?:in|on|at|after|during|near|from|since|when|across|overnight|and)\b)"
)


def people_acted_on(folded: str, start: int, end: int) -> str | None:
    """ "Police arrested 30, a spokesman said" -> "people arrested"."""
    qualifier, qualifier_start = qualifier_before(folded, start)
    before = folded[
        max(0, (qualifier_start if qualifier is not None else start) - 40) : (
            qualifier_start if qualifier is not None else start
        )
    ]
    verb = VERB_THEN_NUMBER.search(before.lower())
    if verb is None or not NOTHING_COUNTED_AFTER.match(folded, end):
        return None
    return f"people {verb.group(1)}"


def _figure_verb_before(folded: str, position: int, lexicon: Lexicon) -> str | None:
    text = re.sub(r"\d[\d,.]*", " ", folded[:position].lower())
    before = re.findall(r"[A-Za-z'\-]+|[,;:]", text)[-6:]
    for word in reversed(before):
        if word in (",", ";", ":"):
            return None
        if word in lexicon.figure_verbs:
            return word
        participle = _participle_of(word)
        if participle in lexicon.figure_verbs:
            return participle  # "..., killing at least 14 people" -> people killed
    return None


def _participle_of(word: str) -> str | None:
    """ "killing" -> "killed", "injuring" -> "injured", "trapping" ->
    "trapped", "freeing" -> "freed": the past participle a figure verb's
    lexicon entry has, for its "-ing" form."""
    if not word.endswith("ing") or len(word) < 6:
        return None
    return word[:-3] + "ed"


# What a number after these words counts. Compiled once; matched against the
# last few words before the number only.
CHANGED_TO = (
    r"(?:had\s+|has\s+|have\s+)?(?:more\s+than\s+)?(?:rose|risen|climbed|increased|grew|fell|fallen|dropped|"
    r"decreased|declined|jumped|doubled|tripled|halved|surged|soared)\s+to"
)
COUNTED_THING = re.compile(
    r"\b(?:number|figure|total|tally|count)\s+of\s+((?:[a-z'-]+\s+){0,3}?[a-z'-]+)\s+"
    r"(?:at|to|stood at|" + CHANGED_TO + r"|reached|was)\s*$"
)
# "deaths fell to 36", "refugees more than doubled to 80,000", "deaths from
# the fever rose to 7": the plural before the change is what the new figure
# counts.
PLURAL_CHANGED_TO = re.compile(
    r"\b([a-z'-]+)\s+(?:(?:from|of|in|among|at)\s+(?:the\s+)?[a-z'-]+\s+)?" + CHANGED_TO + r"\s*$"
)
# "rose from 12 to 30", "fell by 14 to 36": the earlier figure or the change
# between the noun and "to" is left out when reading what 30 counts.
REFERENCE_BEFORE_TO = re.compile(r"\s+(?:(?:from|by)\s+)?\d[\d,.]*(?:\s+[a-z]+)?(?=\s+to\s*$)")
COUNT_NOUN = re.compile(
    r"((?:death\s+)?toll|population|turnout|number|figure|total|tally|count|growth|inflation|"
    r"unemployment|support|share|rate)\s+"
    r"(?:of|at|to|stood at|was|is|(?:had\s+|has\s+)?(?:rose|risen|climbed|increased|reached|hit)(?:\s+to)?"
    # "the toll was later revised to 19", "the death toll down to 18"
    r"|(?:(?:was|were|has\s+been|had\s+been)\s+)?(?:later\s+|since\s+|now\s+)?"
    r"(?:(?:revised|raised|lowered|updated|corrected|reduced|cut)\s+)?(?:up|down|upwards?|downwards?)?\s*to)\s*$"
)
# "raised its toll again, to 41", "revised its count up to 41", "lowered
# its estimate to 30": the count revised is what the new figure counts.
REVISED_TO = re.compile(
    r"\b(?:raised|revised|lowered|updated|corrected|increased|reduced|cut)\s+(?:its|the|their|his|her)\s+"
    r"((?:[a-z\-]+\s+){0,2}?(?:toll|tally|count|figure|estimate|number|total))\s*"
    # "its estimate of homes without water to 900": what it counts.
    r"(?:of\s+(?P<counted>[a-z\-]+(?:\s+[a-z\-]+){0,3}?)\s+)?"
    r"(?:,?\s*(?:again|further|once\s+more|sharply|slightly)\s*,?\s*)?(?:(?:up|down)(?:wards?)?\s+)?to\s*$"
)
PUT_AT = re.compile(
    r"\b(?:put|puts|putting|estimated|placed)\s+(?:the\s+|its\s+|their\s+)?((?:[a-z'-]+\s+){0,2}?[a-z'-]+)\s+at\s*$"
)
NUMBERED = re.compile(r"\b([a-z]+)\s+(?:numbered|totalled|totaled)\s*$")


def subject_before(folded: str, start: int) -> str | None:
    """'put the death toll at 27' -> 'death toll'; 'put the number of destroyed
    homes at 450' -> 'destroyed homes'; 'a population of about 30,000' ->
    'population'; 'the gunmen numbered about 20' -> 'gunmen'."""
    base = max(0, start - 100)
    before = folded[base:start].lower()
    qualifier, qualifier_start = qualifier_before(folded, start)
    if qualifier_start is not None:
        before = before[: max(0, qualifier_start - base)]
    ends_in_to = before.rstrip().endswith(" to")
    if ends_in_to:
        before = REFERENCE_BEFORE_TO.sub("", before)
    counted = COUNTED_THING.search(before)
    if counted:
        return " ".join(counted.group(1).split())
    changed = PLURAL_CHANGED_TO.search(before) if ends_in_to else None
    if changed and _is_plural_noun(changed.group(1)) and changed.group(1) != "percent":
        return changed.group(1)
    revised = REVISED_TO.search(before)
    if revised and revised.group("counted"):
        return revised.group("counted")
    match = COUNT_NOUN.search(before) or revised
    if match:
        return " ".join(match.group(1).split())
    put_at = PUT_AT.search(before)
    if put_at:
        return put_at.group(1)  # "police put the crowd at 5,000"
    numbered = NUMBERED.search(before)
    return numbered.group(1) if numbered else None
