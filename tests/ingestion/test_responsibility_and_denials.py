"""Issue 19 in the extractor: who did it (responsible party) and denials,
from the rules to accepting a proposal, the review page and the API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import Claim, ClaimRelation, ConflictFlag
from claims.services import claim_create
from ingestion.extraction import Lexicon, extract_claims
from ingestion.models import LexiconTerm
from ingestion.selectors import lexicon_current
from ingestion.services import proposal_accept, proposal_update
from tests.api.conftest import client_with_token, error_of
from tests.factories import EventFactory, PartySourceFactory, SourceFactory

LEXICON = Lexicon.starting()


def extract(text, lexicon=LEXICON):
    return extract_claims(text, lexicon=lexicon)


def party_of(sentence):
    parties = {c.responsible_party for c in extract(sentence)}
    assert len(parties) == 1, parties
    return parties.pop()


# Responsible party: only from an explicit agent phrase


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("Russian airstrikes killed 30 people in the town, the monitor said.", "Russian airstrikes"),
        ("The monitor said the market was hit by strikes by government aircraft.", "government aircraft"),
        ("The mayor said an attack carried out by the militia destroyed the bridge.", "militia"),
        ("Syria's forces shelled the village overnight, the observatory said.", "Syria's forces"),
        ("Government troops killed 12 protesters, activists said.", "Government troops"),
        ("Heavy shelling by government forces hit the town, residents said.", "government forces"),
        ("The army shelled the town, residents said.", "army"),
        ("Residents said coalition strikes destroyed two bridges.", "coalition strikes"),
    ],
)
def test_an_explicit_agent_is_the_responsible_party(sentence, party):
    assert party_of(sentence) == party


@pytest.mark.parametrize(
    "sentence",
    [
        "Airstrikes killed 30 people in the town, the monitor said.",  # nobody named
        "Heavy shelling hit the town overnight, residents said.",  # an adjective is not an agent
        "Witnesses said the jets struck a market.",  # whose jets?
        "The army said its troops killed 45 fighters.",  # "its": not guessed
        "Floods killed 30 people, officials said.",  # not an actor
        "The Red Crescent said 30 people were killed by a car bomb.",  # a weapon, not a party
        "Russian and government strikes hit the town, the monitor said.",  # two parties: unsure
        "The ministry said 30 people died in the floods.",  # no attack at all
        "The monitor said 20 insurgents killed in airstrikes were buried.",  # victims, not agents
        "The monitor said rebels killed by shelling numbered 12.",  # a participle: victims
    ],
)
def test_no_agent_phrase_gives_no_responsible_party(sentence):
    assert party_of(sentence) == ""


def test_the_seed_article_credits_no_perpetrator_it_does_not_name(seed_article_text):
    # Its airstrikes are Russia's only through "its", and the insurgents
    # are the counted dead: neither is a responsible party.
    assert {c.responsible_party for c in extract(seed_article_text)} == {""}


def test_attack_terms_are_read_from_the_editable_lexicon():
    sentence = "The monitor said Northern Brigade sniping killed four people."
    assert party_of(sentence) == ""
    taught = Lexicon.from_terms([*_starting_rows(), ("attack_term", "sniping", "")])
    assert {c.responsible_party for c in extract(sentence, taught)} == {"Northern Brigade sniping"}


def _starting_rows():
    from ingestion.starting_lexicon import starting_terms

    return starting_terms()


@pytest.mark.django_db
def test_the_data_migration_seeds_the_attack_terms_and_denial_verbs():
    assert LexiconTerm.objects.filter(lexicon="attack_term", term="airstrikes").exists()
    assert LexiconTerm.objects.filter(lexicon="reporting_verb", term="refuted").exists()
    assert "shelled" in lexicon_current().attack_terms


# Denials


def test_a_denied_figure_is_never_the_deniers_own():
    denial, figure = extract("The ministry denied reports that 30 people died in the strike.")
    assert denial.speaker_name == "ministry" and denial.is_denial and denial.figure is None
    assert denial.denied_text == "30 people died in the strike"
    assert denial.text == "The ministry denied reports that 30 people died in the strike"
    # The 30 is the reports' figure: proposed for the editor to credit, never the ministry's.
    assert figure.figure.value_low == 30 and figure.speaker_name == "" and figure.speaker_unbound
    assert not figure.is_denial


@pytest.mark.parametrize(
    ("sentence", "denied"),
    [
        (
            "The army denied that its forces had retreated from the town.",
            "Its forces had retreated from the town",
        ),
        ("The ministry dismissed claims that 40 civilians were killed as false.", "40 civilians were killed"),
        ("The ministry rejected the report as false.", "The report"),
        ("Rebels refuted the army's account.", "The army's account"),
    ],
)
def test_denial_verbs_mark_the_proposal_and_carry_what_is_denied(sentence, denied):
    denials = [c for c in extract(sentence) if c.is_denial]
    assert [c.denied_text for c in denials] == [denied]
    # Whatever figure the denied proposition holds, the denier is not credited with it.
    assert all(c.figure is None for c in extract(sentence) if c.speaker_name)


def test_the_deniers_own_figure_after_the_denial_stays_theirs():
    candidates = extract(
        "The military denied that its aircraft had struck the school and said its jets had hit "
        "a weapons depot, killing about 30 fighters."
    )
    denial = next(c for c in candidates if c.is_denial)
    assert denial.figure is None and denial.denied_text == "Its aircraft had struck the school"
    figure = next(c for c in candidates if c.figure)
    assert figure.speaker_name == "military" and figure.figure.value_low == 30 and not figure.is_denial


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry rejected the proposal, saying it was too costly.",  # rejected, not as false
        "The ministry said 30 people died in the strike.",
        "The minister dismissed the governor on Monday.",
    ],
)
def test_other_cues_are_not_denials(sentence):
    assert not any(c.is_denial for c in extract(sentence))


def test_dismissed_reports_only_when_it_denies():
    assert extract("The president dismissed the army chief on Monday.") == []
    (denial,) = extract("The president dismissed the report as baseless.")
    assert denial.speaker_name == "president" and denial.is_denial and denial.denied_text == "The report"


# Accepting: the claim's responsible party, the denies relation and its flag

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitor(db):
    return SourceFactory(name="Syrian Observatory", slug="observatory")


@pytest.fixture
def ministry(db):
    return PartySourceFactory(name="Defence Ministry", slug="defence-ministry", side="Government")


def test_accept_records_the_responsible_party_and_an_edit_corrects_it(editor_user, ingest, monitor):
    document = ingest(
        body="Market hit\nRussian airstrikes killed 30 people at the market, the Syrian Observatory said.\n",
        user=editor_user,
    )
    proposal = document.claim_proposals.get()
    assert proposal.responsible_party == "Russian airstrikes"
    claim = proposal_accept(proposal_id=proposal.pk, user=editor_user)
    assert claim.responsible_party == "Russian airstrikes"

    other = ingest(
        body="Depot hit\nStrikes killed 9 people at the depot, the Syrian Observatory said.\n",
        user=editor_user,
        title="Depot",
    ).claim_proposals.get()
    assert other.responsible_party == ""
    proposal_update(proposal_id=other.pk, user=editor_user, responsible_party="  government   forces ")
    assert proposal_accept(proposal_id=other.pk, user=editor_user).responsible_party == "government forces"


def _denied_story(editor_user, ingest, monitor, django_capture_on_commit_callbacks):
    event = EventFactory(title="Strike on the market")
    with django_capture_on_commit_callbacks(execute=True):
        denied = claim_create(
            text="30 people died in the strike on the market",
            created_by=editor_user,
            kind="figure",
            event=event,
            quantity_subject="people killed",
            value_low=30,
            attributions=[{"source": monitor}],
        )
    document = ingest(
        body="Denial\nThe Defence Ministry denied reports that 30 people died in the strike on the market.\n",
        user=editor_user,
    )
    return event, denied, document.claim_proposals.get(is_denial=True)


def test_a_denial_lists_what_it_probably_denies_and_accepting_records_the_relation_and_flag(
    editor_user, ingest, monitor, ministry, django_capture_on_commit_callbacks
):
    from ingestion.selectors import proposal_links

    event, denied, proposal = _denied_story(editor_user, ingest, monitor, django_capture_on_commit_callbacks)
    assert (
        proposal.source == ministry and proposal.denied_text == "30 people died in the strike on the market"
    )
    links = proposal_links(document=proposal.document, proposals=[proposal])
    assert [link.claim for link in links[proposal.pk].denied_claims] == [denied]

    with django_capture_on_commit_callbacks(execute=True):
        claim = proposal_accept(
            proposal_id=proposal.pk, user=editor_user, event=event, denied_claim_id=denied.pk
        )

    relation = ClaimRelation.objects.get(relation_type=ClaimRelation.Type.DENIES)
    assert (relation.from_claim, relation.to_claim, relation.origin) == (claim, denied, "editor")
    assert relation.created_by == editor_user
    flag = ConflictFlag.objects.get(rule="denial")
    assert {flag.claim_a_id, flag.claim_b_id} == {claim.pk, denied.pk}
    # The ministry's claim is the denial, with no figure of its own.
    assert claim.value_low is None and "denied" in claim.text


def test_a_denial_accepted_without_a_chosen_claim_is_an_ordinary_claim(
    editor_user, ingest, monitor, ministry, django_capture_on_commit_callbacks
):
    _, _, proposal = _denied_story(editor_user, ingest, monitor, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_accept(proposal_id=proposal.pk, user=editor_user)
    assert not ClaimRelation.objects.exists()
    assert not ConflictFlag.objects.filter(rule="denial").exists()


def test_only_a_denial_can_deny_and_a_missing_claim_is_a_field_error(editor_user, ingest, monitor, ministry):
    document = ingest(body="Toll\nThe Defence Ministry said 12 soldiers were wounded.\n", user=editor_user)
    ordinary = document.claim_proposals.get()
    target = Claim.objects.create(text="Something else")
    with pytest.raises(ValidationError) as error:
        proposal_accept(proposal_id=ordinary.pk, user=editor_user, denied_claim_id=target.pk)
    assert "denied_claim" in error.value.message_dict
    denial = ingest(
        body="Denial\nThe Defence Ministry denied that its forces had retreated.\n",
        user=editor_user,
        title="D",
    ).claim_proposals.get(is_denial=True)
    with pytest.raises(ValidationError) as error:
        proposal_accept(proposal_id=denial.pk, user=editor_user, denied_claim_id=999999)
    assert "denied_claim" in error.value.message_dict
    assert Claim.objects.count() == 1 and not ClaimRelation.objects.exists()


# The review page and the API


def test_the_review_page_shows_the_party_and_the_denial_with_its_probable_target(
    client, editor_user, ingest, monitor, ministry, django_capture_on_commit_callbacks
):
    _, denied, proposal = _denied_story(editor_user, ingest, monitor, django_capture_on_commit_callbacks)
    client.force_login(editor_user)
    page = client.get(reverse("ingestion:proposal-review", kwargs={"pk": proposal.document_id}))
    html = page.content.decode()
    assert 'data-testid="denied-text"' in html and 'data-testid="probably-denied"' in html
    assert f'name="denied_claim" value="{denied.pk}"' in html

    response = client.post(
        reverse("ingestion:proposal-accept", kwargs={"pk": proposal.pk}), {"denied_claim": str(denied.pk)}
    )
    assert response.status_code == 302
    assert ClaimRelation.objects.filter(to_claim=denied, relation_type="denies").exists()


def test_the_api_shows_and_accepts_a_denial_and_edits_the_party(
    editor_user, ingest, monitor, ministry, django_capture_on_commit_callbacks
):
    _, denied, proposal = _denied_story(editor_user, ingest, monitor, django_capture_on_commit_callbacks)
    api = client_with_token(editor_user)
    run = api.get(reverse("api:document-extraction", kwargs={"pk": proposal.document_id})).json()
    shown = next(p for p in run["proposals"] if p["id"] == proposal.pk)
    assert shown["is_denial"] and shown["denied_text"] == "30 people died in the strike on the market"
    assert shown["responsible_party"] == ""
    assert [link["claim"] for link in shown["probably_denied_claims"]] == [denied.pk]

    bad = api.post(
        reverse("api:proposal-accept", kwargs={"pk": proposal.pk}), {"denied_claim": 999999}, format="json"
    )
    # A well-formed reference to a missing claim: the API's 409 naming the field (core/api.py).
    assert bad.status_code == 409 and "denied_claim" in error_of(bad)["fields"]
    ordinary = api.post(
        reverse("api:proposal-accept", kwargs={"pk": proposal.pk}), {"denied_claim": "x"}, format="json"
    )
    assert ordinary.status_code == 400 and "denied_claim" in error_of(ordinary)["fields"]
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            reverse("api:proposal-edit-accept", kwargs={"pk": proposal.pk}),
            {"denied_claim": denied.pk, "responsible_party": "nobody named"},
            format="json",
        )
    assert response.status_code == 201, response.json()
    claim = Claim.objects.get(pk=response.json()["claim"])
    assert claim.responsible_party == "nobody named"
    assert ClaimRelation.objects.filter(from_claim=claim, to_claim=denied, relation_type="denies").exists()
    assert ConflictFlag.objects.filter(rule="denial").count() == 1


@pytest.mark.parametrize("count", [2, 8])
def test_denial_links_are_read_in_a_constant_number_of_queries(
    count,
    editor_user,
    ingest,
    monitor,
    ministry,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    _denied_story(editor_user, ingest, monitor, django_capture_on_commit_callbacks)
    body = "Denials\n" + "".join(
        f"The Defence Ministry denied reports that {n + 2} people died in village {n}.\n"
        for n in range(count)
    )
    document = ingest(body=body, user=editor_user, title="Many denials")
    api = client_with_token(editor_user)
    with django_assert_max_num_queries(14):
        run = api.get(reverse("api:document-extraction", kwargs={"pk": document.pk})).json()
    assert sum(p["is_denial"] for p in run["proposals"]) == count


def test_the_review_page_shows_the_party_and_the_edit_form_corrects_it(client, editor_user, ingest, monitor):
    document = ingest(
        body="Market hit\nRussian airstrikes killed 30 people at the market, the Syrian Observatory said.\n",
        user=editor_user,
    )
    proposal = document.claim_proposals.get()
    client.force_login(editor_user)
    review = client.get(reverse("ingestion:proposal-review", kwargs={"pk": document.pk})).content.decode()
    assert 'data-testid="responsible-party">Russian airstrikes' in review
    url = reverse("ingestion:proposal-edit", kwargs={"pk": proposal.pk})
    assert 'value="Russian airstrikes"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "text": proposal.text,
            "kind": "figure",
            "source": monitor.pk,
            "form": proposal.form,
            "reporting_verb": "said",
            "value_low": 30,
            "qualifier": "exact",
            "quantity_subject": "people killed",
            "responsible_party": "Russian air force",
            "excerpt_start": proposal.excerpt_start,
            "excerpt_end": proposal.excerpt_end,
        },
    )
    assert response.status_code == 302
    assert Claim.objects.get().responsible_party == "Russian air force"


def test_edit_then_accept_offers_what_a_denial_probably_denies(
    client, editor_user, ingest, monitor, ministry, django_capture_on_commit_callbacks
):
    _, denied, proposal = _denied_story(editor_user, ingest, monitor, django_capture_on_commit_callbacks)
    other = Claim.objects.create(text="An unrelated claim")
    client.force_login(editor_user)
    url = reverse("ingestion:proposal-edit", kwargs={"pk": proposal.pk})
    page = client.get(url).content.decode()
    assert f">#{denied.pk} 30 people died" in page and "An unrelated claim" not in page
    data = {
        "text": proposal.text,
        "kind": "other",
        "source": ministry.pk,
        "form": proposal.form,
        "reporting_verb": "denied",
        "excerpt_start": proposal.excerpt_start,
        "excerpt_end": proposal.excerpt_end,
    }
    # Only a suggested claim can be chosen: another id is a form error, nothing recorded.
    refused = client.post(url, {**data, "denied_claim": other.pk})
    assert refused.status_code == 400 and not ClaimRelation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "denied_claim": denied.pk})
    assert response.status_code == 302
    relation = ClaimRelation.objects.get()
    assert relation.to_claim == denied and relation.relation_type == "denies"
    assert ConflictFlag.objects.filter(rule="denial").count() == 1


def _credits(text):
    return sorted(
        (c.speaker_name, c.figure.value_low, c.speaker_unbound)
        for c in extract_claims(text, lexicon=Lexicon.starting(), sources=[])
        if c.figure is not None
    )


def test_disputing_a_figure_denies_it():
    """ "Medics disputed the toll of 45": the medics say the 45 is wrong."""
    assert _credits("Medics disputed the toll of 45, saying they had counted 70.") == [
        ("", 45, True),
        ("Medics", 70, False),
    ]


def test_a_figure_disputed_in_the_passive_is_not_the_disputers():
    assert _credits("The toll of 45 was disputed by medics.") == [("", 45, True)]


def test_a_disputed_figure_given_as_someones_stays_theirs():
    assert _credits("Medics disputed the governor's figure of 45 dead.") == [("governor", 45, False)]


def test_a_figure_disputed_after_it_is_given_is_not_the_disputers():
    """ "..., a figure the navy disputed": the navy says the number is wrong,
    so it is nobody's when nobody states it before."""
    assert _credits("Thirty trawlers were seized, a figure the navy disputed.") == [("", 30, True)]


def test_a_figure_disputed_after_it_is_given_stays_with_who_gave_it():
    assert _credits("The guild said 30 trawlers were seized, a figure the navy disputed.") == [
        ("guild", 30, False)
    ]


def test_according_to_before_a_disputed_figure_is_its_speaker_not_a_relay():
    """The disputer passes nothing on: "according to the guild" names who
    gave the 30, never a relay of the navy's words."""
    [denial, figure] = extract_claims(
        "According to the fishing guild, 30 trawlers were seized, a claim the navy rejected as false.",
        lexicon=Lexicon.starting(),
        sources=[],
    )
    assert (figure.speaker_name, figure.figure.value_low, figure.relayed_by_text) == ("fishing guild", 30, "")
    assert (denial.speaker_name, denial.is_denial, denial.figure) == ("navy", True, None)
    assert denial.denied_text == "30 trawlers were seized"
