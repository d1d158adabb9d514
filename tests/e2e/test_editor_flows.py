"""End to end in a real browser: the desk works the conflict queue."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Attribution, Claim, ConflictFlag
from tests.conftest import log_in

# Real commits for the live server; serialized rollback keeps the migrated rows (see conftest.demo).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def russia_against_sohr() -> ConflictFlag:
    return ConflictFlag.objects.get(
        rule="figure_mismatch",
        claim_a__attributions__source__name="Russian Ministry of Defence",
        claim_b__attributions__source__name="Syrian Observatory for Human Rights",
    )


def test_an_editor_resolves_the_russia_200_against_sohr_20_conflict(page):
    flag = russia_against_sohr()
    log_in(page, "editor")
    expect(page.locator(".site-user")).to_contain_text("Editor")

    dispute = page.locator(f'[data-dispute-id]:has([data-flag-id="{flag.pk}"])')
    expect(dispute).to_contain_text("200 militants")
    # A dispute with open pairs shows them, ready to triage or open.
    queue_item = page.locator(f'[data-flag-id="{flag.pk}"]')
    expect(queue_item).to_be_visible()
    queue_item.get_by_role("link", name=re.compile(r"Conflict #\d+")).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Conflict #{flag.pk}")
    claims = page.locator(".claim-card")
    expect(claims).to_have_count(2)
    expect(claims.nth(0)).to_contain_text("Russian Ministry of Defence")
    expect(claims.nth(0)).to_contain_text("200 militants")
    expect(claims.nth(1)).to_contain_text("Syrian Observatory for Human Rights")
    expect(claims.nth(1)).to_contain_text("20")
    expect(page.locator("mark.excerpt").first).to_be_visible()

    page.get_by_label("Resolution note").fill(
        "Only the ministry gives 200; the Observatory counts 20. Report both, attributed."
    )
    page.get_by_label("Change a claim's status too?").select_option(str(flag.claim_a_id))
    page.get_by_role("button", name="Resolve conflict").click()

    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text(f"Conflict #{flag.pk} resolved.")
    expect(page.locator(f'[data-flag-id="{flag.pk}"]')).to_have_count(0)

    flag.refresh_from_db()
    assert flag.status == ConflictFlag.Status.RESOLVED
    assert flag.resolved_by.username == "editor"
    assert Claim.objects.get(pk=flag.claim_a_id).status == Claim.Status.DISPUTED

    page.goto(flag.get_absolute_url())
    expect(page.get_by_test_id("flag-status")).to_have_text("Resolved")
    expect(page.locator(".history")).to_contain_text("Report both, attributed.")
    assert page.csp_violations == []


def test_an_editor_resolves_the_airstrike_toll_dispute_as_a_whole(page):
    flag = russia_against_sohr()
    dispute = flag.dispute_membership.dispute
    pair_ids = list(dispute.flags.filter(status=ConflictFlag.Status.OPEN).values_list("id", flat=True))
    assert len(pair_ids) >= 2  # the figure pair and the party-only flag, at least
    log_in(page, "editor")

    entry = page.locator(f'[data-dispute-id="{dispute.pk}"]')
    expect(entry).to_contain_text("200 militants killed")
    expect(entry).to_contain_text("Russian Ministry of Defence")
    expect(entry).to_contain_text("Syrian Observatory for Human Rights")
    entry.get_by_role("link", name=re.compile(rf"Dispute #{dispute.pk}")).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Dispute #{dispute.pk}")
    expect(page.get_by_test_id("dispute-claims")).to_contain_text("200 militants killed")
    page.get_by_label("Resolution note").fill("Both figures reported, attributed; the monitor's is lower.")
    page.get_by_role("button", name="Resolve dispute").click()

    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text(f"Dispute #{dispute.pk} resolved")
    expect(page.locator(f'[data-dispute-id="{dispute.pk}"]')).to_have_count(0)
    statuses = set(ConflictFlag.objects.filter(pk__in=pair_ids).values_list("status", flat=True))
    assert statuses == {ConflictFlag.Status.RESOLVED}

    page.goto(dispute.get_absolute_url())
    expect(page.get_by_test_id("dispute-status")).to_have_text("Resolved")
    expect(page.locator(".history")).to_contain_text("the monitor's is lower")
    assert page.csp_violations == []


def test_a_viewer_sees_no_write_controls(page):
    flag = russia_against_sohr()
    log_in(page, "viewer")
    expect(page.locator(".site-user")).to_contain_text("Viewer")
    for path in (
        "/",
        flag.get_absolute_url(),
        flag.claim_a.get_absolute_url(),
        "/claims/",
        "/sources/",
        "/documents/",
    ):
        page.goto(path)
        # The log-out button is the only form that writes.
        expect(page.locator('form[method="post"]')).to_have_count(1)
        expect(page.get_by_role("button", name="Resolve conflict")).to_have_count(0)
        expect(page.get_by_role("link", name="New claim")).to_have_count(0)
        expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    response = page.goto("/claims/new/")
    assert response.status == 403
    assert page.csp_violations == []


def test_a_claim_with_a_bad_figure_shows_the_error_and_saves_nothing(page):
    claims_before, attributions_before = Claim.objects.count(), Attribution.objects.count()
    log_in(page, "editor")
    page.goto("/claims/new/")
    page.get_by_label("Claim", exact=False).first.fill("Strikes killed between 300 and 200 fighters.")
    page.get_by_label("Kind").select_option("figure")
    page.get_by_label("What is counted").fill("fighters killed")
    page.get_by_label("Figure (low)").fill("300")
    page.get_by_label("Figure (high)").fill("200")
    page.locator("#id_attributions-0-source").select_option(label="Syrian Observatory for Human Rights")
    page.get_by_role("button", name="Save claim").click()

    high = page.locator("#id_value_high")
    expect(high).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field--error").filter(has=high)).to_contain_text(
        "The high value cannot be below the low value."
    )
    # What the editor typed is still there to correct.
    expect(page.get_by_label("Figure (low)")).to_have_value("300")
    assert (Claim.objects.count(), Attribution.objects.count()) == (claims_before, attributions_before)
    assert page.csp_violations == []


def test_the_claim_form_adds_another_attribution_row(page):
    log_in(page, "editor")
    page.goto("/claims/new/")
    rows = page.locator("#attributions-forms fieldset")
    before = rows.count()
    page.get_by_role("button", name="Add another attribution").click()
    expect(rows).to_have_count(before + 1)
    expect(page.locator(f"#id_attributions-{before}-source")).to_be_focused()
    assert page.csp_violations == []


def test_the_keyboard_reaches_the_content_through_the_skip_link(page):
    log_in(page, "viewer")
    page.goto("/claims/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # The next Tab lands inside the page content, not back in the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
