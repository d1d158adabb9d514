"""The dashboard renders byte for byte what it rendered when the queue's state
was computed from the flags on every read and each entry's pairs were read
with Django's prefetches (dispute_queue + dispute_view, still what a
dispute's own page uses)."""

import re

import pytest
from django.db import connection
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import ConflictFlag
from claims.services import claim_delete, flag_assign, flag_dismiss, flag_resolve
from detection import views
from detection.dispute_selectors import _memberships_prefetch, dispute_view
from detection.dispute_services import dispute_dismiss, dispute_resolve
from detection.models import Dispute, DisputeFlag
from tests import factories
from tests.detection.conftest import check, make_claim, make_figure
from tests.detection.test_dispute_state import assert_stored_state_matches_flags

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def queue_computed_from_flags():
    """The queue as it was read before its state was stored on the dispute."""
    active = Q(memberships__flag__status__in=ConflictFlag.ACTIVE_STATUSES)
    open_pair = ConflictFlag.objects.filter(
        dispute_membership__dispute=OuterRef("pk"), status__in=ConflictFlag.ACTIVE_STATUSES
    )
    return (
        Dispute.objects.annotate(
            computed_open=Exists(open_pair),
            computed_worst=Coalesce(
                Max("memberships__flag__severity", filter=active), Max("memberships__flag__severity")
            ),
        )
        .filter(Exists(DisputeFlag.objects.filter(dispute=OuterRef("pk"))))
        .select_related("event", "resolved_by")
        .prefetch_related(_memberships_prefetch())
        .order_by("-computed_open", "-computed_worst", "created_at", "id")
    )


