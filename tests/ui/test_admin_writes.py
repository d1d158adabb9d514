"""Every admin write goes through the services: each change form and action
leaves a history entry naming the admin, and refuses what the service refuses
with the service's own message."""

import json

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from claims.models import AuditEntry, Claim, ConflictFlag, Event
from claims.services import claim_create
from core.admin import ServiceAdmin
from digests.services import digest_preference_update
from sources.models import Document, Source
from tests import factories
from tests.conftest import without_live_notices

pytestmark = pytest.mark.django_db

# Tables the admin edits directly, on purpose: tokens (whose admin already
# calls accounts' services), and Django's and axes' own tables. The
# vocabularies the rules and the extractor read are LexiconAdmins
# (tested at the end of this file).
DIRECT_ADMINS = {
    "accounts.apitoken",
    "auth.group",
    "auth.user",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    # django-otp's own admin: staff remove a lost authenticator so its owner can
    # set up a new one; the device holds no newsroom content.
    "otp_totp.totpdevice",
    # allauth's link between an account and its single-sign-on identity
    # (accounts/sso.py): staff delete one to unlink it; no newsroom content.
    "socialaccount.socialaccount",
}


def label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


@pytest.fixture
def root(db):
    return get_superuser()


def get_superuser():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", "root@newsroom.example", "correct-horse-battery")


@pytest.fixture
def client_as_root(root):
    client = Client()
    client.force_login(root)
    return client


def form_data(response) -> dict:
    """The POST body the change page would send as it stands: the form's and
    the inlines' current values, as the browser encodes them."""
    data = {}

    def add(form, name, field):
        value = form[name].value()
        if value is None:
            return
        key = form.add_prefix(name)
        if isinstance(field, forms.JSONField) and not isinstance(value, str):
            data[key] = json.dumps(value)
        elif isinstance(field.widget, forms.MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                if part is not None:
                    data[f"{key}_{index}"] = part
        else:
            data[key] = value

    form = response.context["adminform"].form
    for name, field in form.fields.items():
        add(form, name, field)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for inline_form in formset.forms:
            for name, field in inline_form.fields.items():
                add(inline_form, name, field)
    return data


def change(client, obj, **changes):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = {**form_data(client.get(url)), **changes}
    return client.post(url, data)


def add(client, model, data):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    return client.post(url, data)


def delete(client, obj):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])
    return client.post(url, {"post": "yes"})


def last_entry(object_type: str, object_id: int) -> AuditEntry:
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id).latest("id")


def form_errors(response) -> list[str]:
    form = response.context["adminform"].form
    return [message for messages in form.errors.values() for message in messages]


# Which admins may write at all


def test_every_admin_that_writes_goes_through_services():
    writing_directly = sorted(
        label(model)
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, ServiceAdmin)
        and label(model) not in DIRECT_ADMINS
        and _can_write(model_admin)
    )
    assert writing_directly == []


def _can_write(model_admin) -> bool:
    """Whether a superuser could add, change or delete rows through this admin."""
    request = type("Request", (), {"user": _Superuser()})()
    return any(
        (
            model_admin.has_add_permission(request),
            model_admin.has_change_permission(request),
            model_admin.has_delete_permission(request),
        )
    )


class _Superuser:
    is_active = is_staff = is_superuser = True

    def has_perm(self, perm, obj=None):
        return True

    def has_perms(self, perms, obj=None):
        return True


def service_admins() -> list[str]:
    return sorted(
        label(model)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ServiceAdmin)
    )


@pytest.fixture
def one_of_each(db):
    flag = factories.ConflictFlagFactory()
    attribution = factories.AttributionFactory(claim=flag.claim_a, document=factories.DocumentFactory())
    relation = factories.ClaimRelationFactory(from_claim=flag.claim_a, to_claim=flag.claim_b)
    return {
        "claims.event": factories.EventFactory(),
        "claims.claim": flag.claim_a,
        "claims.attribution": attribution,
        "claims.claimrelation": relation,
        "claims.conflictflag": flag,
        "sources.source": attribution.source,
        "sources.document": attribution.document,
        "digests.digestpreference": digest_preference_update(
            user=flag.claim_a.created_by or factories.editor()
        ),
        **factories.lexicon_entries(),
    }


