"""Who did it, and what is denied: two readings of a sentence beyond its
speaker and figure.

Responsible party: only from an explicit agent phrase next to an attack
term of the lexicon (`attack_term`: "airstrikes", "shelled", "attack"):

- a modifier before an attack noun: "Russian airstrikes", "government
  shelling", "coalition strikes";
- "by" after an attack term: "strikes by government aircraft", "an attack
  carried out by the militia";
- the subject of an attack verb: "Russia's forces shelled", "Syrian
  government forces bombed".

The phrase must identify someone: a capitalised name or a party word
("government", "rebels", "militia"), or an institution ("the army").
"Its forces", "the jets", "unidentified gunmen" or two different agents in
one sentence give nothing: a wrong perpetrator would raise a false
contested-responsibility flag, a missing one costs the editor a field.

Denial: a cue whose verb denies ("denied", "refuted"; "rejected" and
"dismissed" when the sentence says "as false", "as baseless" ...). What
follows the cue, up to the speaker's next cue, is the denied proposition:
its figures are not the denier's own.
"""

import re

from .lexicon import Lexicon, term_pattern

# Words that say how, not who ("Russian airstrikes" names Russia).
GENERIC = frozenset(
    {
        "forces", "force", "troops", "units", "unit", "air", "jets", "warplanes", "aircraft", "planes",
        "drones", "drone", "artillery", "fire", "rockets", "missiles", "fighters", "soldiers", "gunmen",
        "men", "militants", "attackers", "assailants", "helicopters", "tanks", "ships", "navy",
        "army", "military", "police", "-led", "led", "backed", "allied", "pro",
    }
)  # fmt: skip
# Lower-case words that name a party on their own.
PARTY_WORDS = frozenset(
    {
        "government", "pro-government", "coalition", "rebel", "rebels", "militia", "militias",
        "insurgent", "insurgents", "opposition", "regime", "separatist", "separatists", "jihadist",
        "jihadists", "paramilitary", "paramilitaries", "junta", "state", "federal",
    }
)  # fmt: skip
# Institutions named by their generic word: "the army shelled" says who did it.
INSTITUTIONS = frozenset({"army", "military", "police", "navy", "air force"})
# Capitalised words that open a sentence without naming anyone.
NOT_NAMES = frozenset(
    {
        "the", "a", "an", "heavy", "overnight", "fresh", "new", "deadly", "intense", "further", "recent",
        "renewed", "repeated", "suspected", "several", "more", "two", "three", "many", "some", "late",
        "early", "unidentified", "unknown", "other", "separate", "later", "earlier", "previous", "such",
        "these", "those", "this", "that", "its", "their", "his", "her", "our", "my", "your", "it", "they",
        "he", "she", "we", "i", "when", "after", "before", "as", "while", "if", "since", "in", "on", "at",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    }
)  # fmt: skip
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
# Between an attack term and "by": "an attack carried out by", "shelling launched by".
LINK_WORDS = frozenset({"carried", "out", "launched", "conducted", "mounted", "was", "were", "had", "been"})

DENIAL_VERBS = frozenset(
    {
        "denied", "denies", "denying", "deny", "refuted", "refutes", "refuting", "refute",
        # "The army disputed the toll of 45": the army says the 45 is wrong.
        "disputed", "disputes", "disputing", "contested", "contests", "contesting",
        # cues.STANCE: only with a count as the object ("questioned the toll").
        "questioned", "questions", "questioning", "challenged", "challenges", "challenging",
    }
)  # fmt: skip
# "rejected the report as false": these deny only with such a qualification.
DISMISSAL_VERBS = frozenset({"rejected", "rejects", "rejecting", "dismissed", "dismisses", "dismissing"})
# Cues only as denials: "the president dismissed the army chief" reports nothing.
DENIAL_ONLY_VERBS = frozenset({"dismissed", "dismisses"})
AS_FALSE = re.compile(
    r"\bas\s+(?:false|untrue|baseless|groundless|fabricated|a fabrication|lies|a lie|fake|"
    r"unfounded|propaganda|nonsense|incorrect|inaccurate|exaggerated|inflated|overstated)\b"
)
# What the denial names before the proposition: "reports that", "claims that".
DENIED_LEAD = re.compile(
    r"^(?:(?:the|any)\s+)?(?:(?:reports?|claims?|allegations?|accusations?|suggestions?|"
    r"assertions?|statements?|rumou?rs?)\s+(?:\w+\s+){0,3}?)?that\s+",
    re.IGNORECASE,
)


