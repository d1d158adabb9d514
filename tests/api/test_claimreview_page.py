import json
import re

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
