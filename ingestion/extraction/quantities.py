"""Counted figures in a sentence: value, qualifier and what is counted."""

import re
from dataclasses import dataclass

from .comparisons import comparison_role, context_text, starts_a_change
from .lexicon import Lexicon, term_pattern
from .money import money_amounts
from .text import FOLD
from .vocabulary import DETERMINERS

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals as ranges an editor can argue with: "dozens" is at least two
# dozen and fewer than a hundred.
VAGUE_AMOUNTS = [
    ("hundreds of thousands", 200_000, 999_999),
    ("tens of thousands", 20_000, 99_999),
    ("several hundred", 200, 999),
    ("a few hundred", 200, 999),
    ("several thousand", 2_000, 9_999),
    ("a few thousand", 2_000, 9_999),
    ("a few dozen", 24, 60),
    ("several dozen", 24, 99),
    ("a dozen", 12, 12),
    ("dozens", 24, 99),
    ("scores", 40, 99),
    ("hundreds", 200, 999),
    ("tens", 20, 99),
    ("thousands", 2_000, 9_999),
    ("millions", 2_000_000, 9_999_999),
]
QUALIFIER_PHRASES = [
    # Upper bounds: "under 40 percent" is at most 40, never exactly 40.
    ("under", "up_to"),
    ("below", "up_to"),
    ("just under", "up_to"),
    ("just below", "up_to"),
    ("not more than", "up_to"),
    ("at most", "up_to"),
    ("a maximum of", "up_to"),
    ("above", "at_least"),
    ("just over", "at_least"),
    ("a minimum of", "at_least"),
    ("closer to", "about"),
    ("nearer", "about"),
    ("at least", "at_least"),
    ("more than", "at_least"),
    ("over", "at_least"),
    ("upwards of", "at_least"),
    ("no fewer than", "at_least"),
    ("in excess of", "at_least"),
    ("up to", "up_to"),
    ("as many as", "up_to"),
    ("no more than", "up_to"),
    ("fewer than", "up_to"),
    ("less than", "up_to"),
    ("nearly", "about"),
    ("almost", "about"),
    ("about", "about"),
    ("around", "about"),
    ("approximately", "about"),
    ("roughly", "about"),
    ("some", "about"),
    ("an estimated", "about"),
    ("close to", "about"),
    ("estimated", "about"),
]
TIME_UNITS = {
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "p.m",
    "a.m",
    "pm",
    "am",
    "o'clock",
    "times",
}
INVARIANT_PLURALS = {
    "people",
    "children",
    "police",
    "staff",
    "personnel",
    "cattle",
    "livestock",
    "militia",
    "women",
    "men",
    "percent",
    "dead",
    "wounded",
    "injured",
    "displaced",
    "missing",
    "sheep",
    "aircraft",
    "fish",
    "youth",
    "crew",
}
NOUN_PHRASE_STOPS = {
    "in",
    "on",
    "at",
    "by",
    "from",
    "with",
    "near",
    "since",
    "during",
    "after",
    "before",
    "to",
    "into",
    "across",
    "around",
    "outside",
    "inside",
    "under",
    "over",
    "for",
    "as",
    "than",
    "and",
    "or",
    "but",
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "be",
    "is",
    "are",
    "who",
    "which",
    "that",
    "while",
    "when",
    "including",
    "of",
    "this",
    "last",
    "because",
    "amid",
    "according",
    "said",
    "says",
    "the",
    "a",
    "an",
    "took",
    "spent",
    "remained",
    "not",
    "could",
    "would",
    "will",
    "may",
    "might",
    "per",
    "if",
}
AUX_BEFORE_PARTICIPLE = {"were", "was", "have", "has", "had", "been", "are", "is", "being", "be"}


@dataclass
class Figure:
    value_low: int
    value_high: int
    qualifier: str
    subject: str
    text: str
    start: int = 0  # where the number begins in the sentence (after any qualifier)
    end: int = 0
    # The earlier figure or the change this one is compared with, as written
    # ("up from 90 the week before"): context, never a figure of its own.
    compared_with: str = ""

    @property
    def as_written(self) -> str:
        """The figure as the reviewer should read it: "212, up from 90"."""
        return f"{self.text}, {self.compared_with}" if self.compared_with else self.text


def _word_number(tokens: list[str]) -> tuple[int, int] | None:
    """'two hundred' -> (200, 2); 'twenty-five' -> (25, 1). Returns (value, tokens used)."""
    total, current, used = 0, 0, 0
    for token in tokens:
        word = token.lower()
        if "-" in word and all(part in NUMBER_WORDS for part in word.split("-")):
            current += sum(NUMBER_WORDS[part] for part in word.split("-"))
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in SCALES and used:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            break
        used += 1
    if not used:
        return None
    return total + current, used


