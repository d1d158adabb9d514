"""The conflict view and its actions: acknowledge, assign, resolve, dismiss."""

from django.urls import reverse

from claims.models import AuditEntry, Claim, ConflictFlag
from claims.services import flag_resolve
from tests import factories


def action_url(flag, action):
    return reverse("claims:flag-action", args=[flag.pk, action])


def test_it_shows_both_claims_side_by_side_with_their_sources(viewer_client, conflict):
    html = viewer_client.get(conflict.get_absolute_url()).content.decode()
    assert "Airstrikes killed 200 militants." in html
    assert "Airstrikes killed 20 fighters." in html
    assert "Defence ministry" in html and "D: not usually reliable" in html
    assert "Observatory" in html and "C: fairly reliable" in html
    assert "Party to the conflict: Government" in html
    assert "200 and 20 killed cannot both be right." in html


def test_it_highlights_the_excerpt_in_its_document_context(viewer_client, conflict):
    document = factories.DocumentFactory(
        body="Before the strike. The ministry said 200 militants died in the raid. After it."
    )
    claim = conflict.claim_a
    attribution = claim.attributions.get()
    attribution.document = document
    attribution.excerpt = "200 militants died"
    attribution.excerpt_start = document.body.index("200")
    attribution.excerpt_end = attribution.excerpt_start + len("200 militants died")
    attribution.save()
    html = viewer_client.get(conflict.get_absolute_url()).content.decode()
    assert 'The ministry said <mark class="excerpt">200 militants died</mark> in the raid.' in html


