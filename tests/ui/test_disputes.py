"""The queue of disputes and a dispute's page."""

import pytest
from django.urls import reverse

from claims.models import ConflictFlag
from detection.models import Dispute
from tests import factories
from tests.detection.conftest import check, make_figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_tolls(db):
    event = factories.EventFactory(title="Shelling of the old town")
    for value in (200, 20, 80, 5, 700):
        check(
            make_figure(event=event, value=value, sources=[factories.SourceFactory(name=f"Outlet {value}")])
        )
    return Dispute.objects.get()


def test_five_figures_for_one_toll_are_one_entry_in_the_queue(viewer_client, five_tolls):
    response = viewer_client.get(reverse("dashboard"))
    html = response.content.decode()
    assert html.count("data-dispute-id=") == 1
    assert f'data-dispute-id="{five_tolls.pk}"' in html
    for value in (200, 20, 80, 5, 700):
        assert f"{value} militants killed" in html
        assert f"Outlet {value}" in html
    assert html.count("data-flag-id=") == 10


def test_resolving_the_dispute_from_its_page_closes_every_pair(editor_client, five_tolls):
    url = reverse("detection:dispute-action", args=[five_tolls.pk, "resolve"])
    response = editor_client.post(url, {"note": "Hospital lists checked."})
    assert response.status_code == 302
    assert set(ConflictFlag.objects.values_list("status", flat=True)) == {ConflictFlag.Status.RESOLVED}
    html = editor_client.get(reverse("dashboard")).content.decode()
    assert "data-dispute-id=" not in html
    resolved = editor_client.get(reverse("dashboard") + "?status=resolved").content.decode()
    assert f'data-dispute-id="{five_tolls.pk}"' in resolved


def test_resolving_without_a_note_shows_the_error_and_changes_nothing(editor_client, five_tolls):
    url = reverse("detection:dispute-action", args=[five_tolls.pk, "resolve"])
    response = editor_client.post(url, {"note": " "})
    assert response.status_code == 400
    assert "Explain how the dispute was resolved." in response.content.decode()
    assert ConflictFlag.objects.filter(status=ConflictFlag.Status.OPEN).count() == 10


def test_the_dispute_page_lists_its_figures_sources_and_pairs(viewer_client, five_tolls):
    html = viewer_client.get(five_tolls.get_absolute_url()).content.decode()
    assert "How many militants killed in Shelling of the old town" in html
    assert html.count("data-flag-id=") == 10
    assert "Outlet 700" in html
    assert "Resolve dispute" not in html  # a viewer reads only


def test_an_unknown_dispute_action_is_not_found(editor_client, five_tolls):
    url = reverse("detection:dispute-action", args=[five_tolls.pk, "delete"])
    assert editor_client.post(url, {}).status_code == 404


def test_a_responsibility_dispute_names_each_perpetrator(viewer_client):
    from tests.detection.conftest import make_claim

    event = factories.EventFactory(title="Strike on a market")
    for party in ("Russian air force", "government warplanes"):
        check(make_claim(event=event, text="The market was hit.", kind="occurrence",
                         sources=[factories.SourceFactory()], responsible_party=party))  # fmt: skip
    html = viewer_client.get(reverse("dashboard")).content.decode()
    assert "Who is responsible in Strike on a market" in html
    assert "names <strong>Russian air force</strong>" in html
    assert "names <strong>government warplanes</strong>" in html
