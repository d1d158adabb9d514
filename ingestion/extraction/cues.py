"""Reporting cues ("said", "put the toll at", "according to") and the speaker of each."""

import functools
import re
from dataclasses import dataclass

from .joint import AMBIGUOUS, left_conjunct, listed_before, read_conjunction
from .lexicon import Lexicon, term_pattern
from .sentences import is_table_row
from .speakers import GROUP_HEADS, ORGANISATION_HEADS, is_name
from .text import inside, quote_spans
from .time_phrases import leading_time_words
from .vocabulary import (
    AUXILIARIES,
    CLAUSE_WORDS,
    DETERMINERS,
    NEGATIONS,
    PASSIVE_AUXILIARIES,
    PERSON_TITLES,
    TITLES,
)


@dataclass
class Cue:
    start: int
    end: int
    verb: str
    speaker: str | None  # None: not said here, inherit from the cue before
    inherited: bool = False
    relay: str = ""
    negated: bool = False
    speaker_start: int | None = None  # where a speaker named before the verb begins
    description: str = ""  # "a teacher who fled": helps guess a new source's kind
    passive_agent: bool = False  # "14 deaths reported by X": X stated the figure just before
    joint: tuple[str, ...] = ()  # "Russia and Syria said": each speaker of a joint statement
    # "The Ministry of Defence and Iraq said": one name or two actors, the
    # words cannot tell; credited to nobody unless a source has that name.
    ambiguous: bool = False
    # "the ministry's figure of 45": the possessor owns that figure but does
    # not speak in the sentence, so "..., saying" does not go on with it.
    owns_figure_only: bool = False


# The words after a verb up to punctuation, where a full stop ending an
# abbreviation ("Dr.", "Lt. Col.", "U.N.") does not end the phrase.
PHRASE_AFTER = re.compile(
    r"\s*((?:\b(?:Dr|Mr|Ms|Mrs|Lt|Col|Gen|Sgt|Capt|Maj|Prof|Rev|St|Jr|Sr)\.|\b[A-Z]\.|[^,.;:!?\"])+)"
)


def noun_phrase_after(folded: str, position: int) -> str:
    match = PHRASE_AFTER.match(folded, position)
    if not match:
        return ""
    phrase = match.group(1)
    phrase = re.split(r"\s+(?:that|as|who|on|in|by|after|about|to|with)\s+", phrase)[0]
    return phrase.strip()


def find_cues(folded: str, lower: str, lexicon: Lexicon) -> list[Cue]:
    quotes = quote_spans(folded)
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for verb in lexicon.reporting_verbs:
        if cue_anchor_text(verb) not in lower:
            continue
        for match in cue_pattern(verb).finditer(lower):
            if inside(match.start(), quotes) or any(s <= match.start() < e for s, e in taken):
                continue
            if lower[max(0, match.start() - 3) : match.start()] == "so-":
                continue
            if is_name_part(folded, match.start()):
                continue  # "Governor Tomas Said told reporters": a surname, not the verb
            taken.append((match.start(), match.end()))
            cues.append(Cue(match.start(), match.end(), verb, None))
    cues += _toll_revisions(lower, quotes, taken)
    cues.sort(key=lambda cue: cue.start)
    for cue in cues:
        _speaker_for_cue(cue, folded, lexicon)
    cues += _data_showed(folded, quotes, taken)
    cues += _statements_by(folded, quotes, taken)
    cues += _figures_given_by(folded, quotes, taken)
    cues += _figures_given_before(folded, quotes, taken)
    cues += _figures_of(folded, quotes, taken, lexicon)
    cues += _bracketed_sources(folded, quotes, taken)
    cues.sort(key=lambda cue: cue.start)
    return [cue for cue in cues if not cue.negated]


# "The ministry raised its toll to 30", "the governor lowered the death
# toll from 31 to 19": whoever revises a count states the new figure.
TOLL_REVISION = re.compile(
    r"(?<![\w\-'])(?:raised|revised|lowered|updated|corrected|increased|reduced)\s+(?:its|the|their|his|her)\s+"
    r"(?:[a-z\-]+\s+){0,2}?(?:toll|tally|count|figure|estimate)(?![\w\-])"
)