def test_resolving_with_a_note_closes_the_flag_and_records_who_and_why(editor_client, editor_user, conflict):
    response = editor_client.post(
        action_url(conflict, "resolve"), {"note": "Ministry figure unconfirmed.", "mark_status": "disputed"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    flag = ConflictFlag.objects.get(pk=conflict.pk)
    assert flag.status == ConflictFlag.Status.RESOLVED
    assert flag.resolved_by == editor_user
    assert flag.resolution_note == "Ministry figure unconfirmed."
    html = editor_client.get(flag.get_absolute_url()).content.decode()
    assert "“Ministry figure unconfirmed.”" in html


def test_a_resolved_flag_leaves_the_open_queue(editor_client, conflict):
    queue = editor_client.get(reverse("dashboard")).content.decode()
    assert f'data-flag-id="{conflict.pk}"' in queue
    editor_client.post(action_url(conflict, "resolve"), {"note": "Checked.", "mark_status": "disputed"})
    queue = editor_client.get(reverse("dashboard")).content.decode()
    assert f'data-flag-id="{conflict.pk}"' not in queue
    resolved = editor_client.get(reverse("dashboard") + "?status=resolved").content.decode()
    assert f'data-flag-id="{conflict.pk}"' in resolved


def test_resolving_can_mark_one_claim_disputed(editor_client, conflict):
    editor_client.post(
        action_url(conflict, "resolve"),
        {"note": "Only the ministry says 200.", "mark_claim_id": conflict.claim_a_id, "mark_status": "false"},
    )
    assert Claim.objects.get(pk=conflict.claim_a_id).status == Claim.Status.FALSE
    assert Claim.objects.get(pk=conflict.claim_b_id).status == Claim.Status.UNVERIFIED


def test_resolving_without_a_note_shows_the_error_next_to_the_note(editor_client, conflict):
    response = editor_client.post(action_url(conflict, "resolve"), {"note": "  ", "mark_status": "disputed"})
    assert response.status_code == 400
    form = response.context["resolve_form"]
    assert form.errors["note"] == ["Explain how the conflict was resolved."]
    assert ConflictFlag.objects.get(pk=conflict.pk).status == ConflictFlag.Status.OPEN


def test_resolving_a_flag_someone_already_resolved_says_who(editor_client, conflict):
    other = factories.editor(username="maria")
    flag_resolve(flag_id=conflict.pk, user=other, note="Done first.")
    response = editor_client.post(
        action_url(conflict, "resolve"), {"note": "Me too.", "mark_status": "disputed"}, follow=True
    )
    html = response.content.decode()
    assert "Cannot resolve: this flag was already resolved by maria." in html
    assert ConflictFlag.objects.get(pk=conflict.pk).resolution_note == "Done first."


def test_dismissing_needs_a_reason(fact_checker_client, conflict):
    response = fact_checker_client.post(action_url(conflict, "dismiss"), {"reason": ""})
    assert response.status_code == 400
    assert "Say why this is not a real conflict." in response.content.decode()
    response = fact_checker_client.post(action_url(conflict, "dismiss"), {"reason": "Different towns."})
    assert response.status_code == 302
    assert ConflictFlag.objects.get(pk=conflict.pk).status == ConflictFlag.Status.DISMISSED


def test_assigning_and_acknowledging_land_in_the_history(editor_client, fact_checker_user, conflict):
    editor_client.post(action_url(conflict, "assign"), {"assignee": fact_checker_user.pk, "note": "Yours."})
    editor_client.post(action_url(conflict, "acknowledge"), {"note": "On it."})
    flag = ConflictFlag.objects.get(pk=conflict.pk)
    assert flag.assignee == fact_checker_user
    assert flag.status == ConflictFlag.Status.ACKNOWLEDGED
    actions = list(AuditEntry.objects.filter(flag=flag).values_list("action", "to_value"))
    assert actions == [("assigned", "fc"), ("status", "acknowledged")]
    html = editor_client.get(flag.get_absolute_url()).content.decode()
    assert "assigned it to <strong>fc</strong>" in html
    assert "“On it.”" in html


def test_assigned_to_me_shows_only_my_flags(fact_checker_client, fact_checker_user, conflict):
    other = factories.ConflictFlagFactory(explanation="Someone else's.")
    conflict.assignee = fact_checker_user
    conflict.save()
    html = fact_checker_client.get(reverse("dashboard") + "?mine=on").content.decode()
    assert f'data-flag-id="{conflict.pk}"' in html
    assert f'data-flag-id="{other.pk}"' not in html


def queue_flags(response) -> list[ConflictFlag]:
    """The flags of the queue's disputes, dispute by dispute."""
    return [flag for view in response.context["dispute_views"] for flag in view.pairs + view.minor_pairs]


def test_the_queue_puts_the_most_severe_flag_first(viewer_client, conflict):
    critical = factories.ConflictFlagFactory(severity=ConflictFlag.Severity.CRITICAL)
    low = factories.ConflictFlagFactory(severity=ConflictFlag.Severity.LOW)
    assert queue_flags(viewer_client.get(reverse("dashboard"))) == [critical, conflict, low]


def test_the_dashboard_filters_by_source_and_rule(viewer_client, conflict):
    other = factories.ConflictFlagFactory(rule="territory_control")
    response = viewer_client.get(
        reverse("dashboard"), {"source": conflict.claim_b.attributions.get().source_id}
    )
    assert queue_flags(response) == [conflict]
    response = viewer_client.get(reverse("dashboard"), {"rule": "territory_control"})
    assert queue_flags(response) == [other]


def test_an_unknown_action_is_not_found(editor_client, conflict):
    assert editor_client.post(action_url(conflict, "delete"), {}).status_code == 404


def test_a_closed_flag_can_be_reopened_with_a_reason(editor_client, editor_user, conflict):
    flag_resolve(flag_id=conflict.pk, user=editor_user, note="Done.")
    html = editor_client.get(conflict.get_absolute_url()).content.decode()
    assert "Resolve conflict" not in html and "Re-open conflict" in html
    response = editor_client.post(action_url(conflict, "reopen"), {"reason": ""})
    assert response.status_code == 400
    assert ConflictFlag.objects.get(pk=conflict.pk).status == ConflictFlag.Status.RESOLVED
    editor_client.post(action_url(conflict, "reopen"), {"reason": "New figures came in."})
    assert ConflictFlag.objects.get(pk=conflict.pk).status == ConflictFlag.Status.OPEN
