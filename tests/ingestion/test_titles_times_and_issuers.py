"""A speaker's name is never cut or padded, and a document is credited only
to whoever issued it (ingestion/extraction/speakers.py, time_phrases.py,
documents.py, proposals.py):

- a title-like first word is part of an organisation's name ("General
  Motors", "Major League Baseball") and is dropped only before a person's
  name ("General Ahmed Said", "Gen. Mark Milley");
- a time phrase before the speaker ("Hours later", "Later that day", "By
  nightfall") says when, not who;
- "the report" / "the statement" is the speaker's only when the article had
  that speaker issue it: a report someone received, read or obtained is not
  theirs, and its figure goes to the editor unbound.

Paragraphs written for these rules. Each case lists every proposal of the
paragraph as (speaker, figure value, unbound): ("", 30, True) is a figure
nobody can be credited with."""

import pytest

from tests.ingestion.paragraphs import proposals

# A title-like word opening an organisation's name stays in it; a title
# before a person's name is dropped.
TITLES = [
    pytest.param(
        "General Motors said on Tuesday it would cut 2,000 jobs at its Ohio assembly plants.",
        [("General Motors", 2000, False)],
        id="general-motors",
    ),
    pytest.param(
        "General Dynamics told investors that 14 submarines were on order. "
        "Chief executive Phebe Novakovic said the shipyard would hire 600 welders.",
        [("General Dynamics", 14, False), ("Phebe Novakovic", 600, False)],
        id="general-dynamics-then-its-chief-executive",
    ),
    pytest.param(
        "Major League Baseball said 30 games had been postponed because of the heat. "
        "It said 4 stadiums would install extra shade.",
        [("Major League Baseball", 4, False), ("Major League Baseball", 30, False)],
        id="major-league-is-an-organisation-for-it",
    ),
    pytest.param(
        "General Electric said 1,200 workers at its turbine plant would be furloughed. "
        "General Ahmed Said, the regional army commander, said 40 fighters had surrendered near the pipeline.",
        [("Ahmed Said", 40, False), ("General Electric", 1200, False)],
        id="company-and-general-side-by-side",
    ),
    pytest.param(
        "Admiral Insurance said 8,000 claims had been filed since the storm. "
        "Admiral Tony Radakin said 3 navy ships were helping with the evacuation.",
        [("Admiral Insurance", 8000, False), ("Tony Radakin", 3, False)],
        id="insurer-and-admiral",
    ),
    pytest.param(
        "General Mills said on Monday that 700 jobs would move to its plant in Mexico. "
        "It said 3 warehouses in Minnesota would close.",
        [("General Mills", 3, False), ("General Mills", 700, False)],
        id="title-before-one-word-kept-whole",
    ),
    pytest.param(
        "Gen. Mark Milley toured the base on Friday. "
        "General Milley said 12 soldiers had been wounded in the rocket attack.",
        [("Mark Milley", 12, False)],
        id="title-before-a-family-name-seen-earlier",
    ),
    pytest.param(
        "General Motors Chief Executive Mary Barra said 2,000 jobs would go at the Lordstown plant.",
        [("Mary Barra", 2000, False)],
        id="company-then-chief-executive",
    ),
    pytest.param(
        "Colonel Anton Reiss said 9 trucks were destroyed in the ambush. He said 2 drivers were missing.",
        [("Anton Reiss", 2, False), ("Anton Reiss", 9, False)],
        id="colonel-stays-a-person",
    ),
]

