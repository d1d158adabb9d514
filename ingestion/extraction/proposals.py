"""From a document body to proposed claims (Candidate), sentence by sentence."""

import re
from dataclasses import dataclass, field, replace

from .agents import denied_proposition, not_a_cue, responsible_party
from .antecedents import organisations_before
from .binding import Binding, bind_figures, owner_of
from .claim_text import claim_text_for, clause_text, sentence_text
from .cues import TOLL_REVISION, Cue, passes_it_on, relay_after_statement, relay_in
from .documents import (
    INTRODUCED,
    LEADING_PREPOSITION,
    MADE_BY,
    ONE_MORE,
    OWNED_BY_NAME,
    OWNER_REFERENCE,
    PUBLISHED,
    REFERENCE,
    SEVERAL,
    SEVERAL_ISSUERS,
    DocumentMemory,
    issued_by_the_speaker,
    kind_of,
    subject_before,
)
from .joint import AMBIGUOUS, confirms_the_figure, endorser_after, split_phrase
from .joint_binding import nobody_speaker, partners_of, settle_joint_and_unknown
from .lexicon import Lexicon
from .matching import GENERIC_WORDS, KnownSource, SourceMatch, SourceMatcher
from .names import NameMemory
from .ownership import (
    denials_in,
    disputes_what_came_before,
    figures_denied,
    figures_describing_a_place,
    figures_describing_a_speaker,
    figures_describing_the_scene,
    figures_in_a_question,
    figures_negated,
    figures_others_gave_in_a_description,
    figures_outside_speakers,
    in_a_clause_of_its_own,
)
from .person_antecedents import family_names_in, names_a_person, the_one_person
from .quantities import Figure
from .reading import (
    FRAMING_PATTERN,
    STATEMENT_VERBS,
    TERRITORY_WORDS,
    SentenceReading,
    SpokenBy,
    claim_form,
    claim_kind,
    is_only_quote,
    kind_hint,
    read_sentence,
)
from .reference_subjects import resolve_reference_subjects
from .reported_acts import acts_reported_by_others, outlet_closing_a_statement
from .sentences import is_correction_note, is_headline, is_table_row, split_sentences
from .speakers import (
    ORGANISATION_HEADS,
    SpeakerMemory,
    clean_speaker,
    is_title,
    plausible_speaker,
    speaker_kind,
    without_when_and_how,
)
from .text import fold, inside, normalise_name, quote_spans
from .vocabulary import AUXILIARIES, CLAUSE_WORDS, COUNTRY_NAMES, PERSON_OWNED_ROLES, PRONOUN_KEYS

# The public names this module had before its sentence reading, claim text
# and ownership rules moved out: still importable from here.
__all__ = [
    "FRAMING_PATTERN",
    "STATEMENT_VERBS",
    "TERRITORY_WORDS",
    "Candidate",
    "DocumentReader",
    "SentenceReading",
    "SpokenBy",
    "extract_claims",
    "kind_hint",
]


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


