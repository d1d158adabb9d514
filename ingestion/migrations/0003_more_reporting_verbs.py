"""Terms added to the starting lexicon after 0002 ran ("predicted",
"familiar with", ...). Adds only what is missing; an editor's changes stay."""

from django.db import migrations

from ingestion.migrations._starting_lexicon_data import STARTING_TERMS
from ingestion.migrations._starting_terms import add_missing


def add_missing_terms(apps, schema_editor):
    add_missing(apps, terms=STARTING_TERMS)


class Migration(migrations.Migration):
    dependencies = [("ingestion", "0002_starting_lexicon")]

    operations = [migrations.RunPython(add_missing_terms, migrations.RunPython.noop)]