# A time phrase before the speaker is no part of its name.
TIMES = [
    pytest.param(
        "Hours later the rebel command said 12 prisoners had been freed in an exchange.",
        [("rebel command", 12, False)],
        id="hours-later",
    ),
    pytest.param(
        "Later that day the health ministry said 85 people had been treated for smoke inhalation.",
        [("health ministry", 85, False)],
        id="later-that-day",
    ),
    pytest.param(
        "By nightfall the governor's office said 300 homes had lost power.",
        [("governor's office", 300, False)],
        id="by-nightfall",
    ),
    pytest.param(
        "Earlier on Sunday the coast guard said 6 fishermen were missing. "
        "Shortly afterwards, it said 2 boats had been found.",
        [("coast guard", 2, False), ("coast guard", 6, False)],
        id="earlier-on-sunday-then-it",
    ),
    pytest.param(
        "On Monday night the army said 5 drones were shot down over the port.",
        [("army", 5, False)],
        id="on-monday-night",
    ),
    pytest.param(
        "At dawn the health ministry said 85 people had been treated. "
        "Hours later the ministry said 97 patients had been discharged.",
        [("health ministry", 85, False), ("health ministry", 97, False)],
        id="the-ministry-after-a-time-phrase-is-the-one-named-before",
    ),
    pytest.param(
        "The Morning Star said 5 nurses had resigned over the new rota.",
        [("Morning Star", 5, False)],
        id="a-name-with-a-time-word-stays-whole",
    ),
    pytest.param(
        "GENEVA, March 3 (AP) -- The relief agency said 40 lorries crossed the border.",
        [("relief agency", 40, False)],
        id="a-dateline-is-no-time-phrase-of-the-speaker",
    ),
]

# "The report" / "the statement" is the speaker's only when the article had
# them issue it.
DOCUMENTS = [
    pytest.param(
        "Police said they received a report of gunfire near the market shortly after midnight. "
        "The report said 3 people had been wounded.",
        [("", 3, True), ("Police", None, False)],
        id="a-report-received-is-not-the-receivers",
    ),
    pytest.param(
        "Police said they had received a report of gunfire, and the report said 3 people were wounded.",
        [("", 3, True), ("Police", None, False)],
        id="received-in-the-same-sentence",
    ),
    pytest.param(
        "The mayor said she had read the inspectors' report overnight. The report said 40 homes were unsafe.",
        [("", 40, True), ("mayor", None, False)],
        id="a-report-read-is-not-the-readers",
    ),
    pytest.param(
        "The ministry said it was still studying the findings. The report said 15 schools lacked fire exits.",
        [("", 15, True), ("ministry", None, False)],
        id="no-report-issued-by-the-last-speaker",
    ),
    pytest.param(
        "The UN agency said it had obtained a copy of a statement circulated among aid groups. "
        "The statement said 11 villages had been cleared.",
        [("", 11, True), ("UN agency", None, False)],
        id="a-statement-obtained-is-not-the-holders",
    ),
    pytest.param(
        "The UN agency said it had obtained a copy of a statement, and the statement said 11 villages were cleared.",
        [("", 11, True), ("UN agency", None, False)],
        id="obtained-in-the-same-sentence",
    ),
    pytest.param(
        "The water authority received a statement from Halden Hydro on Friday. "
        "The statement said 2 spillways had failed.",
        [("Halden Hydro", 2, False)],
        id="received-from-names-the-issuer",
    ),
    pytest.param(
        "Police received a report from residents about a gas leak. The report said 20 flats were evacuated.",
        [("residents", 20, False)],
        id="the-issuer-stops-before-what-the-report-is-about",
    ),
    pytest.param(
        "The interior ministry said in a statement that 7 suspects were detained. "
        "The statement said 3 officers were hurt.",
        [("interior ministry", 3, False), ("interior ministry", 7, False)],
        id="said-in-a-statement-issues-it",
    ),
    pytest.param(
        "The port authority said in a statement that 7 cranes were idle, "
        "and the statement added that 3 ships were waiting.",
        [("port authority", 3, False), ("port authority", 7, False)],
        id="issued-earlier-in-the-same-sentence",
    ),
    pytest.param(
        "Ghana and Togo said 30 smugglers were arrested at the border. The statement said 4 warehouses were sealed.",
        [("", 4, True), ("Ghana", 30, False), ("Togo", 30, False)],
        id="a-joint-speech-is-no-joint-statement",
    ),
    pytest.param(
        "Ghana and Togo said in a joint statement that 30 smugglers were arrested at the border. "
        "The statement said 4 warehouses were sealed.",
        [("Ghana", 4, False), ("Ghana", 30, False), ("Togo", 4, False), ("Togo", 30, False)],
        id="a-joint-statement-named-again",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_a_title_is_dropped_only_before_a_persons_name(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(("text", "expected"), TIMES)
def test_a_time_phrase_before_the_speaker_is_no_part_of_its_name(text, expected):
    assert proposals(text) == expected


@pytest.mark.parametrize(("text", "expected"), DOCUMENTS)
def test_a_document_named_again_is_only_its_issuers(text, expected):
    assert proposals(text) == expected
