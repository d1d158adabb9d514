"""What a figure counts, compared as one subject despite different wording.

A figure's `quantity_subject` is free text ("militants killed", "insurgents
killed"). The `SubjectSynonym` lexicon maps words and phrases to the word they
are compared as; applying it word by word gives the canonical subject.
"""

from itertools import chain, product

# At most this many wordings are looked up when searching by subject, so a
# generous lexicon cannot turn one look-up into a huge IN (...) list.
MAX_SUBJECT_VARIANTS = 200
# Synonym phrases are at most this many words long ("opposition fighters").
_LONGEST_PHRASE_WORDS = 4
# A subject that says only what happened to someone ("dead", "missing", "the
# injured") counts people, as English reads "the dead": "14 dead" is compared
# as "people killed". Checked on the canonical word, so "deaths" and "death
# toll" (lexicon: "killed") join "people killed" too. Closed on purpose: only
# words that name no thing of their own.
UNNAMED_PEOPLE = frozenset(
    {
        "killed",
        "dead",
        "died",
        "wounded",
        "injured",
        "hurt",
        "missing",
        "displaced",
        "evacuated",
        "arrested",
        "detained",
        "rescued",
        "trapped",
        "homeless",
    }
)
_PEOPLE = "people"


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
    if len(pieces) == 1 and pieces[0] in UNNAMED_PEOPLE:
        pieces.insert(0, synonyms.get(_PEOPLE, _PEOPLE))
    return pieces


def canonical_subject(subject: str, synonyms: dict[str, str]) -> str:
    """The subject with every synonym replaced by the word it stands for.

    Example: with {"insurgents": "militants"}, canonical_subject("Insurgents
    killed", ...) == "militants killed", the same as for "militants killed";
    with {"deaths": "killed"}, canonical_subject("deaths", ...) == "people
    killed" (UNNAMED_PEOPLE).
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
    pieces = _segments(subject, synonyms)
    choices = [sorted(wordings.get(piece, {piece})) for piece in pieces]
    wordings_found = (" ".join(combination) for combination in product(*choices))
    if len(pieces) == 2 and pieces[0] == synonyms.get(_PEOPLE, _PEOPLE) and pieces[1] in UNNAMED_PEOPLE:
        # "people killed" is also written "dead", "deaths" or "death toll".
        wordings_found = chain(wordings_found, sorted(wordings.get(pieces[1], {pieces[1]})))
    variants: set[str] = set()
    for wording in wordings_found:
        variants.add(wording)
        if len(variants) >= MAX_SUBJECT_VARIANTS:
            break
    return sorted(variants)
