"""Matching a speaker phrase to a known source."""

from dataclasses import dataclass

from .lexicon import term_pattern
from .text import normalise_name


@dataclass(frozen=True)
class KnownSource:
    id: int
    name: str
    aliases: tuple[str, ...] = ()


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
                and term_pattern(r"(?<![\w'])", key, r"(?![\w'])").search(wanted)
            ):
                return source
        if len(wanted.split()) >= 2:
            hits = {
                source.id
                for key, source in self.keys
                if wanted in key and term_pattern(r"(?<![\w'])", wanted, r"(?![\w'])").search(key)
            }
            if len(hits) == 1:
                return next(s for s in self.sources if s.id in hits)
        return None
