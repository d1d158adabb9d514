"""What the extractor proposes for one paragraph, as the rule tests compare
it: (speaker, figure value, unbound) for every proposal, sorted, with the
starting lexicon and no known sources. ("", 30, True) is a figure nobody can
be credited with."""

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def proposals(text: str) -> list[tuple[str, int | None, bool]]:
    found = (
        (c.speaker_name, c.figure.value_low if c.figure else None, c.speaker_unbound)
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
    )
    return sorted(found, key=lambda entry: (entry[0], -1 if entry[1] is None else entry[1], entry[2]))
