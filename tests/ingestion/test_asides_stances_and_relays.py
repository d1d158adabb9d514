"""A count in a bracket that names its own owner or count, a stance taken
on someone's count ("questioned", "challenged", "rejected the toll"), an
acronym subject, and a speaker who passes on someone else's claim: every
expected proposal of each paragraph, including those that must credit
nobody."""

import pytest

from ingestion.extraction import Lexicon, extract_claims
from ingestion.extraction.speakers import speaker_kind

from .paragraphs import proposals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bracket naming another owner: that owner's figure, never the speaker's.
        (
            "The army said 12 soldiers (the ministry's figure was 20) died.",
            [("army", 12, False), ("ministry", 20, False)],
        ),
        (
            "Organisers said 5,000 marchers (the police's count stood at 1,800) crossed the bridge.",
            [("Organisers", 5000, False), ("police", 1800, False)],
        ),
        # A bracket giving another count with no owner: nobody's.
        (
            "The union said 400 workers (the official figure is 250) walked out on Monday.",
            [("", 250, True), ("union", 400, False)],
        ),
        (
            "The airline said 30 flights (the airport's own tally was 52) were cancelled.",
            [("airline", 30, False), ("airport", 52, False)],
        ),
        # A bracket that only details the speaker's own count stays the speaker's.
        (
            "The army said 12 soldiers (including 3 officers) died.",
            [("army", 3, False), ("army", 12, False)],
        ),
    ],
)
def test_a_bracket_with_an_owner_of_its_own(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ministry questioned the 300 deaths recorded by the monitor, saying 120 had died.",
            [("ministry", None, False), ("ministry", 120, False), ("monitor", 300, False)],
        ),
        (
            "The governor challenged the observers' toll of 64, saying 19 people were killed.",
            [("governor", None, False), ("governor", 19, False), ("observers", 64, False)],
        ),
        (
            "Hospital managers contested the union's count of 90 injured nurses, saying 31 had been hurt.",
            [("Hospital managers", None, False), ("Hospital managers", 31, False), ("union", 90, False)],
        ),
        # A count rejected with no owner named is nobody's, least of all the rejecter's.
        (
            "The ministry rejected the toll of 300, saying 120 had died.",
            [("", 300, True), ("ministry", None, False), ("ministry", 120, False)],
        ),
        (
            "The police chief questioned the estimate of 2,000 protesters, insisting 700 people attended.",
            [("", 2000, True), ("police chief", None, False), ("police chief", 700, False)],
        ),
        # Questioning people is no stance on a count.
        (
            "Detectives questioned 14 witnesses on Tuesday, the police said.",
            [("police", 14, False)],
        ),
    ],
)
def test_a_stance_on_a_count_is_not_the_count(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("Tom Ash", "person"),
        ("James Jones", "person"),
        ("Nikos Papadopoulos", "person"),
        ("Jon de Vries", "person"),
        ("Siobhan O'Neill", "person"),
        ("Colonel Marek Dorn", "person"),
        ("the Red Cross", "organisation"),
        ("Amnesty International", "organisation"),
        ("the Delmar Institute", "organisation"),
        ("the rebels", "group"),
        ("opposition deputies", "group"),
    ],
)
def test_the_kind_of_a_speaker_is_read_from_the_words_as_written(phrase, kind):
    assert speaker_kind(phrase) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A person is never "it", "they" or "the spokesman".
        (
            "Tom Ash said the road was cut. It said 30 people died.",
            [("", 30, True), ("Tom Ash", None, False)],
        ),
        (
            "James Jones said the camp was full. They said 30 people had died.",
            [("", 30, True), ("James Jones", None, False)],
        ),
        (
            "Nikos Papadopoulos said the port was closed. The spokesman said 45 homes were destroyed.",
            [("", 45, True), ("Nikos Papadopoulos", None, False)],
        ),
        # But "he" or "she" is.
        (
            "Tom Ash said the road was cut. He said 30 people died.",
            [("Tom Ash", None, False), ("Tom Ash", 30, False)],
        ),
        # The person's own role named by a pronoun is that person's.
        (
            "Ilse Brandt said the dam held. Her deputy said 12 homes had flooded.",
            [("Ilse Brandt", None, False), ("Ilse Brandt's deputy", 12, False)],
        ),
        # A name that could be a body's ("Boko Haram") leaves "it" unresolved
        # beside another body, in the sentence before or in its own.
        (
            "Boko Haram and the army said the base fell. It said 30 soldiers died.",
            [("", 30, True), ("Boko Haram", None, False), ("army", None, False)],
        ),
        (
            "The army said Boko Haram attacked the base, and it said 30 soldiers died.",
            [("", 30, True), ("army", None, False)],
        ),
    ],
)
def test_pronouns_see_persons(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The WHO said 40 people had died of cholera.", [("WHO", 40, False)]),
        ("WHO told reporters that 112 cases were confirmed.", [("WHO", 112, False)]),
        ("According to the WHO, 40 people died in the outbreak.", [("WHO", 40, False)]),
        ("Cholera has killed 40 people, the WHO said on Friday.", [("WHO", 40, False)]),
        # The pronoun stays a pronoun: the mayor's figure.
        ("The mayor, who said 40 people died, resigned on Friday.", [("mayor", 40, False)]),
    ],
)
def test_an_acronym_in_capitals_is_a_name_not_the_pronoun(text, expected):
    assert proposals(text) == expected


