"""Speakers who speak together, several speakers in one sentence, and
reported speech carried to the next sentence: every figure goes to everyone
who stated it and to nobody else; when the words cannot say who, nobody is
credited (joint.py, proposals.py)."""

import pytest

from ingestion.extraction import KnownSource, Lexicon, extract_claims

LEXICON = Lexicon.starting()
MONITOR = KnownSource(1, "Levant Monitor for Civil Rights", ("LMCR", "the Monitor"))
ARMY = KnownSource(2, "Levant Army Command", ("Levant army",))
FREE_ARMY = KnownSource(3, "Free Levant Army", ())
MAKERS = KnownSource(4, "Pike and Rowe", ())


def pairs(text, sources=()):
    return [
        (c.speaker_name, c.figure.value_low if c.figure else None, c.speaker_unbound)
        for c in extract_claims(text, lexicon=LEXICON, sources=list(sources))
    ]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("Norland and Estavia said 140 fighters were killed.", ["Norland", "Estavia"]),
        ("The UN and the Red Cross said 2,600 people had fled the valley.", ["UN", "Red Cross"]),
        (
            "Officials from Norland and Estavia told reporters that 11 guards died.",
            ["Officials from Norland", "Officials from Estavia"],
        ),
        (
            "The port authority, the coast guard and the navy said 17 sailors were missing.",
            ["port authority", "coast guard", "navy"],
        ),
        ("Both the ministry and the clinic said 64 children were treated.", ["ministry", "clinic"]),
        (
            "According to Norland and the Estavian army, 140 fighters were killed.",
            ["Norland", "Estavian army"],
        ),
    ],
)
def test_a_joint_statement_gives_the_figure_to_each_speaker(text, speakers):
    found = extract_claims(text, lexicon=LEXICON, sources=[])
    assert sorted(c.speaker_name for c in found) == sorted(speakers)
    assert len({c.figure.value_low for c in found}) == 1
    assert not any(c.speaker_unbound for c in found)
    for candidate in found:
        assert sorted(candidate.joint_with) == sorted(s for s in speakers if s != candidate.speaker_name)


def test_joint_speakers_are_never_merged_into_one_new_source():
    names = {name for name, _, _ in pairs("Norland and Estavia said 140 fighters were killed.")}
    assert "Norland and Estavia" not in names


def test_joint_speakers_each_match_their_own_source():
    text = "The Levant Monitor for Civil Rights and the Levant army said 25 insurgents were killed."
    found = extract_claims(text, lexicon=LEXICON, sources=[MONITOR, ARMY, FREE_ARMY])
    assert sorted((c.source_id, c.figure.value_low) for c in found) == [(1, 25), (2, 25)]


def test_a_source_named_with_and_stays_one_speaker():
    found = extract_claims("Pike and Rowe said 45 workers were laid off.", lexicon=LEXICON, sources=[MAKERS])
    assert [(c.source_id, c.joint_with) for c in found] == [(4, [])]


def test_an_and_inside_a_name_is_neither_split_nor_merged():
    """'the Bureau of Roads and Public Works' is one name or two actors: the
    figure is proposed for the editor to credit."""
    text = "The Bureau of Roads and Public Works said 80 bridges were closed."
    assert pairs(text) == [("", 80, True)]


def test_a_collective_of_everyday_words_is_one_speaker_as_written():
    assert pairs("Medics and residents said 19 civilians were hurt.") == [("Medics and residents", 19, False)]


def test_two_groups_that_are_not_only_everyday_speaker_words_are_both_credited():
    assert pairs("Medics and volunteers said 19 civilians were hurt.") == [
        ("Medics", 19, False),
        ("volunteers", 19, False),
    ]


def test_a_pronoun_in_a_joint_statement_leaves_the_figure_to_the_editor():
    assert pairs("She and her brother said 3 neighbours died.") == [("", 3, True)]


def test_an_action_before_and_is_not_a_co_speaker():
    assert pairs("The army shelled the ridge and rebels said 15 fighters died.") == [("rebels", 15, False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The governor said 14 people died, but the rescue team said 40.",
            [("governor", 14, False), ("rescue team", 40, False)],
        ),
        (
            "The governor said 14 people died, while the rescue team put the toll at 40.",
            [("governor", 14, False), ("rescue team", 40, False)],
        ),
        (
            "The governor said 14 people died; the rescue team said 40 people died.",
            [("governor", 14, False), ("rescue team", 40, False)],
        ),
        (
            "The rescue team said 40 people died, but the governor said at least 14 had died.",
            [("rescue team", 40, False), ("governor", 14, False)],
        ),
    ],
)
def test_two_speakers_in_one_sentence_keep_their_own_figure(text, expected):
    assert pairs(text) == expected


