"""From a document body to proposed claims (Candidate), sentence by sentence."""

import re
from dataclasses import dataclass, field

from .agents import denied_proposition, is_denial, not_a_cue, responsible_party
from .binding import Binding, bind_figures, clauses_of
from .cues import Cue, according_to, find_cues, relay_in
from .joint import AMBIGUOUS, split_phrase
from .lexicon import Lexicon, term_pattern
from .matching import GENERIC_WORDS, KnownSource, SourceMatch, SourceMatcher
from .quantities import Figure, find_figures
from .sentences import Span, is_headline, split_sentences
from .speakers import SpeakerMemory, clean_speaker, plausible_speaker
from .text import fold, normalise_name, quote_spans
from .vocabulary import DETERMINERS, PRONOUN_KEYS

TERRITORY_WORDS = re.compile(
    r"\b(control|controls|captured|seized|retreat|retreated|withdrew|withdrawal|entry|entered|"
    r"positions|held|advance|advanced|took over|fell|recaptured|limited to|encircled)\b"
)
FRAMING_PATTERN = re.compile(
    r"\b(framed|framing|described|describing|called|calling|characterised|characterized|branded|"
    r"labelled|labeled)\b[^.;]{0,80}?\b(as|it)\b"
)


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
    similar_source_id: int | None = None  # a new source whose name is close to this one's
    proposed_source_kind: str = ""
    form: str = "paraphrase"
    reporting_verb: str = ""
    relayed_by_text: str = ""
    relayed_by_id: int | None = None
    figure: Figure | None = None
    figure_start: int | None = None  # where the figure's number is in the body
    framing_terms: list[str] = field(default_factory=list)
    # A figure in a sentence with several speakers that could not be bound
    # to one of them: proposed without a speaker, for the editor to credit.
    speaker_unbound: bool = False
    # Who the sentence says did it, from an explicit agent phrase (agents.py).
    responsible_party: str = ""
    # The speaker denies something; `denied_text` is what (agents.py).
    is_denial: bool = False
    denied_text: str = ""
    # A joint statement ("Russia and Syria said"): the other speakers, each
    # with a proposal of its own for the same figure (joint.py).
    joint_with: list[str] = field(default_factory=list)


def _framing_terms(lower: str, lexicon: Lexicon) -> list[str]:
    found = []
    for term in lexicon.framing_terms:
        if term in lower and term_pattern(r"(?<![\w\-])", term, r"(?![\w\-])").search(lower):
            if not any(term in longer for longer in found):
                found.append(term)
    return found


def kind_hint(name: str, lexicon: Lexicon) -> str:
    lower = normalise_name(name)
    for term, kind in lexicon.source_kind_hints:
        if term in lower and term_pattern(r"\b", term, r"\b").search(lower):
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
    for start, end in quote_spans(folded):
        inner = folded[start + 1 : end - 1].strip()
        if len(inner.split()) >= 5 or (len(inner.split()) >= 2 and inner[-1:] in ",.!?"):
            return True
    return False


@dataclass
class SpokenBy:
    """Someone who speaks in a sentence: the name shown, the matched source,
    the cue and the phrase as written."""

    name: str
    source: KnownSource | None
    verb: str
    cue: Cue | None = None
    raw: str = ""
    about: str = ""  # "a teacher who fled": helps guess a new source's kind
    anchors: list[int] = field(default_factory=list)  # where this speaker's cues are in the sentence
    similar: KnownSource | None = None  # a new source whose name is close to this existing one
    group: int | None = None  # speakers of one joint statement share it (joint.py)
    # Someone speaks here but the words cannot say who ("it said" after two
    # speakers): the figures are proposed unbound, credited to nobody.
    unknown: bool = False


@dataclass
class SentenceReading:
    """What the rules found in one sentence, before it becomes candidates."""

    span: Span
    folded: str
    lower: str
    cues: list[Cue]
    according: tuple[str, int, int] | None
    figures: list[Figure]
    anonymous: bool
    statement: bool
    direct_quote: bool
    framing: list[str]
    spoken: list[SpokenBy] = field(default_factory=list)
    relay_text: str = ""
    according_used: bool = False
    # A cue whose speaker could not be found: its figures are someone's,
    # not the publication's, so they are proposed unbound.
    unresolved_speaker: bool = False

    @property
    def sentence(self) -> str:
        return self.span.text