def rendered(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return CSRF.sub("csrf", response.content.decode())


@pytest.fixture
def mixed_queue(editor_user, fact_checker_user):
    """Disputes open, partly closed, resolved, dismissed and emptied; figure
    tolls with small gaps, a responsibility dispute, assigned pairs."""
    monitor = factories.SourceFactory(name="Monitor")
    ministry = factories.PartySourceFactory(name="Ministry", side="Government")
    tolls = []
    for number, values in enumerate(
        [(200, 20, 700), (100, 130, 10), (10, 1000), (50, 60, 500), (300, 30), (8, 80)]
    ):
        event = factories.EventFactory(title=f"Shelling {number}")
        # No speaker twice under one event: one speaker's two figures are its
        # revision, never a pair in the queue.
        army = factories.PartySourceFactory(name=f"Army {number}", side="Government")
        claims = [
            make_figure(
                event=event,
                value=value,
                sources=[(ministry, monitor, army)[index], factories.SourceFactory()],
            )
            for index, value in enumerate(values)
        ]
        for claim in claims:
            check(claim)
        tolls.append(claims)
    event = factories.EventFactory(title="Market strike")
    for party in ("Russian airstrikes", "government airstrikes"):
        check(
            make_claim(
                event=event,
                text="The market was hit.",
                kind="occurrence",
                sources=[factories.SourceFactory()],
                responsible_party=party,
            )
        )
    assert Dispute.objects.filter(topic=Dispute.Topic.RESPONSIBILITY).exists()

    def dispute_of(claims):
        return Dispute.objects.filter(memberships__flag__claim_a=claims[0]).distinct().get()

    dispute_resolve(dispute_id=dispute_of(tolls[2]).pk, user=editor_user, note="Settled.")
    dispute_dismiss(dispute_id=dispute_of(tolls[4]).pk, user=editor_user, reason="Two different days.")
    pairs = ConflictFlag.objects.filter(dispute_membership__dispute=dispute_of(tolls[3])).order_by(
        "-severity", "id"
    )
    flag_resolve(flag_id=pairs[0].pk, user=editor_user, note="Checked.")
    flag_dismiss(flag_id=pairs[1].pk, user=editor_user, reason="Same people.")
    flag_assign(flag_id=pairs[2].pk, user=editor_user, assignee=fact_checker_user)
    first = ConflictFlag.objects.filter(dispute_membership__dispute=dispute_of(tolls[0])).order_by("id")[0]
    flag_assign(flag_id=first.pk, user=editor_user, assignee=editor_user)
    for claim in tolls[5]:
        claim_delete(claim_id=claim.pk)
    assert_stored_state_matches_flags()
    return tolls


@pytest.mark.parametrize(
    "query", ["", "?status=all", "?status=resolved", "?status=dismissed", "?topic=figure"]
)
def test_the_dashboard_renders_as_when_its_state_was_computed_from_the_flags(
    mixed_queue, editor_client, monkeypatch, query
):
    url = reverse("dashboard") + query
    new = rendered(editor_client, url)
    with monkeypatch.context() as patched:
        patched.setattr(views, "dispute_queue_entries", queue_computed_from_flags)
        patched.setattr(views, "dispute_views_for", lambda disputes: [dispute_view(d) for d in disputes])
        old = rendered(editor_client, url)
    assert new.count("data-dispute-id=") >= (1 if "resolved" in query or "dismissed" in query else 3)
    assert new == old


def test_a_page_of_the_queue_costs_the_same_queries_for_few_or_many_pairs(mixed_queue, editor_client):
    editor_client.get(reverse("dashboard"))  # the cached counts and drop-downs, as a running worker has them
    counts = {}
    for query in ("?status=dismissed", "?status=all"):
        with CaptureQueriesContext(connection) as captured:
            html = rendered(editor_client, reverse("dashboard") + query)
        counts[query] = (len(captured.captured_queries), html.count("data-flag-id="))
    (few_queries, few_pairs), (many_queries, many_pairs) = counts.values()
    assert 0 < few_pairs < many_pairs
    assert few_queries == many_queries


# What the queue keeps for LIST_CACHE_SECONDS (detection/views.py): the filter
# box when no filter is chosen, the newest claims rendered, the corroboration
# suggestions as plain rows.

OLD_SUGGESTIONS_PANEL = """{% if corroboration_suggestions %}
<section class="card" aria-labelledby="suggested-heading" data-testid="corroboration-suggestions">
  <h2 id="suggested-heading">Suggested: corroborated</h2>
  <p class="small muted">Two or more independent origins, at least one not a party, back these unverified claims. Nothing changes until an editor accepts.</p>
  <ul class="plain-list">
    {% for claim in corroboration_suggestions %}
      <li>
        <a href="{{ claim.get_absolute_url }}">#{{ claim.pk }}: {{ claim.figure_display|default:claim.text|truncatechars:80 }}</a>
        <span class="small muted">{{ claim.origin_summary }}</span>
        {% if perms.claims.verify_claim %}
          <form method="post" action="{% url 'claims:claim-corroborate' claim.pk %}" class="inline-form">{% csrf_token %}<button type="submit" class="button button--secondary small">Mark corroborated<span class="visually-hidden"> claim #{{ claim.pk }}</span></button></form>
        {% endif %}
      </li>
    {% endfor %}
  </ul>
</section>
{% endif %}"""


@pytest.fixture
def corroborated():
    """Unverified claims a party and an independent source back, one with a
    long text and no figure (the panel truncates it), one with markup."""
    ministry = factories.PartySourceFactory(name="Ministry & <co>", side="Government")
    for index in range(3):
        event = factories.EventFactory()
        party = make_figure(event=event, value=20 + index, sources=[ministry])
        make_figure(
            event=event, value=20 + index, sources=[factories.SourceFactory(name=f"Monitor <{index}>")]
        )
        check(party)
    event = factories.EventFactory()
    text = "The <b>market</b> & the mosque were shelled " + "again and again " * 10
    party = make_claim(event=event, text=text, kind="occurrence", sources=[ministry])
    make_claim(event=event, text=text, kind="occurrence", sources=[factories.SourceFactory()])
    check(party)


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_the_suggestions_panel_renders_as_from_the_claims_themselves(mixed_queue, corroborated, client, role):
    from django.template import engines

    from claims.origins import claims_suggested_corroborated

    client.force_login(factories.editor(username="ed2") if role == "editor" else factories.viewer())
    response = client.get(reverse("dashboard"))
    page = CSRF.sub("csrf", response.content.decode())
    old = (
        engines["django"]
        .from_string(OLD_SUGGESTIONS_PANEL)
        .render({"corroboration_suggestions": claims_suggested_corroborated()}, request=response.wsgi_request)
    )
    assert "Suggested: corroborated" in old and "…" in old and "&lt;b&gt;market" in old
    assert ("Mark corroborated" in old) == (role == "editor")
    assert CSRF.sub("csrf", old) in page


def test_the_opened_queue_renders_the_same_from_what_it_keeps_with_fewer_queries(
    mixed_queue, corroborated, editor_client, settings
):
    from django.core.cache import cache

    cache.clear()
    pages = []
    for seconds in (0, 20, 20):
        settings.LIST_CACHE_SECONDS = seconds
        with CaptureQueriesContext(connection) as captured:
            pages.append((rendered(editor_client, reverse("dashboard")), len(captured.captured_queries)))
    cache.clear()
    (uncached, uncached_queries), (filling, _), (cached, cached_queries) = pages
    assert "Suggested: corroborated" in uncached and "Newest claims" in uncached
    assert uncached == filling == cached
    # The filter box's options, the suggestions and the newest claims are not read.
    assert cached_queries <= uncached_queries - 6


def test_an_accepted_suggestion_leaves_the_kept_panel_at_once(
    corroborated, editor_client, settings, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from claims.origins import corroboration_suggestion_rows
    from claims.services import claim_corroboration_accept

    cache.clear()
    settings.LIST_CACHE_SECONDS = 20
    rendered(editor_client, reverse("dashboard"))  # the panels are now kept
    accepted = corroboration_suggestion_rows()[0]["pk"]
    with django_capture_on_commit_callbacks(execute=True):
        claim_corroboration_accept(claim_id=accepted, user=factories.editor(username="ed3"))
    page = rendered(editor_client, reverse("dashboard"))
    cache.clear()
    assert "Suggested: corroborated" in page
    assert f'Mark corroborated<span class="visually-hidden"> claim #{accepted}<' not in page


def test_a_new_claim_shows_in_the_kept_newest_panel_at_once(mixed_queue, editor_client, settings):
    """The live desk refetches the queue when a claim arrives: the kept panel
    must not hide it for LIST_CACHE_SECONDS."""
    from django.core.cache import cache

    from claims.services import claim_create

    cache.clear()
    settings.LIST_CACHE_SECONDS = 20
    rendered(editor_client, reverse("dashboard"))
    claim_create(text="Ferry operators report 310 passengers stranded at the port.", created_by=None)
    page = rendered(editor_client, reverse("dashboard"))
    cache.clear()
    assert "Ferry operators report 310 passengers stranded" in page


# The queue's entries as the Django template language wrote them before
# detection/jinja2/detection/_queue_entries.html took over (for speed).
OLD_QUEUE_LOOP = """{% for entry in entries %}
<li class="dispute severity-{{ entry.severity }}" data-dispute-id="{{ entry.pk }}" data-severity="{{ entry.severity }}" data-status="{{ entry.status }}" data-topic="{{ entry.topic }}">
  <a class="title" href="{{ entry.url }}">Dispute #{{ entry.pk }}: {{ entry.title }}</a>
  <span class="badge badge--severity-{{ entry.severity }}">{{ entry.severity_label }}</span>
  <span class="badge badge--status-{{ entry.status }}">{{ entry.status_label }}</span>
  <span class="small muted">{{ entry.open_pairs }} open of {{ entry.pair_count }} pair{{ entry.pairs_plural }}</span>
  <ul class="dispute-claims" aria-label="What each source says">
    {% for item in entry.claims %}
      <li data-claim-id="{{ item.pk }}"><a href="{{ item.url }}">#{{ item.pk }}</a>
        {% if item.figure %}<strong class="figure">{{ item.figure }}</strong>{% else %}{{ item.text }}{% endif %}{% if item.names %} (names <strong>{{ item.names }}</strong>){% endif %}
        <span class="muted">— {{ item.sources }}</span>
      </li>
    {% endfor %}
  </ul>
  {% if entry.minor_gaps %}
    <p class="meta" data-testid="minor-gaps">Small gaps between sources not on opposite sides (under 1.5 times):
      {{ entry.minor_gaps }}</p>
  {% endif %}
  {# Open while it has open pairs: they are what the desk triages from the queue (static/js/triage.js). #}
  <details class="dispute-pairs"{% if entry.has_open_pairs %} open{% endif %}>
    <summary>{% if entry.has_open_pairs %}The open pairs ({{ entry.open_pairs }}){% else %}The pairs ({{ entry.pair_count }}){% endif %}</summary>
    <ul>
      {% for flag in entry.pairs %}<li data-flag-id="{{ flag.pk }}"><a href="{{ flag.url }}">Conflict #{{ flag.pk }}</a>
  <span class="badge badge--severity-{{ flag.severity }}">{{ flag.severity_label }}</span>
  <span class="badge badge--status-{{ flag.status }}">{{ flag.status_label }}</span>
  {{ flag.explanation }}</li>
{% endfor %}
    </ul>
  </details>
  <p class="meta">
    {% if entry.event_url %}<a href="{{ entry.event_url }}">{{ entry.event_title }}</a> · {% endif %}
    raised <time datetime="{{ entry.created_iso }}">{{ entry.created_since }} ago</time>
    · {% if entry.assignees %}assigned to {{ entry.assignees }}{% else %}unassigned{% endif %}
  </p>
</li>
{# A blank line after each entry, as the page has always had. #}
{% endfor %}"""


@pytest.fixture
def hostile_queue(mixed_queue):
    """Names, titles and explanations holding everything that must be escaped."""
    from claims.models import Claim, Event
    from sources.models import Source

    Source.objects.filter(name="Monitor").update(name='Monitor "O\'Brien" & <Sons>')
    Event.objects.filter(title="Shelling 0").update(title="Shelling <b>0</b> & 'after'")
    ConflictFlag.objects.update(explanation="Says \"200\" & <script>alert('x')</script>")
    Claim.objects.filter(value_low__isnull=True).update(text="A <i>market</i> & \"mosque\" 'hit' " * 8)
    return mixed_queue


@pytest.mark.parametrize("query", ["", "?status=all"])
def test_the_jinja2_entries_are_what_the_django_template_wrote(hostile_queue, editor_client, query):
    from django.template import engines

    from detection.queue_entries import queue_entries_html

    response = editor_client.get(reverse("dashboard") + query)
    entries = response.context["entries"]
    assert entries
    old = engines["django"].from_string(OLD_QUEUE_LOOP).render({"entries": entries})
    new = queue_entries_html(entries)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in new
    assert "Monitor &quot;O&#x27;Brien&quot; &amp; &lt;Sons&gt;" in new
    assert "<script>" not in new
    assert new == old
    assert new in response.content.decode()


def test_a_value_marked_safe_is_not_escaped_twice_and_a_missing_one_is_an_error(tmp_path, settings):
    import jinja2
    from django.template import engines
    from django.utils.html import format_html

    template = engines["jinja2"].from_string("{{ safe }} {{ plain }}")
    assert template.render({"safe": format_html("<b>{}</b>", "&"), "plain": "<b>"}) == (
        "<b>&amp;</b> &lt;b&gt;"
    )
    with pytest.raises(jinja2.UndefinedError):
        template.render({"safe": ""})


def test_the_row_templates_own_text_holds_no_entity_render_rows_rewrites():
    """render_rows turns Jinja2's &#39;/&#34; into Django's &#x27;/&quot; in
    the finished text: exact only while the templates themselves hold neither."""
    from pathlib import Path

    from django.conf import settings

    templates = list(Path(settings.BASE_DIR).glob("*/jinja2/**/*.html"))
    assert templates
    for path in templates:
        text = path.read_text()
        assert "&#39;" not in text and "&#34;" not in text, path


def test_every_value_of_an_entry_is_escaped_as_django_escapes_it():
    from django.template import engines

    from detection.queue_entries import queue_entries_html

    hostile = 'Tom\'s "quote" & <b>bold</b> &#39; &#34; &amp;'
    item = dict.fromkeys(("pk", "url", "figure", "text", "names", "sources"), hostile)
    pair = dict.fromkeys(
        ("pk", "url", "severity", "severity_label", "status", "status_label", "explanation"), hostile
    )
    entry = dict.fromkeys(
        (
            "pk", "url", "title", "topic", "severity", "severity_label", "status", "status_label",
            "open_pairs", "pair_count", "pairs_plural", "minor_gaps", "event_url", "event_title",
            "created_iso", "created_since", "assignees",
        ),
        hostile,
    )  # fmt: skip
    entry.update(has_open_pairs=True, claims=[item, {**item, "figure": ""}], pairs=[pair])
    new = queue_entries_html([entry])
    assert (
        new.count("Tom&#x27;s &quot;quote&quot; &amp; &lt;b&gt;bold&lt;/b&gt; &amp;#39; &amp;#34; &amp;amp;")
        > 20
    )
    assert new == engines["django"].from_string(OLD_QUEUE_LOOP).render({"entries": [entry]})


def test_the_opened_queue_pages_by_the_open_count_it_shows_without_counting_again(mixed_queue, editor_client):
    with CaptureQueriesContext(connection) as captured:
        response = editor_client.get(reverse("dashboard"))
    open_disputes = Dispute.objects.filter(is_open=True).count()
    assert open_disputes >= 3
    assert response.context["disputes"].paginator.count == open_disputes
    assert f"<strong>{open_disputes}</strong> open" in response.content.decode()
    dispute_counts = [
        query["sql"]
        for query in captured.captured_queries
        if "COUNT(" in query["sql"] and "detection_dispute" in query["sql"]
    ]
    assert len(dispute_counts) == 1, dispute_counts  # the status counts, which the pages reuse
    # A filtered queue counts what it shows.
    filtered = editor_client.get(reverse("dashboard") + "?status=all")
    assert (
        filtered.context["disputes"].paginator.count
        == Dispute.objects.filter(memberships__isnull=False).distinct().count()
    )
