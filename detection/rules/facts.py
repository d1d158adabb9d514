"""What the rules read and what they return.

Rules are plain functions over `ClaimFacts` (a claim as the detector sees it,
built once per check by `detection.selectors`) and a `Lexicon` (the editable
word lists). They never touch the database, so each can be read and tested on
its own; `detection.services` turns their `Finding`s into flags.
"""

import math
from dataclasses import dataclass, field
from datetime import date, datetime

from claims.models import Claim, ConflictFlag
from core.bidi import isolate, without_isolation

# The rule codes stored in `ConflictFlag.rule`, a TextChoices defined with the
# column (claims may not import detection). `Rule.ALL` keeps older code working.
Rule = ConflictFlag.Rule
Rule.ALL = tuple(Rule.values)


Severity = ConflictFlag.Severity
SEVERITY_ORDER = [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]


def severity_raised(severity: int, *, steps: int = 1) -> int:
    """One level more severe, never above critical."""
    index = SEVERITY_ORDER.index(severity)
    return SEVERITY_ORDER[min(index + steps, len(SEVERITY_ORDER) - 1)]


@dataclass(frozen=True)
class SourceFacts:
    """The part of a source the rules need."""

    id: int
    name: str
    affiliation: str
    side: str

    @property
    def is_party(self) -> bool:
        return self.affiliation == "party"

    def is_opposed_to(self, other: "SourceFacts") -> bool:
        """Both are parties to the conflict, on different sides (as Source.is_opposed_to)."""
        return self.is_party and other.is_party and self.side.strip().lower() != other.side.strip().lower()


@dataclass(frozen=True)
class ClaimFacts:
    """A claim as the rules see it. `subject` is the canonical quantity subject
    and `place` the claim's place (or its event's), lower-cased."""

    id: int
    text: str
    kind: str
    status: str
    event_id: int | None
    place: str = ""
    occurred_on: date | None = None
    subject: str = ""
    subject_display: str = ""
    value_low: int | None = None
    value_high: int | None = None
    qualifier: str = ""
    sources: tuple[SourceFacts, ...] = ()
    # Sources of claims recorded as corroborating this one.
    corroborating_sources: tuple[SourceFacts, ...] = ()
    # When its content last changed (Claim.content_changed_at): not moved by
    # an event merge or a status change.
    content_changed_at: datetime | None = None
    # Who the claim says did it ("Russian air force"), for contested responsibility.
    responsible_party: str = ""
    # Its attributions' verbatim excerpts long enough to recognise copy, as
    # (document id, words) (claims/echoes.py: copy_words), to tell republished
    # wire copy from a second origin.
    excerpts: frozenset[tuple[int | None, str]] = frozenset()
    # Its attributions as claims.origins.Credit (which source's excerpt shows
    # which copy), and those of the claims corroborating it: kept only when an
    # excerpt is long enough to recognise copy; empty, the sources say as much.
    credits: tuple = ()
    corroborating_credits: tuple = ()
    # The speakers credited with it only through an outlet relaying them
    # (every attribution to them has `relayed_by`): the outlet passing on a
    # figure, which may be one the speaker has since revised (rule 8).
    relayed_speakers: frozenset[int] = frozenset()
    # Its event runs over several days (a siege, an offensive): an undated
    # figure under it may be the whole span's total, a dated one a day's.
    event_spans_days: bool = False

    @property
    def is_figure(self) -> bool:
        return self.kind == Claim.Kind.FIGURE and self.value_low is not None

    @property
    def speaker(self) -> str:
        """Who made the claim, for an explanation: its first source's name,
        isolated so right-to-left controls in it cannot reorder the sentence."""
        return isolate(self.sources[0].name) if self.sources else f"claim #{self.id}"

    @property
    def speaker_possessive(self) -> str:
        name = self.speaker
        return f"{name}'" if without_isolation(name).endswith("s") else f"{name}'s"

    @property
    def subject_shown(self) -> str:
        """What is counted, as typed by an editor, isolated for a sentence."""
        return isolate(self.subject_display)

    @property
    def figure_number(self) -> str:
        """The figure without its subject: "at least 20", "24–99", "about 200"."""
        if self.value_low is None:
            return ""
        high = self.value_high if self.value_high is not None else self.value_low
        number = f"{self.value_low:,}" if high == self.value_low else f"{self.value_low:,}–{high:,}"
        prefix = {"about": "about ", "at_least": "at least ", "up_to": "up to "}.get(self.qualifier, "")
        return prefix + number


@dataclass(frozen=True)
class RelationFacts:
    """A relation between two claims, as stored (lower id first when symmetric)."""

    id: int
    from_claim_id: int
    to_claim_id: int
    relation_type: str
    origin: str
    created_by_name: str = ""

    def other_than(self, claim_id: int) -> int:
        return self.to_claim_id if self.from_claim_id == claim_id else self.from_claim_id


@dataclass(frozen=True)
class Finding:
    """What a rule found: which claims, how severe, and one sentence for the editor."""

    rule: str
    claim_ids: tuple[int, ...]
    severity: int
    explanation: str
    # Also record a "contradicts" relation (origin=rule) so the claim page shows it.
    records_contradiction: bool = False

    @property
    def key(self) -> tuple[str, int, int | None]:
        ids = sorted(self.claim_ids)
        return (self.rule, ids[0], ids[1] if len(ids) > 1 else None)


@dataclass
class Lexicon:
    """The editable word lists, read once per check."""

    # "insurgents" -> "militants"
    subject_synonyms: dict[str, str] = field(default_factory=dict)
    # ("redeployment", ["retreat", "withdrawal"])
    contested_terms: list[tuple[str, list[str]]] = field(default_factory=list)
    # ("large parts", 25, 80)
    control_extents: list[tuple[str, int, int]] = field(default_factory=list)
    # ("insurgents", "opposition")
    control_holders: list[tuple[str, str]] = field(default_factory=list)
    # ("civilians", "non_combatant"), for the victim-status rule
    victim_categories: list[tuple[str, str]] = field(default_factory=list)
    # ("claim", "distancing"), for the attribution balance
    reporting_verbs: list[tuple[str, str]] = field(default_factory=list)
    # What the rules read from a text, remembered while one batch of claims
    # is checked (services clear it per batch to bound memory): a claim is
    # compared with many candidates, and its words need matching only once.
    readings: dict = field(default_factory=dict, repr=False, compare=False)

    def remembered(self, key: tuple, compute):
        if key not in self.readings:
            self.readings[key] = compute()
        return self.readings[key]


INFINITY = math.inf