def _read_sentence(span: Span, lexicon: Lexicon) -> SentenceReading:
    sentence = span.text
    folded = fold(sentence)
    lower = folded.lower()
    return SentenceReading(
        span=span,
        folded=folded,
        lower=lower,
        cues=find_cues(folded, lower, lexicon),
        according=according_to(folded, lower, lexicon),
        figures=find_figures(sentence, lexicon),
        anonymous=any(marker in lower for marker in lexicon.anonymity_markers),
        statement=any(
            m in lower and term_pattern(r"\b", m, r"\b").search(lower) for m in lexicon.statement_markers
        ),
        direct_quote=_has_direct_quote(folded),
        framing=_framing_in(folded, lower, lexicon),
    )


def _framing_in(folded: str, lower: str, lexicon: Lexicon) -> list[str]:
    framing = _framing_terms(lower, lexicon)
    if FRAMING_PATTERN.search(lower):
        framed = re.search(r'\bas\s+(?:a\s+|an\s+)?"([^"]{2,60})"', folded) or re.search(
            r'\b(?:calling|called)\s+(?:it|them|the \w+)\s+"([^"]{2,60})"', folded
        )
        if framed and framed.group(1).lower() not in framing:
            framing.append(framed.group(1).lower())
    return framing


def _claim_kind(reading: SentenceReading, figure: Figure | None) -> str:
    if figure:
        return "figure"
    if reading.framing and FRAMING_PATTERN.search(reading.lower):
        return "framing"
    if TERRITORY_WORDS.search(reading.lower):
        return "territory"
    return "other"


def _form(reading: SentenceReading, entry: SpokenBy) -> str:
    if not entry.name:
        return "paraphrase"
    # An unnamed source stays anonymous however it is introduced: "according
    # to an official who spoke on condition of anonymity" is anonymous.
    if reading.anonymous:
        return "anonymous"
    if entry.verb == "according to":
        return "according_to"
    if reading.direct_quote or _is_only_quote(reading.folded):
        return "direct_quote"
    if reading.statement or entry.verb in STATEMENT_VERBS:
        return "statement"
    return "paraphrase"


STATEMENT_VERBS = ("released a statement", "issued a statement")
# Two or three capitalised words, not at a sentence's first word only:
# "Lucia Amar", "Dario Fenn".
FULL_NAME = re.compile(r"(?<![\w'])[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2}(?![\w'])")