# A bulleted or numbered list item: "- 120 dead", "• 340 wounded", "2) 15 missing".
LIST_ITEM = re.compile(r"^\s*(?:[\u2022\u00b7*\u2013\u2014-]|\d{1,2}[.)])\s+\S")
# A speaker phrase owned by someone named before: "its interior ministry".
OWNED = re.compile(r"(?i)^\s*(?:its|their|his|her)\s+\S")
# A person's own people: "Kim's office", "Orban's spokesman".
PERSON_OWNED = re.compile(
    r"^(?P<owner>[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)['\u2019]s\s+(?P<role>"
    + "|".join(sorted(PERSON_OWNED_ROLES))
    + r")$"
)
# "Her deputy", "his lawyer": a person's own people, named by a pronoun.
PRONOUN_OWNED_ROLE = re.compile(r"(?i)^(?P<pronoun>his|her)\s+(?P<role>[a-z]+(?:\s+[a-z]+)?)$")
# Words that stand for a speaker without naming one.
NOT_NAMED = {"we", "i", "you"}


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
        # Full names of people mentioned so far ("Lucia Amar", "Wang Yi"),
        # by family name: a later "Amar said" is her, not a new source called
        # "Amar" ("" when two people share the family name).
        self.full_names = NameMemory()
        # Statements and reports named so far, with who issued them: "the
        # statement said" later is that issuer's, when only one issued one.
        self.documents = DocumentMemory()
        self.previous_quote_speaker: tuple[str, KnownSource | None] | None = None
        # The speakers of a joint statement and the sentence it was in: "they
        # said" in the next sentence is all of them.
        self.last_joint: tuple[int, list[SpokenBy]] | None = None
        # Whether that sentence had them issue a statement ("said in a joint
        # statement"): only then is "the statement" theirs.
        self.joint_statement_issued = False
        # The sentence just read: "It said" is one of the organisations it
        # named only when there is one (antecedents.py).
        self.last_reading: SentenceReading | None = None
        # The last three sentences read: who else a "she" may stand for.
        self.recent_texts: list[str] = []
        # What each speaker counted so far ("people died"), so that "raised
        # its toll to 41" later counts the same thing.
        self.counted_by: dict[tuple[str, KnownSource | None], set[str]] = {}

    def read(self) -> list[Candidate]:
        candidates: list[Candidate] = []
        seen_sentences: set[str] = set()
        # The speakers of a line ending in ":" while the list after it goes
        # on ("The ministry said: / - 120 dead / - 340 wounded"); None
        # outside a list.
        list_speakers: list[SpokenBy] | None = None
        spans = split_sentences(self.body)
        for span in spans:
            item = LIST_ITEM.match(span.text) is not None
            list_speakers = list_speakers if item else None
            introduces = span.text.endswith(":")
            if is_headline(span) and not introduces and not (item and list_speakers is not None):
                continue
            if is_correction_note(span):
                continue
            key = " ".join(fold(span.text).lower().split())
            if key in seen_sentences:
                continue
            seen_sentences.add(key)
            reading = read_sentence(span, self.lexicon)
            reading.list_speakers = list_speakers
            self.full_names.read_sentence(span.text)
            found = self._candidates_for(reading)
            if introduces:
                # "The health ministry said on Tuesday:" says nothing itself.
                found = [candidate for candidate in found if candidate.figure is not None]
                list_speakers = [entry for entry in reading.spoken if not entry.unknown]
            candidates.extend(found)
            self._remember_documents(reading)
            self.last_reading = reading
            self.recent_texts = [*self.recent_texts[-2:], reading.folded]
            self.full_names.remember(span.text)
            self.memory.next_sentence()
        return resolve_reference_subjects(candidates, [span.start for span in spans])

    def _candidates_for(self, reading: SentenceReading) -> list[Candidate]:
        self._speakers_from_cues(reading)
        self._speaker_from_according(reading)
        reading.figures = figures_outside_speakers(reading)
        self._endorsers(reading)
        if not reading.spoken and reading.list_speakers is not None:
            # A list item after "The ministry said:" is the ministry's; after
            # a line naming nobody (or several), its figures are someone's
            # the editor must name, never the publication's.
            if len(reading.list_speakers) == 1:
                intro = reading.list_speakers[0]
                reading.spoken.append(replace(intro, anchors=[0], cue=None, group=None))
            else:
                reading.unresolved_speaker = True
        if not reading.spoken and reading.list_speakers is None and is_table_row(reading.span.text):
            reading.unresolved_speaker = True  # "Aleppo \u2014 20 dead": whose count, the row does not say
        elif not reading.spoken and is_only_quote(reading.folded) and self.previous_quote_speaker:
            name, source = self.previous_quote_speaker
            reading.spoken.append(SpokenBy(name=name, source=source, verb="", anchors=[0]))
        if not reading.spoken and not reading.figures:
            self.previous_quote_speaker = None
            return []
        return self._build_candidates(reading)

    def _speakers_from_cues(self, reading: SentenceReading) -> None:
        reading.cues = [cue for cue in reading.cues if not not_a_cue(cue.verb, reading.lower)]
        according_at = reading.according[1] if reading.according else None
        reading.cues = acts_reported_by_others(reading.cues, reading.folded, according_at)
        reading.cues, outlet = outlet_closing_a_statement(reading.cues, reading.folded)
        reading.relay_text = clean_speaker(outlet, self.lexicon) if outlet else reading.relay_text
        carried = relay_after_statement(reading.folded, self.lexicon)
        reading.relay_text = reading.relay_text or (clean_speaker(carried, self.lexicon) if carried else "")
        for cue in reading.cues:
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
                    return [nobody_speaker(cue.verb, cue.start, cue)]
                return self._joint_entries(cue.joint, cue.verb, cue.start, cue)
        joint = self._joint_just_before(reading, cue)
        if joint:
            return joint
        entry = self._resolve_named(reading, cue)
        return [entry] if entry is not None else []

    def _joint_just_before(self, reading: SentenceReading, cue: Cue) -> list[SpokenBy]:
        """ "Russia and Syria said .... They said ...": all of them ("it"
        stays unresolved: SpeakerMemory finds two speakers)."""
        if reading.spoken or self.last_joint is None or self.last_joint[0] != self.memory.sentence - 1:
            return []
        pronoun = normalise_name(clean_speaker(cue.speaker or "", self.lexicon))
        if pronoun not in {"they", "statement", "joint statement"}:
            return []
        if pronoun != "they" and not self.joint_statement_issued:
            return []  # "Russia and Syria said ... The statement said": no statement was seen
        previous = self.last_joint[1]
        return self._joint_entries([e.name for e in previous], cue.verb, cue.start, cue, previous)

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
                if not plausible_speaker(cleaned) or normalise_name(cleaned) in PRONOUN_KEYS | NOT_NAMED:
                    # "He and his wife said": who "he" is would be a guess.
                    return [nobody_speaker(verb, anchor, cue)]
                name, source, similar = self._match(part, cleaned)
                if not name:
                    return [nobody_speaker(verb, anchor, cue)]  # "the ministry", with two about
            if any(e.name == name for e in entries):
                continue  # the same actor named twice ("Russia and Moscow")
            entry = SpokenBy(name=name, source=source, verb=verb, cue=cue, raw=cleaned, anchors=[anchor])
            entry.similar = similar
            entries.append(entry)
        for entry in entries:
            entry.group = anchor if len(entries) > 1 else None
        return entries

    def _inherit_speaker(self, reading: SentenceReading, cue: Cue) -> None:
        speaking = [entry for entry in reading.spoken if not (entry.cue and _owns_one_figure(entry.cue))]
        if speaking and self._quoter_goes_on(reading, speaking[-1], cue):
            return
        if speaking:
            # "X said ... and said ...": the same speaker goes on.
            speaking[-1].anchors.append(cue.start)
            # The participle names the act more precisely than
            # "released a statement" did.
            if speaking[-1].verb in STATEMENT_VERBS:
                speaking[-1].verb = cue.verb
            return
        # "Adding that ...", "And said ...": the sentence opens with the cue,
        # so it goes on with the one speaker of the sentence before. When
        # words stand before the cue ("The Observatory ... said") they are a
        # subject the rules could not read, never the last speaker.
        opens_sentence = all(
            word.lower() in CLAUSE_WORDS | AUXILIARIES
            for word in re.findall(r"[\w'\-]+", reading.folded[: cue.start])
        )
        resolved = self.memory.previous_sentence_speaker() if opens_sentence else None
        if resolved is None:
            reading.unresolved_speaker = True  # "Adding that ..." with nobody just before
            return
        reading.spoken.append(
            SpokenBy(name=resolved[0], source=resolved[1], verb=cue.verb, cue=cue, anchors=[cue.start])
        )

    def _quoter_goes_on(self, reading: SentenceReading, last: SpokenBy, cue: Cue) -> bool:
        """ "The mayor quoted a firefighter as saying "...", and said 20
        homes burned": the mayor, the subject, goes on after "and", never
        the one quoted (True when the quoter was made the speaker)."""
        quoting = last.cue
        if quoting is None or not quoting.relay or reading.lower[quoting.start : quoting.end] != "quoted":
            return False
        if quoting.speaker_start is not None:
            return False  # "X was quoted by Y as saying ..., and said": X goes on
        if not re.search(r"\band\s+(?:also\s+|later\s+)?$", reading.lower[: cue.start]):
            return False
        entry = self._resolve_named(reading, Cue(cue.start, cue.end, cue.verb, quoting.relay.strip()))
        if entry is None:
            return False
        reading.spoken.append(entry)
        return True

    def _resolve_named(self, reading: SentenceReading, cue: Cue) -> SpokenBy | None:
        raw = cue.speaker
        cleaned = clean_speaker(raw, self.lexicon)
        issuer = self._document_issuer(raw)
        if issuer == SEVERAL_ISSUERS:
            # "the statement", when two actors issued one: someone speaks,
            # not known who, so no other speaker of the sentence takes the figure.
            reading.unresolved_speaker = True
            return nobody_speaker(cue.verb, cue.start, cue)
        if issuer is not None:
            name, source = issuer
            similar = None
        elif normalise_name(cleaned) in PRONOUN_KEYS or normalise_name(raw) in PRONOUN_KEYS:
            resolved = self._pronoun_speaker(reading, cue, raw)
            if resolved is None:
                reading.unresolved_speaker = True  # "They said ..." with nobody named before
                # "..., and it said" with two organisations before it: someone
                # of the sentence speaks, not known who.
                named_before = _document_reference(raw) or reading.spoken
                return nobody_speaker(cue.verb, cue.start, cue) if named_before else None
            name, source = resolved
            similar = None
        else:
            if not plausible_speaker(cleaned):
                if raw.strip():
                    # "Unconfirmed reports said ...", "Reports said ...":
                    # someone said it, but nobody in particular; the editor
                    # credits the figure, never the publication.
                    reading.unresolved_speaker = True
                return None
            name, source, similar = self._match(raw, cleaned)
            if not name:
                reading.unresolved_speaker = True  # "the ministry", with two ministries about
                return None
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

    def _pronoun_speaker(self, reading: SentenceReading, cue: Cue, raw: str):
        """ "It said", "he told": the speaker just named, in this sentence or
        the one before, that the pronoun can stand for
        (speakers.SpeakerMemory). "The statement", "the report" with no
        issuer remembered (documents.py) is a document nobody was seen
        issuing: only a speaker of this sentence who issued one before it
        ("The army said in a statement that ..., and the statement added
        ..."), never whoever spoke last ("Police received a report of
        gunfire. The report said ...": not the police's report)."""
        document = _document_reference(raw)
        if document is not None:
            return self._issuer_in_this_sentence(reading, cue, kind_of(document.group("doc")))
        if reading.spoken:
            if normalise_name(raw).lower() == "it" and self._several_organisations(reading, cue):
                return None  # "X blamed Y for the raid, and it said ...": X or Y
            return reading.spoken[-1].name, reading.spoken[-1].source
        if normalise_name(raw).lower() == "it" and self._several_organisations_before():
            return None  # "X blamed Y for the raid. It said ...": X or Y
        pronoun = normalise_name(raw).lower()
        return self.memory.previous_sentence_speaker(pronoun) or self._person_just_named(
            reading, cue, pronoun
        )

    def _person_just_named(self, reading: SentenceReading, cue: Cue, pronoun: str):
        """ "Maria Lopez visited the site. 'Forty homes are gone,' she
        said.": the one person the sentence before (where nobody spoke) had
        as its subject (person_antecedents.py); None when someone else could
        be meant, this sentence naming a person before the pronoun included."""
        previous = self.last_reading
        if previous is None or previous.spoken or previous.cues:
            return None
        family_names = self.full_names.by_family_name
        if names_a_person(reading.folded[: cue.start], family_names):
            return None
        name = the_one_person(previous.folded, pronoun, family_names=family_names)
        if not name:
            return None
        # Whether a person is "he" or "she" the words rarely say, so anyone
        # else a few sentences back could be meant ("Colonel Dorn said ....
        # Maria Lopez was treating the wounded. He said ..." is Dorn's).
        earlier = set().union(*(family_names_in(text, family_names) for text in self.recent_texts[:-1]))
        # (An acronym such as "UN" is a body, whatever its kind was read as.)
        speakers = {speaker.split()[-1] for speaker in self.memory.people_lately(3) if not speaker.isupper()}
        if (earlier | speakers) - {name.split()[-1]}:
            return None
        found = self._lookup(name)
        return (found.source.name, found.source) if found.source is not None else (name, None)

    def _several_organisations_before(self) -> bool:
        """Whether the sentence just read named more than one organisation."""
        previous = self.last_reading
        if previous is None:
            return False
        speakers = [(entry.name, entry.raw) for entry in previous.spoken if not entry.unknown]
        return len(organisations_before(previous.folded, speakers)) > 1

    def _several_organisations(self, reading: SentenceReading, cue: Cue) -> bool:
        """Whether the words before an "it" in this sentence name more than
        one organisation it could stand for (antecedents.py)."""
        speakers = [(entry.name, entry.raw) for entry in reading.spoken if not entry.unknown]
        return len(organisations_before(reading.folded[: cue.start], speakers)) > 1

    def _issuer_in_this_sentence(self, reading: SentenceReading, cue: Cue, kind: str):
        """The one speaker of this sentence when the words before the cue
        have it issue a document of `kind` ("said in a statement", "issued a
        statement"), else None."""
        before = reading.folded[: cue.start]
        named = list(dict.fromkeys((e.name, e.source) for e in reading.spoken if not e.unknown))
        introduced = [match for match in INTRODUCED.finditer(before) if issued_by_the_speaker(before, match)]
        issued = [
            match
            for match in [*introduced, *PUBLISHED.finditer(before)]
            if kind_of(match.group("doc")) == kind
        ]
        return named[0] if issued and len(named) == 1 and len(reading.spoken) == 1 else None

    def _match(self, raw: str, cleaned: str) -> tuple[str, KnownSource | None, KnownSource | None]:
        """(name shown, matched source, similar source)."""
        role = PRONOUN_OWNED_ROLE.match(fold(raw).strip(" ,"))
        if role is not None:
            return self._role_of_the_person_before(role.group("pronoun"), role.group("role")), None, None
        if OWNED.match(fold(raw)) and all(word.lower() in GENERIC_WORDS for word in cleaned.split()):
            # "Its interior ministry", "their military wing": a part of the
            # actor just named, never a source known by those everyday
            # words (another country's "Interior Ministry"); at most similar.
            found = self.matcher.lookup(cleaned)
            return cleaned, None, found.source or found.similar
        if not self.matcher.match(cleaned):
            cleaned = self._person_after_title(cleaned)
            cleaned = self._owner_named_before(cleaned)
            if not cleaned or self.full_names.unsure(cleaned):
                # "Orban said" after "Orban Viktor", "Abdullah said" after
                # "King Abdullah": that person or someone else, not known.
                return "", None, None
        if cleaned in self.full_names and not self.matcher.match(cleaned):
            if not self.full_names[cleaned]:
                return "", None, None  # a surname two people named here share
            cleaned = self.full_names[cleaned]  # "Amar said" after "Lucia Amar"
        found = self._lookup(cleaned)
        if found.source is None and cleaned != raw:
            by_raw = self._lookup(raw)
            found = by_raw if by_raw.source else found
        if found.source is not None:
            return found.source.name, found.source, None
        if len(cleaned.split()) == 1 and re.match(r"(?i)^(the)\s", fold(raw).strip()):
            # "the ministry": the last speaker of this document whose name
            # ends in that word ("" when two different ones could be meant).
            earlier = self.memory.by_head_noun(cleaned.lower())
            if earlier:
                return earlier[0], earlier[1], None
        return cleaned, None, found.similar

    def _role_of_the_person_before(self, pronoun: str, role: str) -> str:
        """ "Her deputy", "his lawyer": someone other than the person the
        pronoun stands for, named by that person ("Ilse Brandt's deputy")
        when the sentence before has one person it can stand for; else the
        bare role, never a known source or another speaker with that role."""
        owner = self.memory.previous_sentence_speaker("he" if pronoun.lower() == "his" else "she")
        if owner is not None and speaker_kind(owner[0]) == "person":
            return f"{owner[0]}'s {role}"
        return role

    def _person_after_title(self, cleaned: str) -> str:
        """ "General Milley" after "Gen. Mark Milley": a title kept whole
        before one word (clean_speaker cannot tell a family name from the
        rest of "General Mills") is a person's when that word is the family
        name of someone named earlier."""
        words = cleaned.split()
        if len(words) == 2 and is_title(words[0]) and words[1] in self.full_names:
            return words[1]
        return cleaned

    def _owner_named_before(self, cleaned: str) -> str:
        """ "Kim's office" after "Kim Jong-un" -> "Kim Jong-un's office";
        "" when the owner could be two people named so far, a word whose
        bare mention is unsure ("Orban's spokesman" after "Orban Viktor")
        or a person nobody named in full ("Kim's office" alone). A country
        or a body keeps its own people ("Russia's spokesman")."""
        owned = PERSON_OWNED.match(cleaned)
        if owned is None:
            return cleaned
        owner, role = owned.group("owner"), owned.group("role")
        if self.full_names.unsure(owner) or (owner in self.full_names and not self.full_names[owner]):
            return ""
        if owner in self.full_names:
            return f"{self.full_names[owner]}'s {role}"
        if owner in COUNTRY_NAMES or owner.lower() in ORGANISATION_HEADS or self.matcher.match(owner):
            return cleaned  # "Russia's spokesman", "the Kremlin's spokesman"
        # A person named only by this word: which Kim, not known.
        return ""

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
        same = self._already_speaking(reading, phrase)
        if same is not None:
            # "..., according to the ministry, which said ...": one speaker.
            same.anchors.append(reading.according[1])
            reading.according_used = True
            return
        if self._according_to_a_document(reading, phrase):
            return
        # "According to the union, 18 were detained, a figure the army
        # disputed": the army passes nothing on, so the union speaks.
        disputing = [e for e in reading.spoken if e.cue and disputes_what_came_before(e.cue)]
        if len(disputing) < len(reading.spoken) and not in_a_clause_of_its_own(reading):
            if reading.lower[reading.according[1] :].startswith("citing"):
                # "The agency said, citing a police source, ...": what a
                # speaker cites is where its words come from, not who passed
                # them on, so it is no relay. The speaker stays the one who
                # said it, as attribution is read (source, cue, content).
                return
            # "..., according to Interfax": the outlet passed it on. "...,
            # according to the air force" names where it came from, not a
            # relay (cues.passes_it_on).
            named = clean_speaker(phrase, self.lexicon)
            outlet = named if passes_it_on(named) else ""
            reading.relay_text = reading.relay_text or relay_inside or outlet
        elif STATEMENT_OR_REPORT.match(phrase) and (relay_inside or _names_nobody(phrase, self.lexicon)):
            # "According to a statement carried by SANA", "according to a
            # statement": someone's words, but not known whose, so the
            # figure is the editor's to credit, never the publication's.
            reading.relay_text = reading.relay_text or relay_inside
            reading.unresolved_speaker = not reading.spoken
        else:
            self._according_speaker(reading, phrase)

    def _according_to_a_document(self, reading: SentenceReading, phrase: str) -> bool:
        """ "According to the statement", with the statement's issuer named
        earlier: the issuer speaks (True). With two issuers, nobody is
        credited (True, unresolved). False when the older rules decide."""
        if reading.spoken and not in_a_clause_of_its_own(reading):
            return False
        issuer = self._document_issuer(phrase)
        if issuer is None:
            return False
        if issuer == SEVERAL_ISSUERS:
            reading.unresolved_speaker = True
            return True
        name, source = issuer
        anchor = reading.according[1]
        reading.spoken.append(
            SpokenBy(name=name, source=source, verb="according to", raw=name, anchors=[anchor])
        )
        reading.according_used = True
        return True

    def _document_issuer(self, phrase: str):
        """Who issued "the statement", "the report" or "the ministry's
        statement" (documents.py): (name, source), SEVERAL_ISSUERS, or None
        when the phrase names no document or no issuer of one is known."""
        words = _document_words(phrase)
        reference = REFERENCE.match(words)
        if reference:
            return self.documents.issuer(kind_of(reference.group("doc")))
        owned = OWNER_REFERENCE.match(words)
        if owned is None:
            return None
        owner = owned.group("owner").strip()
        if owner[:1].islower():
            # "the ministry's statement": the ministry that issued one, else
            # the ministry the document has named ("the ministry said").
            found = self.documents.issuer(kind_of(owned.group("doc")), owner=owner.split()[-1].lower())
            if found is not None:
                return found
            owner = f"the {owner}"
        cleaned = clean_speaker(owner, self.lexicon)
        if not plausible_speaker(cleaned):
            return SEVERAL_ISSUERS
        name, source, _ = self._match(owner, cleaned)
        return (name, source) if name else SEVERAL_ISSUERS

    def _remember_documents(self, reading: SentenceReading) -> None:
        """Statements and reports this sentence names, with their issuers:
        "a report by the Halvard Institute", "Amnesty International's
        report", "the ministry published its report", or a speaker's own
        ("the army said in a statement")."""
        folded = reading.folded
        taken: list[tuple[int, int]] = []
        for match in [*MADE_BY.finditer(folded), *OWNED_BY_NAME.finditer(folded)]:
            self._remember_issuer(kind_of(match.group("doc")), match.group("issuer"))
            taken.append(match.span())
        for match in PUBLISHED.finditer(folded):
            subject = subject_before(folded, match.start())
            if SEVERAL.search(subject):
                self.documents.add_unknown(kind_of(match.group("doc")))
            else:
                self._remember_issuer(kind_of(match.group("doc")), subject)
            taken.append((match.start(), match.end()))
        self._remember_owned_documents(reading)
        named = list(dict.fromkeys((e.name, e.source) for e in reading.spoken if not e.unknown))
        for entry in reading.spoken:
            if not entry.unknown and entry.verb.startswith("report"):
                # "Reuters reported ...": a later "the report" may be Reuters'.
                self.documents.add("report", (entry.name, entry.source))
        several = len(named) != 1 or any(entry.unknown for entry in reading.spoken)
        kinds = []
        for match in INTRODUCED.finditer(folded):
            kinds.append(kind_of(match.group("doc")))
            if any(start <= match.start() < end for start, end in taken):
                continue
            if several or not issued_by_the_speaker(folded, match):
                # Several speakers, or a document the speaker only received,
                # read or obtained: whose it is, is not known.
                self.documents.add_unknown(kinds[-1])
            else:
                self.documents.add(kinds[-1], named[0])
        if ONE_MORE.search(folded):
            for kind in kinds:
                self.documents.add_unknown(kind)

    def _remember_owned_documents(self, reading: SentenceReading) -> None:
        """ "The army's statement said ...", "according to the ministry's
        report": the document is the speaker's it was read as, so a later
        "the statement" is the army's too (a capitalised owner is read by
        OWNED_BY_NAME)."""
        for entry in reading.spoken:
            if entry.unknown:
                continue
            phrase = entry.cue.speaker if entry.cue else (reading.according or ("",))[0]
            owned = OWNER_REFERENCE.match(_document_words(phrase))
            if owned and owned.group("owner").strip()[:1].islower():
                self.documents.add(kind_of(owned.group("doc")), (entry.name, entry.source))

    def _remember_issuer(self, kind: str, phrase: str) -> None:
        phrase = LEADING_PREPOSITION.sub("", phrase.strip())
        # "a report from residents.": the full stop ends the sentence, not a
        # name (but "U.N." keeps its own).
        phrase = phrase if re.search(r"(?:\b[A-Za-z]\.){2,}$", phrase) else phrase.rstrip(".")
        cleaned = clean_speaker(phrase, self.lexicon)
        name = self._match(phrase, cleaned) if plausible_speaker(cleaned) else ("", None, None)
        if name[0]:
            self.documents.add(kind, (name[0], name[1]))
        else:
            self.documents.add_unknown(kind)

    def _according_speaker(self, reading: SentenceReading, phrase: str) -> None:
        """ "According to the ministry", "according to a statement from the
        presidency" (the presidency), "according to Russia and the Syrian
        army" (both): who speaks in the sentence."""
        cleaned = clean_speaker(phrase, self.lexicon)
        parts = split_phrase(cleaned)
        anchor = reading.according[1]
        if len(parts) > 1 and self._lookup(cleaned).source is None:
            # "according to Russia and the Syrian army": both of them.
            if parts[0] == AMBIGUOUS:
                reading.spoken.append(nobody_speaker("according to", anchor, None))
            else:
                reading.spoken.extend(self._joint_entries(parts, "according to", anchor, None))
            reading.according_used = True
        elif plausible_speaker(cleaned):
            name, source, similar = self._match(phrase, cleaned)
            if not name:
                # "according to the ministry" with two ministries about,
                # or "according to Costa" with two Costas: someone, but
                # not known who, so the figure is the editor's to credit.
                reading.unresolved_speaker = True
                return
            reading.spoken.append(
                SpokenBy(
                    name=name,
                    source=source,
                    verb="according to",
                    raw=cleaned,
                    similar=similar,
                    anchors=[anchor],
                )
            )
            reading.according_used = True

    def _endorsers(self, reading: SentenceReading) -> None:
        """ "Russia said its jets hit 14 targets, and Syria agreed"; "Egypt
        said 200 trucks crossed, a figure confirmed by the UN": the second
        actor states the same figure, so both are credited with it as in a
        joint statement (joint.py). Only with one speaker before it and, for
        "a figure confirmed by", one figure: otherwise which statement is
        endorsed would be a guess, and the endorser gets no figure."""
        named = [entry for entry in reading.spoken if not entry.unknown]
        if len(named) == 2 and len(reading.figures) == 1 and named[0].group is None:
            first, second = named
            if second.cue is not None and confirms_the_figure(
                reading.folded, second.cue.start, second.cue.end
            ):
                first.group = second.group = first.anchors[0]
                second.cue.passive_agent = False
            return
        found = endorser_after(reading.folded)
        if found is None or len(named) != 1 or len(reading.spoken) != 1 or named[0].group is not None:
            return
        phrase, start = found
        name, source, similar = self._match(phrase, clean_speaker(phrase, self.lexicon))
        if not name or name == named[0].name:
            return
        entry = SpokenBy(name=name, source=source, verb="agreed", raw=clean_speaker(phrase, self.lexicon))
        entry.similar, entry.anchors = similar, [start]
        named[0].group = entry.group = named[0].anchors[0]
        reading.spoken.append(entry)

    def _already_speaking(self, reading: SentenceReading, phrase: str) -> SpokenBy | None:
        cleaned = clean_speaker(phrase, self.lexicon)
        if not cleaned:
            return None
        name = self._match(phrase, cleaned)[0] if plausible_speaker(cleaned) else ""
        return next(
            (entry for entry in reading.spoken if name and entry.name == name and not entry.unknown), None
        )

    def _build_candidates(self, reading: SentenceReading) -> list[Candidate]:
        """One candidate per (speaker, figure) pair, per speaker with no
        figure, and per figure nobody can be credited with (binding.py)."""
        text = claim_text_for(reading)
        several = len(reading.spoken) > 1
        quote_speaker_here = None
        nobody = SpokenBy(name="", source=None, verb="")
        candidates = []
        anchors = [entry.anchors for entry in reading.spoken]
        denials = denials_in(reading)
        backward, possessive = _cue_starts(reading, "passive_agent"), _cue_starts(reading, "owns_figure_only")
        asked, described, disputed = _not_stated_by_the_speakers(reading, anchors, backward, possessive)
        if asked and not reading.spoken and len(asked) == len(reading.figures):
            self.previous_quote_speaker = None
            return []  # "When asked whether 150 escaped, a spokesman declined to comment"
        denied_figures = figures_denied(reading, denials, described, anchors, possessive, backward) + disputed
        stated = [figure for figure in reading.figures if figure not in described + denied_figures + asked]
        party = responsible_party(reading.folded, self.lexicon, [(a, b) for _, a, b in denials])
        bindings = bind_figures(reading.folded, anchors, stated, backward=backward, possessive=possessive)
        if not reading.spoken and reading.unresolved_speaker:
            bindings = [Binding(None, b.figure, unbound=b.figure is not None) for b in bindings]
        bindings = settle_joint_and_unknown(bindings, reading.spoken)
        bindings = _quoted_figures_unbound(bindings, reading.folded)
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
            own_text = clause_text(reading, entry, binding.figure) if several else text
            denial = denied_by.get(binding.speaker) if binding.figure is None else None
            if denial is not None:
                # The claim is the denial itself, not the proposition denied.
                own_text = clause_text(reading, entry, None) if several else sentence_text(reading)
            candidate = self._candidate(reading, entry, binding.figure, own_text)
            candidate.speaker_unbound = binding.unbound
            candidate.joint_with = partners_of(reading.spoken, entry)
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
        known = [entry for entry in reading.spoken if not entry.unknown]
        for entry in known:
            # A joint speaker is remembered by its own name, not the phrase
            # naming all of them.
            named_as = entry.cue.speaker if entry.cue is not None and entry.cue.speaker else entry.raw
            named_as = entry.raw if entry.group is not None else named_as
            self.memory.add(
                entry.name, entry.source, named_as=named_as or entry.name, described_as=entry.about
            )
        groups = {entry.group for entry in known}
        if known and len(groups) == 1 and None not in groups:
            self.last_joint = (self.memory.sentence, known)
            self.joint_statement_issued = any(
                kind_of(match.group("doc")) == "statement" and issued_by_the_speaker(reading.folded, match)
                for match in INTRODUCED.finditer(reading.folded)
            )
        self.previous_quote_speaker = quote_speaker

    def _candidate(
        self,
        reading: SentenceReading,
        entry: SpokenBy,
        figure: Figure | None,
        text: str,
    ) -> Candidate:
        span = reading.span
        relay = self._relay_for(reading, entry) if entry.name else ""
        relay_source = self._lookup(relay).source if relay else None
        figure = self._revised_count(reading, entry, figure)
        if figure is not None and entry.name and figure.subject:
            self.counted_by.setdefault((entry.name, entry.source), set()).add(figure.subject)
        return Candidate(
            excerpt_start=span.start,
            excerpt_end=span.end,
            excerpt=self.body[span.start : span.end],
            text=text,
            kind=claim_kind(reading, figure),
            speaker_text=entry.raw or entry.name,
            speaker_name=entry.name,
            source_id=entry.source.id if entry.source else None,
            similar_source_id=entry.similar.id if entry.similar and not entry.source else None,
            proposed_source_kind=self._new_source_kind(reading, entry),
            form=claim_form(reading, entry),
            reporting_verb=entry.verb,
            relayed_by_text=relay,
            relayed_by_id=relay_source.id if relay_source else None,
            figure=figure,
            figure_start=span.start + figure.start if figure else None,
            framing_terms=list(reading.framing),
        )

    def _revised_count(
        self, reading: SentenceReading, entry: SpokenBy, figure: Figure | None
    ) -> Figure | None:
        """ "The ministry said 30 people died. ... It raised its toll again,
        to 41.": the toll revised is the ministry's count of people who died,
        so the 41 counts that too, and the revision rule (detection) sees the
        speaker's later figure for the same subject. Only when the speaker
        counted exactly one thing before in this document."""
        if figure is None or not entry.name or entry.cue is None or not _generic_count(figure):
            return figure
        if not TOLL_REVISION.match(reading.lower, entry.cue.start):
            return figure
        earlier = self.counted_by.get((entry.name, entry.source), set())
        if len(earlier) != 1:
            return figure
        (subject,) = earlier
        if figure.subject.split()[-1] == "toll" and not CASUALTY_WORDS & set(subject.split()):
            return figure  # "its toll" after "300 homes were destroyed": the dead, not the homes
        return replace(figure, subject=subject)

    def _relay_for(self, reading: SentenceReading, entry: SpokenBy) -> str:
        """Who passed this speaker's words on: the listener its own cue names
        ("Basal told AFP that 27 ..., while the army said 9": AFP relays
        Basal's 27, not the army's 9), else the sentence's relay ("...,
        the agency reported", "according to Interfax", "in a statement
        carried by SANA"), which covers every speaker in it."""
        if entry.cue is not None and entry.cue.relay:
            return clean_speaker(entry.cue.relay, self.lexicon)
        return reading.relay_text

    def _new_source_kind(self, reading: SentenceReading, entry: SpokenBy) -> str:
        if not entry.name or entry.source:
            return ""
        if reading.anonymous:
            return "anonymous"
        return kind_hint(entry.name, self.lexicon) or kind_hint(entry.about, self.lexicon)


