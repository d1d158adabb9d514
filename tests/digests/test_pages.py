"""The digest pages: a reader's settings, and the preview (editors may look at
anyone's digest, everyone else only their own)."""

import pytest
from django.urls import reverse

from digests.selectors import digest_preference_for
from digests.services import digest_unsubscribe
from tests import factories

from .conftest import WEEK


def test_the_settings_page_needs_a_login(client):
    response = client.get(reverse("digests:preferences"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_reader_chooses_sections_and_skips_empty_weeks(client, viewer_user):
    client.force_login(viewer_user)

    response = client.post(
        reverse("digests:preferences"),
        {"subscribed": "on", "skip_empty_weeks": "on", "sections": ["open_conflicts", "my_flags"]},
    )

    assert response.status_code == 302
    preference = digest_preference_for(viewer_user)
    assert preference.subscribed
    assert preference.skip_empty_weeks
    assert preference.sections == ["open_conflicts", "my_flags"]


def test_unticking_the_digest_unsubscribes(client, viewer_user):
    client.force_login(viewer_user)

    client.post(reverse("digests:preferences"), {"sections": ["new_claims"]})

    preference = digest_preference_for(viewer_user)
    assert not preference.subscribed
    assert preference.unsubscribed_at is not None


def test_the_settings_page_shows_the_current_choices(client, viewer_user):
    digest_unsubscribe(user_id=viewer_user.pk)
    client.force_login(viewer_user)

    response = client.get(reverse("digests:preferences"))

    assert response.status_code == 200
    assert not response.context["form"].initial["subscribed"]
    assert b"Weekly digest" in response.content


def test_an_unknown_section_is_refused_and_nothing_changes(client, viewer_user):
    client.force_login(viewer_user)

    response = client.post(reverse("digests:preferences"), {"subscribed": "on", "sections": ["gossip"]})

    assert response.status_code == 200
    assert response.context["form"].errors["sections"]
    assert not digest_preference_for(viewer_user).pk


def preview_url(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{reverse('digests:preview')}?{query}"


def test_an_editor_previews_a_colleagues_digest(client, desk_week, monday_morning):
    client.force_login(desk_week.editor)

    response = client.get(preview_url(reader="factchecker", week="2024-W48"))

    assert response.status_code == 200
    message = response.context["message"]
    assert message.to == ["factchecker@newsroom.example"]
    assert message.subject == "Claimtrack weekly digest, 2024-W48: 4 open conflicts"
    assert "FLAGS ASSIGNED TO YOU (1)" in message.body
    # The editor does not get a working unsubscribe link for the colleague.
    assert "/digests/unsubscribe/" not in message.body
    assert "List-Unsubscribe" not in message.extra_headers


def test_a_viewer_may_not_preview_someone_elses_digest(client, desk_week, monday_morning):
    client.force_login(desk_week.viewer)

    assert client.get(preview_url(reader="factchecker")).status_code == 403
    assert client.get(f"{reverse('digests:preview-html')}?reader=factchecker").status_code == 403


def test_a_fact_checker_may_not_preview_someone_elses_digest(client, desk_week, monday_morning):
    client.force_login(desk_week.factchecker)

    assert client.get(preview_url(reader="editor")).status_code == 403


def test_a_viewer_previews_their_own_digest(client, desk_week, monday_morning):
    client.force_login(desk_week.viewer)

    response = client.get(preview_url(week="2024-W48"))

    assert response.status_code == 200
    assert response.context["message"].to == ["viewer@newsroom.example"]
    assert "reader" not in response.context["form"].fields


def test_the_preview_defaults_to_the_week_that_just_ended(client, desk_week, monday_morning):
    client.force_login(desk_week.viewer)

    response = client.get(reverse("digests:preview"))

    assert response.context["week"] == WEEK


def test_a_preview_of_a_malformed_week_says_what_is_wrong(client, desk_week):
    client.force_login(desk_week.editor)

    response = client.get(preview_url(week="last-week"))

    assert response.status_code == 400
    assert "write it like 2024-W48" in response.content.decode()


def test_the_html_preview_is_the_email_itself_with_its_inline_styles_allowed(
    client, desk_week, monday_morning
):
    client.force_login(desk_week.editor)

    response = client.get(f"{reverse('digests:preview-html')}?reader=viewer&week=2024-W48")

    assert response.status_code == 200
    assert b'<meta name="color-scheme" content="light dark">' in response.content
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize("name", ["preview", "preview-html"])
def test_previews_need_a_login(client, name):
    assert client.get(reverse(f"digests:{name}")).status_code == 302


def test_the_preview_page_costs_a_fixed_number_of_queries(
    client, desk_week, monday_morning, django_assert_max_num_queries
):
    client.force_login(desk_week.editor)

    # Four of them for the figure summaries of the events whose figures changed;
    # the notification bell's unread count, the permissions the header reads
    # and its check of whether "Ingest an article" is offered.
    with django_assert_max_num_queries(26):
        response = client.get(preview_url(reader="factchecker", week="2024-W48"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_an_account_without_a_role_cannot_read_claims_through_the_digest_preview(client):
    client.force_login(factories.UserFactory(username="no-role"))
    assert client.get(reverse("claims:claim-list")).status_code == 403
    assert client.get(reverse("digests:preview")).status_code == 403
    assert client.get(reverse("digests:preview-html")).status_code == 403


@pytest.mark.django_db
def test_a_preview_week_beyond_the_calendar_is_a_clear_error_not_a_crash(client):
    client.force_login(factories.editor())
    response = client.get(reverse("digests:preview"), {"week": "9999-W52"})
    assert response.status_code == 400
    assert b"too far in the future" in response.content