# "The ministry questioned the 300 deaths recorded by the monitor",
# "challenged the toll": a stance taken on a count, read as "disputed" is
# (agents.STANCE_VERBS); only with a count as its object ("police
# questioned 30 people" reports nothing).
STANCE = re.compile(
    r"(?<![\w\-'])(?:questioned|questions|questioning|challenged|challenges|challenging|contested|contests)"
    r"(?=\s+(?:the|a|an|its|their|his|her|[\w\-]+'s|[\w\-]+s')\s+[^,;.:]{0,40}?"
    r"(?:\b(?:toll|tolls|figure|figures|count|tally|estimate|estimates|number|numbers|statistics|claim|claims)\b"
    r"|\d[\d,]*\s+(?:[a-z\-]+\s+)?(?:deaths|dead|fatalities|casualties|victims|killed|injured|wounded|cases)\b))"
)
# "with the health ministry putting the toll at 450": the lexicon's "put
# the * at" in the form an absolute clause uses.
PUTTING_AT = re.compile(
    r"(?<![\w\-'])putting\s+(?:the|its|their)\s+(?:[a-z\-]+\s+){0,3}?[a-z\-]+\s+at(?![\w\-])"
    # "while the Red Cross put it at 60": "it" is the figure just named.
    r"|(?<![\w\-'])(?:put|puts|putting)\s+(?:it|them)\s+at(?=\s+(?:about\s+|some\s+|around\s+|nearly\s+|at\s+least\s+)?\d)"
    # "the rebels put their losses at 20", "the office put its toll at 31":
    # the lexicon's "put the * at" with a possessive, before a number.
    r"|(?<![\w\-'])(?:put|puts)\s+(?:its|their|his|her)\s+(?:[a-z\-]+\s+){0,2}?[a-z\-]+\s+at"
    r"(?=\s+(?:about\s+|some\s+|around\s+|nearly\s+|at\s+least\s+|more\s+than\s+)?\d)"
    # "The governor puts the death toll at 41", "put the number of people
    # in its shelters at 2,000": the lexicon's "put the * at" in the
    # present, or naming more than the four words its "*" stands for
    # (so the lexicon still decides the shorter past form), before a number.
    r"|(?<![\w\-'])(?:puts\s+the\s+(?:[a-z\-]+\s+){0,5}?|put\s+the\s+(?:[a-z\-]+\s+){4,5}?)[a-z\-]+\s+at"
    r"(?=\s+(?:about\s+|some\s+|around\s+|nearly\s+|at\s+least\s+|more\s+than\s+|over\s+)?\d)"
)
# "The Syrian Observatory counted 54 dead", "local doctors counted 45
# bodies", "The UN counts 40 dead": whoever counted states the count.
COUNTED = re.compile(
    r"(?<![\w\-'])(?:counted|tallied|counts|tallies)"
    r"(?=\s+(?:at\s+least\s+|about\s+|some\s+|more\s+than\s+|nearly\s+|over\s+)?\d)"
)


def _toll_revisions(lower: str, quotes, taken: list[tuple[int, int]]) -> list[Cue]:
    cues = []
    reported_before = min((s for s, _ in taken), default=len(lower))
    # "..., quoting inspectors who had counted 4 cracked beams": a relative
    # clause names its counter, wherever it stands.
    counted = [
        m
        for m in COUNTED.finditer(lower)
        if m.start() < reported_before
        or re.search(r"\bwho\s+(?:had\s+|have\s+|has\s+)?$", lower[: m.start()])
    ]
    # "Dorn said the board had counted fewer than 80 percent": a count
    # someone else reports is their claim about it, not the counter's.
    stances = list(STANCE.finditer(lower))
    for match in [*TOLL_REVISION.finditer(lower), *PUTTING_AT.finditer(lower), *counted, *stances]:
        if inside(match.start(), quotes) or any(s <= match.start() < e for s, e in taken):
            continue
        taken.append((match.start(), match.end()))
        cues.append(Cue(match.start(), match.end(), match.group(0).split()[0], None))
    return cues


# "an earlier statement by the mayor that 10 people were detained": what
# follows "that" is the mayor's, not the main speaker's.
STATEMENT_BY = re.compile(
    r"\b(?:statement|claim|announcement|assertion|estimate|remarks|report|comments)"
    r"\s+(?:[a-z]+\s+){0,2}?by\s+((?:the\s+|its\s+|a\s+)?[A-Za-z][\w'\-]*(?:\s+[A-Za-z][\w'\-]*){0,4}?)"
    # "a report by Amnesty International found that": the verb is no part of the name.
    r"(?:\s+(?:found|finds|showed|shows|concluded|concludes|said|says|estimated|revealed|reveals))?"
    r"\s+that\b"
)
# "Data from the health ministry showed 412 cases", "a survey by the
# Delmar Institute found 40 percent ...": whoever made the data states it.
DATA_SHOWED = re.compile(
    r"(?i)\b(?:data|figures|statistics|numbers|records|an?\s+(?:new\s+)?(?:report|study|survey|analysis|review|census)"
    r"|the\s+(?:latest\s+|new\s+)?(?:report|study|survey|analysis|census))"
    r"\s+(?:(?:released|published|compiled|issued|collected|gathered|conducted)\s+)?(?:from|by)\s+"
    r"(?P<speaker>(?:the\s+)?[A-Za-z][\w'\-.]*(?:\s+[A-Za-z][\w'\-.]*){0,5}?)\s+"
    r"(?P<verb>show|shows|showed|found|finds|indicate|indicates|indicated|suggest|suggests|suggested|revealed|reveals)\b"
)


def _data_showed(folded: str, quotes, taken: list[tuple[int, int]]) -> list[Cue]:
    cues = []
    for match in DATA_SHOWED.finditer(folded):
        if inside(match.start(), quotes) or any(s <= match.start("verb") < e for s, e in taken):
            continue
        taken.append((match.start(), match.end()))
        cue = Cue(match.start("verb"), match.end("verb"), match.group("verb").lower(), match.group("speaker"))
        cue.speaker_start = match.start("speaker")
        cues.append(cue)
    return cues


def _statements_by(folded: str, quotes, taken: list[tuple[int, int]]) -> list[Cue]:
    cues = []
    for match in STATEMENT_BY.finditer(folded):
        if inside(match.start(), quotes) or any(s <= match.start() < e for s, e in taken):
            continue
        cues.append(Cue(match.start(), match.end(), "said", match.group(1), speaker_start=match.start(1)))
    return cues


