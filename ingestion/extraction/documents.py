"""Documents named so far in a document, with who issued them, so that a
later "according to the statement", "the report said" or "the ministry's
statement said" is credited to that issuer.

Only when unambiguous: a document of that kind issued by one actor so far.
When two actors have issued one ("the army issued a statement ... the rebel
command released one of its own"), or a sentence with several speakers
mentions one, "the statement" could be either, so it is neither: the figure
goes to the editor unbound. "A statement" (a new one) is never an earlier one.
"""

import re

from .matching import KnownSource
from .speakers import AMBIGUOUS, head_nouns

# What a document is called, and the kind it is remembered as: "the
# statement" can stand for an earlier communique, never for a report.
DOCUMENT_KINDS = {
    "statement": "statement",
    "communique": "statement",
    "communiqué": "statement",
    "press release": "statement",
    "report": "report",
}
_NOUN = r"(?P<doc>statement|communiqu[eé]|press release|report)"
# "in a statement", "its weekly report", "a statement of its own": a document
# introduced in the sentence (not "the statement", which refers back; not
# "a report by the UN", whose issuer is named after it; not "a report of
# gunfire", which tells of an event rather than being someone's document).
INTRODUCED = re.compile(
    r"(?i)\b(?:a|an|another|its|their|his|her)\s+(?:[a-z-]+\s+){0,3}?"
    + _NOUN
    + r"\b(?!\s+(?:by|from|of(?!\s+(?:its|their|his|her)\s+own))\b)"
)
# What makes a document introduced with "a" the sentence's speaker's own:
# "said in a statement", "issued a statement", "put out a report"; not
# "obtained a copy of a statement", "had read a report", "received a statement".
ISSUED_HERE = re.compile(
    r"(?i)\b(?:in|issued|released|published|put\s+out|posted|circulated|sent\s+out|made|delivered)\s+$"
)


def issued_by_the_speaker(folded: str, introduced: re.Match) -> bool:
    """Whether a document INTRODUCED in a sentence is its speaker's: "its
    report", "in a statement", "issued a statement"."""
    if introduced.group(0).split()[0].lower() in {"its", "their", "his", "her"}:
        return True
    return bool(ISSUED_HERE.search(folded[: introduced.start()]))


# "The health ministry published its weekly report": an issuer with no
# reporting cue. The subject is read back from the verb (`subject_before`).
PUBLISHED = re.compile(
    r"(?i)\s+(?:has\s+|had\s+|have\s+)?(?:issued|released|published|put\s+out|posted|circulated)\s+"
    r"(?:a|an|another|its|their)\s+(?:[a-z-]+\s+){0,3}?" + _NOUN + r"\b"
)
# "..., and the opposition issued one too": another document of the kind the
# sentence names, by an issuer the rules do not read.
ONE_MORE = re.compile(
    r"(?i)\b(?:issued|released|published|put\s+out|posted)\s+(?:one|its\s+own|their\s+own)\b"
)
# "A report by the Halvard Institute", "a statement from the presidency".
MADE_BY = re.compile(
    r"(?i)\b(?:a|an)\s+(?:[a-z-]+\s+){0,2}?"
    + _NOUN
    + r"\s+(?:(?:issued|released|published)\s+)?(?:by|from)\s+"
    r"(?P<issuer>(?:the\s+)?[A-Z][\w'\u2019.-]*(?:\s+(?:of|for|on|the|[A-Za-z][\w'\u2019.-]*)){0,6}?)"
    r"(?=\s*(?:[,.;:]|$|\s(?:was|were|is|are|has|had|on|in|at|said|says|showed|shows|found|finds|that|which"
    # "a report from residents about a gas leak": what it is about is no
    # part of who made it.
    r"|about|over|into|after|before|during|concerning|regarding|to|with)\b))"
)
# "Amnesty International's annual report": a named owner before it.
OWNED_BY_NAME = re.compile(
    r"\b(?P<issuer>[A-Z][\w-]*(?:\s+(?:of|for|[A-Z][\w-]*)){0,5})['\u2019]s\s+(?:[a-z-]+\s+){0,2}?"
    + _NOUN
    + r"\b"
)
# "In Amnesty International's annual report": the preposition opening the
# sentence is no part of the issuer's name.
LEADING_PREPOSITION = re.compile(
    r"^(?:In|On|At|By|From|According\s+to|After|Before|Under|With|Despite|For)\s+"
)
# "the statement", "the report", "the latest statement": a reference back.
REFERENCE = re.compile(r"(?i)^(?:the\s+)(?:(?:latest|new|same|written|earlier|full)\s+)?" + _NOUN + r"$")
# "the ministry's statement", "the agency's latest report", "the rebels'
# statement".
OWNER_REFERENCE = re.compile(
    r"(?i)^(?:the\s+)?(?P<owner>[\w' -]+?)(?:['\u2019]s|(?<=s)['\u2019])\s+"
    r"(?:(?:latest|new|own|written|weekly|annual|full)\s+)?" + _NOUN + r"$"
)
# Words that end the subject read back from "published": "..., but the
# ministry published" -> "the ministry".
_SUBJECT_STOPS = re.compile(r"(?i)(?:^|[,;:]|\b(?:but|while|after|when|as|that|which)\b)\s*")
# A subject naming several actors: "the army and the rebels each issued a
# statement" is two documents, so neither is "the statement".
SEVERAL = re.compile(r"(?i)\b(?:and|each|both|all)\b")


def subject_before(folded: str, verb_start: int) -> str:
    """The phrase before a verb, back to the start of its clause."""
    before = folded[:verb_start]
    stops = list(_SUBJECT_STOPS.finditer(before))
    return before[stops[-1].end() :].strip() if stops else before.strip()


# What `DocumentMemory.issuer` answers when several issuers could be meant.
SEVERAL_ISSUERS = AMBIGUOUS


def kind_of(noun: str) -> str:
    return DOCUMENT_KINDS[" ".join(noun.lower().split())]


class DocumentMemory:
    """Who issued each kind of document named so far."""

    def __init__(self):
        self.issuers: dict[str, list[tuple[str, KnownSource | None]]] = {}

    def add(self, kind: str, issuer: tuple[str, KnownSource | None]) -> None:
        found = self.issuers.setdefault(kind, [])
        if issuer not in found:
            found.append(issuer)

    def add_unknown(self, kind: str) -> None:
        """A document whose issuer cannot be told (several speakers in the
        sentence that names it): any later reference is ambiguous."""
        self.add(kind, AMBIGUOUS)

    def issuer(self, kind: str, owner: str = ""):
        """The one issuer of a `kind` of document so far (whose name has the
        head noun `owner`, for "the ministry's statement"); AMBIGUOUS when
        several could be meant; None when none was named."""
        found = self.issuers.get(kind, [])
        if owner:
            found = [
                entry
                for entry in found
                if entry == AMBIGUOUS
                or owner in head_nouns(entry[0])
                or (
                    entry[1] is not None
                    and any(owner in head_nouns(n) for n in (entry[1].name, *entry[1].aliases))
                )
            ]
        if not found:
            return None
        return found[0] if len(found) == 1 and found[0] != AMBIGUOUS else AMBIGUOUS
