"""The responsible party is entered in the claim form and shown on the claim."""

from django.urls import reverse

from claims.models import Claim
from tests import factories
from tests.ui.test_forms import claim_post


def test_the_claim_form_saves_who_did_it_and_the_page_shows_it(editor_client):
    source = factories.SourceFactory()
    response = editor_client.post(
        reverse("claims:claim-create"),
        claim_post(
            responsible_party="  Russian   air force ",
            **{"attributions-0-source": source.pk, "attributions-0-form": "statement"},
        ),
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    assert claim.responsible_party == "Russian air force"
    html = editor_client.get(claim.get_absolute_url()).content.decode()
    assert "Russian air force" in html
