"""The detection benchmark's claims, generated in PostgreSQL (bench/seed.py
explains why in SQL, and why the search triggers are off while it runs).

Events of eight claims each: four figures about the same thing under
different wordings (one event in ten with an outlier ten times too high),
two framing claims and two territory claims; every claim credited to one or
two of the bench's sources, a tenth of figures to parties only.
"""

import time
from datetime import UTC, datetime

from django.db import connection, transaction

from bench.seed import (
    PLACES,
    SEARCH_VECTOR_SQL,
    SECONDS_BETWEEN_CLAIMS,
    next_id,
    search_triggers_disabled,
    sync_identity,
)

CLAIMS_PER_EVENT = 8
# 12,500 events (100,000 claims) per transaction.
EVENTS_PER_BATCH = 12_500
# Wordings that the seeded synonym lexicon compares as one subject.
SUBJECT_WORDINGS = [
    ["militants killed", "insurgents killed", "rebels killed", "fighters killed"],
    ["civilians killed", "civilians dead"],
    ["soldiers killed", "troops killed"],
    ["people displaced"],
]
FRAMING_TEXTS = [
    "The army's pull-back from {place} is a temporary redeployment.",
    "Government forces retreated from {place}.",
    "Forces left positions near {place} overnight.",
    "Terrorists attacked positions outside {place}.",
    "Insurgents attacked positions outside {place}.",
]
TERRITORY_TEXTS = [
    "Insurgents have entered large parts of {place}.",
    "Government forces hold only {place}'s airport.",
    "Insurgents control most of {place}.",
    "The situation in {place} is unclear.",
]
QUALIFIERS = ["about", "about", "exact", "at_least"]
# The figure slots' wordings, four per group: slot i of group g says
# SUBJECT_WORDINGS[g][i % len(SUBJECT_WORDINGS[g])].
WORDING_BY_SLOT = [group[index % len(group)] for group in SUBJECT_WORDINGS for index in range(4)]

EVENTS_SQL = """
INSERT INTO claims_event (id, created_at, updated_at, title, place, description)
SELECT %(event_base)s + n - 1, %(at)s, %(at)s, 'Bench event ' || (%(event_base)s + n - 1),
       (%(places)s::text[])[1 + floor(random() * %(place_count)s)::int], ''
FROM generate_series(1, %(events)s) AS n
"""

