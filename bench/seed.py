"""Seed a large newsroom for the benchmarks: sources, events, documents,
claims with attributions, and conflict flags, written with bulk_create.

Seeding skips the services on purpose: 100,000 claims through claim_create
would take most of the benchmark's time and queue 100,000 conflict checks.
The rows are still valid under every database constraint.
"""

import random

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from claims.models import Attribution, Claim, ConflictFlag, Event
from sources.models import Document, Source, document_content_hash

SUBJECTS = ["militants killed", "civilians killed", "soldiers killed", "people displaced", "villages taken"]
PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Raqqa", "Deir ez-Zor", "Daraa", "Latakia"]
# Rows per INSERT statement: big enough to be fast, small enough for SQLite's
# variable limit and for memory.
BATCH_SIZE = 2_000
CLAIMS_PER_EVENT = 20


def _bench_sources(existing_sources: int) -> list:
    """200 sources, half parties on one of two sides, half independent monitors."""
    return Source.objects.bulk_create(
        [
            Source(
                name=f"Bench source {existing_sources + i}",
                slug=f"bench-source-{existing_sources + i}",
                kind=Source.Kind.MILITARY if i % 2 else Source.Kind.NGO_MONITOR,
                affiliation=Source.Affiliation.PARTY if i % 2 else Source.Affiliation.INDEPENDENT,
                side=("Side A" if i % 4 == 1 else "Side B") if i % 2 else "",
                reliability="ABCDEF"[i % 6],
            )
            for i in range(200)
        ],
        batch_size=BATCH_SIZE,
    )


def _bench_claims(rng: random.Random, events: list, editor) -> list:
    """CLAIMS_PER_EVENT unsaved claims per event, most of them figures."""
    new_claims = []
    for event in events:
        for _ in range(CLAIMS_PER_EVENT):
            low = rng.randint(1, 400)
            is_figure = rng.random() < 0.6
            new_claims.append(
                Claim(
                    text=f"{low} {rng.choice(SUBJECTS)} in {event.place}",
                    kind=Claim.Kind.FIGURE if is_figure else Claim.Kind.OTHER,
                    event=event,
                    quantity_subject=rng.choice(SUBJECTS) if is_figure else "",
                    value_low=low if is_figure else None,
                    value_high=low + rng.randint(0, 20) if is_figure else None,
                    qualifier=Claim.Qualifier.RANGE if is_figure else "",
                    place=event.place,
                    status=rng.choice(Claim.Status.values),
                    created_by=editor,
                )
            )
    return new_claims


def _bench_flags(rng: random.Random, new_claims: list, flags_per_event: int) -> list:
    """`flags_per_event` unsaved flags between two claims of each event."""
    flags = []
    for index in range(0, len(new_claims), CLAIMS_PER_EVENT):
        group = new_claims[index : index + CLAIMS_PER_EVENT]
        for n in range(flags_per_event):
            first, second = sorted(rng.sample(group, 2), key=lambda claim: claim.pk)
            flags.append(
                ConflictFlag(
                    rule=f"bench_rule_{n}",
                    claim_a=first,
                    claim_b=second,
                    severity=rng.choice(ConflictFlag.Severity.values),
                    explanation="Two bench figures disagree.",
                    status=rng.choice(ConflictFlag.Status.values),
                )
            )
    return flags


def seed_newsroom(*, claims: int, seed: int = 7, flags_per_event: int = 1) -> dict:
    """Add `claims` claims (and their sources, events, documents, attributions
    and flags) to the database. Returns counts of what was created."""
    rng = random.Random(seed)
    User = get_user_model()
    editor = User.objects.filter(username="editor").first()
    existing_sources = Source.objects.count()
    with transaction.atomic():
        sources = _bench_sources(existing_sources)
    event_count = max(1, claims // CLAIMS_PER_EVENT)
    created = {"sources": len(sources), "events": 0, "documents": 0, "claims": 0, "flags": 0}
    for start in range(0, event_count, BATCH_SIZE // CLAIMS_PER_EVENT):
        stop = min(event_count, start + BATCH_SIZE // CLAIMS_PER_EVENT)
        with transaction.atomic():
            offset = Event.objects.count()
            events = Event.objects.bulk_create(
                [
                    Event(title=f"Bench event {offset + i}", place=rng.choice(PLACES))
                    for i in range(stop - start)
                ]
            )
            bodies = [
                f"Bench report {offset + i}. Officials said {rng.randint(1, 500)} people were hurt."
                for i in range(len(events))
            ]
            documents = Document.objects.bulk_create(
                [
                    Document(
                        title=f"Bench report {offset + i}",
                        body=body,
                        content_hash=document_content_hash(body),
                    )
                    for i, body in enumerate(bodies)
                ]
            )
            new_claims = _bench_claims(rng, events, editor)
            new_claims = Claim.objects.bulk_create(new_claims, batch_size=BATCH_SIZE)
            Attribution.objects.bulk_create(
                [
                    Attribution(
                        claim=claim,
                        source=rng.choice(sources),
                        document=documents[index // CLAIMS_PER_EVENT],
                        form=Attribution.Form.STATEMENT,
                        reporting_verb="said",
                    )
                    for index, claim in enumerate(new_claims)
                ],
                batch_size=BATCH_SIZE,
            )
            flags = _bench_flags(rng, new_claims, flags_per_event)
            ConflictFlag.objects.bulk_create(flags, batch_size=BATCH_SIZE)
        created["events"] += len(events)
        created["documents"] += len(documents)
        created["claims"] += len(new_claims)
        created["flags"] += len(flags)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return created