# "12 people (the ministry's figure) were hurt", "(figures from the Red
# Cross)", "(source: health ministry)": a bracket naming whose number the
# one before it is (binding.py gives it that number and nothing else).
_ACTOR = r"(?:the\s+)?[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,4}?"
BRACKETED_SOURCE = re.compile(
    rf"\((?:(?:the|an?)\s+)?(?:(?P<owner>{_ACTOR})(?:'s|(?<=s)')\s+"
    r"(?:(?:own|official|latest|new|revised|initial|first)\s+)?(?:death\s+)?"
    r"(?:figures?|count|tally|estimate|toll|numbers?)"
    rf"|(?:figures?|data|numbers|count|estimate|toll)\s+(?:from|by|of)\s+(?P<maker>{_ACTOR})"
    rf"|sources?:\s*(?P<named>{_ACTOR}))\)"
)


# In a table row, a bare name in brackets right after a number is whose
# number it is: "Deaths: 40 (UN); 55 (ministry)". Only a capitalised name or
# a word for a body or a group ("(children)" names nobody).
BARE_BRACKETED_SOURCE = re.compile(
    r"(?<=\d)(?:\s+[a-z]+){0,2}\s*\((?P<named>[A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){0,3}|[a-z]+(?:\s+[a-z]+)?)\)"
)


def _bracketed_sources(folded: str, quotes, taken: list[tuple[int, int]]) -> list[Cue]:
    cues = []
    bare = BARE_BRACKETED_SOURCE.finditer(folded) if is_table_row(folded) else ()
    for match in [*BRACKETED_SOURCE.finditer(folded), *bare]:
        if match.re is BARE_BRACKETED_SOURCE and match.group("named").islower():
            if match.group("named").split()[-1] not in ORGANISATION_HEADS | GROUP_HEADS:
                continue
        if inside(match.start(), quotes) or any(s <= match.start() < e for s, e in taken):
            continue
        group = next(name for name in ("owner", "maker", "named") if match.groupdict().get(name))
        taken.append((match.start(), match.end()))
        start = match.start(group)
        cues.append(Cue(start, match.end(), "said", match.group(group), speaker_start=start))
    return cues


# "the ministry's figure of 45 dead", "Estavia's own toll of 30": the figure
# is the possessor's, whoever speaks in the rest of the sentence.
FIGURE_OF = re.compile(
    r"(?:'s|(?<=s)')\s+(?:(?:own|latest|earlier|official|initial|revised|new|first|previous)\s+)?"
    r"(?:(?:death\s+)?(?:figure|toll|count|tally|estimate|number)\s+of\s+(?=(?:about\s+|some\s+|around\s+|at\s+least\s+)?\d)"
    # "(the ministry's figure was 20)", "the monitor's toll stood at 31".
    r"|(?:death\s+)?(?:figure|toll|count|tally|estimate)\s+(?:was|is|stood\s+at|stands\s+at)\s+"
    r"(?=(?:about\s+|some\s+|around\s+|at\s+least\s+|more\s+than\s+|nearly\s+)?\d)"
    # "repeated the army's claim that 80 fighters had surrendered": what the
    # claim says is the army's, whoever repeats or rejects it.
    r"|(?:claim|assertion|allegation|contention|estimate|account|report|statement|announcement)\s+that\s+"
    r"(?=[^,;.\d]*\d))"
)
PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
# Words a possessor's name does not run back over: "disputed by the ministry's".
_POSSESSOR_STOPS = frozenset(
    {"by", "of", "to", "in", "on", "at", "from", "with", "and", "or", "than", "over"}
)


def _figures_of(folded: str, quotes, taken: list[tuple[int, int]], lexicon: Lexicon) -> list[Cue]:
    cues = []
    for match in FIGURE_OF.finditer(folded):
        if inside(match.start(), quotes) or any(s <= match.start() < e for s, e in taken):
            continue
        words = list(re.finditer(r"[\w\-]+", folded[: match.start()]))[-4:]
        kept = []
        for word in reversed(words):
            bare = word.group(0).lower()
            gap = folded[word.end() : kept[0].start() if kept else match.start()]
            if (
                gap.strip()
                or bare in _POSSESSOR_STOPS
                or bare in CLAUSE_WORDS
                or bare in lexicon.reporting_verbs
            ):
                break
            kept.insert(0, word)
            if bare in DETERMINERS:
                break
        if not kept or all(word.group(0).lower() in DETERMINERS for word in kept):
            continue
        start = kept[0].start()
        cues.append(
            Cue(
                start,
                match.end(),
                "said",
                folded[start : match.start()],
                speaker_start=start,
                owns_figure_only=True,
                relay=_passed_on_by(folded[:start]),
            )
        )
    return cues


# "The minister repeated the army's claim that 80 fighters had surrendered",
# "echoed the monitor's figure of 45": the claim is the army's, and the
# minister passed it on (its relay).
# "Citing" is left out: what a speaker cites is where its own words come
# from (docs/extraction.md, "Relayed by").
PASSED_ON = re.compile(
    r"(?:^|[,;:(]\s*|\b(?:and|but|while|as|after)\s+)"
    r"(?P<subject>(?:[Tt]he\s+|[Aa]n?\s+)?[A-Z][\w'\-.]*(?:\s+[A-Za-z][\w'\-.]*){0,5}?"
    r"|(?:the|a|an)\s+[a-z][\w'\-]*(?:\s+[A-Za-z][\w'\-.]*){0,4}?)"
    r"\s+(?:also\s+|again\s+|later\s+|publicly\s+)?"
    r"(?:repeated|repeats|echoed|echoes|cited|cites|relayed|relays|reiterated|reiterates|amplified|"
    r"amplifies|circulated|circulates|shared|shares|passed\s+on|passes\s+on)\s+$"
)


