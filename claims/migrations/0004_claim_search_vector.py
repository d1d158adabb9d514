"""Full-text search over claims (claims/search.py): a stored tsvector per claim,
filled for the existing rows, behind a GIN index. PostgreSQL only; on SQLite
the column exists but stays empty and search uses its fallback.

The index is created with SQL rather than Meta.indexes because SQLite cannot
build a GIN index; the data step carries its own SQL and imports no app code."""

import django.contrib.postgres.search
from django.db import migrations

FILL = """
UPDATE claims_claim AS c SET search_vector =
    setweight(to_tsvector('english', coalesce(c.text, '')), 'A')
    || setweight(to_tsvector('english', coalesce(
        (SELECT string_agg(a.excerpt, ' ') FROM claims_attribution AS a WHERE a.claim_id = c.id), '')), 'B')
    || setweight(to_tsvector('english', coalesce(
        (SELECT string_agg(s.name || ' ' || s.aliases::text, ' ')
         FROM claims_attribution AS a JOIN sources_source AS s ON s.id = a.source_id
         WHERE a.claim_id = c.id), '')), 'C')
    || setweight(to_tsvector('english', coalesce(c.quantity_subject, '') || ' ' || coalesce(c.place, '')), 'C')
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FILL)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS claim_search_vector_gin ON claims_claim USING gin (search_vector)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_search_vector_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_audit_values_and_attribution_uniqueness"),
        ("sources", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
