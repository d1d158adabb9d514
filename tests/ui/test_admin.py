"""The admin lists and forms for the claim and source models render."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

MODELS = [
    ("claims", "event"),
    ("claims", "claim"),
    ("claims", "attribution"),
    ("claims", "claimrelation"),
    ("claims", "conflictflag"),
    ("claims", "auditentry"),
    ("sources", "source"),
    ("sources", "document"),
]


@pytest.fixture
def admin_client_with_rows(db, admin_user):
    flag = factories.ConflictFlagFactory()
    factories.AttributionFactory(claim=flag.claim_a, document=factories.DocumentFactory())
    factories.ClaimRelationFactory(from_claim=flag.claim_a, to_claim=flag.claim_b)
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_the_admin_list_renders_with_search_and_filters(admin_client_with_rows, app, model):
    response = admin_client_with_rows.get(reverse(f"admin:{app}_{model}_changelist"), {"q": "a"})
    assert response.status_code == 200


def test_the_history_cannot_be_edited_in_the_admin(admin_client_with_rows):
    assert admin_client_with_rows.get(reverse("admin:claims_auditentry_add")).status_code == 403
