"""axe-core in a real browser on the desk's main pages: no violation of
serious or critical impact (tests/e2e/vendor/axe-core, MPL-2.0)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from claims.models import ConflictFlag
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
PHONE = {"width": 390, "height": 844}


def axe_violations(page) -> list[dict]:
    # evaluate() runs through the DevTools protocol, so the site's strict CSP
    # (no inline scripts) stays on while axe runs.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in found
        if v["impact"] in BLOCKING
    ]


def pages_to_check() -> dict[str, str]:
    flag = ConflictFlag.objects.filter(rule="figure_mismatch").order_by("pk").first()
    claim = flag.claim_a
    return {
        "queue": "/",
        "conflict": flag.get_absolute_url(),
        "claim": claim.get_absolute_url(),
        "event": claim.event.get_absolute_url(),
        "claim list with a search": "/claims/?q=airport",
        "new claim form": "/claims/new/",
        "new event form": "/events/new/",
        "relation form": "/relations/new/",
    }


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_main_pages_have_no_serious_or_critical_axe_violations(page, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "editor")
    problems = {}
    for name, path in pages_to_check().items():
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        violations = axe_violations(page)
        if violations:
            problems[name] = violations
    assert problems == {}
    assert page.csp_violations == []


def test_the_login_form_has_no_serious_or_critical_axe_violations(page):
    page.goto("/accounts/login/")
    assert axe_violations(page) == []


def test_the_shortcut_help_and_a_kept_note_have_no_serious_or_critical_violations(page):
    flag = ConflictFlag.objects.filter(rule="figure_mismatch").order_by("pk").first()
    log_in(page, "editor")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    assert axe_violations(page) == []
    page.keyboard.press("Escape")

    page.goto(flag.get_absolute_url())
    page.get_by_label("Why this is not a real conflict").fill("Counted on different days.")
    ConflictFlag.objects.filter(pk=flag.pk).update(status=ConflictFlag.Status.RESOLVED)
    page.get_by_role("button", name="Dismiss: not a real conflict").click()
    expect(page.get_by_test_id("kept-note")).to_be_visible()
    assert axe_violations(page) == []
