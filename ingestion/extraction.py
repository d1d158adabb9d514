"""The claim extractor: plain rules over a document's text, driven by the
lexicons editors keep in the admin (LexiconTerm). No network, no model.

`extract_claims(body, lexicon=..., sources=...)` returns one `Candidate` per
claim-carrying sentence and speaker, with character offsets into `body`
(`body[c.excerpt_start:c.excerpt_end] == c.excerpt`). It touches no database:
the caller passes the lexicon and the known sources in, which keeps it easy
to test and to evaluate (docs/extraction.md explains the rules).
"""

import functools
import re
from dataclasses import dataclass, field

# Curly quotes and apostrophes are folded to straight ones for matching. Every
# replacement is one character for one, so offsets in the folded copy are
# offsets in the original.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
OPEN_QUOTES = {"\u201c"}
CLOSE_QUOTES = {"\u201d"}

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "gov",
    "sen",
    "rep",
    "st",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "vs",
    "inc",
    "co",
    "ltd",
    "jr",
    "sr",
    "u.s",
    "u.n",
    "e.g",
    "i.e",
    "p.m",
    "a.m",
    "approx",
    "fig",
    "mt",
    "prof",
}

DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}
PRONOUNS = {
    "it",
    "he",
    "she",
    "they",
    "the statement",
    "the report",
    "the spokesman",
    "the spokeswoman",
    "the spokesperson",
    "the communique",
}
PRONOUN_KEYS = {" ".join(p.split()[1:]) if p.startswith("the ") else p for p in PRONOUNS} | PRONOUNS
TITLES = {
    "president",
    "colonel",
    "col.",
    "general",
    "gen.",
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "minister",
    "prime",
    "sergeant",
    "captain",
    "major",
    "lieutenant",
    "commander",
    "chief",
    "mayor",
    "governor",
    "senator",
    "sheikh",
    "judge",
}
# Words that end the speaker's noun phrase when walking back from the verb.
CLAUSE_WORDS = {
    "and",
    "but",
    "while",
    "with",
    "as",
    "that",
    "after",
    "when",
    "because",
    "whereas",
    "although",
    "though",
    "since",
    "where",
    "which",
    "if",
    "so",
    "then",
    "also",
}
AUXILIARIES = {
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "did",
    "does",
    "do",
    "also",
    "later",
    "previously",
    "earlier",
    "again",
    "repeatedly",
    "reportedly",
    "been",
    "could",
    "may",
    "might",
    "publicly",
    "initially",
    "separately",
}
PERSON_TITLES = {
    "minister",
    "president",
    "chairman",
    "chairwoman",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "governor",
    "mayor",
    "commander",
    "colonel",
    "chief",
    "head",
    "secretary",
    "senator",
    "director",
    "ambassador",
    "envoy",
}
ORGANISATION_WORDS = {
    "command",
    "ministry",
    "army",
    "council",
    "agency",
    "office",
    "department",
    "forces",
    "party",
    "alliance",
    "front",
    "committee",
    "commission",
    "institute",
    "network",
    "group",
}
PASSIVE_AUXILIARIES = {"been", "being", "was", "were", "is", "are", "be"}
NEGATIONS = {"not", "never", "n't", "no"}
# Words that cannot start or be a speaker.
NOT_SPEAKERS = {
    "including",
    "reports",
    "report",
    "which",
    "who",
    "what",
    "there",
    "here",
    "this",
    "as",
    "so",
    "to",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "however",
    "previously",
    "also",
    "widely",
    "commonly",
    "often",
    "once",
}

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
    ("a few dozen", 24, 60),
    ("several dozen", 24, 99),
    ("a dozen", 12, 12),
    ("dozens", 24, 99),
    ("scores", 40, 99),
    ("hundreds", 200, 999),
    ("thousands", 2_000, 9_999),
    ("millions", 2_000_000, 9_999_999),
]
QUALIFIER_PHRASES = [
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
TERRITORY_WORDS = re.compile(
    r"\b(control|controls|captured|seized|retreat|retreated|withdrew|withdrawal|entry|entered|"
    r"positions|held|advance|advanced|took over|fell|recaptured|limited to|encircled)\b"
)
FRAMING_PATTERN = re.compile(
    r"\b(framed|framing|described|describing|called|calling|characterised|characterized|branded|"
    r"labelled|labeled)\b[^.;]{0,80}?\b(as|it)\b"
)


@dataclass(frozen=True)
class Lexicon:
    """The extractor's vocabulary; build it with ingestion.selectors.lexicon_current()."""

    reporting_verbs: tuple[str, ...]
    according_to: tuple[str, ...]
    relay_phrases: tuple[str, ...]
    statement_markers: tuple[str, ...]
    anonymity_markers: tuple[str, ...]
    framing_terms: tuple[str, ...]
    figure_verbs: frozenset[str]
    source_kind_hints: tuple[tuple[str, str], ...]

    @classmethod
    def from_terms(cls, rows) -> "Lexicon":
        """`rows` are (lexicon, term, value) triples, e.g. from LexiconTerm rows."""
        groups: dict[str, list[tuple[str, str]]] = {}
        for lexicon, term, value in rows:
            groups.setdefault(lexicon, []).append((" ".join(term.lower().split()), value))

        def terms(name):
            # Longest first, so "released a statement" wins over "released".
            return tuple(sorted({t for t, _ in groups.get(name, [])}, key=lambda t: (-len(t), t)))

        return cls(
            reporting_verbs=terms("reporting_verb"),
            according_to=terms("according_to"),
            relay_phrases=terms("relay_phrase"),
            statement_markers=terms("statement_marker"),
            anonymity_markers=terms("anonymity_marker"),
            framing_terms=terms("framing_term"),
            figure_verbs=frozenset(terms("figure_verb")),
            source_kind_hints=tuple(
                sorted(groups.get("source_kind_hint", []), key=lambda tv: (-len(tv[0]), tv[0]))
            ),
        )

    @classmethod
    def starting(cls) -> "Lexicon":
        from .starting_lexicon import starting_terms

        return cls.from_terms(starting_terms())


@dataclass(frozen=True)
class KnownSource:
    id: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class Figure:
    value_low: int
    value_high: int
    qualifier: str
    subject: str
    text: str
    start: int = 0


@dataclass
class Candidate:
    """One proposed claim: a passage, who said it, how, and what figure it gives."""

    excerpt_start: int
    excerpt_end: int
    excerpt: str
    text: str
    kind: str = "other"
    speaker_text: str = ""
    speaker_name: str = ""
    source_id: int | None = None
    proposed_source_kind: str = ""
    form: str = "paraphrase"
    reporting_verb: str = ""
    relayed_by_text: str = ""
    relayed_by_id: int | None = None
    figure: Figure | None = None
    framing_terms: list[str] = field(default_factory=list)


@dataclass
class Span:
    start: int
    end: int
    text: str


# Sentences


def split_sentences(body: str) -> list[Span]:
    """Sentences with their offsets. Paragraph breaks always end a sentence; a
    full stop inside a quotation does not, so a quoted exclamation stays with
    the words that introduce it."""
    spans: list[Span] = []
    for paragraph in re.finditer(r"[^\n]+", body):
        spans.extend(_split_paragraph(body, paragraph.start(), paragraph.end()))
    return spans


def _split_paragraph(body: str, start: int, end: int) -> list[Span]:
    spans = []
    sentence_start = start
    in_curly = 0
    in_straight = False
    i = start
    while i < end:
        char = body[i]
        if char in OPEN_QUOTES:
            in_curly += 1
        elif char in CLOSE_QUOTES:
            in_curly = max(0, in_curly - 1)
            if (
                in_curly == 0
                and i > start
                and body[i - 1] in ".!?"
                and _next_starts_sentence(body, i + 1, end)
            ):
                spans.append(_span(body, sentence_start, i + 1))
                sentence_start = i + 1
        elif char == '"':
            if in_straight:
                in_straight = False
                if i > start and body[i - 1] in ".!?" and _next_starts_sentence(body, i + 1, end):
                    spans.append(_span(body, sentence_start, i + 1))
                    sentence_start = i + 1
            else:
                in_straight = True
        elif char in ".!?" and not in_curly and not in_straight:
            if body[i + 1 : i + 2] in ("", " ", "\t") and _next_starts_sentence(body, i + 1, end):
                if not (char == "." and _ends_with_abbreviation(body, sentence_start, i)):
                    spans.append(_span(body, sentence_start, i + 1))
                    sentence_start = i + 1
        i += 1
    if sentence_start < end:
        spans.append(_span(body, sentence_start, end))
    return [span for span in spans if span.text]


def _next_starts_sentence(body: str, position: int, end: int) -> bool:
    rest = body[position:end]
    stripped = rest.lstrip()
    if not stripped:
        return True
    if len(stripped) == len(rest):
        return False  # no space after the stop: "6.8", "U.S."
    first = stripped[0]
    return first.isupper() or first.isdigit() or first in "\"\u201c\u2018'("


def _ends_with_abbreviation(body: str, start: int, stop_position: int) -> bool:
    match = re.search(r"([A-Za-z.]+)$", body[start:stop_position])
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _span(body: str, start: int, end: int) -> Span:
    text = body[start:end]
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return Span(start + left, start + right, text.strip())


def is_headline(span: Span) -> bool:
    """A line with no closing punctuation: a headline, dateline or byline."""
    return not re.search(r"[.!?\"\u201d)]$", span.text)


# Figures


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
    """Counted figures in a sentence, in order: value, qualifier and what is counted."""
    folded = sentence.translate(_FOLD)
    found: list[tuple[int, Figure]] = []
    taken: list[tuple[int, int]] = []

    def overlaps(a, b):
        return any(a < e and s < b for s, e in taken)

    for match in RANGE_TOKEN.finditer(folded):
        groups = [g for g in match.groups() if g]
        low, high = _to_int(groups[0]), _to_int(groups[1])
        if low >= high or _looks_like_year(folded, match.start(), groups[0]):
            continue
        subject = _subject_after(folded, match.end(), lexicon) or _subject_before(
            folded, match.start(), lexicon
        )
        if subject is None:
            continue
        taken.append((match.start(), match.end()))
        found.append((match.start(), Figure(low, high, "range", subject, match.group(0))))

    for match in VAGUE_TOKEN.finditer(folded):
        if overlaps(match.start(), match.end()):
            continue
        phrase = match.group(1).lower()
        low, high = next((lo, hi) for p, lo, hi in VAGUE_AMOUNTS if p == phrase)
        subject = _subject_after(folded, match.end(), lexicon, vague=True)
        if subject is None:
            continue
        qualifier = "about" if low == high else "range"
        taken.append((match.start(), match.end()))
        found.append((match.start(), Figure(low, high, qualifier, subject, match.group(0))))

    for match in NUMBER_TOKEN.finditer(folded):
        if overlaps(match.start(), match.end()):
            continue
        if match.group(1):
            raw = match.group(1)
            if _looks_like_year(folded, match.start(), raw):
                continue
            if _is_part_of_a_name(folded, match.start()):
                continue
            number = float(raw.replace(",", ""))
            if match.group(2):
                number *= SCALES[match.group(2).lower()]
            low, high = int(number), int(number) if number == int(number) else int(number) + 1
        else:
            parsed = _word_number(match.group(3).split())
            if parsed is None:
                continue
            low = high = parsed[0]
        subject = _subject_after(folded, match.end(), lexicon) or _subject_before(
            folded, match.start(), lexicon
        )
        if subject is None:
            continue
        qualifier, qualifier_start = _qualifier_before(folded, match.start())
        if qualifier is None:
            qualifier = "exact" if low == high else "range"
        start = qualifier_start if qualifier_start is not None else match.start()
        taken.append((match.start(), match.end()))
        found.append((match.start(), Figure(low, high, qualifier, subject, sentence[start : match.end()])))

    found.sort(key=lambda item: item[0])
    for start, figure in found:
        figure.start = start
    return [figure for _, figure in found]


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
    """'Camp 4', 'Route 7', 'Article 5': a number that labels, not counts."""
    before = folded[:start].rstrip().split()
    return len(before) >= 2 and before[-1][:1].isupper() and before[-1].isalpha()


def _qualifier_before(folded: str, start: int) -> tuple[str | None, int | None]:
    # Only the last few words matter; looking at a short window keeps long
    # sentences cheap.
    base = max(0, start - 40)
    before = (" " if base else "") + folded[base:start].lower()
    offset = base - (1 if base else 0)
    for phrase, qualifier in QUALIFIER_PHRASES:
        if phrase in before and _term_pattern(r"(?:^|\W)", phrase, r"\s+$").search(before):
            return qualifier, offset + len(before.rstrip()) - len(phrase)
    return None, None


@functools.lru_cache(maxsize=4096)
def _term_pattern(prefix: str, term: str, suffix: str) -> re.Pattern:
    """A compiled pattern for a lexicon term, kept: the same few hundred terms
    are looked for in every sentence."""
    return re.compile(prefix + re.escape(term) + suffix)


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


def _subject_before(folded: str, start: int, lexicon: Lexicon) -> str | None:
    """'put the death toll at 27' -> 'death toll'; 'a population of about 30,000' -> 'population'."""
    before = folded[:start].lower()
    qualifier, qualifier_start = _qualifier_before(folded, start)
    if qualifier_start is not None:
        before = before[:qualifier_start]
    match = re.search(
        r"((?:death\s+)?toll|population|turnout|number|total|tally|count)\s+"
        r"(?:of|at|to|stood at|rose to|reached|was)\s*$",
        before,
    )
    if match:
        return " ".join(match.group(1).split())
    return None


# Speakers


def fold(text: str) -> str:
    return text.translate(_FOLD)


def normalise_name(name: str) -> str:
    """For comparing names: straight apostrophes, lower case, no leading 'the'."""
    name = " ".join(fold(name).lower().replace("\u2019", "'").split())
    name = re.sub(r"^(the|a|an)\s+", "", name)
    return name.strip(" ,.;:'\"")


def acronym(name: str) -> str:
    letters = [word[0] for word in name.split() if word[:1].isupper()]
    return "".join(letters) if len(letters) >= 3 else ""


class SourceMatcher:
    """Match a speaker phrase to a known source by name, alias or acronym."""

    def __init__(self, sources: list[KnownSource]):
        self.sources = sources
        self.keys: list[tuple[str, KnownSource]] = []
        for source in sources:
            names = [source.name, *source.aliases]
            short = acronym(source.name)
            if short:
                names.append(short)
            for name in names:
                key = normalise_name(name)
                if key:
                    self.keys.append((key, source))
        self.keys.sort(key=lambda item: -len(item[0]))

    def match(self, phrase: str) -> KnownSource | None:
        wanted = normalise_name(phrase)
        if not wanted:
            return None
        for key, source in self.keys:
            if key == wanted:
                return source
        for key, source in self.keys:
            if (
                len(key) >= 3
                and key in wanted
                and _term_pattern(r"(?<![\w'])", key, r"(?![\w'])").search(wanted)
            ):
                return source
        if len(wanted.split()) >= 2:
            hits = {
                source.id
                for key, source in self.keys
                if wanted in key and _term_pattern(r"(?<![\w'])", wanted, r"(?![\w'])").search(key)
            }
            if len(hits) == 1:
                return next(s for s in self.sources if s.id in hits)
        return None


@dataclass
class _Cue:
    start: int
    end: int
    verb: str
    speaker: str | None  # None: not said here, inherit from the cue before
    inherited: bool = False
    relay: str = ""
    negated: bool = False
    speaker_start: int | None = None  # where a speaker named before the verb begins
    description: str = ""  # "a teacher who fled": helps guess a new source's kind


def _quote_spans(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r'"[^"]*"', folded)]


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < position < e for s, e in spans)