@pytest.mark.parametrize("model_label", service_admins())
def test_every_service_admins_pages_open_with_the_service_checked_form(
    client_as_root, one_of_each, model_label
):
    obj = one_of_each[model_label]
    app, model = model_label.split(".")
    model_admin = admin.site._registry[type(obj)]
    request = type("Request", (), {"user": _Superuser()})()
    change_page = client_as_root.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk]))
    assert change_page.status_code == 200
    if model_admin.has_change_permission(request, obj):
        assert type(change_page.context["adminform"].form).__name__ == "ServiceCheckedForm"
    add_page = client_as_root.get(reverse(f"admin:{app}_{model}_add"))
    assert add_page.status_code == (200 if model_admin.has_add_permission(request) else 403)


def test_the_walk_covers_every_service_admin(one_of_each):
    assert sorted(one_of_each) == service_admins()


# Events


def test_adding_an_event_in_the_admin_is_in_the_history(client_as_root, root):
    response = add(client_as_root, factories.EventFactory._meta.model, {"title": "  Shelling of the depot  "})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_type="event", action="created")
    assert (entry.actor, entry.to_value) == (root, "Shelling of the depot")


def test_editing_an_event_in_the_admin_records_the_change_and_rechecks_its_claims_once(
    client_as_root, root, django_capture_on_commit_callbacks
):
    claim = factories.ClaimFactory(event=factories.EventFactory(title="Old title"))
    with django_capture_on_commit_callbacks() as queued:
        response = change(client_as_root, claim.event, title="New title")
    assert response.status_code == 302
    # One check for its one claim: the validating dry run queued nothing.
    assert len(without_live_notices(queued)) == 1
    entry = last_entry("event", claim.event_id)
    assert (entry.action, entry.actor) == ("edited", root)
    assert entry.changes == {"title": ["Old title", "New title"]}


def test_an_event_ending_before_it_starts_is_refused_with_the_services_message(client_as_root):
    event = factories.EventFactory()
    response = change(client_as_root, event, start_date="2026-05-02", end_date="2026-05-01")
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in form_errors(response)
    assert not AuditEntry.objects.filter(object_type="event", action="edited").exists()


def test_deleting_an_event_in_the_admin_is_in_the_history(client_as_root, root):
    event = factories.EventFactory(title="Gone")
    assert delete(client_as_root, event).status_code == 302
    entry = last_entry("event", event.pk)
    assert (entry.action, entry.actor, entry.from_value) == ("deleted", root, "Gone")


def test_the_admin_will_not_delete_an_event_that_groups_claims_and_says_why(client_as_root):
    event = factories.ClaimFactory(event=factories.EventFactory(title="Kept")).event
    url = reverse("admin:claims_event_delete", args=[event.pk])
    page = client_as_root.get(url).content.decode()
    assert "still groups 1 claim" in page
    client_as_root.post(url, {"post": "yes"})
    assert Event.objects.filter(pk=event.pk).exists()


# Claims and their sources


def test_adding_a_claim_in_the_admin_is_in_the_history(client_as_root, root):
    response = add(
        client_as_root,
        Claim,
        {"text": "Twelve people were hurt.", "kind": "other", "credibility": Claim.Credibility.CANNOT_JUDGE},
    )
    assert response.status_code == 302
    claim = Claim.objects.get()
    entry = claim.history.get()
    assert (claim.created_by, entry.action, entry.actor) == (root, "created", root)


def test_a_figure_without_its_value_is_refused_in_the_admin_as_the_service_refuses_it(client_as_root):
    response = add(
        client_as_root,
        Claim,
        {"text": "Many were hurt.", "kind": "figure", "credibility": Claim.Credibility.CANNOT_JUDGE},
    )
    assert response.status_code == 200
    assert Claim.objects.count() == 0
    with pytest.raises(ValidationError) as refused:
        claim_create(text="Many were hurt.", kind="figure")
    assert set(refused.value.messages) <= set(form_errors(response))


