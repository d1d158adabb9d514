"""A figure a sentence gives as someone else's, inside the main speaker's
sentence, is never the main speaker's: one reported, cited or put forward
by another ("the 25 arrests announced by police"), one in a question put
to the speaker ("Asked whether 150 prisoners had escaped"), and what
someone's claim says ("the army's claim that 80 fighters surrendered")."""

import pytest

from .paragraphs import proposals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Contrary to the 25 arrests announced by police, lawyers said 60 protesters were detained.",
            [("lawyers", 60, False), ("police", 25, False)],
        ),
        (
            "The coastguard rejected a figure of 60 missing put forward by the fishermen's cooperative, "
            "saying 11 boats were unaccounted for.",
            # Rejecting a count is a denial, a claim of its own beside the 11.
            [("coastguard", None, False), ("coastguard", 11, False), ("fishermen's cooperative", 60, False)],
        ),
        (
            'The senator\'s office said she had "no knowledge" of the 2 million dollars cited by prosecutors.',
            [("prosecutors", 2_000_000, False), ("senator's office", None, False)],
        ),
        (
            "Far below the 2,000 visitors given by the festival organisers, the council said 800 people came.",
            [("council", 800, False), ("festival organisers", 2000, False)],
        ),
        (
            "The airline said 12 flights were cancelled, not the 40 flights published by a passenger group.",
            [("airline", 12, False), ("passenger group", 40, False)],
        ),
        (
            "The school board dismissed the 300 resignations released by the teachers' union as a "
            "fabrication, insisting that 45 teachers had left.",
            # The dismissal is a claim of its own, beside the board's 45.
            [("school board", None, False), ("school board", 45, False), ("teachers' union", 300, False)],
        ),
        (
            "The army denied that the 30 deaths reported by medics were caused by its shelling.",
            [("army", None, False), ("medics", 30, False)],
        ),
    ],
)
def test_a_figure_given_by_someone_else_is_theirs(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("When asked whether 150 prisoners had escaped, a prison spokesman declined to comment.", []),
        (
            "Asked if 3,000 homes had lost power, the utility said crews were working through the night.",
            [("utility", None, False)],
        ),
        (
            "A police spokeswoman, asked how many of the 200 fans had been arrested, said inquiries "
            "were continuing.",
            [("police spokeswoman", None, False)],
        ),
        (
            "Pressed on whether 3,000 homes had lost power, the utility said 1,200 customers were still cut off.",
            [("utility", 1200, False)],
        ),
        (
            "Asked about the 40 tonnes of acid reported by local media, the environment agency said it "
            "could not confirm the amount.",
            [("environment agency", None, False), ("local media", 40, False)],
        ),
    ],
)
def test_a_figure_in_a_question_is_nobodys_claim(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister repeated the army's claim that 80 fighters had surrendered.", [("army", 80, False)]),
        (
            "The ministry rejected the rebels' assertion that 40 soldiers had defected, saying 3 had deserted.",
            [("ministry", 3, False), ("rebels", 40, False)],
        ),
        (
            "The mayor said the council's report that 500 trees had been planted was wrong.",
            [("council", 500, False), ("mayor", None, False)],
        ),
    ],
)
def test_what_someones_claim_says_is_theirs(text, expected):
    assert proposals(text) == expected


def test_the_publication_speaks_only_where_nobody_is_named():
    """A figure with an empty speaker is the publication's own statement,
    never a figure someone named in the sentence gave."""
    for text in [
        "The minister repeated the army's claim that 80 fighters had surrendered.",
        "When asked whether 150 prisoners had escaped, a prison spokesman declined to comment.",
    ]:
        assert not [p for p in proposals(text) if p[0] == "" and p[1] is not None and not p[2]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"Nobody died," said the factory\'s owner, Lars Vik, contradicting firefighters who had '
            "reported 3 deaths.",
            [("Lars Vik", None, False), ("firefighters", 3, False)],
        ),
        (
            '"The bridge is safe," said the county engineer, Omar Reyes, quoting inspectors who had '
            "counted 4 cracked beams.",
            [("Omar Reyes", None, False), ("inspectors", 4, False)],
        ),
        (
            "The union, echoing nurses who said 40 staff had resigned, called for talks.",
            [("nurses", 40, False)],
        ),
    ],
)
def test_a_participle_is_no_part_of_a_speakers_name(text, expected):
    assert proposals(text) == expected


def test_a_stressed_name_is_the_person_named_before():
    text = "The mayor, Dana Cole, spoke first. Cole herself said 40 homes were lost."
    assert ("Dana Cole", 40, False) in proposals(text)
    # Two Coles: which one, not known.
    text = "Dana Cole and Ben Cole spoke. Cole herself said 40 homes were lost."
    assert ("", 40, True) in proposals(text)


@pytest.mark.parametrize(
    ("text", "speaker", "figure"),
    [
        (
            "The town's mayor, Ilse Brandt, said 300 homes had been flooded. "
            "Her deputy disputed that, saying the true number was closer to 120.",
            "Ilse Brandt's deputy",
            120,
        ),
        ("Tom Ash said 5 people were hurt. His lawyer said 7 were hurt.", "Tom Ash's lawyer", 7),
        # No one person before: the bare role, never the organisation's.
        ("The Red Cross said 5 people were hurt. Her deputy said 7 were hurt.", "deputy", 7),
        ("Tom Ash and Ilse Brandt said 5 people were hurt. Her deputy said 7 were hurt.", "deputy", 7),
    ],
)
def test_a_persons_deputy_is_someone_else(text, speaker, figure):
    assert (speaker, figure, False) in proposals(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said the number of dead could rise to 300.", [("ministry", None, False)]),
        ("The agency said arrivals may top 20,000 this year.", [("agency", None, False)]),
        (
            "Officials said 40 people had died and the toll was expected to climb to 100.",
            [("Officials", 40, False)],
        ),
        ("The union said it would hire 300 workers.", [("union", 300, False)]),
    ],
)
def test_a_projection_is_not_a_count(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The company, disputing the 400 job losses, said it would cut 150 posts.",
            [("", 400, True), ("company", 150, False)],
        ),
        (
            "The council, rejecting the 90 complaints the residents' group listed, said 12 complaints had been upheld.",
            # Whoever gave it is named: theirs.
            [("council", 12, False), ("residents' group", 90, False)],
        ),
    ],
)
def test_a_figure_the_speaker_disputes_in_its_description_is_someones(text, expected):
    """Not the publication's background, nor the speaker's own."""
    assert proposals(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Unlike the 15 injuries the school reported, parents said 22 children were hurt.",
            [("parents", 22, False), ("school", 15, False)],
        ),
        (
            "Parents said 22 children were hurt, not the 15 injuries the school listed.",
            [("Parents", 22, False), ("school", 15, False)],
        ),
        (
            "The coach said his team scored 3 goals, not the 2 goals the referee's report gave.",
            [("coach", 3, False), ("referee", 2, False)],
        ),
        (
            "The agency said 1,200 cases were confirmed, unlike the 3,000 cases the health ministry announced.",
            [("agency", 1200, False), ("health ministry", 3000, False)],
        ),
        (
            "The army said 14 soldiers died, rejecting the 40 deaths the rebels claimed.",
            [("army", 14, False), ("rebels", 40, False)],
        ),
        (
            "Unlike the 15 injuries Greenfield School listed, parents said 22 children were hurt.",
            [("Greenfield School", 15, False), ("parents", 22, False)],
        ),
    ],
)
def test_a_figure_then_whoever_gave_it_is_theirs(text, expected):
    assert proposals(text) == expected