class DocumentReader:
    """Reads a document sentence by sentence, remembering who has spoken (for
    "it said", "the ministry") and who was quoted last (for a quotation that
    follows an attributed one)."""

    def __init__(self, body: str, *, lexicon: Lexicon, sources: list[KnownSource]):
        self.body = body
        self.lexicon = lexicon
        self.matcher = SourceMatcher(list(sources))
        self.memory = SpeakerMemory()
        # Sources named by a specific name in this document: only they can be
        # meant by a generic word ("the agency") later in it.
        self.named_here: set[int] = set()
        # Full names of people mentioned so far ("Lucia Amar"), by surname:
        # a later "Amar said" is her, not a new source called "Amar".
        self.full_names: dict[str, str] = {}
        self.previous_quote_speaker: tuple[str, KnownSource | None] | None = None
        # The speakers of the last sentence that had any: "it said" after two
        # of them is ambiguous.
        self.last_speakers: list[SpokenBy] = []

    def read(self) -> list[Candidate]:
        candidates: list[Candidate] = []
        seen_sentences: set[str] = set()
        for span in split_sentences(self.body):
            if is_headline(span):
                continue
            key = " ".join(fold(span.text).lower().split())
            if key in seen_sentences:
                continue
            seen_sentences.add(key)
            candidates.extend(self._candidates_for(_read_sentence(span, self.lexicon)))
            self._remember_full_names(span.text)
        return candidates

    def _remember_full_names(self, sentence: str) -> None:
        for match in FULL_NAME.finditer(fold(sentence)):
            words = match.group(0).split()
            if words[0].lower() not in DETERMINERS and not any(w.lower() in GENERIC_WORDS for w in words):
                self.full_names[words[-1]] = match.group(0)

    def _candidates_for(self, reading: SentenceReading) -> list[Candidate]:
        self._speakers_from_cues(reading)
        self._speaker_from_according(reading)
        reading.figures = _figures_outside_speakers(reading)
        if not reading.spoken and _is_only_quote(reading.folded) and self.previous_quote_speaker:
            name, source = self.previous_quote_speaker
            reading.spoken.append(SpokenBy(name=name, source=source, verb="", anchors=[0]))
        if not reading.spoken and not reading.figures:
            self.previous_quote_speaker = None
            return []
        return self._build_candidates(reading)

    def _speakers_from_cues(self, reading: SentenceReading) -> None:
        reading.cues = [cue for cue in reading.cues if not not_a_cue(cue.verb, reading.lower)]
        for cue in reading.cues:
            if cue.relay:
                reading.relay_text = reading.relay_text or clean_speaker(cue.relay, self.lexicon)
            if cue.inherited or cue.speaker is None:
                self._inherit_speaker(reading, cue)
                continue
            for entry in self._resolve_cue(reading, cue):
                same = next((s for s in reading.spoken if s.name == entry.name and not s.unknown), None)
                if same is not None and not entry.unknown:
                    same.anchors.append(cue.start)
                else:
                    reading.spoken.append(entry)

    def _resolve_cue(self, reading: SentenceReading, cue: Cue) -> list[SpokenBy]:
        if cue.joint or cue.ambiguous:
            # A source the newsroom has under the whole name ("Smith and
            # Wesson") is one speaker; otherwise each actor speaks.
            whole = self._lookup(clean_speaker(cue.speaker, self.lexicon)).source
            if whole is None:
                if cue.ambiguous:
                    return [_nobody(cue.verb, cue.start, cue)]
                return self._joint_entries(cue.joint, cue.verb, cue.start, cue)
        if self._pronoun(cue) and not reading.spoken:
            carried = self._carried_speakers(cue, cue.speaker)
            if carried is not None:
                return carried
        entry = self._resolve_named(reading, cue)
        return [entry] if entry is not None else []

    def _pronoun(self, cue: Cue) -> bool:
        raw = cue.speaker or ""
        return (
            normalise_name(clean_speaker(raw, self.lexicon)) in PRONOUN_KEYS
            or normalise_name(raw) in PRONOUN_KEYS
        )

    def _carried_speakers(self, cue: Cue, pronoun: str | None) -> list[SpokenBy] | None:
        """Reported speech carried over from the sentence before, only when it
        is unambiguous: after two speakers, "it said" could be either, so the
        figures are credited to nobody; "they said" after a joint statement
        is all of its speakers. None: the usual single-speaker memory applies."""
        previous = self.last_speakers
        if len(previous) < 2:
            return None
        joint = len({entry.group for entry in previous}) == 1 and previous[0].group is not None
        if joint and normalise_name(pronoun or "") in {"they", "statement"}:
            return self._joint_entries([e.name for e in previous], cue.verb, cue.start, cue, previous)
        return [_nobody(cue.verb, cue.start, cue)]

    def _joint_entries(
        self, names, verb: str, anchor: int, cue: Cue | None, known: list[SpokenBy] = ()
    ) -> list[SpokenBy]:
        """One entry per speaker of a joint statement, sharing the cue; if one
        of them cannot be read as a speaker, nobody is credited (never only
        the other one)."""
        entries: list[SpokenBy] = []
        for index, part in enumerate(names):
            if known:
                name, source, similar, cleaned = part, known[index].source, None, known[index].raw
            else:
                cleaned = clean_speaker(part, self.lexicon)
                if not plausible_speaker(cleaned) or normalise_name(cleaned) in PRONOUN_KEYS | {
                    "we",
                    "i",
                    "you",
                }:
                    # "He and his wife said": who "he" is would be a guess.
                    return [_nobody(verb, anchor, cue)]
                name, source, similar = self._match(part, cleaned)
            if any(e.name == name for e in entries):
                continue  # the same actor named twice ("Russia and Moscow")
            entries.append(
                SpokenBy(
                    name=name,
                    source=source,
                    verb=verb,
                    cue=cue,
                    raw=cleaned,
                    similar=similar,
                    anchors=[anchor],
                )
            )
        for entry in entries:
            entry.group = anchor if len(entries) > 1 else None
        return entries

    def _inherit_speaker(self, reading: SentenceReading, cue: Cue) -> None:
        if reading.spoken:
            # "X said ... and said ...": the same speaker goes on.
            reading.spoken[-1].anchors.append(cue.start)
            # The participle names the act more precisely than
            # "released a statement" did.
            if reading.spoken[-1].verb in STATEMENT_VERBS:
                reading.spoken[-1].verb = cue.verb
            return
        carried = self._carried_speakers(cue, None)
        if carried is not None:
            reading.spoken.extend(carried)
            return
        resolved = self.memory.last()
        if resolved is not None:
            reading.spoken.append(
                SpokenBy(name=resolved[0], source=resolved[1], verb=cue.verb, cue=cue, anchors=[cue.start])
            )

    def _resolve_named(self, reading: SentenceReading, cue: Cue) -> SpokenBy | None:
        raw = cue.speaker
        cleaned = clean_speaker(raw, self.lexicon)
        if normalise_name(cleaned) in PRONOUN_KEYS or normalise_name(raw) in PRONOUN_KEYS:
            # "it said", "the statement framed": the speaker just named,
            # in this sentence or the one before.
            if reading.spoken:
                resolved = (reading.spoken[-1].name, reading.spoken[-1].source)
            else:
                resolved = self.memory.last()
            if resolved is None:
                reading.unresolved_speaker = True  # "They said ..." with nobody named before
                return None
            name, source = resolved
            similar = None
        else:
            if not plausible_speaker(cleaned):
                return None
            name, source, similar = self._match(raw, cleaned)
        return SpokenBy(
            similar=similar if not source else None,
            name=name,
            source=source,
            verb=cue.verb,
            cue=cue,
            raw=cleaned,
            about=cue.description,
            anchors=[cue.start],
        )

    def _match(self, raw: str, cleaned: str) -> tuple[str, KnownSource | None, KnownSource | None]:
        """(name shown, matched source, similar source)."""
        if cleaned in self.full_names and not self.matcher.match(cleaned):
            cleaned = self.full_names[cleaned]  # "Amar said" after "Lucia Amar"
        found = self._lookup(cleaned)
        if found.source is None and cleaned != raw:
            by_raw = self._lookup(raw)
            found = by_raw if by_raw.source else found
        if found.source is not None:
            return found.source.name, found.source, None
        if len(cleaned.split()) == 1 and re.match(r"(?i)^(the)\s", fold(raw).strip()):
            # "the ministry": the last speaker of this document whose name
            # ends in that word.
            earlier = self.memory.by_head_noun(cleaned.lower())
            if earlier:
                return earlier[0], earlier[1], None
        return cleaned, None, found.similar

    def _lookup(self, phrase: str) -> SourceMatch:
        found = self.matcher.lookup(phrase, named_here=self.named_here)
        if found.source is not None:
            self.named_here.add(found.source.id)
        return found

    def _speaker_from_according(self, reading: SentenceReading) -> None:
        if reading.according is None:
            return
        phrase = reading.according[0]
        relay_inside = relay_in(phrase, self.lexicon)
        if reading.spoken and not _in_a_clause_of_its_own(reading):
            reading.relay_text = reading.relay_text or relay_inside or clean_speaker(phrase, self.lexicon)
        elif re.match(r"(?i)(a |the )?(statement|report)\b", phrase):
            reading.relay_text = reading.relay_text or relay_inside
        else:
            cleaned = clean_speaker(phrase, self.lexicon)
            parts = split_phrase(cleaned)
            if len(parts) > 1 and self._lookup(cleaned).source is None:
                # "according to Russia and the Syrian army": both of them.
                anchor = reading.according[1]
                if parts[0] == AMBIGUOUS:
                    reading.spoken.append(_nobody("according to", anchor, None))
                else:
                    reading.spoken.extend(self._joint_entries(parts, "according to", anchor, None))
                reading.according_used = True
            elif plausible_speaker(cleaned):
                name, source, similar = self._match(cleaned, cleaned)
                reading.spoken.append(
                    SpokenBy(
                        name=name,
                        source=source,
                        verb="according to",
                        raw=cleaned,
                        similar=similar,
                        anchors=[reading.according[1]],
                    )
                )
                reading.according_used = True

    def _build_candidates(self, reading: SentenceReading) -> list[Candidate]:
        """One candidate per (speaker, figure) pair, per speaker with no
        figure, and per figure nobody can be credited with (binding.py)."""
        relay_source = self._lookup(reading.relay_text).source if reading.relay_text else None
        text = _claim_text_for(reading)
        several = len(reading.spoken) > 1
        quote_speaker_here = None
        nobody = SpokenBy(name="", source=None, verb="")
        candidates = []
        anchors = [entry.anchors for entry in reading.spoken]
        described = _figures_describing_the_scene(reading)
        denials = _denials(reading)
        # A figure inside a denied proposition ("denied reports that 30
        # people died") is what the denier says is false, never the
        # denier's own figure: proposed unbound, for the editor to credit.
        denied_figures = [
            f for f in reading.figures if f not in described and any(a <= f.start < b for _, a, b in denials)
        ]
        stated = [figure for figure in reading.figures if figure not in described + denied_figures]
        party = responsible_party(reading.folded, self.lexicon, [(a, b) for _, a, b in denials])
        backward = frozenset(
            entry.cue.start for entry in reading.spoken if entry.cue is not None and entry.cue.passive_agent
        )
        bindings = bind_figures(reading.folded, anchors, stated, backward)
        if not reading.spoken and reading.unresolved_speaker:
            bindings = [Binding(None, b.figure, unbound=b.figure is not None) for b in bindings]
        bindings = _settle_joint_and_unknown(bindings, reading.spoken)
        bindings += [Binding(None, figure) for figure in described]
        bindings += [Binding(None, figure, unbound=True) for figure in denied_figures]
        # "denied that its aircraft struck the school and said its jets hit a
        # depot, killing 30": the denial is a claim of its own beside the 30.
        figure_less = {b.speaker for b in bindings if b.figure is None}
        bindings += [Binding(index, None) for index, _, _ in denials if index not in figure_less]
        bindings.sort(
            key=lambda b: (b.figure.start if b.figure else -1, -1 if b.speaker is None else b.speaker)
        )
        denied_by = {index: (start, end) for index, start, end in denials}
        for binding in bindings:
            entry = nobody if binding.speaker is None else reading.spoken[binding.speaker]
            own_text = _clause_text(reading, entry, binding.figure) if several else text
            denial = denied_by.get(binding.speaker) if binding.figure is None else None
            if denial is not None:
                # The claim is the denial itself, not the proposition denied.
                own_text = _clause_text(reading, entry, None) if several else _sentence_text(reading)
            candidate = self._candidate(reading, entry, binding.figure, own_text, relay_source)
            candidate.speaker_unbound = binding.unbound
            candidate.joint_with = _partners(reading, entry)
            if denial is not None:
                candidate.is_denial = True
                candidate.denied_text = denied_proposition(reading.folded, *denial)
                candidate.kind = "other"
            elif binding.figure not in denied_figures:
                candidate.responsible_party = party
            candidates.append(candidate)
            if candidate.form == "direct_quote":
                quote_speaker_here = (entry.name, entry.source)
        self._remember(reading, quote_speaker_here)
        return candidates

    def _remember(self, reading: SentenceReading, quote_speaker) -> None:
        for entry in reading.spoken:
            if not entry.unknown:
                self.memory.add(entry.name, entry.source)
        if reading.spoken:
            self.last_speakers = _distinct_speakers(reading.spoken)
        self.previous_quote_speaker = quote_speaker

    def _candidate(
        self,
        reading: SentenceReading,
        entry: SpokenBy,
        figure: Figure | None,
        text: str,
        relay_source: KnownSource | None,
    ) -> Candidate:
        span = reading.span
        return Candidate(
            excerpt_start=span.start,
            excerpt_end=span.end,
            excerpt=self.body[span.start : span.end],
            text=text,
            kind=_claim_kind(reading, figure),
            speaker_text=entry.raw or entry.name,
            speaker_name=entry.name,
            source_id=entry.source.id if entry.source else None,
            similar_source_id=entry.similar.id if entry.similar and not entry.source else None,
            proposed_source_kind=self._new_source_kind(reading, entry),
            form=_form(reading, entry),
            reporting_verb=entry.verb,
            relayed_by_text=reading.relay_text if entry.name else "",
            relayed_by_id=relay_source.id if relay_source and entry.name else None,
            figure=figure,
            figure_start=span.start + figure.start if figure else None,
            framing_terms=list(reading.framing),
        )

    def _new_source_kind(self, reading: SentenceReading, entry: SpokenBy) -> str:
        if not entry.name or entry.source:
            return ""
        if reading.anonymous:
            return "anonymous"
        return kind_hint(entry.name, self.lexicon) or kind_hint(entry.about, self.lexicon)