def _is_name(word: str, at_sentence_start: bool) -> bool:
    if not word[:1].isupper() or word.lower() in NOT_NAMES:
        return False
    if at_sentence_start:
        # "Heavy shelling": only a nationality or an acronym names someone
        # at the head of a sentence ("Russian", "Israeli", "NATO").
        stem = word.removesuffix("'s")
        return stem.isupper() or stem.endswith(("an", "ese", "ish", "i", "ch")) or word.endswith("'s")
    return True


def _identifies(words: list[tuple[str, bool]]) -> bool:
    """Whether an agent phrase's words (word, opens the sentence) name a party."""
    lowered = [w.lower().removesuffix("'s") for w, _ in words]
    if any(w in PARTY_WORDS for w in lowered):
        return True
    if any(_is_name(w, start) for w, start in words if w.lower().removesuffix("'s") not in GENERIC):
        return True
    phrase = " ".join(w for w in lowered if w not in {"the"})
    return phrase in INSTITUTIONS


def _clean(phrase: str) -> str:
    phrase = re.sub(r"(?i)^(?:the|a|an)\s+", "", phrase.strip(" ,;:.'\""))
    return " ".join(phrase.split())


def _words_before(folded: str, position: int, limit: int = 5) -> list[re.Match]:
    """The words just before `position`, nearest last, stopping at
    punctuation or a lower-case word that is neither a party word nor generic."""
    taken: list[re.Match] = []
    end = position
    while len(taken) < limit:
        gap = folded[:end]
        match = re.search(r"([A-Za-z][A-Za-z'\-]*)(\s+)$", gap)
        if not match:
            break
        word = match.group(1)
        lower = word.lower().removesuffix("'s")
        if not (word[:1].isupper() or lower in PARTY_WORDS or lower in GENERIC or lower == "the"):
            break
        taken.insert(0, match)
        end = match.start(1)
        if lower == "the":
            break
    while taken and taken[0].group(1).lower() == "the" and len(taken) == 1:
        taken = []
    return taken


def _phrase_before(folded: str, position: int) -> str:
    matches = _words_before(folded, position)
    if not matches:
        return ""
    if re.search(r"(?:\band|\bor|,)\s*$", folded[: matches[0].start(1)]):
        return ""  # "Russian and government strikes": two parties, or a list
    if any(m.group(1).lower() in POSSESSIVE_PRONOUNS for m in matches):
        return ""
    words = [(m.group(1), m.start(1) == 0 or not folded[: m.start(1)].strip()) for m in matches]
    if not _identifies(words):
        return ""
    return _clean(folded[matches[0].start(1) : position])


def _agent_word(word: str) -> bool:
    lower = word.lower().removesuffix("'s")
    return word[:1].isupper() or lower in PARTY_WORDS or lower in GENERIC or lower.endswith("-led")


def _phrase_after_by(folded: str, position: int) -> str:
    """The agent after "by": its words while they can name someone
    ("government forces" in "by government forces hit the town")."""
    rest = folded[position:]
    match = re.match(r"\s*(?:the\s+|a\s+|an\s+)?((?:[A-Za-z][A-Za-z'\-]*\s*)+)", rest)
    if not match:
        return ""
    words = []
    for word in match.group(1).split():
        if not _agent_word(word) or word.lower() in NOT_NAMES:
            break
        words.append(word)
    after = match.group(1).split()[len(words) : len(words) + 1]
    if after and after[0].lower() in {"and", "or"}:
        return ""  # "by Russian and government jets": two parties
    if not words or len(words) > 5:
        return ""
    phrase = " ".join(words)
    if not _identifies([(w, False) for w in words]):
        return ""
    return _clean(phrase)