def _passed_on_by(before: str) -> str:
    """Who passed the claim on, from the words before its possessor; "" for
    a pronoun ("he repeated"), whose person this sentence does not name."""
    match = PASSED_ON.search(before)
    if not match:
        return ""
    subject = match.group("subject").strip()
    if subject.lower() in PRONOUN_SUBJECTS:
        return ""
    return subject


@functools.lru_cache(maxsize=1024)
def cue_anchor_text(verb: str) -> str:
    """The longest literal part of a cue, checked with `in` before any regex
    runs (a cheap filter: most sentences have most cues nowhere)."""
    return max(verb.split("*"), key=len).strip()


def cue_pattern(verb: str):
    """A lexicon cue as a pattern. `*` in a term stands for one to four
    words, so "put the * at" covers "put the number at", "put the figure at"
    and "put the number of destroyed homes at"."""
    if "*" not in verb:
        return term_pattern(r"(?<![\w\-'])", verb, r"(?![\w\-])")
    return _wildcard_pattern(verb)


@functools.lru_cache(maxsize=256)
def _wildcard_pattern(verb: str) -> re.Pattern:
    parts = [re.escape(part.strip()) for part in verb.split("*")]
    return re.compile(r"(?<![\w\-'])" + r"\s+(?:[\w'\-]+\s+){0,3}[\w'\-]+\s+".join(parts) + r"(?![\w\-])")


def is_name_part(folded: str, position: int) -> bool:
    """A reporting verb written with a capital inside a sentence is part of a
    name (the surname Said): news copy writes the verb in lower case."""
    if not folded[position].isupper():
        return False
    if position == 0:
        # "Said told AFP ...", "Said, a local official, said ...": a surname
        # opening the sentence, followed by its own verb or an apposition.
        rest = re.match(r"[A-Za-z]+(\s*,|\s+(?:told|said|says|added|tells|was|had|has)\b)", folded)
        return rest is not None
    before = folded[:position].rstrip()
    return bool(before) and before[-1] not in "\"'(:"


def kept_follows_adjective(words: list[str], index: int) -> bool:
    """Whether the "with" at `index` belongs to the speaker's description
    ("familiar with", "close to"), not to the clause ("with Russia claiming")."""
    return index > 0 and words[index - 1].lower() in {"familiar", "involved", "close", "associated", "along"}


def _speaker_for_cue(cue, folded: str, lexicon) -> None:
    prefix = _inside_parenthesis(folded[: cue.start])
    if _quoted_as_saying(cue, folded, prefix):
        return
    if _subject_before_dash_aside(cue, prefix, lexicon):
        return
    parts = CLAUSE_COMMA.split(prefix)
    last_words = parts[-1].split()
    previous_word = last_words[-1].lower().strip("'\"") if last_words else ""
    if _not_a_report(cue, previous_word, folded):
        return
    _speaker_in_clause(cue, folded, prefix, parts, lexicon)
    if cue.speaker and NOBODY.match(cue.speaker):
        # "Neither the army nor the rebels confirmed reports that 33 died":
        # nobody stated the 33.
        cue.negated = True
        return
    # "told Reuters that ...": Reuters passed it on. "told parliament that
    # ...": parliament heard it, and passes nothing on.
    if cue.verb == "told":
        listener = noun_phrase_after(folded, cue.end)
        # "told AFP 18 people died": the name, not what follows it.
        named = re.match(r"(?:(?:the|a|an)\s+)?[A-Z][\w.'\-]*(?:\s+(?:of\s+)?[A-Z][\w.'\-]*)*", listener)
        listener = named.group(0) if named else re.split(r"\s+(?=\d)", listener)[0]
        cue.relay = listener if passes_it_on(listener) else ""


def _inside_parenthesis(prefix: str) -> str:
    """ "12 people died (police said)": a parenthesis still open before the
    cue starts its clause, so its speaker is "police", never the words
    before the bracket; the bracket becomes a clause mark (same length, so
    offsets hold). "Islamic State (IS) said" is closed and left alone."""
    opened = prefix.rfind("(")
    if opened < 0 or opened < prefix.rfind(")") or not prefix[opened + 1 :].strip():
        return prefix  # "20 dead (estimated)": no subject in the bracket, nobody named
    return f"{prefix[:opened]};{prefix[opened + 1 :]}"


# "The Southern Legion \u2014 which the government calls a terrorist group, a
# label the Legion rejects \u2014 said": an aside set off by dashes right before
# the verb describes the subject; its commas and names are not the speaker.
DASH_ASIDE_BEFORE_VERB = re.compile(
    r"\s(?:[\u2014\u2013]|--)\s[^\u2014\u2013\"]+?\s(?:[\u2014\u2013]|--)\s*$"
)