def _relays(text: str) -> list[tuple[str, int | None, str]]:
    found = extract_claims(text, lexicon=Lexicon.starting(), sources=[])
    return sorted(
        (c.speaker_name, c.figure.value_low if c.figure else None, c.relayed_by_text) for c in found
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister repeated the army's claim that 80 fighters had surrendered.",
            [("army", 80, "minister")],
        ),
        (
            "On Monday, the governor echoed the monitor's figure of 45 dead.",
            [("monitor", 45, "governor")],
        ),
        (
            "State television cited the interior ministry's assertion that 300 rioters were held.",
            [("interior ministry", 300, "State television")],
        ),
        # Passing on is not rejecting, and a pronoun names nobody here.
        (
            "The minister rejected the army's claim that 80 fighters had surrendered.",
            [("army", 80, ""), ("minister", None, "")],
        ),
        (
            "He repeated the army's claim that 80 fighters had surrendered.",
            [("army", 80, "")],
        ),
    ],
)
def test_whoever_repeats_a_claim_relays_it(text, expected):
    assert _relays(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X told Y that <description>, <Name>, had claimed N": the name's.
        (
            "Prosecutor Helen Grant told the jury that the firm's director, Paul Grant, had claimed "
            "12 workers were on leave.",
            [("Paul Grant", 12, False), ("Prosecutor Helen Grant", None, False)],
        ),
        (
            "The mayor said the fire chief, Ana Ruiz, has warned 40 homes were at risk.",
            [("Ana Ruiz", 40, False), ("mayor", None, False)],
        ),
        # Without an auxiliary, as before.
        (
            "The union's leader, Mara Holt, has said 300 jobs will go.",
            [("Mara Holt", 300, False)],
        ),
    ],
)
def test_a_named_apposition_before_an_auxiliary_is_the_speaker(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Health Minister Lena Ostrova said the ministry had not recorded 31 deaths.",
            [("", 31, True), ("Lena Ostrova", None, False)],
        ),
        (
            "The mayor said police had never counted 31 bodies; she said the toll was 19.",
            [("", 31, True), ("mayor", 19, False)],
        ),
        (
            "Rescuers said they did not find more than 12 survivors in the rubble.",
            [("", 12, True), ("Rescuers", None, False)],
        ),
        # A negated act that is no count keeps its figure, and so does a
        # figure before the negation.
        (
            "The ministry said it could not reach 30 villages.",
            [("ministry", 30, False)],
        ),
        (
            "The coastguard said 31 fishermen had not been found.",
            [("coastguard", 31, False)],
        ),
        # A figure given as someone's stays theirs.
        (
            "The army said it had never confirmed the monitor's figure of 45.",
            [("army", None, False), ("monitor", 45, False)],
        ),
        # A negated cue is its own rule: the figure is unbound, and the
        # speaker the words cannot name proposes nothing of its own.
        (
            "The minister did not say 40 people died, the spokesman said.",
            [("", 40, True)],
        ),
    ],
)
def test_a_count_said_not_to_have_happened_is_nobodys(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Norvane Group said 500 employees would lose their jobs, a figure its own works council "
            "called too low.",
            [("Norvane Group", 500, False), ("works council", None, False)],
        ),
        ("Their own auditors said 40 accounts were frozen.", [("auditors", 40, False)]),
    ],
)
def test_own_after_a_possessive_is_no_part_of_the_name(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'The mayor quoted a firefighter as saying "we pulled out 14 people", and said 20 homes burned.',
            [("firefighter", 14, False), ("mayor", 20, False)],
        ),
        (
            "State radio quoted the governor as saying 30 people died, and said 12 people were missing.",
            [("State radio", 12, False), ("governor", 30, False)],
        ),
        # The one quoted goes on in the passive, and within the quotation.
        (
            "The minister was quoted by state media as saying 16 people died, and said 4 were hurt.",
            [("minister", 4, False), ("minister", 16, False)],
        ),
        (
            "The agency quoted a doctor as saying 30 people died and 12 were hurt.",
            [("doctor", 12, False), ("doctor", 30, False)],
        ),
    ],
)
def test_after_quoting_someone_the_quoter_goes_on(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The court heard the defendant had told police 3 men were involved.", [("defendant", 3, False)]),
        ("The inquiry heard a fire officer said 40 flats had no alarms.", [("fire officer", 40, False)]),
        # "heard" after anyone but a hearing is part of the subject.
        ("Residents who heard the blast said 30 people were hurt.", [("Residents", 30, False)]),
    ],
)
def test_what_a_hearing_heard_is_the_witness_s(text, expected):
    assert proposals(text) == expected
