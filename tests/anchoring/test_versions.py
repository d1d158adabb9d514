"""Document versions: storing a revised text, re-anchoring every credited
excerpt, flagging claims whose source revised its words, and the pages."""

import pytest
from django.urls import reverse

from anchoring.models import ExcerptAnchor
from anchoring.services import SOURCE_REVISED, document_version_add
from claims.models import ConflictFlag
from claims.services import claim_create
from core.exceptions import ConflictError
from sources.services import document_create
from tests import factories

pytestmark = pytest.mark.django_db

FIRST = (
    "Shelling hit the market in Dunmore on Monday morning.\n\n"
    "The regional health office said 12 people were killed and 30 wounded.\n\n"
    "A local resident said she saw tanks crossing the bridge at dawn.\n\n"
    "A spokesman for the army denied firing on the town."
)
SECOND = (
    "UPDATED with a higher toll.\n\n"
    "Shelling hit the market in Dunmore on Monday morning.\n\n"
    "The regional health office said 45 people were killed and 30 wounded.\n\n"
    "A spokesman for the army denied firing on the town."
)


@pytest.fixture
def story(editor_user):
    document = document_create(title="Market shelled", body=FIRST, url="https://wire.example/dunmore")
    health, resident, army = factories.SourceFactory(), factories.SourceFactory(), factories.SourceFactory()

    def credit(text, source, excerpt):
        return claim_create(
            text=text,
            created_by=editor_user,
            attributions=[{"source": source, "document": document, "excerpt": excerpt}],
        )

    return {
        "document": document,
        "toll": credit(
            "12 people were killed.",
            health,
            "The regional health office said 12 people were killed and 30 wounded.",
        ),
        "tanks": credit(
            "Tanks crossed the bridge.",
            resident,
            "A local resident said she saw tanks crossing the bridge at dawn.",
        ),
        "denial": credit(
            "The army did not fire on the town.", army, "A spokesman for the army denied firing on the town."
        ),
    }


def anchor_of(claim, document):
    return ExcerptAnchor.objects.get(attribution__claim=claim, document=document)


def test_an_attribution_stores_its_quote_selector(story):
    attribution = story["toll"].attributions.get()
    assert attribution.quote_prefix == FIRST[attribution.excerpt_start - 32 : attribution.excerpt_start]
    assert attribution.quote_suffix == FIRST[attribution.excerpt_end : attribution.excerpt_end + 32]


def test_a_new_version_keeps_the_old_one_and_reanchors_every_excerpt(story, editor_user):
    first = story["document"]

    second = document_version_add(document_id=first.pk, user=editor_user, body=SECOND)

    first.refresh_from_db()
    assert (second.version, second.previous_version_id, second.url, second.title) == (
        2,
        first.pk,
        first.url,
        first.title,
    )
    assert (first.is_latest, second.is_latest, first.body) == (False, True, FIRST)
    toll, tanks, denial = (anchor_of(story[key], second) for key in ("toll", "tanks", "denial"))
    assert (toll.status, toll.change, toll.found_text) == (
        "fuzzy",
        "figure",
        "The regional health office said 45 people were killed and 30 wounded.",
    )
    assert (tanks.status, tanks.change, tanks.start) == ("orphaned", "removed", None)
    assert (denial.status, denial.change) == ("exact", "")
    assert SECOND[denial.start : denial.end] == "A spokesman for the army denied firing on the town."
    # The attributions themselves still point at the words as first quoted.
    assert story["tanks"].attributions.get().document_id == first.pk


def test_claims_whose_excerpt_was_revised_or_removed_get_a_source_revised_flag(story, editor_user):
    document_version_add(document_id=story["document"].pk, user=editor_user, body=SECOND)

    flags = {flag.claim_a_id: flag for flag in ConflictFlag.objects.filter(rule=SOURCE_REVISED)}
    assert set(flags) == {story["toll"].pk, story["tanks"].pk}
    assert flags[story["toll"].pk].severity == ConflictFlag.Severity.HIGH
    assert "45 people" in flags[story["toll"].pk].explanation
    assert "no longer contains the excerpt" in flags[story["tanks"].pk].explanation
    assert flags[story["tanks"].pk].history.get().action == "created"


def test_a_third_version_finds_excerpts_of_the_first_through_the_second(story, editor_user):
    second = document_version_add(document_id=story["document"].pk, user=editor_user, body=SECOND)
    third_text = SECOND.replace("UPDATED with a higher toll.\n\n", "") + "\n\nFunerals were held on Tuesday."

    third = document_version_add(document_id=second.pk, user=editor_user, body=third_text)

    assert third.version == 3
    toll = anchor_of(story["toll"], third)
    assert (toll.status, third_text[toll.start : toll.end]) == (
        "fuzzy",
        "The regional health office said 45 people were killed and 30 wounded.",
    )
    assert anchor_of(story["tanks"], third).status == "orphaned"