def _subject_before_dash_aside(cue, prefix: str, lexicon) -> bool:
    """Credit the subject before a dash aside that ends just before the verb."""
    aside = DASH_ASIDE_BEFORE_VERB.search(prefix)
    if aside is None:
        return False
    before = prefix[: aside.start()]
    kept = _walk_back(CLAUSE_COMMA.split(before)[-1].split(), lexicon)
    phrase = " ".join(kept).strip(' "')
    if not phrase or phrase.lower() in AUXILIARIES:
        return False
    cue.speaker = phrase
    cue.speaker_start = aside.start() - len(" ".join(kept))
    return True


# Adjectives that make the reporting word after them a noun.
NOUN_ADJECTIVES = frozenset(
    {
        "initial",
        "earlier",
        "previous",
        "prior",
        "latest",
        "own",
        "official",
        "revised",
        "preliminary",
        "final",
    }
)

# Cue words that are nouns as well as verbs ("its latest estimate", "the
# official claims"): only these become nouns after NOUN_ADJECTIVES.
NOUN_CUES = frozenset({"estimate", "estimates", "claims", "claim", "report", "reports", "warning", "framing"})

# A speaker phrase that names nobody: "neither ... nor", "no official".
NOBODY = re.compile(r"(?i)\s*(?:neither|nobody|no one|none)\b|\s*no\s+(?!\d)[a-z]")

# Listeners who hear a statement but do not publish it.
AUDIENCES = frozenset(
    """
    parliament congress senate assembly council committee court tribunal conference summit meeting
    rally crowd crowds supporters troops soldiers lawmakers deputies delegates ministers cabinet
    diplomats envoys residents families mourners students guests members audience hearing session
    """.split()
)
# Words that make a listener a publisher: it relays what it was told.
MEDIA_WORDS = frozenset(
    """
    news agency agencies television tv radio newspaper newspapers paper daily channel broadcaster
    press magazine website outlet journalists journalist reporter correspondent wire media
    """.split()
)


def passes_it_on(listener: str) -> bool:
    """Whether the one told ("Reuters", "state television", "a journalist")
    publishes what it heard, so it relays the claim; an audience such as
    "parliament" or "the conference" does not. A capitalised name that is no
    audience counts as an outlet ("told Reuters", "told the BBC")."""
    words = [word.strip(".,'\u2019").lower() for word in listener.split()]
    if not words or any(word in AUDIENCES for word in words):
        return False
    if any(word in MEDIA_WORDS for word in words):
        return True
    name_words = [word for word in listener.split() if word.lower() not in {"the", "a", "an"}]
    return bool(name_words) and all(word[:1].isupper() for word in name_words)


# A comma or semicolon between words, not the comma inside "5,000".
# A spaced dash ends a clause too: "The army said 12 died — the monitors
# said 200" is the monitors' 200, never "12 soldiers died — the monitors".
CLAUSE_COMMA = re.compile(r"(?<!\d),|,(?!\d)|;|:(?!\d)|\s(?:[\u2014\u2013]|--)\s")


def _quoted_as_saying(cue: Cue, folded: str, prefix: str) -> bool:
    """ "State news agency KNA quoted the interior minister as saying ...";
    "the minister was quoted by state media as saying ..."."""
    if cue.verb != "quoted":
        return False
    passive = re.search(r"(?:^|[,;:]\s*)([^,;:]*?)\s+(?:was|were|has\s+been|had\s+been)\s*$", prefix)
    quoted = re.match(r"(?:\s+by\s+([^,;]+?))?\s+as\s+(saying|telling|stating)\b", folded[cue.end :])
    if passive and quoted:
        cue.speaker = passive.group(1).strip()
        cue.speaker_start = passive.start(1)
        cue.relay = quoted.group(1) or ""
        cue.verb = "said"
        return True
    match = re.match(r"\s*(.+?)\s+as\s+(saying|telling|stating)\b", folded[cue.end :])
    if not match:
        return False
    cue.speaker = match.group(1)
    cue.relay = prefix.split(",")[-1]
    cue.verb = match.group(2) if match.group(2) != "saying" else "said"
    return True


# Words after which "reported by X" is a reduced passive: "14 deaths
# reported by", "a figure given by".
REDUCED_PASSIVE_BEFORE = {
    "deaths",
    "dead",
    "cases",
    "casualties",
    "figure",
    "figures",
    "toll",
    "number",
    "count",
}


# A number and the few words it counts, ending where a reduced passive's
# participle follows: "the 25 arrests", "a figure of 60 missing", "the 2
# million dollars", "the 40 tonnes of acid" (no verb or clause word between).
FIGURE_NOUN_PHRASE = re.compile(r"(?<![\w.,])\d[\d,.]*(?P<rest>(?:\s+[a-z][\w'\-]*){0,3})\s*$")


def figure_just_before(prefix: str) -> bool:
    """Whether the words before a participle are a figure's noun phrase, so
    "<participle> by X" says whose figure it is ("the 25 arrests announced
    by police", "the 40 tonnes of acid reported by local media")."""
    match = FIGURE_NOUN_PHRASE.search(prefix)
    if match is None:
        return False
    words = match.group("rest").split()
    return not any(
        word in CLAUSE_WORDS or word in AUXILIARIES or word in PASSIVE_AUXILIARIES or word in NEGATIONS
        for word in words
    )


# Participles that are no reporting verb but, after a figure and before
# "by", say whose it is: "a figure of 60 put forward by the cooperative",
# "the 2 million dollars cited by prosecutors". They make the same
# backward cue as "14 deaths reported by the Red Cross" (`passive_agent`).
GIVEN_BY = re.compile(
    r"(?<![\w\-'])(?:put\s+forward|given|cited|released|published|issued|provided|presented|offered|"
    r"circulated|compiled|floated|advanced|supplied|quoted|announced|reported|claimed|estimated|counted|"
    r"recorded|documented|stated|mentioned|tallied)\s+by\s+(?P<agent>[^,.;:!?\"]+)"
)