NUMBER_TOKEN = re.compile(
    r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|billion|thousand|hundred))?(?![\w-])"
    r"|(?<![\w-])((?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)(?:\s+(?:hundred|thousand|"
    r"million|billion))*)(?![\w-])",
    re.IGNORECASE,
)
VAGUE_TOKEN = re.compile(
    r"\b(" + "|".join(re.escape(phrase) for phrase, _, _ in VAGUE_AMOUNTS) + r")\b", re.IGNORECASE
)
RANGE_TOKEN = re.compile(
    r"\bbetween\s+(\d[\d,]*)\s+and\s+(\d[\d,]*)\b|\b(\d[\d,]*)\s*(?:-|–|to)\s*(\d[\d,]*)\b", re.IGNORECASE
)


def _to_int(text: str) -> int:
    return int(text.replace(",", ""))


def find_figures(sentence: str, lexicon: Lexicon) -> list[Figure]:
    """Counted figures in a sentence, in order: value, qualifier and what is counted.

    Ranges are read first, then vague amounts, then single numbers, each
    skipping text an earlier reading already took ("between 20 and 30" is one
    range, not two numbers)."""
    folded = sentence.translate(FOLD)
    found: list[Figure] = []
    for finder in (_money, _ranges, _vague_amounts, _numbers):
        for figure, end in finder(sentence, folded, lexicon):
            if not any(figure.start < other.end and other.start < end for other in found):
                figure.end = end
                found.append(figure)
    found.sort(key=lambda figure: figure.start)
    return _stated_figures(sentence, folded.lower(), _with_elliptical_subjects(found))


def _stated_figures(sentence: str, lower: str, found: list[Figure]) -> list[Figure]:
    """Drop the figures a comparison is measured against and the changes
    between them ("up from 90", "by 14"): the stated figure nearest before
    (else after) keeps them as context (comparisons.py)."""
    stated = [
        figure
        for figure in found
        if not comparison_role(
            lower, figure.end - len(figure.text), figure.end, percentage="percent" in figure.subject
        )[0]
    ]
    if not stated:
        return stated
    # The context also comes from numbers that count nothing on their own
    # ("up from 90 the week before").
    compared = []
    for match in BARE_NUMBER.finditer(lower):
        percentage = bool(PERCENT_SIGN.match(lower, match.end()) or lower.startswith(" percent", match.end()))
        role, begin = comparison_role(lower, match.start(), match.end(), percentage=percentage)
        if role:
            compared.append((match.start(), context_text(sentence, lower, begin, match.end())))
    for position, context in compared:
        before = [f for f in stated if f.start < position]
        owner = before[-1] if before else next((f for f in stated if f.start > position), None)
        if owner is not None and not owner.compared_with:
            owner.compared_with = context
    return stated


BARE_NUMBER = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?")


def _money(sentence: str, folded: str, _lexicon: Lexicon):
    for amount in money_amounts(folded):
        qualifier, qualifier_start = _qualifier_before(folded, amount.start)
        start = qualifier_start if qualifier_start is not None else amount.start
        figure = Figure(
            amount.value,
            amount.value,
            qualifier or "exact",
            amount.subject,
            sentence[start : amount.end],
            amount.number_start,
        )
        yield figure, amount.end


def _subject_around(folded: str, start: int, end: int, lexicon: Lexicon) -> str | None:
    subject = _subject_after(folded, end, lexicon) or _subject_before(folded, start)
    if subject and subject.split()[0] == "percent" and not subject.startswith("percent of"):
        # "turnout was 62 percent", "turnout of 47 percent": a share of what
        # the clause is about.
        of_what = _subject_before(folded, start) or _clause_subject(folded, start)
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


def _clause_subject(folded: str, start: int) -> str:
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


def _ranges(_sentence: str, folded: str, lexicon: Lexicon):
    for match in RANGE_TOKEN.finditer(folded):
        groups = [g for g in match.groups() if g]
        low, high = _to_int(groups[0]), _to_int(groups[1])
        if low >= high or _looks_like_year(folded, match.start(), groups[0]):
            continue
        if starts_a_change(folded.lower(), match.start()):
            continue  # "rose from 12 to 30": 12 is the reference, 30 the figure
        subject = _subject_around(folded, match.start(), match.end(), lexicon)
        if subject is not None:
            yield Figure(low, high, "range", subject, match.group(0), match.start()), match.end()


