"""The editable vocabulary (LexiconTerm rows), compiled once per run."""

import functools
import re
from dataclasses import dataclass


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
    # Attack verbs and nouns: where a sentence may say who did it (agents.py).
    attack_terms: tuple[str, ...] = ()

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
            attack_terms=terms("attack_term"),
        )

    @classmethod
    def starting(cls) -> "Lexicon":
        from ..starting_lexicon import starting_terms

        return cls.from_terms(starting_terms())


@functools.lru_cache(maxsize=4096)
def term_pattern(prefix: str, term: str, suffix: str) -> re.Pattern:
    """A compiled pattern for a lexicon term, kept: the same few hundred terms
    are looked for in every sentence."""
    return re.compile(prefix + re.escape(term) + suffix)
