"""Matching a speaker phrase to a known source, without ever merging two
different actors.

- A speaker matches a source only when the whole phrase, normalised (lower
  case, straight apostrophes, no leading "the"), equals the source's name,
  one of its aliases, or the acronym of its name ("SOHR").
- A **generic** alias ("the ministry", "the agency", "residents",
  "officials", "the army", "residents and fighters") says nothing about
  which ministry or which residents: it matches only a source already named
  by a specific name in the same document. Generic means made only of
  everyday words (GENERIC_WORDS), or written with no capital letter. A
  source's own name matches in full (the newsroom chose it) unless it is a
  single everyday word ("Police").
- Anything less than a full match is not a match: when the phrase is part
  of a source's name or shares its distinctive words ("residents and
  fighters" and "Aleppo residents and fighters"; "Russian defence ministry"
  and "Russian Ministry of Defence"), the speaker is proposed as a new
  source **similar to** that one, for the editor to confirm or pick. Names
  whose distinctive words differ are not even similar: "Syrian army" and
  "Free Syrian Army", "Red Crescent" and "Red Cross" share a word, not an
  actor.
"""

import re
from dataclasses import dataclass

from .text import normalise_name


@dataclass(frozen=True)
class KnownSource:
    id: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceMatch:
    source: KnownSource | None = None
    similar: KnownSource | None = None


# Words that name a kind of speaker, not a particular one.
GENERIC_WORDS = frozenset(
    """
    a an and the of for in on at to by from its their his her our
    ministry ministries agency agencies army military forces force police government authorities
    authority officials official office service services council committee commission board union
    company firm group party front alliance network institute observatory hospital hospitals
    residents resident witnesses witness locals villagers people sources source spokesman spokeswoman
    spokesperson statement report wire desk teacher doctor doctors medics rescuers fighters
    defence defense interior foreign health local city regional national state provincial federal
    central general command department opposition rebels rebel militants insurgents activists
    observers monitors media news agency's ministry's army's
    """.split()
)


STOP_WORDS = frozenset({"a", "an", "and", "the", "of", "for", "in", "on", "at", "to", "by", "from"})


def acronym(name: str) -> str:
    letters = [word[0] for word in name.split() if word[:1].isupper()]
    return "".join(letters) if len(letters) >= 3 else ""


def is_generic(name: str) -> bool:
    """'the agency', 'residents', 'Residents and fighters', 'the Observatory'
    are generic; 'Russia', 'SOHR', 'Syrian army' are not."""
    words = re.findall(r"[\w']+", name)
    if not words:
        return True
    if all(word.lower() in GENERIC_WORDS for word in words):
        return True
    return not any(word[:1].isupper() for word in words)


def _distinctive_words(key: str) -> set[str]:
    """Words that tell one actor from another ("russia" in "Russia's defence
    ministry"); possessives and a demonym's "n" are folded ("russian" ->
    "russia") so the same country is recognised."""
    words = set()
    for word in re.findall(r"[\w']+", key):
        word = word.removesuffix("'s")
        if word in GENERIC_WORDS or len(word) <= 2:
            continue
        words.add(word.removesuffix("n") if word.endswith("ian") else word)
    return words