# Subjects a "toll" can be: the dead and the hurt, never homes or wells.
CASUALTY_WORDS = {
    "toll", "killed", "dead", "died", "deaths", "death", "wounded", "injured", "hurt", "casualties", "missing",
}  # fmt: skip
# What a revised count is called when it does not say what it counts.
GENERIC_COUNTS = {"toll", "tally", "count", "figure", "estimate", "number", "total"}


def _generic_count(figure: Figure) -> bool:
    """ "toll", "death toll", "its estimate": a count named by what it is,
    not by what it counts."""
    return figure.subject.split()[-1:] in ([word] for word in GENERIC_COUNTS)


def _document_reference(phrase: str | None):
    """ "The statement", "the latest report": a document named again."""
    return REFERENCE.match(_document_words(phrase))


def _document_words(phrase: str | None) -> str:
    """The words naming a document, without when or how it spoke: "the
    interior ministry's statement on Monday" -> "the interior ministry's
    statement"."""
    return without_when_and_how(" ".join(fold(phrase or "").strip(" ,;:\"'").split()))


STATEMENT_OR_REPORT = re.compile(r"(?i)(a |the )?(statement|report)\b")


def _names_nobody(phrase: str, lexicon: Lexicon) -> bool:
    """ "A statement", "the report": no issuer named (unlike "a statement
    from the presidency", "a report by the Delmar Institute")."""
    return bool(STATEMENT_OR_REPORT.match(clean_speaker(phrase, lexicon) or "statement"))


