"""Scenario fixtures: short stories as structured data (tests/detection/scenarios/*.json),
each with the disputes it must and must not raise. Described in docs/detection.md.

Each scenario is loaded through the real services (claims, attributions,
relations), every claim is checked, and the open disputes are compared with
the scenario: each `must_raise` entry is an open dispute of that topic (and
subject, place and day when given) whose claims are exactly the listed ones; no open dispute matches a
`must_not_raise` entry; `queue_size` is the number of open queue entries.
Optionally: `must_relate` entries are one relation of that type between the
two claims (from the first when `directed`; its rationale containing
`rationale_contains`), `must_not_relate` entries none, and `origins` the
independent origins each named claim counts (claims/origins.py). A claim's
`credits` give several attributions, each with an excerpt quoted from one
of the scenario's `documents` (echoes are told by excerpts and documents).
"""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from claims.models import Claim, ClaimRelation
from claims.origins import claim_origins
from claims.services import claim_create, relation_create
from detection.dispute_selectors import dispute_queue, dispute_view
from detection.services import conflicts_detect_for_claim
from sources.models import Document
from tests.factories import DocumentFactory, EventFactory, SourceFactory

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.json"))

pytestmark = pytest.mark.django_db


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def build(scenario: dict) -> dict[str, Claim]:
    event = EventFactory(
        **{
            name: date.fromisoformat(value) if name in ("start_date", "end_date") else value
            for name, value in scenario["event"].items()
        }
    )
    sources = {key: SourceFactory(**fields) for key, fields in scenario["sources"].items()}
    documents = _documents(scenario, sources)
    claims = {}
    for key, spec in scenario["claims"].items():
        figure = {}
        if spec["kind"] == "figure":
            figure = {
                "quantity_subject": spec["subject"],
                "value_low": spec["value"],
                "value_high": spec.get("high"),
                "qualifier": spec["qualifier"],
            }
        attributions = []
        for credit in _credits(spec):
            attribution = {"source": sources[credit["source"]]}
            if "relayed_by" in credit:
                attribution["relayed_by"] = sources[credit["relayed_by"]]
            if "excerpt" in credit:
                attribution["excerpt"] = credit["excerpt"]
            if "document" in credit:
                attribution["document"] = documents[credit["document"]]
            attributions.append(attribution)
        claims[key] = claim_create(
            text=spec["text"],
            kind=spec["kind"],
            event=event,
            responsible_party=spec.get("responsible_party", ""),
            place=spec.get("place", ""),
            occurred_on=date.fromisoformat(spec["occurred_on"]) if "occurred_on" in spec else None,
            attributions=attributions,
            **figure,
        )
    for relation in scenario["relations"]:
        relation_create(
            from_claim=claims[relation["from"]],
            to_claim=claims[relation["to"]],
            relation_type=relation["type"],
        )
    for claim in claims.values():
        conflicts_detect_for_claim(claim_id=claim.pk)
    return claims


def _credits(spec: dict) -> list[dict]:
    """A claim's credits: `credits` (several, each with its source, and
    optionally the outlet relaying it, an excerpt and the document it is
    quoted from), else the one `source` (and `relayed_by`)."""
    if "credits" in spec:
        return spec["credits"]
    return [{name: spec[name] for name in ("source", "relayed_by") if name in spec}]


def _documents(scenario: dict, sources: dict) -> dict[str, Document]:
    """The scenario's `documents` (an outlet and a publication time each),
    their bodies made of the excerpts quoted from them, so every excerpt is
    found in its document."""
    excerpts: dict[str, list[str]] = {}
    for spec in scenario["claims"].values():
        for credit in _credits(spec):
            if "document" in credit:
                excerpts.setdefault(credit["document"], []).append(credit["excerpt"])
    documents = {}
    for key, spec in scenario.get("documents", {}).items():
        body = " ".join([f"{spec['title']}."] + list(dict.fromkeys(excerpts.get(key, []))))
        documents[key] = DocumentFactory(
            title=spec["title"],
            body=body,
            outlet=sources[spec["outlet"]] if "outlet" in spec else None,
            published_at=datetime.fromisoformat(spec["published_at"]) if "published_at" in spec else None,
        )
    return documents


def related(claims: dict[str, Claim], expected: dict) -> list[ClaimRelation]:
    """The relations of `expected["type"]` between the two named claims
    (from the first to the second, when `directed`)."""
    first, second = (claims[key].pk for key in expected["claims"])
    found = ClaimRelation.objects.filter(relation_type=expected["type"])
    pairs = {(first, second)} if expected.get("directed") else {(first, second), (second, first)}
    return [relation for relation in found if (relation.from_claim_id, relation.to_claim_id) in pairs]


def open_disputes():
    return [dispute_view(dispute) for dispute in dispute_queue() if dispute.is_open]


def matches(view, expected: dict) -> bool:
    if view.dispute.topic != expected["topic"]:
        return False
    if "subject" in expected and view.dispute.subject != expected["subject"]:
        return False
    # A dispute's scope, when the scenario names it: which town, which day.
    if "place" in expected and view.dispute.place != expected["place"]:
        return False
    return "occurred_on" not in expected or str(view.dispute.occurred_on) == expected["occurred_on"]


def test_there_are_at_least_twelve_scenarios_across_four_kinds_of_story():
    domains = {load(path)["domain"] for path in SCENARIOS}
    assert len(SCENARIOS) >= 12
    assert {"conflict", "disaster", "election", "public health"} <= domains


@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_scenario(path):
    scenario = load(path)
    claims = build(scenario)
    ids = {pk: key for key, claim in claims.items() for pk in [claim.pk]}
    disputes = open_disputes()
    for expected in scenario["must_raise"]:
        found = [view for view in disputes if matches(view, expected)]
        assert len(found) == 1, f"{scenario['name']}: expected one {expected}, got {len(found)}"
        view = found[0]
        assert sorted(ids[item.claim.pk] for item in view.claims) == sorted(expected["claims"])
        if "pairs" in expected:
            assert len(view.pairs) == expected["pairs"]
        if "minor_pairs" in expected:
            assert len(view.minor_pairs) == expected["minor_pairs"]
    for unexpected in scenario["must_not_raise"]:
        assert not [view for view in disputes if matches(view, unexpected)], (
            f"{scenario['name']}: {unexpected}"
        )
    for expected in scenario.get("must_relate", []):
        found = related(claims, expected)
        assert len(found) == 1, f"{scenario['name']}: expected one {expected}, got {len(found)}"
        if "rationale_contains" in expected:
            assert expected["rationale_contains"] in found[0].rationale, found[0].rationale
    for unexpected in scenario.get("must_not_relate", []):
        assert not related(claims, unexpected), f"{scenario['name']}: {unexpected}"
    if "origins" in scenario:
        counted = claim_origins(claim_ids=[claims[key].pk for key in scenario["origins"]])
        assert {key: counted[claims[key].pk].count for key in scenario["origins"]} == scenario["origins"]
    assert len(disputes) == scenario["queue_size"], [
        (view.dispute.topic, view.dispute.subject, [flag.explanation for flag in view.all_pairs])
        for view in disputes
    ]