def _clean_speaker(phrase: str, lexicon: Lexicon) -> str:
    """'A government official who asked not to be named' -> 'government official';
    'Opposition leader Sana Vell' -> 'Sana Vell'; 'Colonel Idris Kano' -> 'Idris Kano'."""
    phrase = fold(phrase).strip(" ,;:\"'")
    phrase = re.sub(r"^[\"']+|[\"']+$", "", phrase).strip()
    for marker in lexicon.anonymity_markers:
        if marker in phrase.lower():
            phrase = re.sub(r",?\s*(who\s+)?" + re.escape(marker) + r".*$", "", phrase, flags=re.IGNORECASE)
    phrase = re.sub(r"\s+(who|which|that)\s+.*$", "", phrase)
    # "the authority's figures" -> "the authority"
    phrase = re.sub(
        r"'s\s+(own\s+)?(figures|data|count|tally|records|estimates?|statistics|numbers|toll|list)$",
        "",
        phrase,
    )
    words = phrase.split()
    # Strip trailing adverbs and auxiliaries ("officials have", "police also").
    while words and words[-1].lower() in AUXILIARIES:
        words.pop()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    # A name after a lower-case role: "Opposition leader Sana Vell".
    run = []
    for word in reversed(words):
        if word[:1].isupper():
            run.insert(0, word)
        else:
            break
    if run and len(run) < len(words):
        previous = words[len(words) - len(run) - 1].lower()
        if previous not in {
            "of",
            "for",
            "and",
            "the",
            "de",
            "al",
            "on",
            "in",
            "at",
            "with",
            "from",
            "by",
        } and (previous.isalpha()):
            words = run
    while (
        len(words) > 1
        and words[0].lower().strip(".") in {t.strip(".") for t in TITLES}
        and words[1][:1].isupper()
    ):
        words.pop(0)
    # "Transport Minister Elena Vaz" -> "Elena Vaz"
    for index in range(len(words) - 2, 0, -1):
        tail = words[index + 1 :]
        if (
            words[index].lower() in PERSON_TITLES
            and 2 <= len(tail) <= 3
            and all(w[:1].isupper() for w in tail)
            and not any(w.lower() in ORGANISATION_WORDS for w in tail)
        ):
            words = tail
            break
    return " ".join(words).strip(" ,;:'")


