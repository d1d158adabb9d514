"""Cues added for issue 17: the wildcard "put the * at" (one to four words in
place of the star), "told reporters" (reporters do not relay the statement),
"hailed", "called for", "estimate". The terms are carried here, not imported, and only
missing ones are added: an editor's changes stay."""

from django.db import migrations

TERMS = [
    ("reporting_verb", "put the * at", ""),
    ("reporting_verb", "told reporters", ""),
    ("reporting_verb", "told journalists", ""),
    ("reporting_verb", "told a news conference", ""),
    ("reporting_verb", "hailed", ""),
    ("reporting_verb", "called for", ""),
    ("reporting_verb", "estimate", ""),
]


def add_terms(apps, schema_editor):
    LexiconTerm = apps.get_model("ingestion", "LexiconTerm")
    existing = set(LexiconTerm.objects.values_list("lexicon", "term"))
    LexiconTerm.objects.bulk_create(
        [
            LexiconTerm(lexicon=lexicon, term=term, value=value)
            for lexicon, term, value in TERMS
            if (lexicon, term) not in existing
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("ingestion", "0004_proposal_per_speaker_and_figure")]

    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
