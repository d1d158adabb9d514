"""Who "he" or "she" is when the sentence before named a person who did not
speak in it.

"Maria Lopez, the mayor, visited the site. 'Forty homes are gone,' she
said.": the sentence before has one person, its subject, so "she" is Maria
Lopez. The pronoun is resolved only when nobody else in that sentence could
be meant: a second person named ("with Governor Paul Ruiz"), a person
spoken of by everyday words ("with her deputy", "a farmer"), a pronoun of the
other gender ("he" in the sentence before a "she"), a subject whose title
says the other gender ("Mr Dorn ... she said"), a person named in the
pronoun's own sentence before it, or a subject that is not a person at all
all leave the figure unbound. A wrong credit is worse than none.
"""

import re

from .names import CAPITALISED_RUN, NOT_A_NAME, TITLE_WORDS, TITLED_WORD, person_name
from .text import fold
from .vocabulary import COUNTRY_NAMES

# The sentence's subject: a run of capitalised words at its start (after an
# opening "On Monday," or "Later,"; "Army spokesman Ali Noor" is one), an optional apposition set off by
# commas ("Maria Lopez, the mayor,"), then a lower-case word, its verb. A
# possessive ("Maria Lopez's aide visited") is not the person as subject.
NAME_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?\.?"
OPENING = r"^(?:(?:On|In|At|By|Later|Earlier|Late|Early|Then)\b[^,\"“]{0,30},\s+)?"
RUN = rf"(?P<run>{NAME_WORD}(?:\s+(?:{NAME_WORD}|spokes(?:man|woman|person)))*)"
SUBJECT = re.compile(rf"{OPENING}{RUN}(?P<apposition>,\s+[^,\"“]{{1,80}},)?\s+(?P<verb>[a-z]+)\b")
# The subject described first and named in the apposition: "The town's
# mayor, Ilan Voss, was blunt".
DESCRIBED_SUBJECT = re.compile(
    rf"{OPENING}(?P<apposition>(?:The|A|An)\s+[a-z][^,\"“]{{0,40}}),\s+{RUN},\s+(?P<verb>[a-z]+)\b"
)
# People spoken of by everyday words: any of them could be "he" or "she".
PERSON_NOUNS = {
    "man", "woman", "boy", "girl", "child", "baby", "mother", "father", "son", "daughter", "wife",
    "husband", "brother", "sister", "aunt", "uncle", "grandmother", "grandfather", "widow", "aide",
    "officer", "soldier", "doctor", "nurse", "teacher", "farmer", "resident", "witness", "spokesman",
    "spokeswoman", "spokesperson", "official", "worker", "survivor", "driver", "student", "neighbour",
    "neighbor", "friend", "colleague", "deputy", "commander", "guard", "engineer", "pilot", "journalist",
    "reporter", "priest", "minister", "mayor", "governor", "president", "general", "colonel", "leader",
    "chief", "victim", "patient", "owner", "manager", "director", "lawyer", "judge", "candidate", "rival",
    "envoy", "ambassador", "adviser", "advisor", "secretary", "counterpart", "partner", "shopkeeper",
    "fisherman", "firefighter", "medic", "paramedic", "rescuer", "villager", "local", "person", "one",
    "someone", "somebody", "anyone", "nobody", "everyone", "who", "whom",
}  # fmt: skip
PRONOUN_GENDER = {"he": "male", "she": "female"}
# "The spokesman added": a person the sentence before named as one.
ROLE_PRONOUNS = {"spokesman", "spokeswoman", "spokesperson"}
# The words for a person of each gender: in the sentence before, one of the
# other gender is someone else ("she" with "his house"); with "the
# spokesperson", any such word may be someone else.
GENDERED_WORDS = {"male": {"he", "him", "his", "himself"}, "female": {"she", "her", "hers", "herself"}}
# Words naming the subject's gender: a title, or the apposition's noun.
GENDER_OF_WORD = {
    **dict.fromkeys(
        ["mr", "sir", "lord", "king", "prince", "father", "brother", "man", "son", "husband", "spokesman",
         "chairman", "emir", "sultan", "sheikh"], "male"),
    **dict.fromkeys(
        ["mrs", "ms", "miss", "madam", "lady", "dame", "queen", "princess", "sister", "woman", "daughter",
         "wife", "widow", "mother", "spokeswoman", "chairwoman", "sheikha"], "female"),
}  # fmt: skip