def test_a_short_second_figure_counts_what_the_first_counts():
    found = extract_claims(
        "The governor said 14 people died, but the rescue team said 40.", lexicon=LEXICON, sources=[]
    )
    assert [c.figure.subject for c in found] == ["people died", "people died"]


def test_a_bare_number_with_no_figure_before_it_is_not_a_figure():
    assert pairs("The rescue team said 40.") == [("rescue team", None, False)]


@pytest.mark.parametrize(
    ("text", "carried"),
    [
        (
            "The port authority said 9 cranes were damaged. It said 3 ships had sunk.",
            ("port authority", 3, False),
        ),
        (
            "Norland and Estavia said 140 fighters were killed. They said 12 tanks were destroyed.",
            None,  # both, checked below
        ),
        (
            "The ministry said 30 people were hurt, while the clinic said 52. It said 6 people had died.",
            ("", 6, True),
        ),
        (
            "Norland and Estavia said 140 fighters were killed. It said 12 tanks were destroyed.",
            ("", 12, True),
        ),
    ],
)
def test_reported_speech_goes_on_into_the_next_sentence_only_when_unambiguous(text, carried):
    found = pairs(text)
    if carried is None:
        assert sorted(p for p in found if p[1] == 12) == [("Estavia", 12, False), ("Norland", 12, False)]
    else:
        assert [p for p in found if p[1] == carried[1]] == [carried]


def test_a_quotation_after_a_quoted_speaker_stays_with_that_speaker():
    text = '"We are out of beds," the clinic said. "Over 70 patients came in overnight."'
    assert pairs(text) == [("clinic", None, False), ("clinic", 70, False)]


@pytest.mark.parametrize(
    ("text", "source_id"),
    [
        ("The Levant Monitor for Civil Rights said 20 insurgents were killed.", 1),
        ("The Levant army said 20 insurgents were killed.", 2),
        ("The Free Levant Army said 20 insurgents were killed.", 3),
    ],
)
def test_actors_whose_names_share_a_word_stay_distinct(text, source_id):
    (candidate,) = extract_claims(text, lexicon=LEXICON, sources=[MONITOR, ARMY, FREE_ARMY])
    assert candidate.source_id == source_id


def test_two_actors_sharing_a_word_in_one_document_keep_their_own_figures():
    text = (
        "The Free Levant Army said 20 insurgents were killed. "
        "The Levant army said 200 insurgents were killed. "
        "The Monitor said 35 insurgents were killed."
    )
    found = extract_claims(text, lexicon=LEXICON, sources=[MONITOR, ARMY, FREE_ARMY])
    assert [(c.source_id, c.figure.value_low) for c in found] == [(3, 20), (2, 200), (1, 35)]


@pytest.mark.parametrize(
    "text",
    [
        "Norland and Estavia both said 140 fighters were killed.",
        "Norland and Estavia all said 140 fighters were killed.",
        "Norland and Estavia jointly said 140 fighters were killed.",
    ],
)
def test_a_floating_both_or_all_is_no_part_of_a_speakers_name(text):
    assert sorted(name for name, _figure, _unbound in pairs(text)) == ["Estavia", "Norland"]


@pytest.mark.parametrize(
    "closing",
    [
        "Costa said 4 bridges had failed.",
        "Mr Costa said 4 bridges had failed.",
        "Four bridges failed, according to Costa.",
    ],
)
def test_a_surname_two_people_share_credits_neither_of_them(closing):
    text = (
        "Maria Costa, the mayor, said 90 homes were flooded. "
        f"Her cousin Paulo Costa, a farmer, said 300 cattle drowned. {closing}"
    )
    assert [p for p in pairs(text) if p[1] == 4] == [("", 4, True)]


def test_a_surname_one_person_has_is_that_person():
    text = "Maria Costa, the mayor, said 90 homes were flooded. Costa said 4 bridges had failed."
    assert [p for p in pairs(text) if p[1] == 4] == [("Maria Costa", 4, False)]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # "Officials in" does not carry over to an actor of its own kind.
        (
            "Health officials in Norland and Estavia's army said 50 people died.",
            ["Estavia's army", "Health officials in Norland"],
        ),
        # Officials in two places, or officials and an organisation: the words cannot tell.
        ("Officials in Norland and the Upper Valley said 70 people were held.", [""]),
        (
            "Officials from Norland and Estavia said 70 people were held.",
            ["Officials from Estavia", "Officials from Norland"],
        ),
    ],
)
def test_officials_from_a_place_are_shared_only_with_another_place(text, speakers):
    assert sorted(name for name, _, _ in pairs(text)) == speakers


