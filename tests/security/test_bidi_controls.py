"""Right-to-left controls in user text (issue 13, finding 7): a source named
with U+202E (RIGHT-TO-LEFT OVERRIDE) was stored as typed and embedded in flag
explanations unisolated, so on screen a figure of 20 read "02". Controls are
now removed from source names, isolated or removed wherever user text is
embedded in a generated sentence (flag explanations, digest emails), and
removed from CSV cells."""

import csv
import io

import pytest
from django.core import mail

from claims.models import Claim, ConflictFlag
from core.bidi import BIDI_CONTROLS, isolate
from detection.services import conflicts_detect_for_claim
from digests.services import digest_send
from tests import factories
from tests.api.conftest import client_with_token
from tests.api.test_export import content_of
from tests.detection.conftest import make_figure
from tests.digests.conftest import WEEK, desk_week, monday_morning  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

OVERRIDE = "\u202e"
EVERY_CONTROL = "".join(chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def test_every_embedding_override_and_isolate_control_is_recognised():
    assert BIDI_CONTROLS.findall(EVERY_CONTROL) == list(EVERY_CONTROL)
    assert isolate(f"Monitor{EVERY_CONTROL}") == "Monitor"


def test_a_source_name_with_an_override_is_stored_without_it(editor_user):
    api = client_with_token(editor_user)
    response = api.post(
        "/api/v1/sources/", {"name": f"Monitor{OVERRIDE}", "kind": "ngo_monitor"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Monitor"


def test_a_flag_explanation_never_carries_a_control_from_stored_names_or_subjects(db):
    event = factories.EventFactory(title="Strike on the market")
    # Stored as an older version or the admin could have: straight into the table.
    monitor = factories.SourceFactory(name=f"Monitor{OVERRIDE}", slug="monitor")
    ministry = factories.PartySourceFactory(name=f"{OVERRIDE}Ministry", slug="ministry", side="government")
    make_figure(event=event, value=200, subject=f"people killed{OVERRIDE}", sources=[ministry])
    second = make_figure(event=event, value=20, subject=f"people killed{OVERRIDE}", sources=[monitor])

    conflicts_detect_for_claim(claim_id=second.pk)

    explanations = list(ConflictFlag.objects.values_list("explanation", flat=True))
    assert explanations
    for explanation in explanations:
        assert not BIDI_CONTROLS.search(explanation.replace("\u2068", "").replace("\u2069", "")), explanation
    mismatch = ConflictFlag.objects.get(rule="figure_mismatch").explanation
    assert "Ministry's figure of 200 people killed is ten times Monitor's 20" in mismatch


def test_a_right_to_left_name_is_isolated_in_a_flag_explanation(db):
    event = factories.EventFactory(title="Strike on the market")
    arabic_name = "\u0627\u0644\u0645\u0631\u0635\u062f"
    monitor = factories.SourceFactory(name=arabic_name, slug="marsad")
    ministry = factories.PartySourceFactory(name="Ministry", slug="ministry", side="government")
    make_figure(event=event, value=200, sources=[ministry])
    second = make_figure(event=event, value=20, sources=[monitor])

    conflicts_detect_for_claim(claim_id=second.pk)

    mismatch = ConflictFlag.objects.get(rule="figure_mismatch").explanation
    assert f"\u2068{arabic_name}\u2069's 20" in mismatch


def test_the_digest_email_carries_no_control_from_claims_sources_or_notes(desk_week, monday_morning):  # noqa: F811
    Claim.objects.filter(pk=desk_week.sohr_figure.pk).update(
        text=f"{OVERRIDE}Airstrikes killed 20 insurgents."
    )
    factories.SourceFactory(name=f"Wire{OVERRIDE}")
    ConflictFlag.objects.exclude(resolution_note="").update(
        resolution_note=f"Checked{OVERRIDE} with 20 sources"
    )
    for attribution in desk_week.sohr_figure.attributions.select_related("source"):
        source = attribution.source
        type(source).objects.filter(pk=source.pk).update(name=f"{source.name}{OVERRIDE}")

    digest_send(user_id=desk_week.editor.pk, week=WEEK)

    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert OVERRIDE not in message.body
    assert OVERRIDE not in html
    assert "insurgents" in message.body


def test_the_csv_export_carries_no_control(viewer_user):
    claim = factories.ClaimFactory(text=f"The monitor counted {OVERRIDE}20 dead.")
    factories.AttributionFactory(claim=claim, source=factories.SourceFactory(name=f"Monitor{OVERRIDE}"))

    response = client_with_token(viewer_user).get("/api/v1/exports/claims.csv")

    rows = list(csv.DictReader(io.StringIO(content_of(response))))
    assert [(row["claim_text"], row["source_name"]) for row in rows] == [
        ("The monitor counted 20 dead.", "Monitor")
    ]
