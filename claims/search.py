"""Claim search: ranked PostgreSQL full-text search, with a plainer fallback on SQLite.

PostgreSQL: each claim carries a `search_vector` (claim text weight A, its
excerpts B, the names and aliases of its sources and what it counts and where
C; English stemming, so "airports" finds "airport" and "SOHR" finds the
Observatory's claims), kept current by database triggers whoever writes the
rows, and read through a GIN index (migration 0004). Every word must match (websearch syntax: "quoted phrase", or, -word).
Results are ranked by `ts_rank`.

SQLite (development, `scripts/start`): every word must appear, case-insensitive,
in the claim's text, subject or place, in one of its excerpts, or in the name
or aliases of a source credited with it. Words lose a plural or -ing/-ed ending
first, a rough stand-in for stemming. No ranking: newest first.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)

from .models import Attribution

SEARCH_CONFIG = "english"
MAX_WORDS = 12
FALLBACK_ENDINGS = ("ing", "ies", "es", "ed", "s")


def full_text_search_available() -> bool:
    return connection.vendor == "postgresql"


def _fallback_word(word: str) -> str:
    for ending in FALLBACK_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def claims_search(queryset: QuerySet, text: str) -> QuerySet:
    """Claims matching `text`, annotated with `search_rank` (higher is better)."""
    text = " ".join((text or "").split()[:MAX_WORDS])
    if not text:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if full_text_search_available():
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return queryset.filter(search_vector=query).annotate(
            search_rank=SearchRank(F("search_vector"), query)
        )
    for word in text.split():
        word = _fallback_word(word.lower().strip("\"'.,;:!?()"))
        if not word:
            continue
        in_attributions = Exists(
            Attribution.objects.filter(claim=OuterRef("pk")).filter(
                Q(excerpt__icontains=word)
                | Q(source__name__icontains=word)
                | Q(source__aliases__icontains=word)
            )
        )
        queryset = queryset.filter(
            Q(text__icontains=word)
            | Q(quantity_subject__icontains=word)
            | Q(place__icontains=word)
            | in_attributions
        )
    return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