# Slots 1-4 are figures, 5-6 framing, 7-8 territory. Each event draws its
# wording group, base figure, outlier and two different framing and
# territory templates once (MATERIALIZED: random() is not re-evaluated).
CLAIMS_SQL = f"""
WITH event_draw AS MATERIALIZED (
    SELECT id AS event_id, place, floor(random() * {len(SUBJECT_WORDINGS)})::int AS wording_group,
           5 + floor(random() * 396)::int AS base, random() < 0.1 AS outlier,
           floor(random() * {len(FRAMING_TEXTS)})::int AS framing,
           floor(random() * {len(FRAMING_TEXTS) - 1})::int AS framing_step,
           floor(random() * {len(TERRITORY_TEXTS)})::int AS territory,
           floor(random() * {len(TERRITORY_TEXTS) - 1})::int AS territory_step
    FROM claims_event WHERE id BETWEEN %(event_base)s AND %(event_base)s + %(events)s - 1
), slot AS MATERIALIZED (
    SELECT %(claim_base)s + (event_id - %(event_base)s) * {CLAIMS_PER_EVENT} + k - 1 AS id, event_draw.*, k,
           CASE WHEN k = 1 AND outlier THEN base * 10
                ELSE greatest(1, round(base * (0.95 + random() * 0.1)))::int END AS value,
           (%(qualifiers)s::text[])[1 + floor(random() * 4)::int] AS qualifier,
           random() AS party_only_draw, random() AS second_source_draw,
           (%(independent)s::bigint[])[1 + floor(random() * %(independent_count)s)::int] AS independent_id,
           (%(party)s::bigint[])[1 + floor(random() * %(party_count)s)::int] AS party_id
    FROM event_draw, generate_series(1, {CLAIMS_PER_EVENT}) AS k
), shaped AS (
    SELECT slot.*,
           CASE WHEN k <= 4 THEN 'figure' WHEN k <= 6 THEN 'framing' ELSE 'territory' END AS kind,
           CASE WHEN k <= 4 THEN (%(wordings)s::text[])[wording_group * 4 + k] ELSE '' END AS subject,
           k <= 4 AND party_only_draw < 0.1 AS party_only,
           CASE WHEN k = 5 THEN (%(framing_texts)s::text[])[1 + framing]
                WHEN k = 6 THEN (%(framing_texts)s::text[])[1 + (framing + 1 + framing_step) %% {len(FRAMING_TEXTS)}]
                WHEN k = 7 THEN (%(territory_texts)s::text[])[1 + territory]
                WHEN k = 8 THEN (%(territory_texts)s::text[])[1 + (territory + 1 + territory_step) %% {len(TERRITORY_TEXTS)}]
           END AS template
    FROM slot
), claim_row AS MATERIALIZED (
    SELECT shaped.id, shaped.event_id, shaped.kind, shaped.subject, shaped.qualifier, shaped.value,
           shaped.party_only, NOT shaped.party_only AND shaped.second_source_draw < 0.3 AS with_party,
           shaped.independent_id, shaped.party_id,
           CASE WHEN shaped.kind = 'figure' THEN shaped.value || ' ' || shaped.subject || ' near ' || shaped.place || '.'
                ELSE replace(shaped.template, '{{place}}', shaped.place) END AS text,
           CASE WHEN shaped.kind = 'framing' THEN '' ELSE shaped.place END AS place,
           CASE WHEN shaped.party_only THEN party.name || ' ' || party.aliases::text
                ELSE independent.name || ' ' || independent.aliases::text
                     || CASE WHEN shaped.second_source_draw < 0.3 THEN ' ' || party.name || ' ' || party.aliases::text
                             ELSE '' END
           END AS source_words,
           %(first_at)s + (shaped.id - %(claim_base)s) * interval '{SECONDS_BETWEEN_CLAIMS} seconds' AS at
    FROM shaped
    JOIN sources_source AS party ON party.id = shaped.party_id
    JOIN sources_source AS independent ON independent.id = shaped.independent_id
), new_claim AS (
    INSERT INTO claims_claim (
        id, created_at, updated_at, text, kind, quantity_subject, value_low, value_high, qualifier,
        place, status, credibility, event_id, responsible_party, search_vector
    )
    SELECT id, at, at, text, kind, subject, CASE WHEN kind = 'figure' THEN value END,
           CASE WHEN kind = 'figure' THEN value END, CASE WHEN kind = 'figure' THEN qualifier ELSE '' END,
           place, 'unverified', 6, event_id, '', {SEARCH_VECTOR_SQL}
    FROM claim_row
)
INSERT INTO claims_attribution (
    created_at, updated_at, excerpt, form, reporting_verb, source_id, claim_id, quote_prefix, quote_suffix
)
SELECT at, at, '', 'paraphrase', '', source_id, id, '', ''
FROM (
    SELECT at, id, independent_id AS source_id FROM claim_row WHERE NOT party_only
    UNION ALL
    SELECT at, id, party_id FROM claim_row WHERE party_only OR with_party
) AS credit
ORDER BY id
"""  # noqa: S608 - only this module's constants are formatted in


def seed_claims(*, count: int, sources: list, seed: int) -> None:
    """Add `count` claims (whole events of CLAIMS_PER_EVENT) with their
    attributions; `sources` are the bench's Source rows."""
    party = [source.pk for source in sources if source.affiliation == "party"]
    independent = [source.pk for source in sources if source.affiliation != "party"]
    events_needed = count // CLAIMS_PER_EVENT
    now = time.time()
    params = {
        "places": PLACES,
        "place_count": len(PLACES),
        "qualifiers": QUALIFIERS,
        "wordings": WORDING_BY_SLOT,
        "framing_texts": FRAMING_TEXTS,
        "territory_texts": TERRITORY_TEXTS,
        "party": party,
        "party_count": len(party),
        "independent": independent,
        "independent_count": len(independent),
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        for start in range(0, events_needed, EVENTS_PER_BATCH):
            events = min(EVENTS_PER_BATCH, events_needed - start)
            # Seeded claims lie in the past, the newest an hour ago: a
            # periodic sweep's high-water mark (30 minutes ago) is past them.
            first_at = now - 3600 - (events_needed - start) * CLAIMS_PER_EVENT * SECONDS_BETWEEN_CLAIMS
            first_at = datetime.fromtimestamp(first_at, tz=UTC)
            with transaction.atomic():
                _seed_batch(cursor, events=events, params={**params, "first_at": first_at, "at": first_at})


def _seed_batch(cursor, *, events: int, params: dict) -> None:
    params = {
        **params,
        "events": events,
        "event_base": next_id(cursor, "claims_event"),
        "claim_base": next_id(cursor, "claims_claim"),
    }
    cursor.execute(EVENTS_SQL, params)
    with search_triggers_disabled(cursor):
        cursor.execute(CLAIMS_SQL, params)
    sync_identity(cursor, "claims_event")
    sync_identity(cursor, "claims_claim")
