"""Shared by the lexicon data migrations: add the starting terms a database lacks.

Each migration passes its own frozen list of terms (data migrations carry
their data; see _starting_lexicon_data.py), never the live lexicon module.
"""


def add_missing(apps, *, terms) -> int:
    LexiconTerm = apps.get_model("ingestion", "LexiconTerm")
    existing = set(LexiconTerm.objects.values_list("lexicon", "term"))
    missing = [
        LexiconTerm(lexicon=lexicon, term=term, value=value)
        for lexicon, term, value in terms
        if (lexicon, term) not in existing
    ]
    LexiconTerm.objects.bulk_create(missing)
    return len(missing)
