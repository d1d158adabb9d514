"""The checker itself: it must catch live payloads and pass escaped ones,
or the hostile-input tests could not fail."""

from django.utils.html import escape

from .live_markup import live_payloads
from .xss_payloads import PAYLOADS


def test_it_finds_a_raw_script_tag():
    assert live_payloads("<p>x</p><script>alert('xssmark')</script>")


def test_it_finds_an_event_handler_and_a_javascript_url():
    assert live_payloads("<img src=x onerror=alert('xssmark')>")
    assert live_payloads('<a href=" jav&#x09;ascript:alert(1)">x</a>')


def test_it_finds_most_raw_payloads_in_a_page():
    caught = [payload for payload in PAYLOADS if live_payloads(f"<div>{payload}</div>")]
    # Some payloads are only dangerous in other contexts (an attribute, a URL
    # field); inside a div most of them are live.
    assert len(caught) >= 40


def test_escaped_payloads_pass():
    for payload in PAYLOADS:
        assert live_payloads(f"<div>{escape(payload)}</div>") == [], payload


def test_a_json_data_block_is_not_a_script():
    assert live_payloads('<script type="application/json">{"a": "xssmark"}</script>') == []
