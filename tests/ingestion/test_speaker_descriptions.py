"""A figure in the clause that describes a speaker ("the coalition, which has
flown 300 sorties, said ...") is the publication's background: never credited
to that speaker, who is credited only with what follows the reporting verb."""

import pytest

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def credits(text: str) -> dict[int, str]:
    """Each figure's value -> the speaker it is credited to ("" for the publication)."""
    return {
        c.figure.value_low: c.speaker_name
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
        if c.figure is not None
    }


@pytest.mark.parametrize(
    ("text", "background", "stated", "speaker"),
    [
        (
            "A spokesman for the task force, which has flown 300 sorties since spring, "
            "said 12 farmers may have been killed.",
            300,
            12,
            "spokesman for the task force",
        ),
        ("The watchdog, a network with 150 informants, said 20 guards were killed.", 150, 20, "watchdog"),
        (
            "The district council, whose 45 members left the town last year, said 8 clinics were destroyed.",
            45,
            8,
            "district council",
        ),
        (
            "Colonel Ilya Brandt, who commands 2,000 troops in the valley, told reporters that 14 soldiers had died.",
            2000,
            14,
            "Ilya Brandt",
        ),
    ],
    ids=["relative-which", "appositive", "relative-whose", "relative-who"],
)
def test_the_speakers_description_is_not_what_the_speaker_said(text, background, stated, speaker):
    found = credits(text)
    assert found[stated] == speaker
    assert found[background] == ""  # the publication's own words, for the editor to credit or drop
