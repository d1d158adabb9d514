"""Full-text search over claims (claims/search.py), PostgreSQL only.

A stored tsvector per claim: its text (weight A), its excerpts (B), the names
and aliases of its sources and what it counts and where (C), English stemming.
Database triggers keep it current whoever writes the rows (services, admin,
imports, bulk loads): a claim's text changes, an attribution is added, changed
or removed, a source is renamed or given an alias. A GIN index serves the
searches. On SQLite the column exists but stays empty and search uses its
fallback. SQL rather than Meta.indexes because SQLite cannot build a GIN index;
nothing here imports app code.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARDS = """
CREATE OR REPLACE FUNCTION claims_search_document(p_claim_id bigint, p_text text, p_subject text, p_place text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('english', coalesce(p_text, '')), 'A')
        || setweight(to_tsvector('english', coalesce(
            (SELECT string_agg(a.excerpt, ' ') FROM claims_attribution AS a WHERE a.claim_id = p_claim_id), '')), 'B')
        || setweight(to_tsvector('english', coalesce(
            (SELECT string_agg(s.name || ' ' || s.aliases::text, ' ')
             FROM claims_attribution AS a JOIN sources_source AS s ON s.id = a.source_id
             WHERE a.claim_id = p_claim_id), '')), 'C')
        || setweight(to_tsvector('english', coalesce(p_subject, '') || ' ' || coalesce(p_place, '')), 'C')
$$;

CREATE OR REPLACE FUNCTION claims_claim_search_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := claims_search_document(NEW.id, NEW.text, NEW.quantity_subject, NEW.place);
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION claims_search_refresh_claim(p_claim_id bigint) RETURNS void LANGUAGE sql AS $$
    UPDATE claims_claim AS c
    SET search_vector = claims_search_document(c.id, c.text, c.quantity_subject, c.place)
    WHERE c.id = p_claim_id
$$;

CREATE OR REPLACE FUNCTION claims_attribution_search_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM claims_search_refresh_claim(OLD.claim_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.claim_id IS DISTINCT FROM OLD.claim_id
            OR NEW.excerpt IS DISTINCT FROM OLD.excerpt OR NEW.source_id IS DISTINCT FROM OLD.source_id) THEN
        PERFORM claims_search_refresh_claim(NEW.claim_id);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION sources_source_search_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE claims_claim AS c
    SET search_vector = claims_search_document(c.id, c.text, c.quantity_subject, c.place)
    WHERE c.id IN (SELECT a.claim_id FROM claims_attribution AS a WHERE a.source_id = NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER claims_claim_search BEFORE INSERT OR UPDATE OF text, quantity_subject, place
    ON claims_claim FOR EACH ROW EXECUTE FUNCTION claims_claim_search_before();
CREATE TRIGGER claims_attribution_search AFTER INSERT OR UPDATE OR DELETE
    ON claims_attribution FOR EACH ROW EXECUTE FUNCTION claims_attribution_search_after();
CREATE TRIGGER sources_source_search AFTER UPDATE OF name, aliases ON sources_source FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.aliases IS DISTINCT FROM NEW.aliases)
    EXECUTE FUNCTION sources_source_search_after();

UPDATE claims_claim AS c SET search_vector = claims_search_document(c.id, c.text, c.quantity_subject, c.place);
CREATE INDEX IF NOT EXISTS claim_search_vector_gin ON claims_claim USING gin (search_vector);
"""

BACKWARDS = """
DROP INDEX IF EXISTS claim_search_vector_gin;
DROP TRIGGER IF EXISTS sources_source_search ON sources_source;
DROP TRIGGER IF EXISTS claims_attribution_search ON claims_attribution;
DROP TRIGGER IF EXISTS claims_claim_search ON claims_claim;
DROP FUNCTION IF EXISTS sources_source_search_after();
DROP FUNCTION IF EXISTS claims_attribution_search_after();
DROP FUNCTION IF EXISTS claims_search_refresh_claim(bigint);
DROP FUNCTION IF EXISTS claims_claim_search_before();
DROP FUNCTION IF EXISTS claims_search_document(bigint, text, text, text);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


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
