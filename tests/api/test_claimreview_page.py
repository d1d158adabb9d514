import datetime as dt
import json
import re

import time_machine

from claims.services import claim_set_status
from tests import factories


def ld_json_blocks(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    ]


def test_the_claim_page_embeds_the_same_claimreview_as_the_api(client, viewer_user, viewer_api):
    claim = factories.ClaimFactory(text="Strikes killed 200 militants.", status="false")
    factories.AttributionFactory(claim=claim)
    client.force_login(viewer_user)
    html = client.get(claim.get_absolute_url()).content.decode()
    [embedded] = ld_json_blocks(html)
    assert embedded == viewer_api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert embedded["reviewRating"]["alternateName"] == "False"


def test_a_claim_text_cannot_break_out_of_the_script_tag(client, viewer_user):
    claim = factories.ClaimFactory(text='He said </script><script>alert("x")</script> & left.')
    client.force_login(viewer_user)
    html = client.get(claim.get_absolute_url()).content.decode()
    assert '</script><script>alert("x")' not in html
    [embedded] = ld_json_blocks(html)
    assert embedded["claimReviewed"] == claim.text


def test_the_page_and_the_api_agree_on_a_contested_claim_whose_status_changed(
    client, viewer_user, viewer_api
):
    # The page reads the flags and the status history it shows; the API queries them.
    with time_machine.travel(dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC), tick=False):
        claim = factories.ClaimFactory(text="Strikes killed 200 militants.")
        factories.AttributionFactory(claim=claim)
        factories.ConflictFlagFactory(
            claim_a=claim, claim_b=factories.ClaimFactory(text="Strikes killed 20.")
        )
    editor = factories.editor()
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        claim_set_status(claim_id=claim.pk, user=editor, status="false", reason="Misread")
    with time_machine.travel(dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC), tick=False):
        claim_set_status(claim_id=claim.pk, user=editor, status="unverified", reason="Reopened")
    client.force_login(viewer_user)
    [embedded] = ld_json_blocks(client.get(claim.get_absolute_url()).content.decode())
    assert embedded == viewer_api.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert embedded["reviewRating"]["alternateName"] == "Unverified: contested by another source"
    assert embedded["datePublished"] == "2026-11-21"