def _partners(reading: SentenceReading, entry: SpokenBy) -> list[str]:
    if entry.group is None:
        return []
    return [e.name for e in reading.spoken if e.group == entry.group and e is not entry]


def _nobody(verb: str, anchor: int, cue: Cue | None) -> SpokenBy:
    return SpokenBy(name="", source=None, verb=verb, cue=cue, anchors=[anchor], unknown=True)


def _distinct_speakers(spoken: list[SpokenBy]) -> list[SpokenBy]:
    """Who spoke in a sentence, once each; someone unknown counts as another
    speaker (after "it said" credited to nobody, a later "it" is no clearer)."""
    found: list[SpokenBy] = []
    for entry in spoken:
        if entry.unknown or not any(e.name == entry.name for e in found):
            found.append(entry)
    return found


def _settle_joint_and_unknown(bindings: list[Binding], spoken: list[SpokenBy]) -> list[Binding]:
    """Every speaker of a joint statement gets each figure bound to any of
    them; a figure bound to someone unknown is proposed unbound."""
    settled: list[Binding] = []
    with_figures = set()
    for binding in bindings:
        entry = spoken[binding.speaker] if binding.speaker is not None else None
        if entry is not None and entry.unknown:
            if binding.figure is not None:
                settled.append(Binding(None, binding.figure, unbound=True))
            continue
        members = [binding.speaker]
        if entry is not None and entry.group is not None:
            members = [i for i, e in enumerate(spoken) if e.group == entry.group]
        for member in members:
            settled.append(Binding(member, binding.figure, binding.unbound))
            if binding.figure is not None:
                with_figures.add(member)
    unique = []
    for binding in settled:
        if binding.figure is None and binding.speaker in with_figures:
            continue
        if any(b.speaker == binding.speaker and b.figure is binding.figure for b in unique):
            continue
        unique.append(binding)
    return unique