def the_one_person(previous: str, pronoun: str, *, family_names: dict[str, str]) -> str:
    """The person "he" or "she" stands for when `previous` (the sentence
    before, in which nobody spoke) has that person as its subject and names
    nobody else; "" otherwise. `family_names` maps a family name to the one
    person named so far by it ("Lopez" -> "Maria Lopez")."""
    folded = fold(previous)
    subject = DESCRIBED_SUBJECT.match(folded) or SUBJECT.match(folded)
    if subject is None or pronoun not in PRONOUN_GENDER.keys() | ROLE_PRONOUNS:
        return ""
    name = _subject_name(subject.group("run"), family_names)
    subject_words = re.findall(
        r"[a-z]+", f"{subject.group('run')} {subject.group('apposition') or ''}".lower()
    )
    gender = PRONOUN_GENDER.get(pronoun) or GENDER_OF_WORD.get(pronoun)
    if not name or any(GENDER_OF_WORD.get(word, gender) != gender for word in subject_words if gender):
        return ""
    if pronoun in ROLE_PRONOUNS and pronoun not in subject_words:
        return ""  # "the spokesman": only a person named as one
    if not _speaks_after(folded[subject.start("verb") :]) or set(subject_words) & NOT_PEOPLE:
        return ""  # "Maria Lopez was killed", "Hurricane Maria hit the coast"
    rest = folded[subject.end("run") :]
    if names_a_person(rest, family_names) or _person_nouns(folded[subject.start("verb") :]):
        return ""
    if SOMEONE_NAMED_ALONE.search(rest):
        return ""  # "Maria Lopez met Sam": Sam may be meant
    others = {"he", "him", "his", "himself", "she", "her", "hers", "herself"} - GENDERED_WORDS.get(
        gender, set()
    )
    if set(re.findall(r"[a-z]+", rest.lower())) & others:
        return ""
    return name


# A subject that cannot speak afterwards: the victim of a passive ("was
# killed"), someone who died.
CANNOT_SPEAK = re.compile(
    r"^(?:(?:was|were|is|are|has\s+been|had\s+been|have\s+been)\s+(?:\w+\s+)?"
    r"(?:killed|shot|hurt|injured|wounded|found|buried|kidnapped|abducted|arrested|detained|taken|held|"
    r"born|named|executed|hanged|stabbed|beaten|dead|missing|sentenced|jailed|captured|hit)\b"
    r"|(?:died|dies|drowned|perished|was\s+dead)\b)"
)
# Words that make a capitalised subject something other than a person:
# "Hurricane Maria", "Operation Ivy", "Camp Hope".
NOT_PEOPLE = {
    "hurricane", "storm", "typhoon", "cyclone", "tropical", "operation", "camp", "fort", "mount", "lake",
    "river", "port", "cape", "saint", "st", "san", "santa", "hotel", "hospital", "school", "church",
}  # fmt: skip
# A lone capitalised word someone may be called by: "met Sam", "with Ana".
SOMEONE_NAMED_ALONE = re.compile(
    r"\b(?:with|and|met|meets|joined|by|told|called|phoned|thanked|hugged|beside|alongside)\s+"
    r"(?!(?:the|a|an)\b)[A-Z][a-z]+\b"
)


def _speaks_after(verb_onwards: str) -> bool:
    return CANNOT_SPEAK.match(verb_onwards.lower()) is None


def names_a_person(text: str, family_names: dict[str, str]) -> bool:
    """Whether `text` names someone who could be a person: a full name, a
    title and a word ("Colonel Reiss") or a family name named before."""
    folded = fold(text)
    if any(person_name(match.group(0)) for match in CAPITALISED_RUN.finditer(folded)):
        return True
    if any(match.group("title").lower().strip(".") in TITLE_WORDS for match in TITLED_WORD.finditer(folded)):
        return True
    return any(family_names.get(word) for word in re.findall(r"(?<![\w'\u2019-])[A-Z][a-z]+", folded))


def _subject_name(run: str, family_names: dict[str, str]) -> str:
    """The person a subject run names ("Governor Ana Ruiz" -> "Ana Ruiz";
    "Lopez" -> "Maria Lopez" when she was named before), or ""."""
    words = run.split()
    if words[0].lower() in NOT_A_NAME or any(word in COUNTRY_NAMES for word in words):
        return ""
    name = person_name(run)
    if name:
        return name
    # "Mayor Lopez" after "Maria Lopez": the full name; a family name never
    # named in full ("Colonel Reiss") is left as it is, to the speaker rules.
    known = family_names.get(words[-1].strip("."), "") if len(words) <= 2 else ""
    return known if len(known.split()) > 1 else ""


def _person_nouns(text: str) -> bool:
    return not PERSON_NOUNS.isdisjoint(re.findall(r"[a-z]+", text.lower()))


def family_names_in(text: str, family_names: dict[str, str]) -> set[str]:
    """The family names of the people `text` names: full names, titled
    words and family names named before ("Lopez" for "Maria Lopez")."""
    folded = fold(text)
    found = {
        person_name(match.group(0)).split()[-1]
        for match in CAPITALISED_RUN.finditer(folded)
        if person_name(match.group(0))
    }
    found |= {
        m.group("word")
        for m in TITLED_WORD.finditer(folded)
        if m.group("title").lower().strip(".") in TITLE_WORDS
    }
    found |= {word for word in re.findall(r"(?<![\w'\u2019-])[A-Z][a-z]+", folded) if family_names.get(word)}
    return found
