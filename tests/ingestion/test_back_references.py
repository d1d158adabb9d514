"""Speakers named again by a shorter name, documents named again, and numbers
whose noun the sentence leaves out. Each back-reference is resolved only
when the article makes it unambiguous; otherwise the figure goes to the
editor unbound (ingestion/extraction/proposals.py, speakers.py,
figure_subjects.py). Paragraphs written for these rules, in wire styles.

Each case lists every proposal of the paragraph as (speaker, figure value,
unbound): ("", 30, True) is a figure nobody can be credited with."""

import pytest

from ingestion.extraction import Lexicon, extract_claims

LEXICON = Lexicon.starting()


def ordered(found) -> list[tuple[str, int | None, bool]]:
    return sorted(found, key=lambda entry: (entry[0], -1 if entry[1] is None else entry[1], entry[2]))


def proposals(text: str) -> list[tuple[str, int | None, bool]]:
    return ordered(
        (c.speaker_name, c.figure.value_low if c.figure else None, c.speaker_unbound)
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
    )


def subject_of(text: str, value: int) -> str:
    [candidate] = [
        c
        for c in extract_claims(text, lexicon=LEXICON, sources=[])
        if c.figure and c.figure.value_low == value
    ]
    return candidate.figure.subject


# A family name alone after the full name: the person named earlier, when
# exactly one person named so far has that family name, whether it is
# written last ("Ilse Brandt") or first ("Wang Yi", "Kim Min-seok").
FAMILY_NAMES = [
    pytest.param(
        "JAKARTA (Reuters) - Chinese Foreign Minister Wang Yi arrived in the Indonesian capital on "
        "Tuesday for two days of talks. Wang said 11 cooperation agreements would be signed.",
        [("Wang Yi", 11, False)],
        id="family-name-first-after-a-title",
    ),
    pytest.param(
        "Foreign ministry spokeswoman Mao Ning took questions about the tariffs on Monday. "
        "Mao told reporters that 34 companies had been added to the export list.",
        [("Mao Ning", 34, False)],
        id="spokeswoman-by-family-name",
    ),
    pytest.param(
        "Premier Li Qiang opened the annual session of parliament in the capital. "
        "Mr Li said 12 million urban jobs would be created this year.",
        [("Li Qiang", 12_000_000, False)],
        id="honorific-and-family-name",
    ),
    pytest.param(
        "Spokeswoman Mao Ning was asked about the border crossings. "
        '"We expect 300 trucks a day to pass once the road reopens," Mao said.',
        [("Mao Ning", 300, False)],
        id="family-name-after-a-quotation",
    ),
    pytest.param(
        "Prime Minister Kim Min-seok told parliament on Thursday that the budget would be cut. "
        "Kim said 4,000 civil service posts would go.",
        [("Kim Min-seok", None, False), ("Kim Min-seok", 4000, False)],
        id="hyphenated-given-name",
    ),
    pytest.param(
        "Rescue coordinator Ilse Brandt flew over the valley at dawn. "
        "Brandt told reporters 27 climbers were still unaccounted for.",
        [("Ilse Brandt", 27, False)],
        id="family-name-last-first-mention-not-a-speaker",
    ),
    pytest.param(
        "Colonel Anton Reiss and the medic Dana Horak visited the town after the convoy was hit. "
        "Reiss said 9 trucks were destroyed, while Horak said 14 wounded had been brought to her clinic.",
        [("Anton Reiss", 9, False), ("Dana Horak", 14, False)],
        id="two-people-interleaved-by-family-name",
    ),
    pytest.param(
        "Sergei Petrov, the regional governor, toured the flooded district on Tuesday. "
        "Petrov denied that 50 homes had been lost.",
        [("", 50, True), ("Sergei Petrov", None, False)],
        id="family-name-denial-keeps-the-denied-figure-unbound",
    ),
    pytest.param(
        "Sergei Petrov, the regional governor, toured the district with Nina Orlova. "
        "He said 320 homes were under water.",
        [("", 320, True)],
        id="pronoun-with-two-people-named-stays-unbound",
    ),
    # Two people share the family name: "Wang said" could be either.
    pytest.param(
        "Foreign Minister Wang Yi and Commerce Minister Wang Wentao led the delegation to Brussels. "
        "Wang said 6 trade disputes remained open.",
        [("", 6, True)],
        id="two-wangs-no-speaker",
    ),
    pytest.param(
        "Sergei Petrov, the regional governor, and his deputy Oleg Petrov toured the district. "
        "Petrov said 320 homes were under water.",
        [("", 320, True)],
        id="two-petrovs-no-speaker",
    ),
    pytest.param(
        "Economy minister Chen Wei and the central bank governor, Mei Chen, spoke at the forum. "
        "Chen said 7 factories had closed since March.",
        [("", 7, True)],
        id="family-name-first-and-last-shared-no-speaker",
    ),
    pytest.param(
        "Chief negotiator Wang Lei said on Friday that talks would resume. "
        "Trade envoy Wang Fang said 3 issues were unresolved. Wang said 40 tariffs would be lifted.",
        [("Wang Fang", 3, False), ("Wang Lei", None, False), ("", 40, True)],
        id="two-wangs-after-both-spoke",
    ),
    # A country or an outlet is not a person whose first name it shares.
    pytest.param(
        "Defence Minister Israel Katz visited the northern border on Sunday. "
        "Israel said 12 rockets were fired across the border overnight.",
        [("Israel", 12, False)],
        id="country-is-not-a-minister-with-that-first-name",
    ),
    pytest.param(
        "Footage of the launch was aired by Russia Today on Monday. "
        "Russia said 14 drones were shot down over the region.",
        [("Russia", 14, False)],
        id="country-is-not-an-outlet-named-after-it",
    ),
    pytest.param(
        "North Korean leader Kim Jong Un and his sister Kim Yo Jong attended the parade. "
        "Kim said 12 new missiles had been tested.",
        [("", 12, True)],
        id="two-kims-no-speaker",
    ),
    pytest.param(
        "South Sudan's army clashed with rebels near the border on Monday. Sudan said 40 soldiers were killed.",
        [("Sudan", 40, False)],
        id="a-country-is-not-the-place-named-after-it",
    ),
    pytest.param(
        "Police chief Anwar Hossain said 400 detainees were freed on Monday. A second Hossain, the "
        "opposition leader Rahim Hossain, said 2,000 people marched. Hossain said 300 were injured.",
        [("", 300, True), ("", 2000, True), ("Anwar Hossain", 400, False)],
        id="a-second-person-with-the-family-name-in-the-same-sentence",
    ),
    pytest.param(
        "Coast guard chief Kuan Bi-ling said 3 of the ships were armed. "
        "Kuan told reporters that 11 vessels had entered the zone.",
        [("Kuan Bi-ling", 3, False), ("Kuan Bi-ling", 11, False)],
        id="taiwanese-spelling-family-name-first",
    ),
    pytest.param(
        "Sergei Petrov toured the flooded district, and Petrov said 40 homes were lost.",
        [("Sergei Petrov", 40, False)],
        id="full-name-earlier-in-the-same-sentence",
    ),
    pytest.param(
        "Wang said 5 inspectors would arrive next week.",
        [("Wang", 5, False)],
        id="family-name-with-no-full-name-earlier-stays-as-written",
    ),
]