def test_editing_a_claim_in_the_admin_records_what_changed(client_as_root, root):
    claim = factories.ClaimFactory(text="Ten were hurt.")
    assert change(client_as_root, claim, text="Eleven were hurt.").status_code == 302
    entry = claim.history.get(action="edited")
    assert (entry.actor, entry.changes["text"]) == (root, ["Ten were hurt.", "Eleven were hurt."])


def test_a_claims_status_cannot_be_changed_in_the_admin(client_as_root):
    claim = factories.ClaimFactory()
    change(client_as_root, claim, status=Claim.Status.FALSE)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.UNVERIFIED
    assert not claim.history.filter(action="status").exists()


def test_crediting_a_source_on_the_claim_page_of_the_admin_is_in_the_history(client_as_root, root):
    claim = factories.ClaimFactory()
    source = factories.SourceFactory()
    response = change(
        client_as_root,
        claim,
        **{
            "attributions-TOTAL_FORMS": "1",
            "attributions-0-source": source.pk,
            "attributions-0-form": "statement",
        },
    )
    assert response.status_code == 302
    entry = claim.history.get(object_type="attribution")
    assert (entry.action, entry.actor, entry.related_id) == ("created", root, source.pk)


def test_an_excerpt_not_in_its_document_is_refused_on_the_claim_page_of_the_admin(client_as_root):
    claim = factories.ClaimFactory()
    document = factories.DocumentFactory()
    response = change(
        client_as_root,
        claim,
        **{
            "attributions-TOTAL_FORMS": "1",
            "attributions-0-source": factories.SourceFactory().pk,
            "attributions-0-form": "statement",
            "attributions-0-document": document.pk,
            "attributions-0-excerpt": "words nobody wrote",
        },
    )
    assert response.status_code == 200
    [inline] = response.context["inline_admin_formsets"]
    assert "This excerpt does not appear in the document." in str(inline.formset.errors)
    assert claim.attributions.count() == 0


def test_removing_a_credit_on_the_claim_page_of_the_admin_is_in_the_history(client_as_root, root):
    attribution = factories.AttributionFactory()
    response = change(client_as_root, attribution.claim, **{"attributions-0-DELETE": "on"})
    assert response.status_code == 302
    entry = attribution.claim.history.get(object_type="attribution")
    assert (entry.action, entry.actor, entry.object_id) == ("deleted", root, attribution.pk)


def test_deleting_a_claim_in_the_admin_keeps_its_history(client_as_root, root):
    claim = factories.ClaimFactory()
    factories.ClaimFactory()
    AuditEntry.objects.create(claim=claim, object_type="claim", object_id=claim.pk, action="created")
    assert delete(client_as_root, claim).status_code == 302
    entries = AuditEntry.objects.filter(object_type="claim", object_id=claim.pk)
    assert list(entries.values_list("action", flat=True)) == ["created", "deleted"]
    assert entries.get(action="deleted").actor == root


def test_the_delete_selected_action_deletes_claims_through_the_service(client_as_root, root):
    claims = [factories.ClaimFactory(), factories.ClaimFactory()]
    response = client_as_root.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "delete_selected", "_selected_action": [claim.pk for claim in claims], "post": "yes"},
    )
    assert response.status_code == 302
    deleted = AuditEntry.objects.filter(object_type="claim", action="deleted", actor=root)
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(claim.pk for claim in claims)


# Attributions and relations on their own admin pages


def test_adding_an_attribution_in_the_admin_is_in_the_history(client_as_root, root):
    claim, source = factories.ClaimFactory(), factories.SourceFactory()
    response = client_as_root.post(
        reverse("admin:claims_attribution_add"), {"claim": claim.pk, "source": source.pk, "form": "statement"}
    )
    assert response.status_code == 302
    assert claim.history.get(object_type="attribution").actor == root