def _denials(reading: SentenceReading) -> list[tuple[int, int, int]]:
    """(speaker index, start, end) of each denied proposition: from a denial
    cue's end to the next cue in the sentence (", saying ...", "and said
    ...": the denier's own words again), or the sentence's end."""
    found = []
    all_anchors = sorted(a for entry in reading.spoken for a in entry.anchors)
    for cue in reading.cues:
        if not is_denial(cue.verb, reading.lower):
            continue
        owner = next((i for i, e in enumerate(reading.spoken) if cue.start in e.anchors), None)
        if owner is None:
            continue
        # "denied claims that ...": a cue word right after the denial is
        # what is denied, not the denier speaking again.
        end = next(
            (a for a in all_anchors if a > cue.start and len(reading.folded[cue.end : a].split()) > 2),
            len(reading.folded),
        )
        if end > cue.end:
            found.append((owner, cue.end, end))
    return found


def _sentence_text(reading: SentenceReading) -> str:
    text = reading.sentence.strip().rstrip(".").strip()
    return text[:1].upper() + text[1:]


def _in_a_clause_of_its_own(reading: SentenceReading) -> bool:
    """'According to the ministry, 45 people were killed, while medics said
    at least 60 died': the ministry speaks in its own clause; it did not
    relay the medics' words."""
    clauses = clauses_of(reading.folded)

    def index(position: int) -> int:
        return next((i for i, c in enumerate(clauses) if position < c.end), len(clauses) - 1)

    own = index(reading.according[1])
    return all(index(anchor) != own for entry in reading.spoken for anchor in entry.anchors)