def _quoted_figures_unbound(bindings: list[Binding], folded: str) -> list[Binding]:
    """A figure inside quotation marks is someone's words ('"We have 3,000
    people without shelter."' after a speaker the rules could not name),
    never the publication's: with nobody credited, it is left unbound."""
    quotes = quote_spans(folded)
    if not quotes:
        return bindings
    return [
        Binding(None, b.figure, unbound=True)
        if b.speaker is None and b.figure is not None and inside(b.figure.start, quotes)
        else b
        for b in bindings
    ]


def _not_stated_by_the_speakers(reading: SentenceReading, anchors, backward, possessive):
    """The figures no speaker of the sentence states, apart from those
    given as someone's ("reported by X", "X's figure of"), which stay
    theirs: (asked, described, disputed): those of a question put to a
    speaker (proposed by nobody), those the publication describes (its
    own), and those of a description in which the speaker disputes or
    cites someone ("The company, disputing the 400 job losses, said":
    someone's, unbound)."""
    owned = [
        f
        for f in reading.figures
        if owner_of(reading.folded, f.start, anchors, backward, possessive) is not None
    ]
    asked = [f for f in figures_in_a_question(reading) if f not in owned]
    described = [
        figure
        for figure in figures_describing_the_scene(reading)
        + figures_describing_a_speaker(reading)
        + figures_describing_a_place(reading)
        if figure not in asked + owned
    ]
    disputed = [f for f in figures_others_gave_in_a_description(reading) if f in described]
    negated = [f for f in figures_negated(reading) if f not in asked + owned + disputed]
    described = [f for f in described if f not in disputed + negated]
    return asked, described, disputed + negated


def _owns_one_figure(cue: Cue) -> bool:
    """ "the ministry's figure of 45", "a figure of 60 put forward by the
    union": whoever it names owns that figure and does not speak on, so
    "..., saying" goes on with the sentence's speaker."""
    return cue.owns_figure_only or cue.passive_agent


def _cue_starts(reading: SentenceReading, marked: str) -> frozenset[int]:
    """Where the speakers' cues with this mark (`Cue.passive_agent`,
    `Cue.owns_figure_only`) are: they bind figures their own way."""
    return frozenset(
        entry.cue.start for entry in reading.spoken if entry.cue is not None and getattr(entry.cue, marked)
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
