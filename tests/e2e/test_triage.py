"""Triage from the queue in a real browser: in-row actions, bulk actions,
keyboard shortcuts, and going on to the next conflict."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import AuditEntry, ConflictFlag
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def most_urgent_first() -> list[ConflictFlag]:
    """The open conflicts, most severe first."""
    return list(
        ConflictFlag.objects.filter(status__in=ConflictFlag.ACTIVE_STATUSES).order_by(
            "-severity", "created_at", "id"
        )
    )


def queue_order(page) -> list[ConflictFlag]:
    """The open conflicts in the order the queue shows them: disputes worst
    first, each with its open pairs (what j and k step through)."""
    ids = page.locator("[data-triage] [data-flag-id]").evaluate_all("rows => rows.map(r => r.dataset.flagId)")
    flags = ConflictFlag.objects.in_bulk([int(pk) for pk in ids])
    return [flags[int(pk)] for pk in ids]


def test_an_editor_triages_the_queue_with_the_keyboard_only(page):
    log_in(page, "editor")
    expect(page.locator("[data-triage-toolbar]").first).to_be_attached()
    first, second = queue_order(page)[:2]

    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_contain_text("Assign it to me")
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()

    page.keyboard.press("j")
    expect(page.locator(f'[data-flag-id="{first.pk}"] a[href]').first).to_be_focused()
    page.keyboard.press("a")
    expect(page.locator("#triage-status")).to_contain_text(f"Conflict #{first.pk} assigned to editor.")

    page.keyboard.press("j")
    expect(page.locator(f'[data-flag-id="{second.pk}"] a[href]').first).to_be_focused()
    page.keyboard.press("d")
    reason = page.get_by_label(f"Why conflict #{second.pk} is not a real conflict")
    expect(reason).to_be_focused()
    page.keyboard.type("Both tolls are the same figure reported twice.")
    page.keyboard.press("Enter")
    expect(page.locator("#triage-status")).to_contain_text(f"Conflict #{second.pk} dismissed.")
    expect(page.locator(f'[data-flag-id="{second.pk}"]')).to_have_count(0)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.assignee.username == "editor"
    assert second.status == ConflictFlag.Status.DISMISSED
    assert second.resolution_note == "Both tolls are the same figure reported twice."
    assert page.csp_violations == []


def test_bulk_dismiss_closes_each_selected_flag_with_one_reason_and_audits_each(page):
    log_in(page, "editor")
    expect(page.locator("[data-triage-toolbar]").first).to_be_attached()
    first, second, *_ = queue_order(page)
    page.get_by_label(f"Select conflict #{first.pk}").check()
    page.get_by_label(f"Select conflict #{second.pk}").check()
    expect(page.locator("[data-triage-count]")).to_have_text("2 conflicts selected")
    page.get_by_label("Reason", exact=True).fill("Duplicates of the wire's own correction.")
    page.get_by_role("button", name="Dismiss selected").click()

    # Each flag is dismissed on its own, in id order (flags_triage_many).
    low, high = sorted((first.pk, second.pk))
    expect(page.locator("#triage-status")).to_contain_text(f"Dismissed: #{low}, #{high}.")
    expect(page.locator(f'[data-flag-id="{first.pk}"]')).to_have_count(0)
    for flag in (first, second):
        flag.refresh_from_db()
        assert flag.status == ConflictFlag.Status.DISMISSED
        assert AuditEntry.objects.filter(
            flag=flag, to_value="dismissed", reason="Duplicates of the wire's own correction."
        ).exists()


def test_resolving_then_next_opens_the_next_open_conflict_in_queue_order(page):
    log_in(page, "editor")
    expect(page.locator("[data-triage-toolbar]").first).to_be_attached()
    # No pair is assigned to the editor, so "then next" follows the queue.
    assert not ConflictFlag.objects.filter(assignee__username="editor").exists()
    first, second = queue_order(page)[:2]
    page.goto(first.get_absolute_url() + "#resolve")
    expect(page.get_by_label("Resolution note")).to_be_focused()
    page.keyboard.type("Report both figures, attributed.")
    page.get_by_role("button", name="Resolve, then next conflict").click()

    page.wait_for_url(re.compile(rf"/flags/{second.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text(f"Conflict #{first.pk} resolved.")


def test_the_conflict_page_has_one_id_per_field_and_assign_to_me(page):
    flag = most_urgent_first()[0]
    log_in(page, "factchecker")
    page.goto(flag.get_absolute_url())
    ids = page.eval_on_selector_all("[id]", "elements => elements.map(e => e.id)")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    expect(page.get_by_test_id("rule-explanation")).to_be_visible()
    page.keyboard.press("a")
    expect(page.get_by_test_id("flag-assignee")).to_have_text("factchecker")