class SourceMatcher:
    """Match a speaker phrase to a known source by full name, alias or acronym."""

    def __init__(self, sources: list[KnownSource]):
        self.sources = sources
        # key -> [(source, generic)]: one key may belong to several sources.
        self.keys: dict[str, list[tuple[KnownSource, bool]]] = {}
        self.words: dict[str, set[int]] = {}
        self.keys_by_word: dict[str, set[str]] = {}
        self.keys_of: dict[int, list[str]] = {}
        by_id = {}
        for source in sources:
            by_id[source.id] = source
            names = [source.name, *source.aliases]
            short = acronym(source.name)
            if short:
                names.append(short)
            for index, name in enumerate(names):
                key = normalise_name(name)
                if key:
                    # The source's own name is the newsroom's choice and
                    # matches in full unless it is a single everyday word
                    # ("Police"); an alias must be specific.
                    generic = (
                        len(key.split()) == 1 and key in GENERIC_WORDS if index == 0 else is_generic(name)
                    )
                    self.keys.setdefault(key, []).append((source, generic))
                    self.keys_of.setdefault(source.id, []).append(key)
                    for word in _distinctive_words(key):
                        self.words.setdefault(word, set()).add(source.id)
                    for word in set(key.split()) - STOP_WORDS:
                        self.keys_by_word.setdefault(word, set()).add(key)
        self.by_id = by_id

    def lookup(self, phrase: str, *, named_here: frozenset[int] | set[int] = frozenset()) -> SourceMatch:
        """The source `phrase` names, or a source it is only similar to.
        `named_here`: ids of sources already named specifically in this document."""
        wanted = normalise_name(phrase)
        if not wanted or not self.keys:
            return SourceMatch()
        entries = self.keys.get(wanted, [])
        specific = {source.id: source for source, generic in entries if not generic}
        if len(specific) == 1:
            return SourceMatch(source=next(iter(specific.values())))
        in_document = {source.id: source for source, _ in entries if source.id in named_here}
        if len(in_document) == 1:
            return SourceMatch(source=next(iter(in_document.values())))
        return SourceMatch(similar=self._similar(wanted, entries))

    def match(
        self, phrase: str, *, named_here: frozenset[int] | set[int] = frozenset()
    ) -> KnownSource | None:
        return self.lookup(phrase, named_here=named_here).source

    def _similar(self, wanted: str, entries) -> KnownSource | None:
        """A source the phrase only partly names: one that shares a generic
        name with it, whose name holds the phrase or is held in it ("residents
        and fighters" / "Aleppo residents and fighters"), or that shares its
        distinctive words. None when that points at several sources."""
        if entries:
            return entries[0][0]  # a generic name shared with a source of another story
        return self._containing(wanted) or self._sharing_words(wanted)

    def _containing(self, wanted: str) -> KnownSource | None:
        if len(wanted.split()) < 2:
            return None
        # Only keys sharing a word with the phrase are compared, so a large
        # Source table does not make every speaker slower.
        keys = set().union(*(self.keys_by_word.get(word, set()) for word in set(wanted.split()) - STOP_WORDS))
        hits = {
            source.id: source
            for key in keys
            if len(key.split()) >= 2
            and (_holds(key, wanted) or _holds(wanted, key))
            and _may_be_the_same_actor(wanted, key)
            for source, _ in self.keys[key]
        }
        return next(iter(hits.values())) if len(hits) == 1 else None

    def _sharing_words(self, wanted: str) -> KnownSource | None:
        counts: dict[int, int] = {}
        for word in _distinctive_words(wanted):
            for source_id in self.words.get(word, ()):
                counts[source_id] = counts.get(source_id, 0) + 1
        if not counts:
            return None
        wanted_words = _distinctive_words(wanted)
        # Sharing "syria" does not make "Syrian army" close to the "Syrian
        # Observatory for Human Rights": only a name with the same distinctive
        # words and a kind word in common ("Russian defence ministry" /
        # "Russian Ministry of Defence"; not "Syrian army" / "Syrian Ministry
        # of Defence").
        counts = {
            source_id: count
            for source_id, count in counts.items()
            if any(
                _distinctive_words(key) == wanted_words and _kind_words(key) & _kind_words(wanted)
                for key in self.keys_of[source_id]
            )
        }
        if not counts:
            return None
        best = max(counts.values())
        ids = sorted(source_id for source_id, count in counts.items() if count == best)
        return self.by_id[ids[0]] if len(ids) == 1 else None


def _kind_words(key: str) -> set[str]:
    """The everyday words saying what kind of actor a name is ("ministry",
    "army")."""
    return {w for w in re.findall(r"[\w']+", key) if w in GENERIC_WORDS} - STOP_WORDS


def _may_be_the_same_actor(wanted: str, key: str) -> bool:
    """One name inside another is a hint only when the words that tell
    actors apart are the same: "residents and fighters" (none of its own) may
    be "Aleppo residents and fighters"; "Syrian army" is not the "Free Syrian
    Army", nor "Red Crescent" the "Red Cross"."""
    words = _distinctive_words(wanted)
    return not words or words == _distinctive_words(key)


def _holds(longer: str, shorter: str) -> bool:
    return (
        longer != shorter and re.search(r"(?<![\w'])" + re.escape(shorter) + r"(?![\w'])", longer) is not None
    )
