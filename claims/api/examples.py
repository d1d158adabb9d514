"""Request and response examples for the claims API's OpenAPI schema
(claims/api/views.py); kept apart from the serializers, which they only illustrate."""

from drf_spectacular.utils import OpenApiExample

CLAIM_EXAMPLES = [
    OpenApiExample(
        "A casualty figure with its source",
        value={
            "text": "The ministry said its strikes killed 200 militants.",
            "kind": "figure",
            "event": 1,
            "quantity_subject": "militants killed",
            "value_low": 200,
            "qualifier": "exact",
            "attributions": [
                {"source": 2, "document": 5, "excerpt": "killed 200 militants", "form": "statement"}
            ],
        },
        request_only=True,
    )
]
CLAIM_UPDATE_EXAMPLES = [
    OpenApiExample("Correct a figure", value={"value_low": 180, "value_high": 200, "qualifier": "range"})
]
CLAIM_STATUS_EXAMPLES = [
    OpenApiExample(
        "Mark disputed",
        value={"status": "disputed", "reason": "Residents and the monitor give far lower figures."},
        request_only=True,
    )
]
EVENT_EXAMPLES = [
    OpenApiExample(
        "An offensive",
        value={
            "title": "Offensive south of Aleppo",
            "start_date": "2015-10-16",
            "end_date": "2015-10-18",
            "place": "Aleppo province",
            "description": "<p>Ground push backed by air strikes.</p>",
        },
        request_only=True,
    )
]
EVENT_MERGE_EXAMPLES = [
    OpenApiExample(
        "Fold a duplicate into the desk's event",
        value={"into": 7, "reason": "Same raids, opened twice by two desks."},
        request_only=True,
    )
]
ATTRIBUTION_EXAMPLES = [
    OpenApiExample(
        "Credit a claim with the exact words",
        value={
            "claim": 12,
            "source": 2,
            "document": 5,
            "excerpt_start": 120,
            "excerpt_end": 164,
            "form": "direct_quote",
            "reporting_verb": "said",
        },
        request_only=True,
    )
]
RELATION_EXAMPLES = [
    OpenApiExample(
        "Two figures that contradict",
        value={
            "from_claim": 12,
            "to_claim": 15,
            "relation_type": "contradicts",
            "rationale": "200 militants vs. 40 civilians for the same strike.",
        },
        request_only=True,
    )
]
FLAG_NOTE_EXAMPLES = [
    OpenApiExample("With a note", value={"note": "Checking with the stringer."}, request_only=True)
]
FLAG_ASSIGN_EXAMPLES = [
    OpenApiExample(
        "Assign", value={"assignee": "factchecker", "note": "Yours, you know the area."}, request_only=True
    )
]
FLAG_RESOLVE_EXAMPLES = [
    OpenApiExample(
        "Resolve and mark one claim disputed",
        value={"note": "Ministry figure not supported by any independent count.", "mark_claim_id": 12},
        request_only=True,
    )
]
FLAG_DISMISS_EXAMPLES = [
    OpenApiExample(
        "Dismiss",
        value={"reason": "Different strikes on different days."},
        request_only=True,
    )
]

CLAIM_RESPONSE_EXAMPLES = [
    OpenApiExample(
        "A disputed figure with its source",
        value={
            "id": 12,
            "text": "The ministry said its strikes killed 200 militants.",
            "kind": "figure",
            "event": 1,
            "quantity_subject": "militants killed",
            "value_low": 200,
            "value_high": 200,
            "qualifier": "exact",
            "figure_display": "200 militants killed",
            "place": "",
            "occurred_on": "2015-10-16",
            "status": "disputed",
            "credibility": 4,
            "open_flag_count": 1,
            "attributions": [
                {
                    "id": 31,
                    "claim": 12,
                    "source": {
                        "id": 2,
                        "slug": "defence-ministry",
                        "name": "Defence ministry",
                        "kind": "government",
                        "affiliation": "party",
                        "side": "Government and allies",
                        "reliability": "D",
                    },
                    "document": {
                        "id": 5,
                        "title": "Strikes reported on supply routes",
                        "url": "https://wire.example/2015/10/strikes",
                        "published_at": "2015-10-17T09:30:00Z",
                    },
                    "excerpt": "killed 200 militants",
                    "excerpt_start": 118,
                    "excerpt_end": 138,
                    "form": "statement",
                    "reporting_verb": "said",
                    "relayed_by": None,
                    "created_at": "2015-10-17T10:02:11Z",
                    "updated_at": "2015-10-17T10:02:11Z",
                }
            ],
            "relations": [
                {
                    "id": 4,
                    "relation_type": "contradicts",
                    "direction": "outgoing",
                    "other_claim": 15,
                    "origin": "rule",
                }
            ],
            "created_by": "factchecker",
            "created_at": "2015-10-17T10:02:11Z",
            "updated_at": "2015-10-18T08:40:00Z",
        },
        response_only=True,
    )
]
FLAG_RESPONSE_EXAMPLES = [
    OpenApiExample(
        "An open figure mismatch",
        value={
            "id": 6,
            "rule": "figure_mismatch",
            "claim_a": {
                "id": 12,
                "text": "The ministry said its strikes killed 200 militants.",
                "status": "disputed",
            },
            "claim_b": {
                "id": 15,
                "text": "The monitor counted 20 insurgents killed.",
                "status": "unverified",
            },
            "severity": 40,
            "explanation": "Defence ministry's figure of 200 militants killed is ten times the monitor's 20.",
            "status": "open",
            "assignee": None,
            "resolution_note": "",
            "resolved_by": None,
            "resolved_at": None,
            "created_at": "2015-10-17T10:02:12Z",
            "updated_at": "2015-10-17T10:02:12Z",
        },
        response_only=True,
    )
]