def _figures_describing_the_scene(reading: SentenceReading) -> list[Figure]:
    """'"We are winning," the leader told a rally attended by several
    thousand people': the speaker said the quoted words; a figure after the
    cue and outside the quotation is the publication's description."""
    quotes = quote_spans(reading.folded)
    if not quotes or not reading.spoken:
        return []
    after_quote = [
        anchor
        for entry in reading.spoken
        for anchor in entry.anchors
        if any(0 <= anchor - end <= 60 for _, end in quotes)
    ]
    if not after_quote:
        return []
    first_cue = min(after_quote)
    later_cues = [a for entry in reading.spoken for a in entry.anchors if a > first_cue]
    return [
        figure
        for figure in reading.figures
        if figure.start > first_cue
        and not any(start < figure.start < end for start, end in quotes)
        # '..., the commander said, adding that 30 were wounded': said by him.
        and not any(cue < figure.start for cue in later_cues)
    ]


def _figures_outside_speakers(reading: SentenceReading) -> list[Figure]:
    """A number inside the speaker's own description ("two residents", "Two
    police officers who asked not to be named") counts speakers, not what
    they claim."""
    speaker_ranges = [
        (s.cue.speaker_start, s.cue.start)
        for s in reading.spoken
        if s.cue is not None and s.cue.speaker_start is not None
    ]
    if reading.according is not None:
        speaker_ranges.append((reading.according[1], reading.according[2]))
    for entry in reading.spoken:
        # "Two officials, speaking on condition of anonymity, said ...": the
        # speaker's own words wherever they stand before the cue.
        position = reading.folded.find(entry.raw) if entry.raw else -1
        if position != -1 and entry.anchors and position < entry.anchors[0]:
            speaker_ranges.append((position, position + len(entry.raw)))
    return [f for f in reading.figures if not any(a <= f.start < b for a, b in speaker_ranges)]