# "not the 15 injuries the school listed", "the 20 figure the mayor's office
# released": a figure, then whoever gave it with a verb no lexicon holds
# (a lexicon verb is read by OBJECT_RELATIVE).
GIVEN_BEFORE = re.compile(
    r"\b(?:the|those)\s+\d[\d,.]*(?:\s+[a-z][\w\-]*){0,3}?\s+(?:that\s+)?"
    r"(?P<agent>(?:(?:the|its|their|his|her)\s+[\w'\-]+(?:\s+[\w'\-]+){0,2}?)|[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,2})"
    r"\s+(?:had\s+|has\s+|have\s+)?(?P<verb>listed|gave|gives|released|published|cited|put\s+forward|issued|"
    r"provided|compiled|circulated|floated|offered|presented|tallied|mentioned|quoted|posted)\b"
)


def _figures_given_before(folded: str, quotes, taken: list[tuple[int, int]]) -> list[Cue]:
    cues = []
    for match in GIVEN_BEFORE.finditer(folded):
        if inside(match.start("verb"), quotes) or any(s <= match.start("verb") < e for s, e in taken):
            continue
        # The cue stands where its agent begins: only the counted words lie
        # between the figure and it (binding._reported_by).
        cue = Cue(match.start("agent"), match.end("verb"), match.group("verb"), match.group("agent"))
        cue.passive_agent = True
        cues.append(cue)
    return cues


def _figures_given_by(folded: str, quotes, taken: list[tuple[int, int]]) -> list[Cue]:
    cues = []
    for match in GIVEN_BY.finditer(folded):
        if inside(match.start(), quotes) or any(s <= match.start() < e for s, e in taken):
            continue  # a lexicon verb: read by _not_a_report
        if not figure_just_before(folded[: match.start()]):
            continue
        verb = match.group(0)[: match.start("agent") - match.start()].split(" by")[0].strip()
        cue = Cue(match.start(), match.start() + len(verb), verb, _agent(match.group("agent")))
        cue.passive_agent = True
        cues.append(cue)
    return cues


def _agent(phrase: str) -> str:
    # "the 30 deaths reported by medics were caused by shelling": the agent
    # ends where the sentence's own verb begins.
    return re.split(
        r"\s+(?:that|as|on|in|after|about|to|with|at|during|were|was|had|has|have|is|are|would|will|could)\s+",
        phrase,
    )[0]


def _not_a_report(cue: Cue, previous_word: str, folded: str) -> bool:
    """Negations, adjectives and agentless passives are not reports; a
    passive with "by" names its speaker after it."""
    if previous_word in NEGATIONS | {"didn't", "hasn't", "haven't"}:
        cue.negated = True
        return True
    if previous_word in DETERMINERS or (previous_word in NOUN_ADJECTIVES and cue.verb in NOUN_CUES):
        # An adjective or a noun, not a report: "the disputed border", "its
        # initial estimate of 25". "A Hezbollah official told AFP", "the
        # army earlier said": a verb no adjective makes a noun.
        cue.negated = True
        return True
    if previous_word.endswith(("'s", "s'", "\u2019s", "s\u2019")) and not folded[cue.start].isupper():
        cue.negated = True  # a noun, not a report: "the charity's estimate", "the rebels' claims"
        return True
    by_agent = re.match(r"\s+by\s+([^,.;:!?\"]+)", folded[cue.end :])
    if by_agent and (
        previous_word[:1].isdigit()
        or previous_word in REDUCED_PASSIVE_BEFORE
        or figure_just_before(folded[: cue.start])
    ):
        # "up from 14 deaths reported by the Red Cross": a reduced passive;
        # the agent speaks, about the figure just before.
        cue.speaker = _agent(by_agent.group(1))
        cue.passive_agent = True
        return True
    if previous_word in PASSIVE_AUXILIARIES:
        # "was confirmed by the ministry" names its speaker after "by";
        # "has been disputed since 1994" names none.
        if by_agent:
            cue.speaker = _agent(by_agent.group(1))
        else:
            cue.negated = True
        return True
    return False


# "The court heard (that) X said": what a hearing heard is X's words.
HEARING_BODIES = frozenset(
    {
        "court",
        "jury",
        "tribunal",
        "inquiry",
        "inquest",
        "hearing",
        "panel",
        "committee",
        "magistrates",
        "judge",
    }
)


def _walk_back(last_words: list[str], lexicon: Lexicon) -> list[str]:
    """The words from the verb back to the start of its clause."""
    kept: list[str] = []
    for word in reversed(last_words):
        bare = word.lower().strip("\"'")
        if bare == "also" and all(kept_word.lower() in AUXILIARIES for kept_word in kept):
            # "The Observatory also said": an adverb before the verb, not the
            # start of a clause; the subject is before it.
            kept.insert(0, word)
            continue
        if bare == "with" and kept_follows_adjective(last_words, len(last_words) - len(kept) - 1):
            kept.insert(0, word)  # "sources familiar with the talks"
            continue
        if bare == "heard" and len(last_words) > len(kept) + 1 and kept:
            before = last_words[len(last_words) - len(kept) - 2].lower().strip(",")
            if before in HEARING_BODIES:
                break  # "The court heard the defendant had told police": the defendant
        if (
            bare in CLAUSE_WORDS
            or word.endswith('"')
            or word.startswith('"')
            or (bare in lexicon.reporting_verbs and not word[:1].isupper())
        ):
            break
        kept.insert(0, word)
    return kept


