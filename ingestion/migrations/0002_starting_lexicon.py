"""The extractor's starting vocabulary (ingestion/starting_lexicon.py).

Editors change the rows in the admin afterwards; this migration only adds
terms that are missing, so running it never undoes an editor's change.
"""

from django.db import migrations

from ingestion.migrations._starting_lexicon_data import STARTING_TERMS


def add_starting_terms(apps, schema_editor):
    LexiconTerm = apps.get_model("ingestion", "LexiconTerm")
    existing = set(LexiconTerm.objects.values_list("lexicon", "term"))
    LexiconTerm.objects.bulk_create(
        [
            LexiconTerm(lexicon=lexicon, term=term, value=value)
            for lexicon, term, value in STARTING_TERMS
            if (lexicon, term) not in existing
        ]
    )


def remove_starting_terms(apps, schema_editor):
    LexiconTerm = apps.get_model("ingestion", "LexiconTerm")
    for lexicon, term, _ in STARTING_TERMS:
        LexiconTerm.objects.filter(lexicon=lexicon, term=term).delete()


class Migration(migrations.Migration):
    dependencies = [("ingestion", "0001_initial")]

    operations = [migrations.RunPython(add_starting_terms, remove_starting_terms)]