# A document or body named again: "the statement", "the report", "the
# ministry's statement", whose issuer the article named before.
DOCUMENTS = [
    pytest.param(
        "The interior ministry issued a statement late on Sunday about the clashes in the port. "
        "According to the statement, 47 people were arrested.",
        [("interior ministry", 47, False), ("interior ministry", None, False)],
        id="according-to-the-statement",
    ),
    pytest.param(
        "The health ministry published its weekly cholera report on Monday. "
        "The report said 212 new cases had been recorded.",
        [("health ministry", 212, False)],
        id="the-report-said-after-published",
    ),
    pytest.param(
        "The Defence Ministry released a statement after the attack on the base. "
        "The ministry's statement said 12 soldiers were wounded.",
        [("Defence Ministry", 12, False), ("Defence Ministry", None, False)],
        id="the-ministrys-statement",
    ),
    pytest.param(
        "A report by the Halvard Institute was released in Oslo on Thursday. "
        "The report said 80,000 people lacked clean water.",
        [("Halvard Institute", 80_000, False)],
        id="a-report-by",
    ),
    pytest.param(
        "Amnesty International's annual report was published on Tuesday. "
        "According to the report, 1,150 executions were recorded worldwide.",
        [("Amnesty International", 1150, False)],
        id="possessive-report",
    ),
    pytest.param(
        "In Amnesty International's annual report, the group criticised the courts. "
        "According to the report, 1,150 executions were recorded.",
        [("Amnesty International", 1150, False)],
        id="possessive-report-after-a-preposition",
    ),
    pytest.param(
        "Interior Minister Leila Mansour's statement was read on state television. "
        "The statement said 30 people were detained.",
        [("Leila Mansour", 30, False)],
        id="a-ministers-statement",
    ),
    pytest.param(
        "The electoral commission said in a statement that counting had finished in most districts. "
        "Opposition leaders said they would challenge the count. "
        "The statement said turnout was 61 percent.",
        [
            ("Opposition leaders", None, False),
            ("electoral commission", None, False),
            ("electoral commission", 61, False),
        ],
        id="statement-of-a-speaker-two-sentences-back",
    ),
    pytest.param(
        "The army released a statement on the raid. Witnesses said the soldiers arrived at dawn. "
        "The statement said 7 suspects were detained.",
        [("Witnesses", None, False), ("army", 7, False), ("army", None, False)],
        id="statement-not-credited-to-the-last-speaker",
    ),
    pytest.param(
        "The fire service said in a statement that 3 crews were still at the site. "
        "Its spokesman, Piotr Zielin, told reporters the roof had collapsed. "
        "According to the statement, 40 homes were evacuated.",
        [("Piotr Zielin", None, False), ("fire service", 3, False), ("fire service", 40, False)],
        id="a-body-and-its-spokesman",
    ),
    pytest.param(
        "Reuters reported on Monday that the talks had stalled. The report said 3 negotiators had left.",
        [("Reuters", 3, False), ("Reuters", None, False)],
        id="the-report-of-an-outlet-that-reported",
    ),
    # Two issuers, or no issuer named: nobody is credited.
    pytest.param(
        "The army issued a statement on Friday morning. The rebel command released a statement "
        "of its own hours later. According to the statement, 30 fighters had surrendered.",
        [("", 30, True), ("army", None, False), ("rebel command", None, False)],
        id="two-statements-according-to-no-speaker",
    ),
    pytest.param(
        "The army issued a statement on Friday morning. The rebel command released a statement "
        "of its own hours later. The statement said 30 fighters had surrendered.",
        [("", 30, True), ("army", None, False), ("rebel command", None, False)],
        id="two-statements-the-statement-said-no-speaker",
    ),
    pytest.param(
        "The government issued a statement on the budget, and the opposition issued one too. "
        "The statement said 5 ministers had resigned.",
        [("", 5, True), ("government", None, False)],
        id="and-another-issued-one-too-no-speaker",
    ),
    pytest.param(
        "The army said in a statement that 30 soldiers died, while medics said 40 civilians were killed. "
        "The statement said 12 villages were shelled.",
        [("", 12, True), ("army", 30, False), ("medics", 40, False)],
        id="statement-named-beside-two-speakers-no-speaker",
    ),
    pytest.param(
        "The Red Cross published its annual report on Thursday. The Red Cross said 12 of its staff were "
        "killed. According to the report, 40,000 families received aid.",
        [("Red Cross", 12, False), ("Red Cross", 40_000, False)],
        id="a-report-two-sentences-back",
    ),
    pytest.param(
        "The port authority issued a statement on the fire on Monday. "
        "According to a statement seen on Tuesday, 6 workers were still missing.",
        [("", 6, True), ("port authority", None, False)],
        id="a-new-statement-is-not-the-earlier-one",
    ),
    pytest.param(
        "Amnesty International's annual report was released on Tuesday. Reuters reported that the "
        "prison had been closed. The report said 40 inmates had died.",
        [("", 40, True), ("Reuters", None, False)],
        id="a-report-and-an-outlet-that-reported-no-speaker",
    ),
    pytest.param(
        "The ministry said in a statement that 3 were killed. The army issued a statement later. "
        "The ministry's statement said 40 were wounded.",
        [("army", None, False), ("ministry", 3, False), ("ministry", 40, False)],
        id="the-ministrys-statement-among-two-issuers",
    ),
    pytest.param(
        "Hospitals in the city were overwhelmed on Sunday. The report said 90 patients were turned away.",
        [("", 90, True)],
        id="the-report-with-no-issuer",
    ),
    pytest.param(
        "The ministry of health and the ministry of the interior each published a report on Monday. "
        "The ministry's report said 19 clinics had closed.",
        [("", 19, True)],
        id="two-ministries-reports-no-speaker",
    ),
]