def _is_name(phrase: str) -> bool:
    words = [w for w in fold(phrase).strip(" ,").split() if w.lower() not in DETERMINERS]
    return bool(words) and all(w[:1].isupper() for w in words) and len(words) <= 5


def _plausible_speaker(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > 9:
        return False
    first = words[0].lower()
    if first in NOT_SPEAKERS or first in NUMBER_WORDS and len(words) == 1:
        return False
    return bool(re.search(r"[A-Za-z]{2,}", phrase))


def _noun_phrase_after(folded: str, position: int) -> str:
    rest = folded[position:]
    match = re.match(r"\s*([^,.;:!?\"]+)", rest)
    if not match:
        return ""
    phrase = match.group(1)
    phrase = re.split(r"\s+(?:that|as|who|on|in|by|after|about|to|with)\s+", phrase)[0]
    return phrase.strip()


def _find_cues(sentence: str, folded: str, lower: str, lexicon: Lexicon) -> list[_Cue]:
    quotes = _quote_spans(folded)
    cues: list[_Cue] = []
    taken: list[tuple[int, int]] = []
    for verb in lexicon.reporting_verbs:
        if verb not in lower:
            continue
        for match in _term_pattern(r"(?<![\w\-'])", verb, r"(?![\w\-])").finditer(lower):
            if _inside(match.start(), quotes) or any(s <= match.start() < e for s, e in taken):
                continue
            if lower[max(0, match.start() - 3) : match.start()] == "so-":
                continue
            taken.append((match.start(), match.end()))
            cues.append(_Cue(match.start(), match.end(), verb, None))
    cues.sort(key=lambda cue: cue.start)
    for cue in cues:
        _speaker_for_cue(cue, sentence, folded, lower, lexicon, quotes)
    return [cue for cue in cues if not cue.negated]


def kept_follows_adjective(words: list[str], index: int) -> bool:
    """Whether the "with" at `index` belongs to the speaker's description
    ("familiar with", "close to"), not to the clause ("with Russia claiming")."""
    return index > 0 and words[index - 1].lower() in {"familiar", "involved", "close", "associated", "along"}


def _speaker_for_cue(cue, sentence, folded, lower, lexicon, quotes) -> None:
    prefix = folded[: cue.start]
    # "State news agency KNA quoted the interior minister as saying ..."
    if cue.verb == "quoted":
        match = re.match(r"\s*(.+?)\s+as\s+(saying|telling|stating)\b", folded[cue.end :])
        if match:
            cue.speaker = match.group(1)
            cue.relay = prefix.split(",")[-1]
            cue.verb = match.group(2) if match.group(2) != "saying" else "said"
            return
    parts = prefix.split(",")
    last = parts[-1]
    last_words = last.split()
    previous_word = last_words[-1].lower().strip("'\"") if last_words else ""
    if previous_word in NEGATIONS | {"didn't", "hasn't", "haven't"}:
        cue.negated = True
        return
    if previous_word in DETERMINERS:
        cue.negated = True  # an adjective, not a report: "the disputed border"
        return
    if previous_word in PASSIVE_AUXILIARIES:
        # "was confirmed by the ministry" names its speaker after "by";
        # "has been disputed since 1994" names none.
        by_agent = re.match(r"\s+by\s+([^,.;:!?\"]+)", folded[cue.end :])
        if by_agent:
            cue.speaker = re.split(
                r"\s+(?:that|as|on|in|after|about|to|with|at|during)\s+", by_agent.group(1)
            )[0]
        else:
            cue.negated = True
        return
    # Walk back from the verb to the start of its clause.
    kept: list[str] = []
    for word in reversed(last_words):
        bare = word.lower().strip("\"'")
        if bare == "with" and kept_follows_adjective(last_words, len(last_words) - len(kept) - 1):
            kept.insert(0, word)  # "sources familiar with the talks"
            continue
        if (
            bare in CLAUSE_WORDS
            or word.endswith('"')
            or word.startswith('"')
            or bare in lexicon.reporting_verbs
        ):
            break
        kept.insert(0, word)
    phrase = " ".join(kept).strip(' "')
    stopped_at = last_words[-len(kept) - 1].lower() if len(kept) < len(last_words) else ""
    if stopped_at in ("which", "who") and all(w.lower() in AUXILIARIES for w in kept) and len(parts) >= 2:
        # "The main opposition bloc, which had urged a boycott": the bloc.
        cue.speaker = parts[-2]
    elif phrase and phrase.lower() not in AUXILIARIES:
        cue.speaker = phrase
        cue.speaker_start = cue.start - len(" ".join(kept)) - 1
    elif cue.verb.endswith("ing") and not last.strip(' "'):
        cue.inherited = True  # ", acknowledging ...": the same speaker goes on
    else:
        after = _noun_phrase_after(folded, cue.end)
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
            cue.speaker = after  # '"...," said Mira Tolan, the mayor'
            cue.description = (folded[cue.end :].split(",") + [""])[1]
        elif len(parts) >= 3 and not last.strip(' "'):
            head, apposition = parts[-3], parts[-2]
            head = re.split(r"[\"\u201d]\s*", head)[-1]
            head_words = head.split()
            while head_words and head_words[0].lower() in CLAUSE_WORDS:
                head_words.pop(0)  # "and a spokesman, ..., said"
            head = " ".join(head_words)
            if _is_name(apposition) and not _is_name(head):
                cue.speaker, cue.description = apposition, head
            else:
                cue.speaker, cue.description = head, apposition
        else:
            cue.inherited = True
    # "told Reuters that ...": Reuters passed it on.
    if cue.verb == "told":
        cue.relay = _noun_phrase_after(folded, cue.end)


def _according_to(folded: str, lower: str, lexicon: Lexicon) -> tuple[str, int] | None:
    for phrase in lexicon.according_to:
        if phrase not in lower:
            continue
        match = _term_pattern(r"\b", phrase, r"\b\s+([^,.;:!?]+)").search(lower)
        if match:
            start = match.start(1)
            return folded[start : match.end(1)].strip(), match.start(), match.end(1)
    return None


def _relay_in(phrase: str, lexicon: Lexicon) -> str:
    lower = phrase.lower()
    for relay in lexicon.relay_phrases:
        if relay == "told":
            continue
        if relay not in lower:
            continue
        match = _term_pattern(r"\b", relay, r"\s+(.+)$").search(lower)
        if match:
            return phrase[match.start(1) :].strip()
    return ""


def _framing_terms(lower: str, lexicon: Lexicon) -> list[str]:
    found = []
    for term in lexicon.framing_terms:
        if term in lower and _term_pattern(r"(?<![\w\-])", term, r"(?![\w\-])").search(lower):
            if not any(term in longer for longer in found):
                found.append(term)
    return found


def _kind_hint(name: str, lexicon: Lexicon) -> str:
    lower = normalise_name(name)
    for term, kind in lexicon.source_kind_hints:
        if term in lower and _term_pattern(r"\b", term, r"\b").search(lower):
            return kind
    return ""


def _claim_text(
    sentence: str, folded: str, cue_start: int | None, cue_end: int | None, according: int | None
) -> str:
    """The claim without its attribution, when that is easy to take off."""
    text = sentence
    quote = re.fullmatch(r'\s*"([^"]{12,})"\s*[,.]?\s*(.*)', folded)
    if quote and quote.group(2) and len(quote.group(2).split()) <= 10:
        text = sentence[quote.start(1) : quote.end(1)].strip(" ,")
    elif according is not None:
        head = sentence[:according].rstrip(" ,")
        tail = re.sub(r"^[^,]*,\s*", "", sentence[according:]) if "," in sentence[according:] else ""
        text = head if len(head.split()) >= 4 else tail or sentence
    elif cue_start is not None:
        after = sentence[cue_end:].strip()
        before = sentence[:cue_start].rstrip()
        said_that = re.match(r"(?:on \w+\s+)?(?:that\s+)(.+)$", after)
        if said_that and len(before.split()) <= 8:
            text = said_that.group(1)
        elif (
            before.endswith(",")
            and len(before.split()) >= 4
            and sentence.rstrip().endswith(("said.", "says.", "said on " + sentence.rsplit(" ", 1)[-1]))
        ):
            text = before.rstrip(",")
    text = text.strip().rstrip(".").strip()
    if len(text) < 12:
        text = sentence.strip()
    return text[:1].upper() + text[1:]


def _is_only_quote(folded: str) -> bool:
    return bool(re.fullmatch(r'\s*"[^"]+"\s*', folded))


def _has_direct_quote(folded: str) -> bool:
    """A quotation of someone's words, not scare quotes around a term: five
    words or more, or words ending in punctuation ("We will return,")."""
    for start, end in _quote_spans(folded):
        inner = folded[start + 1 : end - 1].strip()
        if len(inner.split()) >= 5 or (len(inner.split()) >= 2 and inner[-1:] in ",.!?"):
            return True
    return False


class _Speakers:
    """Who has spoken so far in the document, for 'it said' and 'the ministry'."""

    def __init__(self):
        self.history: list[tuple[str, KnownSource | None]] = []

    def add(self, name: str, source: KnownSource | None):
        self.history.append((name, source))

    def last(self):
        return self.history[-1] if self.history else None

    def by_head_noun(self, noun: str):
        # The last few speakers only: "the ministry" refers back a paragraph
        # or two, and a long document must not make every look-up slower.
        for name, source in reversed(self.history[-30:]):
            names = [name] + ([source.name, *source.aliases] if source else [])
            if any(normalise_name(n).split()[-1:] == [noun] for n in names if normalise_name(n)):
                return name, source
        return None


def extract_claims(body: str, *, lexicon: Lexicon, sources: list[KnownSource] = ()) -> list[Candidate]:
    """Every claim-carrying sentence of `body`, as candidates in text order.

    A sentence carries a claim when it has a reporting cue with a speaker
    ("Russia claiming", "according to residents"), is a quotation following
    an attributed quotation, or gives a counted figure (then in the
    publication's own voice if no one is credited). A sentence repeated word
    for word gives one candidate.
    """
    matcher = SourceMatcher(list(sources))
    speakers = _Speakers()
    candidates: list[Candidate] = []
    seen_sentences: set[str] = set()
    previous_quote_speaker: tuple[str, KnownSource | None] | None = None

    for span in split_sentences(body):
        if is_headline(span):
            continue
        key = " ".join(fold(span.text).lower().split())
        if key in seen_sentences:
            continue
        seen_sentences.add(key)
        sentence = span.text
        folded = fold(sentence)
        lower = folded.lower()
        quote_speaker_here = None

        cues = _find_cues(sentence, folded, lower, lexicon)
        according = _according_to(folded, lower, lexicon)
        figures = find_figures(sentence, lexicon)
        anonymous = any(marker in lower for marker in lexicon.anonymity_markers)
        statement = any(
            m in lower and _term_pattern(r"\b", m, r"\b").search(lower) for m in lexicon.statement_markers
        )
        direct_quote = _has_direct_quote(folded)
        framing = _framing_terms(lower, lexicon)
        if FRAMING_PATTERN.search(lower):
            framed = re.search(r'\bas\s+(?:a\s+|an\s+)?"([^"]{2,60})"', folded) or re.search(
                r'\b(?:calling|called)\s+(?:it|them|the \w+)\s+"([^"]{2,60})"', folded
            )
            if framed and framed.group(1).lower() not in framing:
                framing.append(framed.group(1).lower())

        # Who speaks in this sentence: one entry per distinct speaker.
        spoken: list[dict] = []
        relay_text = ""
        for cue in cues:
            if cue.relay:
                relay_text = relay_text or _clean_speaker(cue.relay, lexicon)
            if cue.inherited or cue.speaker is None:
                if spoken:
                    # The participle names the act more precisely than
                    # "released a statement" did.
                    if spoken[-1]["verb"] in ("released a statement", "issued a statement"):
                        spoken[-1]["verb"] = cue.verb
                    continue
                resolved = speakers.last()
                if resolved is None:
                    continue
                spoken.append(
                    {"name": resolved[0], "source": resolved[1], "verb": cue.verb, "cue": cue, "raw": ""}
                )
                continue
            raw = cue.speaker
            cleaned = _clean_speaker(raw, lexicon)
            lowered = normalise_name(raw)
            if normalise_name(cleaned) in PRONOUN_KEYS or lowered in PRONOUN_KEYS:
                # "it said", "the statement framed": the speaker just named,
                # in this sentence or the one before.
                resolved = (spoken[-1]["name"], spoken[-1]["source"]) if spoken else speakers.last()
                if resolved is None:
                    continue
                name, source = resolved
            else:
                if not _plausible_speaker(cleaned):
                    continue
                source = matcher.match(cleaned) or matcher.match(raw)
                name = source.name if source else cleaned
                if (
                    source is None
                    and len(cleaned.split()) == 1
                    and re.match(r"(?i)^(the)\s", fold(raw).strip())
                ):
                    earlier = speakers.by_head_noun(cleaned.lower())
                    if earlier:
                        name, source = earlier
            if any(s["name"] == name for s in spoken):
                continue
            spoken.append(
                {
                    "name": name,
                    "source": source,
                    "verb": cue.verb,
                    "cue": cue,
                    "raw": cleaned,
                    "about": cue.description,
                }
            )

        according_used = False
        if according is not None:
            phrase = according[0]
            relay_inside = _relay_in(phrase, lexicon)
            if spoken:
                relay_text = relay_text or relay_inside or _clean_speaker(phrase, lexicon)
            elif re.match(r"(?i)(a |the )?(statement|report)\b", phrase):
                relay_text = relay_text or relay_inside
            else:
                cleaned = _clean_speaker(phrase, lexicon)
                if _plausible_speaker(cleaned):
                    source = matcher.match(cleaned)
                    spoken.append(
                        {
                            "name": source.name if source else cleaned,
                            "source": source,
                            "verb": "according to",
                            "cue": None,
                            "raw": cleaned,
                        }
                    )
                    according_used = True

        # A number inside the speaker's own description ("two residents",
        # "Two police officers who asked not to be named") counts speakers,
        # not what they claim.
        speaker_ranges = [
            (s["cue"].speaker_start, s["cue"].start)
            for s in spoken
            if s["cue"] is not None and s["cue"].speaker_start is not None
        ]
        if according is not None:
            speaker_ranges.append((according[1], according[2]))
        figures = [f for f in figures if not any(a <= f.start < b for a, b in speaker_ranges)]

        if not spoken and _is_only_quote(folded) and previous_quote_speaker is not None:
            name, source = previous_quote_speaker
            spoken.append({"name": name, "source": source, "verb": "", "cue": None, "raw": ""})

        if not spoken and not figures:
            previous_quote_speaker = None
            continue

        figure = figures[0] if figures else None
        kind = (
            "figure"
            if figure
            else (
                "framing"
                if framing and FRAMING_PATTERN.search(lower)
                else "territory"
                if TERRITORY_WORDS.search(lower)
                else "other"
            )
        )
        relay_source = matcher.match(relay_text) if relay_text else None
        first_cue = next((s["cue"] for s in spoken if s["cue"] is not None), None)
        text = _claim_text(
            sentence,
            folded,
            first_cue.start if first_cue else None,
            first_cue.end if first_cue else None,
            according[1] if according is not None and (according_used or spoken) else None,
        )

        if not spoken:
            spoken = [{"name": "", "source": None, "verb": "", "cue": None, "raw": ""}]
        for entry in spoken:
            if entry["verb"] == "according to":
                form = "according_to"
            elif anonymous:
                form = "anonymous"
            elif direct_quote or _is_only_quote(folded):
                form = "direct_quote"
            elif statement or entry["verb"] in ("released a statement", "issued a statement"):
                form = "statement"
            else:
                form = "paraphrase"
            source = entry["source"]
            candidate = Candidate(
                excerpt_start=span.start,
                excerpt_end=span.end,
                excerpt=body[span.start : span.end],
                text=text,
                kind=kind,
                speaker_text=entry["raw"] or entry["name"],
                speaker_name=entry["name"],
                source_id=source.id if source else None,
                proposed_source_kind=(
                    "anonymous"
                    if anonymous
                    else _kind_hint(entry["name"], lexicon) or _kind_hint(entry.get("about", ""), lexicon)
                )
                if entry["name"] and not source
                else "",
                form=form if entry["name"] else "paraphrase",
                reporting_verb=entry["verb"],
                relayed_by_text=relay_text if entry["name"] else "",
                relayed_by_id=relay_source.id if relay_source and entry["name"] else None,
                figure=figure,
                framing_terms=list(framing),
            )
            candidates.append(candidate)
            if entry["name"]:
                speakers.add(entry["name"], source)
                if form == "direct_quote":
                    quote_speaker_here = (entry["name"], source)
        previous_quote_speaker = quote_speaker_here
    return candidates