def responsible_party(folded: str, lexicon: Lexicon, skip: list[tuple[int, int]] = ()) -> str:
    """The one party a sentence (folded) says carried out an attack, or "".

    `skip` are spans not read (a denied proposition: the denier says the
    opposite). Examples: "Russian airstrikes killed 30 people" gives "Russian
    airstrikes"; "strikes by government aircraft" gives "government
    aircraft"; "airstrikes killed 30 people" gives "".
    """
    found: list[str] = []
    lower = folded.lower()
    for term in lexicon.attack_terms:
        if term not in lower:
            continue
        for match in term_pattern(r"(?<![\w\-])", term, r"(?![\w\-])").finditer(lower):
            if any(a <= match.start() < b for a, b in skip):
                continue
            is_verb = term.endswith("ed") or term in ("struck", "fired on", "opened fire on")
            before = _phrase_before(folded, match.start())
            if before and is_verb and _victims_not_agents(folded, lower, match.start(), match.end(), before):
                before = ""
            if before:
                # "Russian airstrikes" (a noun: the phrase names the act) or
                # "government forces shelled" (a verb: its subject).
                found.append(before if is_verb else f"{before} {folded[match.start() : match.end()]}")
            after = lower[match.end() :]
            link = re.match(r"((?:\s+[a-z]+){0,3}?)\s+by\s+", after)
            if link and all(w in LINK_WORDS for w in link.group(1).split()):
                by = _phrase_after_by(folded, match.end() + link.end())
                if by:
                    found.append(by)
    parties = list(dict.fromkeys(found))
    # "government forces shelled" is read twice (as "government forces" and
    # by a shorter term): keep the longest of phrases that contain another.
    distinct = [p for p in parties if not any(p != q and p.lower() in q.lower() for q in parties)]
    return distinct[0][:200] if len(distinct) == 1 else ""


# After a participle, not a verb with an object: "20 insurgents killed in
# airstrikes" counts victims.
PARTICIPLE_NEXT = re.compile(
    r"\s+(?:in|by|when|during|at|on|near|since|after|as|overnight|last|this|and|or)\b|\s*[,.;]"
)


def _victims_not_agents(folded: str, lower: str, start: int, end: int, phrase: str) -> bool:
    """Whether the phrase before an attack verb counts its victims ("20
    insurgents killed in airstrikes", "rebels killed by shelling") rather than
    naming its subject ("Government troops killed 12 protesters")."""
    if PARTICIPLE_NEXT.match(lower[end:]):
        return True
    head = folded[:start].rstrip()
    head = head[: len(head) - len(phrase)] if head.endswith(phrase) else head
    return bool(
        re.search(
            r"(?:\d[\d,.]*|dozens|hundreds|thousands|scores|several|many|some)\s*(?:of\s+)?(?:the\s+)?$",
            head.lower(),
        )
    )


def not_a_cue(verb: str, lower_sentence: str) -> bool:
    """A verb that reports only when it denies ("dismissed ... as false")."""
    return verb.lower() in DENIAL_ONLY_VERBS and not is_denial(verb, lower_sentence)


def is_denial(verb: str, lower_sentence: str) -> bool:
    """Whether a cue's verb denies what follows it."""
    verb = verb.lower()
    if verb in DENIAL_VERBS:
        return True
    if verb not in DISMISSAL_VERBS:
        return False
    return bool(AS_FALSE.search(lower_sentence)) or bool(
        re.search(rf"(?<![\w\-']){re.escape(verb)}\s+{_A_COUNT_AS_OBJECT}", lower_sentence)
    )


# "rejected the toll of 300", "dismissed the monitor's figures": rejecting a
# count says it is wrong, "as false" or not; its numbers are not the rejecter's.
_A_COUNT_AS_OBJECT = (
    r"(?:the|a|an|its|their|his|her|[\w\-]+'s|[\w\-]+s')\s+[^,;.:]{0,40}?"
    r"\b(?:toll|tolls|figure|figures|count|tally|estimate|estimates|number|numbers|statistics|claims?\s+that)\b"
)


def denied_proposition(folded: str, start: int, end: int) -> str:
    """The denied proposition between a denial cue's end and `end`: "reports
    that 30 people died" gives "30 people died"."""
    text = folded[start:end].strip(" ,;:.")
    text = re.split(r",\s+(?:saying|adding|calling|and said|describing)\b", text)[0]
    text = re.split(AS_FALSE.pattern, text, maxsplit=1, flags=re.IGNORECASE)[0].strip(" ,;:.")
    text = DENIED_LEAD.sub("", text).strip(" ,;:.")
    text = re.sub(r"(?i)\s+(?:and|but|or)$", "", text)
    return text[:1].upper() + text[1:] if len(text) >= 3 else ""