def _clause_text(reading: SentenceReading, entry: SpokenBy, figure: Figure | None) -> str:
    """With several speakers in a sentence, each claim is the clause that
    states it ("the hospital put the number at 52"), not the whole sentence."""
    position = figure.start if figure else (entry.anchors[0] if entry.anchors else 0)
    clauses = clauses_of(reading.folded)
    clause = next((c for c in clauses if position < c.end), clauses[-1])
    text = reading.sentence[clause.start : clause.end].strip(" ,;.")
    if len(text.split()) < 3:
        return _claim_text_for(reading)
    return text[:1].upper() + text[1:]


def _claim_text_for(reading: SentenceReading) -> str:
    first_cue = next((s.cue for s in reading.spoken if s.cue is not None), None)
    according = reading.according
    return _claim_text(
        reading.sentence,
        reading.folded,
        first_cue.start if first_cue else None,
        first_cue.end if first_cue else None,
        according[1] if according is not None and (reading.according_used or reading.spoken) else None,
    )


def extract_claims(body: str, *, lexicon: Lexicon, sources: list[KnownSource] = ()) -> list[Candidate]:
    """Every claim-carrying sentence of `body`, as candidates in text order.

    A sentence carries a claim when it has a reporting cue with a speaker
    ("Russia claiming", "according to residents"), is a quotation following
    an attributed quotation, or gives a counted figure (then in the
    publication's own voice if no one is credited). A sentence repeated word
    for word gives one candidate.
    """
    return DocumentReader(body, lexicon=lexicon, sources=list(sources)).read()
