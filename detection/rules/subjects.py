"""What a figure counts, compared as one subject despite different wording.

A figure's `quantity_subject` is free text ("militants killed", "insurgents
killed"). The `SubjectSynonym` lexicon maps words and phrases to the word they
are compared as; applying it word by word gives the canonical subject.
"""

from itertools import product

# At most this many wordings are looked up when searching by subject, so a
# generous lexicon cannot turn one look-up into a huge IN (...) list.
MAX_SUBJECT_VARIANTS = 200
# Synonym phrases are at most this many words long ("opposition fighters").
_LONGEST_PHRASE_WORDS = 4


def _segments(subject: str, synonyms: dict[str, str]) -> list[str]:
    """The subject as canonical pieces, longest synonym phrase first."""
    words = " ".join((subject or "").lower().split()).split()
    pieces: list[str] = []
    index = 0
    while index < len(words):
        for length in range(min(_LONGEST_PHRASE_WORDS, len(words) - index), 0, -1):
            phrase = " ".join(words[index : index + length])
            if phrase in synonyms:
                pieces.append(synonyms[phrase])
                index += length
                break
        else:
            pieces.append(words[index])
            index += 1
    return pieces


def canonical_subject(subject: str, synonyms: dict[str, str]) -> str:
    """The subject with every synonym replaced by the word it stands for.

    Example: with {"insurgents": "militants"}, canonical_subject("Insurgents
    killed", ...) == "militants killed", the same as for "militants killed".
    """
    return " ".join(_segments(subject, synonyms))


def subject_variants(subject: str, synonyms: dict[str, str]) -> list[str]:
    """Every wording that has the same canonical subject, so a database look-up
    can use the plain index on `quantity_subject`.

    Example: with {"insurgents": "militants", "rebels": "militants"},
    subject_variants("rebels killed", ...) is ["insurgents killed",
    "militants killed", "rebels killed"].
    """
    wordings: dict[str, set[str]] = {}
    for phrase, canonical in synonyms.items():
        wordings.setdefault(canonical, {canonical}).add(phrase)
    choices = [sorted(wordings.get(piece, {piece})) for piece in _segments(subject, synonyms)]
    variants = []
    for combination in product(*choices):
        variants.append(" ".join(combination))
        if len(variants) >= MAX_SUBJECT_VARIANTS:
            break
    return sorted(variants)