# What introduces a speaker inside a clause, not part of its name.
ATTRIBUTION_LEAD = re.compile(r"(?i)^\s*(?:according\s+to|citing|quoted\s+by|reported\s+by)\s+")


def _antecedent(clause: str) -> str:
    """Who "which said" stands for: the clause's subject, the one named
    after an attribution lead, or a passive's agent ("the figure was
    confirmed by the UN, which said": the UN)."""
    clause = ATTRIBUTION_LEAD.sub("", clause)
    agent = re.search(r"(?i)\b(?:was|were|been|is|are|be)\s+[a-z]+\s+by\s+(.+)$", clause)
    if agent:
        return agent.group(1)
    # "The RSF blamed the army, which said ...": the object just before the
    # comma, not the whole clause.
    objects = list(re.finditer(r"(?:(?<=[a-z]ed\s)|(?<=[a-z]ing\s))(?:the|a|an|its|their)\s+[^,;]+$", clause))
    return objects[-1].group(0) if objects else clause


def _speaker_in_clause(cue: Cue, folded: str, prefix: str, parts: list[str], lexicon: Lexicon) -> None:
    last = parts[-1]
    last_words = last.split()
    walked = _walk_back(last_words, lexicon)
    stopped_at = last_words[-len(walked) - 1].lower() if len(walked) < len(last_words) else ""
    # "Hours later the rebel command said": when, not who. "Later that day
    # the ministry said": the "that" the walk stopped at is part of it.
    opening = leading_time_words(last_words)
    if opening > len(last_words) - len(walked):
        walked, stopped_at = last_words[opening:], ""
    kept = walked[leading_time_words(walked) :]
    phrase = " ".join(_without_floating_quantifier(kept)).strip(' "')
    # "The WHO said": an acronym in capitals is a name, not the pronoun.
    pronoun_who = bool(kept) and kept[0].lower() == "who" and not kept[0].isupper()
    relative = kept[1:] if pronoun_who else kept
    if pronoun_who:
        stopped_at = "who"  # "The mayor, who said last week ...": "who" is no name
    if stopped_at in ("which", "who") and all(w.lower() in AUXILIARIES for w in relative) and len(parts) >= 2:
        # "The main opposition bloc, which had urged a boycott": the bloc;
        # "..., according to the ministry, which said": the ministry.
        cue.speaker = _antecedent(parts[-2])
    elif phrase and phrase.lower() not in AUXILIARIES:
        cue.speaker = phrase
        cue.speaker_start = cue.start - len(" ".join(kept)) - 1
        _object_relative(cue)
        if stopped_at == "and" and not cue.passive_agent:
            _joint_speakers(cue, folded, last_words[: len(last_words) - len(walked) - 1], phrase, parts)
    elif cue.verb.endswith("ing") and not last.strip(' "'):
        cue.inherited = True  # ", acknowledging ...": the same speaker goes on
    else:
        _speaker_after_or_apposition(cue, folded, prefix, parts)


# "Turkey and Russia both said", "the agencies all said": how many spoke,
# not part of a name.
FLOATING_QUANTIFIERS = frozenset({"both", "all", "each", "jointly", "together"})


def _without_floating_quantifier(words: list[str]) -> list[str]:
    if len(words) > 1 and words[-1].lower() in FLOATING_QUANTIFIERS:
        return words[:-1]
    return words


def _joint_speakers(cue: Cue, folded: str, before_and: list[str], right: str, parts: list[str]) -> None:
    """ "Russia and Syria said", "The UN, the Red Cross and the Red Crescent
    said": every speaker of the joint statement (joint.py); "the Department
    of Health and Human Services said": one name or two, marked ambiguous."""
    left = left_conjunct(before_and)
    speakers = read_conjunction(" ".join(left), right) if left else None
    if not speakers:
        return
    joint = len(speakers) > 1 and speakers[0] != AMBIGUOUS
    listed = listed_before(parts[:-1]) if joint and len(left) == len(before_and) else []
    first = listed[0] if listed else " ".join(left)
    start = folded.rfind(first, 0, cue.start)
    if start == -1:
        return
    cue.speaker = folded[start : cue.start].strip(' "')
    cue.speaker_start = start
    if speakers[0] == AMBIGUOUS:
        cue.ambiguous = True
    elif len(speakers) > 1:
        cue.joint = tuple(listed + speakers)


# "not the 10 districts the army claimed": a counted thing, then whoever
# claimed it, with no "that" between them.
OBJECT_RELATIVE = re.compile(
    r"(?i)^(?:(?:not|but|only|unlike|like|contrary\s+to|far\s+from|beyond|despite|against|above|below|than|"
    r"besides|apart\s+from|instead\s+of|rather\s+than|compared\s+(?:with|to)|[a-z]+ing)\s+)?"
    r"(?:the|some|all|those)\s+(?:[\w,\-]+\s+){0,4}?"
    r"(?P<speaker>(?:the|its|their)\s+[\w'\-]+(?:\s+[\w'\-]+){0,3})$"
)


