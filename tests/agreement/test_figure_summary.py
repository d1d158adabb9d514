"""The event figure summary: every source's latest figure, the conservative
figure from independent origins, the full range, never an average."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from claims.models import Claim
from claims.services import claim_create
from tests.detection.conftest import check, make_figure
from tests.factories import DocumentFactory, SourceFactory, viewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.force_authenticate(viewer())
    return client


def figures(api, event):
    response = api.get(f"/api/v1/events/{event.pk}/figures/")
    assert response.status_code == 200
    return response.json()


def test_rows_conservative_figure_and_range(api, event, ministry, monitor):
    hospital = SourceFactory(name="District hospital", slug="hospital", reliability="C")
    make_figure(event=event, value=200, sources=[ministry])
    make_figure(event=event, value=20, subject="insurgents killed", sources=[monitor])
    make_figure(
        event=event, value=18, subject="rebels killed", qualifier=Claim.Qualifier.AT_LEAST, sources=[hospital]
    )
    [summary] = figures(api, event)
    assert summary["subject"] == "militants killed"
    assert [row["source"]["name"] for row in summary["rows"]] == [
        "District hospital",
        "Syrian Observatory for Human Rights",
        "Russian Ministry of Defence",
    ]
    party_row = summary["rows"][-1]
    assert party_row["is_party"] is True and party_row["side"] == "Syrian government and allies"
    assert summary["conservative"]["value"] == 18
    assert summary["conservative"]["figure"] == "at least 18"
    assert summary["full_range"] == {"low": 18, "high": 200}
    # "At least 18" agrees with 20 and with 200 (one origin each side); nothing is averaged.
    assert summary["agreeing_independent_origins"] == 3
    assert "average" not in str(summary).lower()


def test_party_only_figures_have_no_conservative_figure(api, event, ministry):
    make_figure(event=event, value=200, sources=[ministry])
    [summary] = figures(api, event)
    assert summary["conservative"] is None
    assert summary["agreeing_independent_origins"] == 0


def test_a_revised_figure_shows_as_the_latest_with_its_history(api, event, ministry):
    for value, hour in ((45, 8), (112, 19)):
        claim_create(
            text=f"{value} killed.",
            kind=Claim.Kind.FIGURE,
            event=event,
            quantity_subject="killed",
            value_low=value,
            attributions=[
                {
                    "source": ministry,
                    "document": DocumentFactory(published_at=dt.datetime(2026, 11, 29, hour, tzinfo=dt.UTC)),
                }
            ],
        )
    [summary] = figures(api, event)
    [row] = summary["rows"]
    assert row["figure"] == "112"
    assert [entry["figure"] for entry in row["history"]] == ["45", "112"]


def test_an_outlet_passing_on_a_sources_figure_it_has_since_revised_leaves_its_latest_figure(
    api, client, event, monitor
):
    outlet = SourceFactory(name="Evening paper", kind="news_outlet")
    claims = []
    for value, hour, relayed_by in ((20, 8, None), (35, 12, None), (20, 18, outlet)):
        attribution = {
            "source": monitor,
            "document": DocumentFactory(published_at=dt.datetime(2026, 11, 29, hour, tzinfo=dt.UTC)),
        }
        if relayed_by is not None:
            attribution["relayed_by"] = relayed_by
        claims.append(
            claim_create(
                text=f"{value} killed.",
                kind=Claim.Kind.FIGURE,
                event=event,
                quantity_subject="killed",
                value_low=value,
                attributions=[attribution],
            )
        )
    [summary] = figures(api, event)
    [row] = summary["rows"]
    assert (row["claim"], row["figure"]) == (claims[1].pk, "35")
    assert [entry["figure"] for entry in row["history"]] == ["20", "35"]
    # The claim and event pages read the summary their own ways: the same latest figure.
    client.force_login(viewer())
    claim_page = client.get(claims[2].get_absolute_url())
    event_page = client.get(event.get_absolute_url())
    [claim_row] = claim_page.context["figure_summary"].rows
    [[event_row]] = [summary.rows for summary in event_page.context["figure_summaries"]]
    assert claim_row.latest.claim.pk == event_row.latest.claim.pk == claims[1].pk


def test_the_endpoint_costs_a_fixed_number_of_queries(api, event, django_assert_max_num_queries):
    for index in range(30):
        source = SourceFactory()
        make_figure(event=event, value=20 + index, sources=[source])
        make_figure(event=event, value=5 + index, subject="wounded", sources=[source])
    # Permission look-ups (2), the event, the synonyms, the claims, their attributions.
    with django_assert_max_num_queries(6):
        body = figures(api, event)
    assert sorted(len(summary["rows"]) for summary in body) == [30, 30]


def test_an_unknown_event_is_404(api):
    assert api.get("/api/v1/events/999999/figures/").status_code == 404


def test_the_schema_documents_the_endpoint(api):
    schema = api.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/events/{id}/figures/"]["get"]
    reference = operation["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"]
    component = schema["components"]["schemas"][reference.rsplit("/", 1)[-1]]
    assert {"rows", "conservative", "full_range", "agreeing_independent_origins"} <= set(
        component["properties"]
    )
    row = schema["components"]["schemas"][component["properties"]["rows"]["items"]["$ref"].rsplit("/", 1)[-1]]
    assert {"republishes", "may_republish"} <= set(row["properties"])


def test_event_and_claim_pages_show_the_summary(client, event, ministry, monitor):
    make_figure(event=event, value=200, sources=[ministry])
    claim = make_figure(event=event, value=20, sources=[monitor])
    check(claim)
    client.force_login(viewer())
    for url in (event.get_absolute_url(), claim.get_absolute_url()):
        page = client.get(url).content.decode()
        assert 'data-testid="figure-summary"' in page
        assert "Conservative figure" in page
        assert "20–200" in page


def _heat_figure(event, source, value: int, text: str, **extra) -> Claim:
    return claim_create(
        text=text,
        kind=Claim.Kind.FIGURE,
        event=event,
        quantity_subject="deaths",
        value_low=value,
        occurred_on=dt.date(2026, 7, 15),
        attributions=[{"source": source}],
        **extra,
    )


@pytest.fixture
def heatwave(db):
    from tests.factories import EventFactory

    return EventFactory(
        title="Heatwave on the plain",
        place="Southern plain",
        start_date=dt.date(2026, 7, 10),
        end_date=dt.date(2026, 7, 20),
    )


def test_a_running_total_and_one_days_counts_are_two_summaries_never_one_range(client, api, heatwave):
    health = SourceFactory(name="Health ministry", slug="health")
    hospitals = SourceFactory(name="Hospital network", slug="hospitals")
    coroner = SourceFactory(name="Coroner", slug="coroner")
    total = _heat_figure(heatwave, health, 142, "142 people have died of heat since the heatwave began.")
    _heat_figure(heatwave, hospitals, 18, "Eighteen people died of heatstroke on Wednesday.")
    day = _heat_figure(
        heatwave, coroner, 6, "The coroner recorded up to 6 heat deaths on Wednesday.", qualifier="up_to"
    )
    summaries = figures(api, heatwave)
    assert sorted(
        (summary["subject_display"], summary["full_range"]["low"], summary["full_range"]["high"])
        for summary in summaries
    ) == [
        ("deaths (running total) on 15 Jul 2026", 142, 142),
        ("deaths on 15 Jul 2026", 6, 18),
    ]
    client.force_login(viewer())
    page = client.get(total.get_absolute_url()).content.decode()
    assert "Deaths (running total) on 15 Jul 2026: who says what" in page
    assert "6–18" not in page and "6–142" not in page
    page = client.get(day.get_absolute_url()).content.decode()
    assert "Deaths on 15 Jul 2026: who says what" in page


def test_a_sources_running_total_is_no_revision_of_its_days_count_in_the_summary(api, heatwave):
    health = SourceFactory(name="Health ministry", slug="health")
    _heat_figure(heatwave, health, 18, "Eighteen people died of heat on Wednesday, the ministry said.")
    _heat_figure(heatwave, health, 142, "142 people have died of heat since the heatwave began.")
    summaries = figures(api, heatwave)
    assert sorted(len(summary["rows"][0]["history"]) for summary in summaries) == [1, 1]


def test_a_running_total_and_a_figure_saying_neither_stay_one_summary(api, heatwave):
    health = SourceFactory(name="Health ministry", slug="health")
    hospitals = SourceFactory(name="Hospital network", slug="hospitals")
    _heat_figure(heatwave, health, 142, "142 people have died of heat since the heatwave began.")
    _heat_figure(heatwave, hospitals, 150, "150 heat deaths, the hospital network said.")
    [summary] = figures(api, heatwave)
    assert summary["full_range"] == {"low": 142, "high": 150}