def test_an_attribution_cannot_be_edited_in_place_in_the_admin(client_as_root):
    attribution = factories.AttributionFactory()
    url = reverse("admin:claims_attribution_change", args=[attribution.pk])
    response = client_as_root.post(url, {"claim": attribution.claim_id, "source": attribution.source_id})
    assert response.status_code == 403


def test_relating_claims_in_the_admin_is_in_the_history(client_as_root, root):
    first, second = factories.ClaimFactory(), factories.ClaimFactory()
    response = client_as_root.post(
        reverse("admin:claims_claimrelation_add"),
        {"from_claim": first.pk, "to_claim": second.pk, "relation_type": "corroborates"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(object_type="relation")
    assert (entry.actor, entry.claim_id, entry.related_id) == (root, first.pk, second.pk)


def test_relating_a_claim_to_itself_is_refused_in_the_admin_with_the_services_message(client_as_root):
    claim = factories.ClaimFactory()
    response = client_as_root.post(
        reverse("admin:claims_claimrelation_add"),
        {"from_claim": claim.pk, "to_claim": claim.pk, "relation_type": "corroborates"},
    )
    assert response.status_code == 200
    assert "A claim cannot be related to itself." in form_errors(response)


def test_deleting_a_relation_in_the_admin_is_in_the_history(client_as_root, root):
    relation = factories.ClaimRelationFactory()
    assert delete(client_as_root, relation).status_code == 302
    entry = last_entry("relation", relation.pk)
    assert (entry.action, entry.actor) == ("deleted", root)


# Conflict flags


def test_assigning_a_flag_in_the_admin_is_in_its_history(client_as_root, root):
    flag = factories.ConflictFlagFactory()
    checker = factories.fact_checker()
    assert change(client_as_root, flag, assignee=checker.pk).status_code == 302
    entry = flag.history.get(action="assigned")
    assert (entry.actor, entry.to_value) == (root, checker.username)


def test_assigning_a_flag_to_a_viewer_is_refused_in_the_admin_with_the_services_message(client_as_root):
    flag = factories.ConflictFlagFactory()
    response = change(client_as_root, flag, assignee=factories.viewer().pk)
    assert response.status_code == 200
    assert "This person's role cannot act on conflicts." in form_errors(response)


def test_a_flags_status_and_claims_cannot_be_changed_in_the_admin(client_as_root):
    flag = factories.ConflictFlagFactory()
    other = factories.ClaimFactory()
    change(client_as_root, flag, status="resolved", claim_a=other.pk)
    flag.refresh_from_db()
    assert (flag.status, flag.claim_a_id) != ("resolved", other.pk)
    assert flag.status == ConflictFlag.Status.OPEN


def test_a_flag_cannot_be_added_or_deleted_in_the_admin(client_as_root):
    flag = factories.ConflictFlagFactory()
    assert client_as_root.get(reverse("admin:claims_conflictflag_add")).status_code == 403
    assert delete(client_as_root, flag).status_code == 403


def test_the_acknowledge_action_goes_through_the_service(client_as_root, root):
    open_flag = factories.ConflictFlagFactory()
    closed_flag = factories.ConflictFlagFactory(status=ConflictFlag.Status.DISMISSED)
    response = client_as_root.post(
        reverse("admin:claims_conflictflag_changelist"),
        {"action": "acknowledge_flags", "_selected_action": [open_flag.pk, closed_flag.pk]},
        follow=True,
    )
    open_flag.refresh_from_db()
    closed_flag.refresh_from_db()
    assert open_flag.status == ConflictFlag.Status.ACKNOWLEDGED
    assert open_flag.history.get(action="status").actor == root
    # The closed one is refused with the service's reason, and left alone.
    assert closed_flag.status == ConflictFlag.Status.DISMISSED
    assert "Cannot acknowledge" in response.content.decode()


def test_the_history_is_read_only_in_the_admin(client_as_root):
    flag = factories.ConflictFlagFactory()
    entry = AuditEntry.objects.create(flag=flag, object_type="flag", object_id=flag.pk, action="note")
    url = reverse("admin:claims_auditentry_change", args=[entry.pk])
    assert client_as_root.post(url, {"reason": "rewritten"}).status_code == 403
    assert delete(client_as_root, entry).status_code == 403


# Sources and documents


def test_adding_a_source_in_the_admin_is_in_the_history(client_as_root, root):
    response = add(
        client_as_root,
        Source,
        {
            "name": "District health office",
            "slug": "district-health-office",
            "kind": Source.Kind.GOVERNMENT,
            "affiliation": Source.Affiliation.INDEPENDENT,
            "aliases": "[]",
            "reliability": Source.Reliability.F,
        },
    )
    assert response.status_code == 302, form_errors(response)
    source = Source.objects.get()
    assert last_entry("source", source.pk).actor == root


def test_editing_a_source_in_the_admin_records_the_change(client_as_root, root):
    source = factories.SourceFactory(side="")
    assert change(client_as_root, source, side="Government").status_code == 302
    entry = last_entry("source", source.pk)
    assert (entry.action, entry.actor, entry.changes) == ("edited", root, {"side": ["", "Government"]})


def test_a_web_address_typed_without_a_scheme_in_the_admin_is_https(client_as_root):
    source = factories.SourceFactory(url="")
    assert change(client_as_root, source, url="monitor.example.org/reports").status_code == 302
    source.refresh_from_db()
    assert source.url == "https://monitor.example.org/reports"


def test_a_sources_grade_cannot_be_changed_in_the_admin(client_as_root):
    source = factories.SourceFactory()
    change(client_as_root, source, reliability=Source.Reliability.A, reliability_reason="Trust me.")
    source.refresh_from_db()
    assert source.reliability == Source.Reliability.F
    assert not AuditEntry.objects.filter(object_type="source", action="graded").exists()


def test_a_source_credited_with_claims_is_not_deleted_from_the_admin(client_as_root):
    attribution = factories.AttributionFactory()
    response = delete(client_as_root, attribution.source)
    assert response.status_code == 200
    assert "is credited with claims; remove those attributions first." in response.content.decode()
    assert Source.objects.filter(pk=attribution.source_id).exists()


def test_deleting_a_source_in_the_admin_is_in_the_history(client_as_root, root):
    source = factories.SourceFactory()
    assert delete(client_as_root, source).status_code == 302
    entry = last_entry("source", source.pk)
    assert (entry.action, entry.actor) == ("deleted", root)


def test_editing_an_unquoted_documents_body_in_the_admin_rehashes_it(client_as_root, root):
    document = factories.DocumentFactory()
    old_hash = document.content_hash
    assert change(client_as_root, document, body="A corrected text.").status_code == 302
    document.refresh_from_db()
    assert document.content_hash != old_hash
    assert last_entry("document", document.pk).actor == root


def test_a_quoted_documents_body_is_read_only_in_the_admin(client_as_root):
    attribution = factories.AttributionFactory(document=factories.DocumentFactory(body="Officials said 12."))
    change(client_as_root, attribution.document, body="Officials said 40.")
    assert Document.objects.get(pk=attribution.document_id).body == "Officials said 12."


def test_adding_a_document_with_a_stored_text_is_refused_with_the_services_message(client_as_root):
    factories.DocumentFactory(body="The same words.")
    response = add(client_as_root, Document, {"title": "Copy", "body": "The same words."})
    assert response.status_code == 200
    assert any("This text is already stored as document" in message for message in form_errors(response))


def test_deleting_a_document_in_the_admin_is_in_the_history(client_as_root, root):
    document = factories.DocumentFactory()
    assert delete(client_as_root, document).status_code == 302
    assert last_entry("document", document.pk).actor == root


# Digest preferences


def test_unsubscribing_a_reader_in_the_admin_goes_through_the_service(client_as_root):
    preference = digest_preference_update(user=factories.editor())
    assert change(client_as_root, preference, subscribed="").status_code == 302
    preference.refresh_from_db()
    # The service stamps the moment; a direct save would leave it empty.
    assert (preference.subscribed, preference.unsubscribed_at is not None) == (False, True)


# The vocabularies the rules and the extractor read (core.admin.LexiconAdmin)


LEXICON_TYPES = {
    "detection.subjectsynonym": "subject_synonym",
    "detection.contestedterm": "contested_term",
    "detection.controlextentterm": "control_extent_term",
    "detection.controlholderterm": "control_holder_term",
    "detection.victimcategoryterm": "victim_category_term",
    "detection.reportingverbstance": "verb_stance",
    "ingestion.lexiconterm": "lexicon_term",
}


# What the walk edits in each vocabulary: (field, value before, value after).
LEXICON_EDITS = {
    "detection.controlholderterm": ("side", "opposition", "government"),
}
NOTE_EDIT = ("note", "", "Checked with the desk.")


@pytest.mark.parametrize("model_label", sorted(LEXICON_TYPES))
def test_editing_a_vocabulary_in_the_admin_records_who_changed_what(client_as_root, root, model_label):
    entry = factories.lexicon_entries()[model_label]
    before = str(entry)
    field, old, new = LEXICON_EDITS.get(model_label, NOTE_EDIT)
    response = change(client_as_root, entry, **{field: new})
    assert response.status_code == 302
    history = last_entry(LEXICON_TYPES[model_label], entry.pk)
    assert (history.action, history.actor, history.from_value) == ("edited", root, before)
    assert history.changes == {field: [old, new]}


@pytest.mark.parametrize("model_label", sorted(LEXICON_TYPES))
def test_removing_a_vocabulary_entry_in_the_admin_keeps_what_it_was(client_as_root, root, model_label):
    entry = factories.lexicon_entries()[model_label]
    assert delete(client_as_root, entry).status_code == 302
    assert not type(entry).objects.filter(pk=entry.pk).exists()
    history = last_entry(LEXICON_TYPES[model_label], entry.pk)
    assert (history.action, history.actor, history.from_value) == ("deleted", root, str(entry))


def test_adding_a_contested_term_in_the_admin_is_in_the_history(client_as_root, root):
    from detection.models import ContestedTerm

    response = add(
        client_as_root, ContestedTerm, {"term": "  Strategic Pigeon Relocation ", "counterparts": "flight"}
    )
    assert response.status_code == 302
    term = ContestedTerm.objects.get(term="strategic pigeon relocation")
    history = last_entry("contested_term", term.pk)
    assert (history.action, history.actor, history.to_value) == ("created", root, str(term))
    assert history.changes["counterparts"] == ["", "flight"]


def test_a_control_share_above_100_is_refused_in_the_admin_with_the_models_message(client_as_root):
    entry = factories.lexicon_entries()["detection.controlextentterm"]
    response = change(client_as_root, entry, share_high=150)
    assert response.status_code == 200
    assert "A share is at most 100 percent." in form_errors(response)
    entry.refresh_from_db()
    assert entry.share_high == 5
    assert not AuditEntry.objects.filter(object_type="control_extent_term").exists()


def test_switching_an_extractor_term_off_from_the_admins_list_is_in_the_history(client_as_root, root):
    from ingestion.models import LexiconTerm

    term = factories.lexicon_entries()["ingestion.lexiconterm"]
    rows = LexiconTerm.objects.all()
    data = {
        "form-TOTAL_FORMS": str(rows.count()),
        "form-INITIAL_FORMS": str(rows.count()),
        "_save": "Save",
    }
    for index, row in enumerate(rows):
        data[f"form-{index}-id"] = row.pk
        if row.is_active and row.pk != term.pk:
            data[f"form-{index}-is_active"] = "on"
    url = reverse("admin:ingestion_lexiconterm_changelist") + f"?all=&q={term.term}"
    response = client_as_root.post(url, data)
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.is_active is False
    history = last_entry("lexicon_term", term.pk)
    assert (history.action, history.actor, history.changes) == (
        "edited",
        root,
        {"is_active": ["True", "False"]},
    )