@pytest.mark.parametrize(
    ("text", "endorser"),
    [
        ("Norland said its drones hit 14 depots, and Estavia agreed.", "Estavia"),
        ("The port authority said 9 cranes fell and the harbour police agreed.", "harbour police"),
        ("Norland said 200 lorries crossed on Sunday, a figure confirmed by the Red Cross.", "Red Cross"),
    ],
)
def test_an_actor_who_agrees_in_a_clause_of_its_own_is_credited_with_the_same_figure(text, endorser):
    found = extract_claims(text, lexicon=LEXICON, sources=[])
    credited = {c.speaker_name: c.figure.value_low for c in found}
    first = next(c.speaker_name for c in found if c.speaker_name != endorser)
    assert credited[endorser] == credited[first]
    assert [c.joint_with for c in found if c.speaker_name == endorser] == [[first]]


@pytest.mark.parametrize(
    "text",
    [
        # Which of the two statements the Red Cross agrees with is a guess.
        "The ministry said 40 people died, while medics said 60, and the Red Cross agreed.",
        # "A figure" is one of two: which one is a guess.
        "Norland said 200 lorries crossed and 40 were turned back, a figure confirmed by the Red Cross.",
        # Disputing is no endorsement.
        "Norland said 200 lorries crossed on Sunday, a figure disputed by the Red Cross.",
    ],
)
def test_an_endorsement_that_could_mean_several_statements_credits_no_figure_to_the_endorser(text):
    assert all(figure is None for name, figure, _ in pairs(text) if name == "Red Cross")


@pytest.mark.parametrize(
    ("text", "expected_450"),
    [
        # The health ministry's 450 was credited to the UN.
        (
            "The UN said at least 300 people were killed, with the health ministry putting the toll at 450.",
            "health ministry",
        ),
        # Not a cue the rules know: someone else's figure, so nobody's.
        (
            "The UN said at least 300 people were killed, with the health ministry reckoning the toll at 450.",
            "",
        ),
        (
            "With the health ministry reckoning the toll at 450, the UN said at least 300 people were killed.",
            "",
        ),
    ],
)
def test_a_with_clause_with_an_actor_of_its_own_is_not_the_main_speakers(text, expected_450):
    found = {figure: (name, unbound) for name, figure, unbound in pairs(text)}
    assert found[300] == ("UN", False)
    assert found[450] == (expected_450, not expected_450)


def test_a_with_clause_that_only_details_the_figure_stays_with_the_speaker():
    text = "The UN said 300 people were killed, with 40 children among them."
    assert ("UN", 40, False) in pairs(text)


@pytest.mark.parametrize(
    "text",
    [
        # All three credited the doctors' 45 to the ministry.
        "The ministry said 30 people died, and local doctors counted 45 bodies.",
        "The ministry said 30 people died and local doctors counted 45 bodies.",
        "The ministry said 30 people died, and the hospital reckoned the toll at 45.",
    ],
)
def test_an_and_clause_where_another_actor_acts_is_not_the_first_speakers(text):
    found = {figure: (name, unbound) for name, figure, unbound in pairs(text)}
    assert found == {30: ("ministry", False), 45: ("", True)}


@pytest.mark.parametrize(
    "text",
    [
        "The army said 30 militants died, and 4 soldiers were wounded.",
        "The ministry said 30 people died, and the dead included 4 children.",
        "Rescuers recovered 30 bodies, and 4 people are missing, according to the governor.",
    ],
)
def test_an_and_clause_without_a_new_actor_goes_on_with_the_speaker(text):
    assert all(name and not unbound for name, figure, unbound in pairs(text) if figure in (30, 4))


def test_an_actor_clause_stops_a_closing_attribution_from_reaching_back():
    text = "Doctors treated 45 patients, and the ministry said 30 people died."
    found = {figure: (name, unbound) for name, figure, unbound in pairs(text)}
    assert found == {45: ("", True), 30: ("ministry", False)}


@pytest.mark.parametrize(
    "text",
    [
        # "Red" and "United" end in "-ed" but are names, not a verb going on with the speaker.
        "The UN said 40 lorries entered and Red Crescent teams handed out 900 food parcels.",
        "The ministry said 40 lorries entered, while United Nations staff reckoned 900 parcels arrived.",
        "The army said it shelled 40 positions, and troops seized 900 rifles.",
    ],
)
def test_a_clause_opened_by_another_actor_whose_name_ends_like_a_verb_is_not_the_speakers(text):
    assert [(name, unbound) for name, figure, unbound in pairs(text) if figure == 900] == [("", True)]