# A number whose noun the sentence leaves out: counted only when the
# sentence says what it counts.
ELIDED_NOUNS = [
    pytest.param(
        "Police said 40 people were detained and 12 were later released.",
        [("Police", 12, False), ("Police", 40, False)],
        id="bare-number-after-a-counted-noun",
    ),
    pytest.param(
        "Of the 90 passengers on board, 71 were rescued, the coast guard said.",
        [("coast guard", 71, False), ("coast guard", 90, False)],
        id="part-of-the-passengers",
    ),
    pytest.param(
        "Russia's defence ministry said 200 were killed in the strikes.",
        [("Russia's defence ministry", 200, False)],
        id="bare-number-killed",
    ),
    pytest.param(
        "Organisers said 5,000 marched to the parliament, while police estimated the crowd at 1,200.",
        [("Organisers", 5000, False), ("police", 1200, False)],
        id="marchers-and-a-crowd-estimate",
    ),
    pytest.param(
        "The rebels put their losses at 20 after the battle for the ridge.",
        [("rebels", 20, False)],
        id="put-their-losses-at",
    ),
    pytest.param(
        "The governor's office put its toll at 31 on Friday evening.",
        [("governor's office", 31, False)],
        id="put-its-toll-at",
    ),
    pytest.param(
        "Police arrested 30 after the march, the interior ministry said.",
        [("interior ministry", 30, False)],
        id="arrested-a-bare-number",
    ),
    pytest.param(
        "The ministry said 30 homes were destroyed and 12 were damaged.",
        [("ministry", 12, False), ("ministry", 30, False)],
        id="bare-number-after-homes",
    ),
    # Nothing in the sentence says what the number counts: no figure.
    pytest.param(
        "Rescuers said they had pulled 14 from the rubble.",
        [("Rescuers", None, False)],
        id="pulled-from-rubble-bodies-or-survivors",
    ),
    pytest.param(
        "The company said 400 would lose their jobs by June.",
        [("company", None, False)],
        id="would-lose-their-jobs",
    ),
    pytest.param(
        "The army denied that 200 were killed.",
        [("", 200, True), ("army", None, False)],
        id="denied-bare-number-unbound",
    ),
    pytest.param(
        "Police said 3 were hurt in the 1990 riots, which left 40 dead.",
        [("Police", 3, False), ("Police", 40, False)],
        id="bare-number-hurt",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FAMILY_NAMES)
def test_a_family_name_is_the_one_person_named_with_it(text, expected):
    assert proposals(text) == ordered(expected)


@pytest.mark.parametrize(("text", "expected"), DOCUMENTS)
def test_a_document_named_again_is_its_issuers_when_only_one_issued_it(text, expected):
    assert proposals(text) == ordered(expected)


@pytest.mark.parametrize(("text", "expected"), ELIDED_NOUNS)
def test_a_number_without_its_noun_counts_only_when_the_sentence_says_what(text, expected):
    assert proposals(text) == ordered(expected)


@pytest.mark.parametrize(
    ("text", "value", "subject"),
    [
        ("Russia's defence ministry said 200 were killed in the strikes.", 200, "people killed"),
        ("Police said 40 people were detained and 12 were later released.", 12, "people released"),
        ("The ministry said 30 homes were destroyed and 12 were damaged.", 12, "homes damaged"),
        ("Of the 90 passengers on board, 71 were rescued, the coast guard said.", 71, "passengers rescued"),
        ("Organisers said 5,000 marched to the parliament.", 5000, "people marched"),
        ("Police arrested 30 after the march, the interior ministry said.", 30, "people arrested"),
        ("Police said 2 officers were hurt and 14 were arrested.", 14, "people arrested"),
        ("The blast killed 3 and wounded 12, police said.", 12, "people wounded"),
        ("The ministry said 40 were destroyed.", 40, "destroyed"),
        ("The rebels put their losses at 20 after the battle.", 20, "losses"),
    ],
)
def test_the_elided_noun_is_read_from_the_sentence(text, value, subject):
    assert subject_of(text, value) == subject


# "the figure", "the true number": a figure that answers another counts what
# that one counts, when exactly one thing was counted just before it (in its
# own sentence first, else in the sentence before). Otherwise it keeps its
# bare subject, for the editor (ingestion/extraction/reference_subjects.py).
ANSWERING_FIGURES = [
    pytest.param(
        "According to the Red Cross, 2,500 people spent the night in shelters, though local "
        "officials said the figure was nearer 1,800.",
        1800,
        "people",
        id="the-figure-in-the-same-sentence",
    ),
    pytest.param(
        "The town's mayor said 300 homes had been flooded. Her deputy disputed that, saying the "
        "true number was closer to 120.",
        120,
        "homes",
        id="the-true-number-in-the-next-sentence",
    ),
    pytest.param(
        "The army said 30 soldiers had died. Medics counted 12 bodies at the morgue, and a monitor "
        "said the real total was 15.",
        15,
        "bodies",
        id="its-own-sentence-before-the-one-before",
    ),
    pytest.param(
        "The ministry said 40 homes were destroyed and 12 schools were damaged. Residents said the "
        "real figure was 90.",
        90,
        "figure",
        id="two-things-counted-before-stays-bare",
    ),
    pytest.param(
        "Police said 6 people were missing. The river rose again overnight. Officials said the figure was 9.",
        9,
        "figure",
        id="a-sentence-between-stays-bare",
    ),
    pytest.param(
        "Police said 6 people were missing. The interior ministry put the death toll at 17.",
        17,
        "death toll",
        id="a-toll-says-what-it-counts",
    ),
]


@pytest.mark.parametrize("text, value, subject", ANSWERING_FIGURES)
def test_a_figure_answering_another_counts_what_it_counts(text, value, subject):
    assert subject_of(text, value) == subject


# An "-ing" form of a figure verb before the number says what happened to
# what is counted, as its past participle does ("killed 200 militants").
GERUNDS = [
    pytest.param(
        "Floods swept the town on Tuesday, killing at least 14 people, officials said.", 14, "people killed"
    ),
    pytest.param(
        "Shelling hit the port, injuring 5 soldiers and killing 3 civilians, the army said.",
        5,
        "soldiers injured",
    ),
    pytest.param(
        "Shelling hit the port, injuring 5 soldiers and killing 3 civilians, the army said.",
        3,
        "civilians killed",
    ),
    pytest.param("The storm hit overnight, damaging 40 homes, the council said.", 40, "homes damaged"),
    pytest.param("The strike closed the plant, idling 300 workers, the union said.", 300, "workers"),
]


@pytest.mark.parametrize("text, value, subject", GERUNDS)
def test_an_ing_verb_before_the_number_says_what_happened_to_it(text, value, subject):
    assert subject_of(text, value) == subject
