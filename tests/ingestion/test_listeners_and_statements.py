"""Who relays a claim, and whose words a nested statement is: "told parliament"
relays nothing, "told Reuters" does; "a statement by the mayor that 10 ..."
is the mayor's figure, not the sentence's main speaker's."""

import pytest

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def extract(text):
    return extract_claims(text, lexicon=LEXICON, sources=[])


@pytest.mark.parametrize(
    ("listener", "relay"),
    [
        ("Reuters", "Reuters"),
        ("state television", "state television"),
        ("a local journalist", "local journalist"),
        ("parliament", ""),
        ("the conference", ""),
        ("a rally of supporters", ""),
        ("the Security Council", ""),
    ],
)
def test_only_a_listener_that_publishes_relays_the_claim(listener, relay):
    [candidate] = extract(f"The prime minister told {listener} that 5 bridges had been rebuilt.")
    assert candidate.speaker_name == "prime minister"
    assert candidate.relayed_by_text == relay


def test_a_figure_in_a_statement_by_someone_else_is_theirs():
    text = (
        "Border guards said 3 smugglers had been caught, contradicting an earlier "
        "statement by the harbour master that 10 boats were seized."
    )
    credited = {c.figure.value_low: c.speaker_name for c in extract(text) if c.figure}
    assert credited == {3: "Border guards", 10: "harbour master"}


def test_a_claim_someone_dismissed_names_who_dismissed_it():
    text = "The governor said 4 villages were retaken, a claim insurgents dismissed as lies."
    speakers = {c.speaker_name for c in extract(text)}
    assert speakers == {"governor", "insurgents"}


@pytest.mark.parametrize(
    "text",
    [
        "Farmers said the militia holds 2 wells, not the 10 villages the militia claimed.",
        "Farmers said the militia holds 2 wells, but not the 10 villages its commanders reported.",
    ],
)
def test_a_figure_someone_else_claimed_in_an_object_clause_is_theirs(text):
    credited = {c.figure.value_low: c.speaker_name for c in extract(text) if c.figure}
    assert credited[2] == "Farmers"
    assert credited[10] in {"militia", "commanders"}
