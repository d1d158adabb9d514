"""Time adverbials before a speaker: "Hours later the rebel command said",
"Later that day the ministry said", "By nightfall the governor's office
said", "On Monday night the army said". They say when, never who, so they
are no part of the speaker's name.

A run of words is a time phrase only when it is built like one: it opens
with a preposition or an adverb ("On Monday", "By nightfall", "Earlier on
Sunday", "Overnight"), a pointing word ("That evening", "Last week", "The
next morning") or a length of time with "later", "earlier" or "ago" ("Hours
later", "A week later"), and it names a time (a day, a part of the day, a
unit, a month, a year or an adverb of time). So "The Morning Star", "Sunday
Times" and "Dawn" stay names: a time word alone, or after a bare "the",
opens no time phrase.
"""

import re

from .figure_words import NUMBER_WORDS

WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}  # fmt: skip
PARTS_OF_DAY = {
    "morning", "afternoon", "evening", "night", "nightfall", "dawn", "daybreak", "dusk", "sunset", "sunrise",
    "midday", "noon", "midnight", "weekend",
}  # fmt: skip
UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
    "months", "year", "years", "moment", "moments", "decade", "decades", "fortnight",
}  # fmt: skip
# Adverbs that name a time by themselves.
TIME_ADVERBS = {
    "yesterday", "today", "tonight", "overnight", "meanwhile", "previously", "subsequently", "afterwards",
    "afterward", "later", "earlier", "ago", "recently",
}  # fmt: skip
# Words that say a time is relative to another: what lets "the" or a count
# open a time phrase ("The next morning", "Two days later").
RELATIONAL = {
    "next",
    "following",
    "same",
    "previous",
    "later",
    "earlier",
    "ago",
    "afterwards",
    "before",
    "after",
}
# Words that open a time phrase before the time they name.
OPENERS = {
    "on",
    "at",
    "by",
    "in",
    "during",
    "within",
    "since",
    "until",
    "around",
    "late",
    "early",
    "shortly",
    "soon",
}
POINTERS = {"last", "this", "next", "that"}
COUNTS = {"a", "an", "few", "several", "some", "many"} | set(NUMBER_WORDS)
GLUE = OPENERS | POINTERS | COUNTS | RELATIONAL | {"the", "of", "same", "following", "previous"}
NAMES_A_TIME = WEEKDAYS | MONTHS | PARTS_OF_DAY | UNITS | TIME_ADVERBS


def _bare(word: str) -> str:
    return word.lower().strip(",;:")


def _is_time_word(word: str) -> bool:
    bare = _bare(word)
    return bare in NAMES_A_TIME or bare in GLUE or bool(re.fullmatch(r"\d{1,4}(?:st|nd|rd|th)?", bare))


def _names_a_time(words: list[str], index: int) -> bool:
    """Whether words[index] names a time: "Monday", "hours", "later", a year,
    or a day's number beside a month ("March 3", "3 March")."""
    bare = _bare(words[index])
    if bare in NAMES_A_TIME or re.fullmatch(r"(?:19|20)\d\d", bare):
        return True
    beside = {_bare(word) for word in words[max(index - 1, 0) : index + 2]}
    return bool(re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", bare)) and bool(beside & MONTHS)


def leading_time_words(words: list[str]) -> int:
    """How many of the first `words` are a time phrase (0 when they are not
    one): 2 for "Hours later the rebel command", 3 for "Later that day the
    ministry", 0 for "The Morning Star" and "Sunday Times reporters"."""
    end = 0
    while end < len(words) and _is_time_word(words[end]):
        end += 1
        if words[end - 1].endswith(","):
            break  # "Two days later, the Red Cross": the comma ends it
    while end and not _names_a_time(words, end - 1):
        end -= 1  # "Hours later the": "the" opens the speaker
    run = [_bare(word) for word in words[:end]]
    if not run or end == len(words):
        return 0
    after = words[end]
    closed = words[end - 1].endswith(",") or after[:1].islower()
    first = run[0]
    if first in OPENERS or first in TIME_ADVERBS or first in POINTERS:
        opens = True
    elif first == "the" or first in COUNTS or first in UNITS or first.isdigit():
        opens = any(word in RELATIONAL for word in run[1:])  # "The next morning", "Hours later"
    elif first in WEEKDAYS or first in MONTHS:
        opens = closed  # "Monday, the ministry said", never "Sunday Times"
    else:
        opens = False  # "Dawn newspaper", "The Morning Star"
    return end if opens and any(_names_a_time(words, index) for index in range(end)) else 0


# Words that can open a time phrase written after the speaker ("The ministry
# on Monday said", "The army late on Tuesday said", "Police earlier this week
# said", "The agency yesterday said").
TRAILING_OPENERS = OPENERS | POINTERS | TIME_ADVERBS


def _opens_a_trailing_time(run: list[str]) -> bool:
    """ "on Monday", "late on Tuesday", "overnight"; "the same day", "two
    days later" (a relative time: "the" or a length needs "same", "next",
    "later" ... after it)."""
    first = _bare(run[0])
    if first in TRAILING_OPENERS:
        return True
    relative = first == "the" or first in COUNTS or first in UNITS or first.isdigit()
    return relative and any(_bare(word) in RELATIONAL for word in run[1:])


def trailing_time_start(words: list[str]) -> int:
    """Where a time phrase closing the speaker's words begins (len(words)
    when there is none): 2 for "The ministry on Monday", 2 for "The army late
    on Tuesday", 1 for "Police overnight", 3 for "the rebel command the same
    day". The phrase must run to the end, be built only of time words and
    name a time, and is never the whole phrase."""
    for start in range(1, len(words)):
        run = words[start:]
        if not _opens_a_trailing_time(run) or not all(_is_time_word(word) for word in run):
            continue
        if any(_names_a_time(words, index) for index in range(start, len(words))):
            return start
    return len(words)