def test_only_the_latest_version_takes_an_update_and_the_same_text_is_refused(story, editor_user):
    first = story["document"]
    with pytest.raises(ConflictError, match="same as the current version"):
        document_version_add(document_id=first.pk, user=editor_user, body=FIRST)
    document_version_add(document_id=first.pk, user=editor_user, body=SECOND)
    with pytest.raises(ConflictError, match="already has a newer version"):
        document_version_add(document_id=first.pk, user=editor_user, body=SECOND + " More.")


def test_a_new_document_with_the_url_of_a_stored_story_is_still_refused(story, editor_user):
    document_version_add(document_id=story["document"].pk, user=editor_user, body=SECOND)
    with pytest.raises(ConflictError, match="already stored"):
        document_create(title="Copy", body="Other text entirely.", url="https://wire.example/dunmore")


def test_a_closed_source_revised_flag_reopens_when_the_text_changes_again(story, editor_user):
    from claims.services import flag_dismiss

    second = document_version_add(document_id=story["document"].pk, user=editor_user, body=SECOND)
    flag = ConflictFlag.objects.get(rule=SOURCE_REVISED, claim_a=story["toll"])
    flag_dismiss(flag_id=flag.pk, user=editor_user, reason="Checked with the wire.")

    document_version_add(
        document_id=second.pk, user=editor_user, body=SECOND.replace("45 people", "51 people")
    )

    flag.refresh_from_db()
    assert flag.status == "open"
    assert "51 people" in flag.explanation


def test_the_document_page_shows_versions_the_diff_and_orphaned_excerpts(story, editor_user, client):
    second = document_version_add(document_id=story["document"].pk, user=editor_user, body=SECOND)
    client.force_login(editor_user)

    page = client.get(second.get_absolute_url()).content.decode()

    assert "Version 2 (this page)" in page
    assert "<del>12</del><ins>45</ins>" in page
    assert "1 excerpt could not be found in this version" in page
    assert 'data-status="orphaned"' in page
    old_page = client.get(story["document"].get_absolute_url()).content.decode()
    assert 'data-testid="newer-version"' in old_page


def test_an_editor_adds_a_version_from_the_form(story, editor_user, client):
    client.force_login(editor_user)
    url = reverse("anchoring:version-add", kwargs={"pk": story["document"].pk})

    response = client.post(url, {"body": SECOND})

    second = story["document"].next_version
    assert response.status_code == 302 and response["Location"] == second.get_absolute_url()
    assert client.post(url, {"body": ""}).status_code == 400


def test_a_fact_checker_cannot_add_a_version(story, client):
    client.force_login(factories.fact_checker())
    url = reverse("anchoring:version-add", kwargs={"pk": story["document"].pk})
    assert client.post(url, {"body": SECOND}).status_code == 403


def test_the_api_adds_a_version_and_lists_versions_and_anchors(story, editor_user):
    from tests.api.conftest import client_with_token

    api = client_with_token(editor_user)
    first = story["document"]

    response = api.post(f"/api/v1/documents/{first.pk}/versions/", {"body": SECOND}, format="json")

    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["version"], created["previous_version"], created["is_latest"]) == (2, first.pk, True)
    statuses = {anchor["claim_id"]: (anchor["status"], anchor["change"]) for anchor in created["anchors"]}
    assert statuses[story["tanks"].pk] == ("orphaned", "removed")
    assert statuses[story["toll"].pk] == ("fuzzy", "figure")
    versions = api.get(f"/api/v1/documents/{first.pk}/versions/").json()
    assert [v["version"] for v in versions] == [1, 2]
    assert len(api.get(f"/api/v1/documents/{created['id']}/anchors/").json()) == 3

    again = api.post(f"/api/v1/documents/{first.pk}/versions/", {"body": SECOND + " More."}, format="json")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "not_latest_version")
    empty = api.post(f"/api/v1/documents/{created['id']}/versions/", {"body": ""}, format="json")
    assert empty.status_code == 400 and "body" in empty.json()["error"]["fields"]
    viewer = client_with_token(factories.viewer())
    assert (
        viewer.post(f"/api/v1/documents/{created['id']}/versions/", {"body": "x"}, format="json").status_code
        == 403
    )


def test_markup_in_a_revised_text_is_shown_as_text_in_the_diff(story, editor_user, client):
    hostile = SECOND + '\n\n<script>alert("x")</script><img src=x onerror=alert(1)>'
    second = document_version_add(document_id=story["document"].pk, user=editor_user, body=hostile)
    client.force_login(editor_user)

    page = client.get(second.get_absolute_url()).content.decode()

    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_the_api_shows_version_fields_on_documents(story, editor_user):
    from tests.api.conftest import client_with_token

    api = client_with_token(editor_user)
    second = document_version_add(document_id=story["document"].pk, user=editor_user, body=SECOND)

    shown = api.get(f"/api/v1/documents/{second.pk}/").json()
    assert (shown["version"], shown["previous_version"], shown["is_latest"]) == (
        2,
        story["document"].pk,
        True,
    )