def _vague_amounts(sentence: str, folded: str, lexicon: Lexicon):
    for match in VAGUE_TOKEN.finditer(folded):
        phrase = match.group(1).lower()
        low, high = next((lo, hi) for p, lo, hi in VAGUE_AMOUNTS if p == phrase)
        subject = _subject_after(folded, match.end(), lexicon, vague=True)
        if subject is None:
            continue
        qualifier = "about" if low == high else "range"
        text, start = match.group(0), match.start()
        hedge, hedge_start = _qualifier_before(folded, match.start())
        if hedge is not None and low == high:
            # "under a dozen" is at most 12; a vague range keeps its own bounds.
            qualifier, text = hedge, sentence[hedge_start : match.end()]
        yield Figure(low, high, qualifier, subject, text, start), match.end()


def _number_value(folded: str, match: re.Match) -> tuple[int, int] | None:
    """The value of a digit or word number, or None when it is not a count
    (a year, a label such as "Camp 4")."""
    if match.group(1):
        raw = match.group(1)
        if _looks_like_year(folded, match.start(), raw) or _is_part_of_a_name(folded, match.start()):
            return None
        number = float(raw.replace(",", ""))
        if match.group(2):
            number *= SCALES[match.group(2).lower()]
        return int(number), int(number) if number == int(number) else int(number) + 1
    parsed = _word_number(match.group(3).split())
    return None if parsed is None else (parsed[0], parsed[0])


def _refers_back(folded: str, match: re.Match) -> bool:
    """ "The two countries", "the three men": a small number after a definite
    determiner points at things already known; it is not a figure anyone
    claims."""
    if not match.group(3):
        return False
    words = folded[: match.start()].lower().split()
    return (
        bool(words)
        and words[-1] in {"the", "these", "those", "both"}
        and NUMBER_WORDS.get(match.group(3).split()[0].lower(), 99) < 10
    )


def _numbers(sentence: str, folded: str, lexicon: Lexicon):
    for match in NUMBER_TOKEN.finditer(folded):
        value = _number_value(folded, match)
        if value is None or _refers_back(folded, match):
            continue
        low, high = value
        subject = _percent_subject(folded, match) or _subject_around(
            folded, match.start(), match.end(), lexicon
        )
        if subject is None and not ELLIPTICAL_AFTER.match(folded, match.end()):
            continue
        qualifier, qualifier_start = _qualifier_before(folded, match.start())
        start = qualifier_start if qualifier_start is not None else match.start()
        if subject is None and not _elliptical(folded, start, match.end()):
            continue
        if qualifier is None:
            qualifier = "exact" if low == high else "range"
        text = sentence[start : match.end()]
        yield Figure(low, high, qualifier, subject or "", text, match.start()), match.end()


# "The army said 20 soldiers died, but the monitors said 200.": a number
# closing a reported clause counts what the sentence's figure before it
# counts.
ELLIPTICAL_BEFORE = re.compile(
    r"\b(?:said|says|say|estimated|reported|counted|claimed|put\s+(?:it|them|the\s+(?:[a-z]+\s+){0,3}?[a-z]+)\s+at)\s+$"
)
ELLIPTICAL_AFTER = re.compile(r"\s*(?:[.;!?]|,\s|$)")


def _elliptical(folded: str, start: int, end: int) -> bool:
    return bool(ELLIPTICAL_AFTER.match(folded, end)) and bool(
        ELLIPTICAL_BEFORE.search(folded[max(0, start - 60) : start].lower())
    )


def _with_elliptical_subjects(found: list[Figure]) -> list[Figure]:
    """A figure read as elliptical takes the subject of the figure before it
    in the sentence; with none before it, it counts nothing and is dropped."""
    kept: list[Figure] = []
    for figure in found:
        if not figure.subject:
            earlier = next((f for f in reversed(kept) if f.subject), None)
            if earlier is None:
                continue
            figure.subject = earlier.subject
        kept.append(figure)
    return kept


PERCENT_SIGN = re.compile(r"\s*(?:%|per\s+cent\b)")


def _percent_subject(folded: str, match: re.Match) -> str | None:
    """ "40%" and "12 per cent" are percentages like "40 percent"."""
    if not PERCENT_SIGN.match(folded, match.end()):
        return None
    of_what = _subject_before(folded, match.start()) or _clause_subject(folded, match.start())
    return f"{of_what} percent" if of_what else "percent"


def _looks_like_year(folded: str, start: int, raw: str) -> bool:  # noqa: ARG001
    if "," in raw or "." in raw or not raw.isdigit():
        return False
    value = int(raw)
    if not 1800 <= value <= 2100:
        return False
    # A bare four-digit number in this range is read as a year ("since 2021",
    # "a 2019 agreement"); counts that large are written with a comma.
    return True


