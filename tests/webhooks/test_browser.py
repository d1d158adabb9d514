"""In a real browser: an editor registers a webhook, follows an event, sees
the bell light up when a critical conflict is raised there, and reads the
delivery log; the pages run under the strict CSP without a complaint."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Event
from detection.services import flag_raise
from tests import factories
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_editor_registers_a_webhook_follows_an_event_and_is_notified(page, receiver, local_targets):
    log_in(page, "editor")
    page.get_by_role("link", name="Webhooks").click()
    page.get_by_label("URL").fill(f"{receiver.url}/desk")
    page.get_by_label("What it is").fill("Desk chat bot")
    page.get_by_label("A conflict flag was raised").check()
    page.get_by_role("button", name="Register endpoint").click()
    expect(page.get_by_test_id("new-secret")).to_contain_text("whsec_")

    event = Event.objects.filter(claims__isnull=False).distinct().first()
    page.goto(event.get_absolute_url())
    page.get_by_test_id("follow-button").click()
    expect(page.get_by_test_id("follow-button")).to_have_text("Unfollow")
    expect(page.get_by_test_id("bell-count")).to_have_count(0)

    first = factories.FigureClaimFactory(event=event, value_low=900, quantity_subject="bench pigeons counted")
    second = factories.FigureClaimFactory(event=event, value_low=9, quantity_subject="bench pigeons counted")
    flag = flag_raise(
        rule="figure_mismatch", claim_ids=(first.pk, second.pk), severity=40, explanation="900 against 9."
    ).flag

    page.reload()
    expect(page.get_by_test_id("bell-count")).to_have_text("1")
    page.get_by_test_id("bell").click()
    page.get_by_role("button", name=re.compile(rf"conflict #{flag.pk}")).click()
    page.wait_for_url(f"**{flag.get_absolute_url()}")
    expect(page.get_by_test_id("bell-count")).to_have_count(0)

    assert receiver.count() == 1
    page.goto("/webhooks/")
    page.get_by_role("link", name=f"{receiver.url}/desk").click()
    log = page.get_by_test_id("delivery-log")
    expect(log).to_contain_text("flag.raised")
    expect(log).to_contain_text("HTTP 200")
    log.get_by_role("button", name=re.compile("Redeliver")).click()
    expect(page.get_by_role("status")).to_contain_text("queued again")
    assert receiver.count() == 2

    assert page.csp_violations == []
    assert page.console_errors == []
