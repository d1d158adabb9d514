"""The frame's links and static addresses, remembered per process
(core/templatetags/site.py): the same addresses as {% url %} and {% static %}."""

from django.template import engines
from django.templatetags.static import static
from django.test import override_settings
from django.urls import reverse, set_script_prefix


def render(source: str) -> str:
    return engines["django"].from_string("{% load site %}" + source).render({})


def test_site_url_is_the_address_url_gives():
    assert render("{% site_url 'claims:claim-list' %}") == reverse("claims:claim-list") == "/claims/"
    assert render("{% site_url 'dashboard' as home %}[{{ home }}]") == "[/]"


def test_a_site_served_under_a_prefix_links_under_it():
    assert render("{% site_url 'claims:claim-list' %}") == "/claims/"  # remembered at "/"
    set_script_prefix("/desk/")
    try:
        assert render("{% site_url 'claims:claim-list' %}") == "/desk/claims/"
    finally:
        set_script_prefix("/")
    assert render("{% site_url 'claims:claim-list' %}") == "/claims/"


def test_site_static_is_the_address_static_gives_and_follows_a_settings_change():
    assert render("{% site_static 'css/claimtrack.css' %}") == static("css/claimtrack.css")
    with override_settings(STATIC_URL="/assets/"):
        assert render("{% site_static 'css/claimtrack.css' %}") == "/assets/css/claimtrack.css"
    assert render("{% site_static 'css/claimtrack.css' %}") == static("css/claimtrack.css")