def _is_part_of_a_name(folded: str, start: int) -> bool:
    """'Camp 4', 'Route 7', 'Article 5': a number that labels, not counts
    ("her rival Pavel Dorn 39 percent" counts)."""
    if re.match(r"[\d,.]+\s*(?:percent|per cent|%)", folded[start : start + 20]):
        return False
    before = folded[:start].rstrip().split()
    return len(before) >= 2 and before[-1][:1].isupper() and before[-1].isalpha()


# "no more than" must win over "more than", "just under" over "under".
QUALIFIERS_LONGEST_FIRST = sorted(QUALIFIER_PHRASES, key=lambda item: -len(item[0]))


def _qualifier_before(folded: str, start: int) -> tuple[str | None, int | None]:
    # Only the last few words matter; looking at a short window keeps long
    # sentences cheap.
    base = max(0, start - 40)
    before = (" " if base else "") + folded[base:start].lower()
    offset = base - (1 if base else 0)
    for phrase, qualifier in QUALIFIERS_LONGEST_FIRST:
        if phrase in before and term_pattern(r"(?:^|\W)", phrase, r"\s+$").search(before):
            return qualifier, offset + len(before.rstrip()) - len(phrase)
    return None, None


WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def _words_after(folded: str, position: int, limit: int = 8) -> list[str]:
    """Words following `position` up to the first punctuation mark."""
    rest = folded[position:]
    stop = re.search(r"[,;:.!?\"()]", rest)
    chunk = rest[: stop.start()] if stop else rest
    return chunk.split()[:limit]


def _is_plural_noun(word: str) -> bool:
    word = word.lower().strip("'")
    return word in INVARIANT_PLURALS or (word.endswith("s") and not word.endswith("ss") and len(word) > 2)


def _subject_after(folded: str, position: int, lexicon: Lexicon, vague: bool = False) -> str | None:
    """What a figure counts, read from the words after it: '200 militants' ->
    'militants', '20 insurgents killed' -> 'insurgents killed', '58 percent
    of the vote' -> 'percent of the vote'. The verb before the number is used
    when the noun has none after it: 'killed 200 militants'."""
    words = _words_after(folded, position)
    if words and words[0].lower() == "of":
        words = words[1:]
        while words and words[0].lower() in DETERMINERS:
            words = words[1:]
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
        if noun and re.fullmatch(r"[a-z]+ed", word):
            break  # a verb: "people marched through"
        noun.append(word)
        index += 1
        if _is_plural_noun(word) and word != "percent":
            break  # the head noun: "34 people overnight" counts people
    verb = None
    rest = [w.lower() for w in words[index:]]
    while rest and rest[0] in AUX_BEFORE_PARTICIPLE | {"not", "also", "reportedly"}:
        rest = rest[1:]
    if rest and rest[0] in lexicon.figure_verbs:
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
                return rest[0]
            return None
    if verb is None:
        verb = _figure_verb_before(folded, position, lexicon)
    subject = " ".join(noun)
    if verb:
        subject = f"{subject} {verb}".strip()
    return subject or None


def _figure_verb_before(folded: str, position: int, lexicon: Lexicon) -> str | None:
    text = re.sub(r"\d[\d,.]*", " ", folded[:position].lower())
    before = re.findall(r"[A-Za-z'\-]+|[,;:]", text)[-6:]
    for word in reversed(before):
        if word in (",", ";", ":"):
            return None
        if word in lexicon.figure_verbs:
            return word
    return None


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
    r"(?:of|at|to|stood at|was|is|(?:had\s+|has\s+)?(?:rose|risen|climbed|increased|reached|hit)(?:\s+to)?)\s*$"
)
PUT_AT = re.compile(r"\bput\s+(?:the\s+|its\s+|their\s+)?((?:[a-z'-]+\s+){0,2}?[a-z'-]+)\s+at\s*$")
NUMBERED = re.compile(r"\b([a-z]+)\s+(?:numbered|totalled|totaled)\s*$")


def _subject_before(folded: str, start: int) -> str | None:
    """'put the death toll at 27' -> 'death toll'; 'put the number of destroyed
    homes at 450' -> 'destroyed homes'; 'a population of about 30,000' ->
    'population'; 'the gunmen numbered about 20' -> 'gunmen'."""
    base = max(0, start - 100)
    before = folded[base:start].lower()
    qualifier, qualifier_start = _qualifier_before(folded, start)
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
    match = COUNT_NOUN.search(before)
    if match:
        return " ".join(match.group(1).split())
    put_at = PUT_AT.search(before)
    if put_at:
        return put_at.group(1)  # "police put the crowd at 5,000"
    numbered = NUMBERED.search(before)
    return numbered.group(1) if numbered else None