def _object_relative(cue: Cue) -> None:
    """The figure before the speaker is what the speaker claimed: credit it
    to them (backwards, like "14 deaths reported by X"), never to the
    sentence's main speaker, and keep the counted thing out of the name."""
    match = OBJECT_RELATIVE.match(cue.speaker)
    if not match or not re.search(r"\d", cue.speaker[: match.start("speaker")]):
        return
    cue.speaker_start += match.start("speaker")
    cue.speaker = match.group("speaker")
    cue.passive_agent = True
    # The cue stands where its speaker begins: only the counted words lie
    # between the figure and it ("the 3,000 cases the health ministry
    # announced"; binding._reported_by).
    cue.start = cue.speaker_start


def _speaker_after_or_apposition(cue: Cue, folded: str, prefix: str, parts: list[str]) -> None:
    """No speaker just before the verb: '"...," said Mira Tolan, the mayor',
    or an apposition: 'A spokesman, Colonel Idris Kano, told'."""
    last = parts[-1]
    after = noun_phrase_after(folded, cue.end)
    after_words = after.split()
    follows_quote = prefix.rstrip().endswith(('"', ',"')) or (
        len(parts) >= 2 and parts[-2].rstrip().endswith('"') and not last.strip(' "')
    )
    names_follow = bool(after_words) and (
        after_words[0][:1].isupper()
        or after_words[0].lower() in {"the", "a", "an", "one", "another", "two", "three", "several"}
        or any(word[:1].isupper() for word in after_words[:4])  # "bloc spokesman Karim Aziz"
    )
    if names_follow and (follows_quote or len(parts) < 3) and not last.strip(' "'):
        cue.speaker = after
        cue.description = (folded[cue.end :].split(",") + [""])[1]
        named = cue.description.strip(" .")
        if re.match(r"(?:a|an|one|another|the)\s+[a-z]", after) and not is_name(after) and is_name(named):
            # '"...," said a farmer in Osk village, Pavel Dunn': the person;
            # "a farmer" is only what he is, and would fit any farmer ("said
            # the factory's owner, Lars Vik": any owner's words otherwise).
            cue.speaker, cue.description = named, after
    elif len(parts) >= 3 and (not last.strip(' "') or _only_auxiliaries_after_a_name(last, parts[-2])):
        head, apposition = parts[-3], parts[-2]
        head = re.split(r"[\"\u201d]\s*", head)[-1]
        head_words = head.split()
        while head_words and head_words[0].lower() in CLAUSE_WORDS:
            head_words.pop(0)  # "and a spokesman, ..., said"
        head = " ".join(head_words)
        if is_name(apposition) and (not is_name(head) or _ends_with_title(head)):
            # "The Interior Minister, Leila Mansour, said": the person, not
            # a source called "Interior Minister" every minister would share.
            cue.speaker, cue.description = apposition, head
        else:
            cue.speaker, cue.description = head, apposition
    else:
        cue.inherited = True


def _only_auxiliaries_after_a_name(last: str, apposition: str) -> bool:
    """ "that the firm's director, Paul Grant, had claimed": the apposition
    is the subject of "had claimed", not the sentence's first speaker going on."""
    words = last.split()
    return bool(words) and all(word.lower() in AUXILIARIES for word in words) and is_name(apposition)


def _ends_with_title(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and words[-1].lower().strip(".,") in PERSON_TITLES | TITLES


def according_to(folded: str, lower: str, lexicon: Lexicon) -> tuple[str, int] | None:
    for phrase in lexicon.according_to:
        if phrase not in lower:
            continue
        match = term_pattern(r"\b", phrase, r"\b\s+([^,.;:!?()]+)").search(lower)
        if match:
            start = match.start(1)
            return folded[start : match.end(1)].strip(), match.start(), match.end(1)
    return None


# "..., in a statement carried by the state news agency": the statement's
# words, then a relay phrase of the lexicon, then who passed it on.
STATEMENT_NOUNS = (
    r"(?:statement|remarks|comments|interview|message|post|video|communiqu[eé]|speech|announcement|briefing)"
)


def relay_after_statement(folded: str, lexicon: Lexicon) -> str:
    """Who passed a statement on when the sentence says so in an apposition:
    "The ministry said 27 were held, in a statement carried by the state
    news agency" gives "the state news agency"; "comments published by a
    local newspaper" gives "a local newspaper". Only after a noun for
    something said, so "14 deaths reported by the Red Cross" (whose speaker
    is the Red Cross) is left to the cues."""
    lower = folded.lower()
    for relay in lexicon.relay_phrases:
        if relay == "told" or relay not in lower:
            continue
        match = re.search(
            rf"\b{STATEMENT_NOUNS}\s+(?:[\w\-]+\s+){{0,3}}?{re.escape(relay)}\s+([^,.;:!?\"]+)", lower
        )
        if match and passes_it_on(folded[match.start(1) : match.end(1)]):
            return folded[match.start(1) : match.end(1)].strip()
    return ""


def relay_in(phrase: str, lexicon: Lexicon) -> str:
    lower = phrase.lower()
    for relay in lexicon.relay_phrases:
        if relay == "told":
            continue
        if relay not in lower:
            continue
        match = term_pattern(r"\b", relay, r"\s+(.+)$").search(lower)
        if match:
            return phrase[match.start(1) :].strip()
    return ""
