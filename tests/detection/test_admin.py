"""The lexicons are editable in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from detection.models import ContestedTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in(client):
    user = get_user_model().objects.create_superuser("root", "root@newsroom.example", "correct-horse-battery")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "subjectsynonym",
        "contestedterm",
        "controlextentterm",
        "controlholderterm",
        "victimcategoryterm",
        "reportingverbstance",
        "eventlinksuggestion",
        "sweepstate",
    ],
)
def test_each_detection_table_has_an_admin_list(admin_client_logged_in, model):
    response = admin_client_logged_in.get(reverse(f"admin:detection_{model}_changelist"), secure=True)
    assert response.status_code == 200


def test_the_seeded_contested_terms_are_listed(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("admin:detection_contestedterm_changelist"), secure=True)
    assert "redeployment" in response.content.decode()


def test_the_seeded_victim_categories_are_listed(admin_client_logged_in):
    response = admin_client_logged_in.get(
        reverse("admin:detection_victimcategoryterm_changelist"), secure=True
    )
    html = response.content.decode()
    assert "civilians" in html and "militants" in html


def test_an_editor_adds_a_contested_term_in_the_admin(admin_client_logged_in):
    response = admin_client_logged_in.post(
        reverse("admin:detection_contestedterm_add"),
        {"term": "Strategic Withdrawal", "counterparts": "rout, collapse", "note": "", "is_active": "on"},
        secure=True,
    )
    assert response.status_code == 302
    assert ContestedTerm.objects.get(term="strategic withdrawal").counterpart_list == ["rout", "collapse"]
