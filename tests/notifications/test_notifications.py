"""In-app notifications from what happens in the newsroom, following,
marking read, and the rate-limited alert email."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from claims.services import claim_set_status, flag_assign, flag_reopen, flag_resolve
from detection.services import flag_raise
from notifications.models import AlertPreference, Follow, Notification
from notifications.services import alert_email_send, alert_emails_due_user_ids, follow_toggle
from notifications.tokens import unsubscribe_token_for, user_id_from_unsubscribe_token
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(editor_user):
    event = factories.EventFactory()
    first = factories.FigureClaimFactory(event=event, value_low=200, created_by=editor_user)
    second = factories.FigureClaimFactory(event=event, value_low=20)
    source = factories.SourceFactory()
    first.attributions.create(source=source)
    return {"event": event, "first": first, "second": second, "source": source}


def raise_flag(pair, severity=40):
    return flag_raise(
        rule="figure_mismatch",
        claim_ids=(pair["first"].pk, pair["second"].pk),
        severity=severity,
        explanation="200 against 20 for the same event.",
    ).flag


def test_a_flag_assigned_to_me_notifies_me_but_not_the_one_who_assigned_it(
    pair, editor_user, fact_checker_user
):
    flag = raise_flag(pair, severity=20)

    flag_assign(flag_id=flag.pk, user=editor_user, assignee=fact_checker_user)
    flag_assign(flag_id=flag.pk, user=editor_user, assignee=editor_user)

    assert list(Notification.objects.values_list("user__username", "kind")) == [("fc", "flag_assigned")]
    assert f"conflict #{flag.pk}" in Notification.objects.get().message


def test_a_high_or_critical_flag_on_a_followed_event_or_source_notifies_followers(pair, viewer_user):
    other = factories.viewer()
    follow_toggle(user=viewer_user, event=pair["event"])
    follow_toggle(user=other, source=pair["source"])
    nobody = factories.viewer()

    raise_flag(pair, severity=30)

    assert set(Notification.objects.values_list("user_id", flat=True)) == {viewer_user.pk, other.pk}
    assert not Notification.objects.filter(user=nobody).exists()
    assert Notification.objects.filter(critical=True).count() == 0


def test_a_medium_flag_on_a_followed_event_notifies_nobody(pair, viewer_user):
    follow_toggle(user=viewer_user, event=pair["event"])
    raise_flag(pair, severity=20)
    assert not Notification.objects.exists()


def test_my_claim_disputed_or_its_conflict_resolved_notifies_me(pair, editor_user):
    other_editor = factories.editor()
    flag = raise_flag(pair, severity=20)

    claim_set_status(
        claim_id=pair["first"].pk, user=other_editor, status="disputed", reason="The monitor says 20."
    )
    flag_resolve(flag_id=flag.pk, user=other_editor, note="Kept both, marked disputed.")

    kinds = list(
        Notification.objects.filter(user=editor_user).order_by("created_at").values_list("kind", flat=True)
    )
    assert kinds == ["claim_disputed", "claim_resolved"]


def test_a_reopened_critical_dispute_notifies_followers_again(pair, viewer_user, editor_user):
    follow_toggle(user=viewer_user, event=pair["event"])
    flag = raise_flag(pair)
    flag_resolve(flag_id=flag.pk, user=editor_user, note="Checked.")
    flag_reopen(flag_id=flag.pk, user=editor_user, reason="A new report.")
    assert Notification.objects.filter(user=viewer_user, kind="followed_flag").count() == 2


def test_a_proposal_batch_ready_notifies_who_added_the_document(editor_user):
    from ingestion.services import proposals_extract_for_document
    from sources.services import document_create

    document = document_create(
        title="Wire", body="The defence ministry said its strikes killed 200 militants.", user=editor_user
    )

    added = proposals_extract_for_document(document_id=document.pk)

    assert added >= 1
    notification = Notification.objects.get(user=editor_user)
    assert notification.kind == "proposals_ready"
    assert notification.url == reverse("ingestion:proposal-review", kwargs={"pk": document.pk})


def test_following_twice_unfollows(pair, viewer_user):
    assert follow_toggle(user=viewer_user, event=pair["event"]) is True
    assert follow_toggle(user=viewer_user, event=pair["event"]) is False
    assert not Follow.objects.exists()


# The alert email


@pytest.fixture
def alerted(pair, viewer_user):
    follow_toggle(user=viewer_user, event=pair["event"])
    AlertPreference.objects.create(user=viewer_user, email_critical=True)
    return viewer_user


def test_a_critical_flag_emails_a_follower_who_asked_for_it_at_once(
    pair, alerted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        raise_flag(pair)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [alerted.email]
    assert "200 against 20" in message.body
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert user_id_from_unsubscribe_token(token) == alerted.pk
    assert link in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_email_without_the_preference(pair, viewer_user, django_capture_on_commit_callbacks):
    follow_toggle(user=viewer_user, event=pair["event"])
    with django_capture_on_commit_callbacks(execute=True):
        raise_flag(pair)
    assert mail.outbox == []
    assert Notification.objects.filter(user=viewer_user, critical=True).exists()


def test_alert_emails_are_at_most_one_per_ten_minutes_and_batch_what_came_between(
    pair, alerted, django_capture_on_commit_callbacks
):
    third = factories.FigureClaimFactory(event=pair["event"], value_low=2000)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            raise_flag(pair)
        assert len(mail.outbox) == 1
    with time_machine.travel(start + timedelta(minutes=3), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            flag_raise(
                rule="figure_mismatch", claim_ids=(pair["first"].pk, third.pk), severity=40, explanation="A."
            )
            flag_raise(
                rule="figure_mismatch", claim_ids=(pair["second"].pk, third.pk), severity=40, explanation="B."
            )
        assert len(mail.outbox) == 1
        assert alert_emails_due_user_ids() == []
    with time_machine.travel(start + timedelta(minutes=10, seconds=1), tick=False):
        assert alert_emails_due_user_ids() == [alerted.pk]
        assert alert_email_send(user_id=alerted.pk) is True
        assert alert_email_send(user_id=alerted.pk) is False
    assert len(mail.outbox) == 2
    assert "2 critical conflicts" in mail.outbox[1].subject


def test_the_unsubscribe_link_stops_alert_emails_without_logging_in(alerted, client):
    url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token_for(alerted.pk)})
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 200
    assert not AlertPreference.objects.get(user=alerted).email_critical
    bad = reverse("notifications:unsubscribe", kwargs={"token": "1:forged"})
    assert client.post(bad).status_code == 400


def test_a_digest_unsubscribe_token_cannot_stop_alert_emails(alerted, client):
    from digests.tokens import unsubscribe_token_for as digest_token

    url = reverse("notifications:unsubscribe", kwargs={"token": digest_token(alerted.pk)})
    assert client.post(url).status_code == 400
    assert AlertPreference.objects.get(user=alerted).email_critical


# Pages


def test_the_bell_counts_unread_and_reading_marks_them(pair, viewer_user, client):
    follow_toggle(user=viewer_user, event=pair["event"])
    raise_flag(pair)
    client.force_login(viewer_user)

    page = client.get(reverse("notifications:list")).content.decode()
    assert 'data-testid="bell-count">1<' in page
    notification = Notification.objects.get()
    response = client.post(reverse("notifications:read", kwargs={"pk": notification.pk}))
    assert response["Location"] == notification.flag.get_absolute_url()
    assert 'data-testid="bell-count"' not in client.get(reverse("notifications:list")).content.decode()


def test_mark_all_read_and_someone_elses_notification_is_not_found(pair, viewer_user, client):
    follow_toggle(user=viewer_user, event=pair["event"])
    raise_flag(pair)
    client.force_login(factories.viewer())
    assert (
        client.post(reverse("notifications:read", kwargs={"pk": Notification.objects.get().pk})).status_code
        == 404
    )
    client.force_login(viewer_user)
    client.post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_follow_buttons_on_event_and_source_pages(pair, viewer_user, client):
    client.force_login(viewer_user)
    event_url = pair["event"].get_absolute_url()
    assert 'data-testid="follow-button">Follow<' in client.get(event_url).content.decode()
    client.post(
        reverse("notifications:follow", kwargs={"kind": "event", "pk": pair["event"].pk}), {"next": event_url}
    )
    assert 'data-testid="follow-button">Unfollow<' in client.get(event_url).content.decode()
    client.post(reverse("notifications:follow", kwargs={"kind": "source", "pk": pair["source"].pk}))
    assert Follow.objects.filter(user=viewer_user).count() == 2


def test_the_preference_form_turns_alert_emails_on(viewer_user, client):
    client.force_login(viewer_user)
    client.post(reverse("notifications:preferences"), {"email_critical": "on"})
    assert AlertPreference.objects.get(user=viewer_user).email_critical


def test_the_notification_list_is_read_in_a_fixed_number_of_queries(
    pair, viewer_user, client, django_assert_max_num_queries
):
    follow_toggle(user=viewer_user, event=pair["event"])
    raise_flag(pair)
    client.force_login(viewer_user)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("notifications:list"))
    Notification.objects.bulk_create(
        [Notification(user=viewer_user, kind="flag_assigned", message=f"n{i}") for i in range(40)]
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:list"))
