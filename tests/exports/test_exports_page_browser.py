"""The Exports page in a real browser: the progress bar follows the worker
and the download link appears when the file is ready."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from claims.api.export import export_verify
from exports.models import ClaimExport
from exports.services import export_build
from tests.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_progress_bar_follows_the_export_and_the_download_appears(page):
    log_in(page, "editor")
    editor = get_user_model().objects.get(username="editor")
    export = ClaimExport.objects.create(
        requested_by=editor, format="csv", status="running", claims_total=40, claims_written=10
    )
    page.goto("/exports/")
    bar = page.locator(f'[data-export-id="{export.pk}"] progress')
    expect(bar).to_have_attribute("value", "25")
    # The worker gets further: the page follows without a reload
    ClaimExport.objects.filter(pk=export.pk).update(claims_written=30)
    expect(bar).to_have_js_property("value", 75, timeout=10_000)
    # The worker finishes (the real build writes the real file)
    export_build(export_id=export.pk)
    link = page.get_by_test_id("export-download")
    expect(link).to_be_visible(timeout=15_000)
    expect(page.locator(f'[data-export-id="{export.pk}"]')).to_contain_text("New")
    with page.expect_download() as download:
        link.click()
    data = open(download.value.path(), "rb").read()
    assert export_verify(data)["claims"] == ClaimExport.objects.get(pk=export.pk).claims_written
    assert page.csp_violations == []
