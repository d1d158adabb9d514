"""Shared by the lexicon data migrations: add the starting terms a database lacks."""


def add_missing(apps) -> int:
    from ingestion.starting_lexicon import starting_terms

    LexiconTerm = apps.get_model("ingestion", "LexiconTerm")
    existing = set(LexiconTerm.objects.values_list("lexicon", "term"))
    missing = [
        LexiconTerm(lexicon=lexicon, term=term, value=value)
        for lexicon, term, value in starting_terms()
        if (lexicon, term) not in existing
    ]
    LexiconTerm.objects.bulk_create(missing)
    return len(missing)
