"""The words a figure is read with: number words, vague amounts, qualifiers,
units of time, and the words that end the noun a number counts."""

import re

from .lexicon import term_pattern

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


# "no more than" must win over "more than", "just under" over "under".
QUALIFIERS_LONGEST_FIRST = sorted(QUALIFIER_PHRASES, key=lambda item: -len(item[0]))


def qualifier_before(folded: str, start: int) -> tuple[str | None, int | None]:
    # Only the last few words matter; looking at a short window keeps long
    # sentences cheap.
    base = max(0, start - 40)
    before = (" " if base else "") + folded[base:start].lower()
    offset = base - (1 if base else 0)
    for phrase, qualifier in QUALIFIERS_LONGEST_FIRST:
        if phrase in before and term_pattern(r"(?:^|\W)", phrase, r"\s+$").search(before):
            if phrase == "up to" and REVISED_UP.search(before[: len(before.rstrip()) - len(phrase)]):
                return None, None  # "revised its count up to 41": a direction, not "at most"
            return qualifier, offset + len(before.rstrip()) - len(phrase)
    return None, None


# A count revised upwards: the "up to" after it is not a ceiling.
REVISED_UP = re.compile(
    r"\b(?:raised|revised|pushed|moved|adjusted|updated)\s+(?:(?:its|the|their|his|her)\s+"
    r"(?:[a-z\-]+\s+){0,2}?(?:toll|tally|count|figure|estimate|number|total)\s*)?,?\s*(?:again\s*,?\s*)?$"
)
