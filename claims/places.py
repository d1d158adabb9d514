"""Whether two places, as editors and extractors write them, are one place.

Every comparison of places goes through `place_key`: in detection (the pair
rules, corroboration, revisions, dispute keys, the figure summary and the
event-link look-up, which import it through `detection/rules/places.py`) and
in claims (the events offered by the merge form). Two places are the same
place when their keys are equal, and different when both are given and their
keys differ. A claim without a place is not different from anything (unknown
is not different).

The key is careful rather than clever. Research on textual contradiction
finds that checking first that two statements are about the same event
avoids most false alarms (../shared/VERIFICATION.md), and a toll for
"eastern Aleppo" is not a rival of a toll for "Aleppo": so a word more or
less makes another place, and only writings that certainly name the same
place are folded together:

- case, accents, punctuation, "the", "of" and "and" are ignored, and so is the
  order of the words ("Ḥama" and "hama", "the Old City" and "Old City");
- a trailing part after a comma (or in brackets) that names a containing
  country or region is dropped: "Aleppo, Syria", "Aleppo (Syria)", "Aleppo,
  northern Syria" and "Tal Rifaat, Aleppo province, Syria" are "Aleppo" and
  "Tal Rifaat";
- "city of X", "town of X" and "village of X" are X;
- words that narrow or widen a place (north, eastern, central, province,
  governorate, district, countryside, outskirts, suburbs, near...) are kept,
  in one spelling each ("northern" is "north", "governorate" is "province",
  "rural" is "countryside"), so "eastern Aleppo" and "East Aleppo" are one
  place, and "Aleppo", "East Aleppo", "Aleppo province" and "northern Aleppo
  province" are four.

When it cannot be sure, it keeps places apart: a trailing part it does not
recognise as a containing region stays part of the place ("Aleppo, Idlib"
may be two towns), "Aleppo city" is not "Aleppo" ("Mexico City" is not
Mexico), and another transliteration ("Tal Rifat") is another place. Keeping
apart can miss a conflict or a corroboration; merging can invent one.
"""

import re
import unicodedata
from functools import lru_cache

# One spelling for each word that narrows or widens a place: two writings of
# "eastern Aleppo" share a key, and a trailing part made only of these words
# ("Aleppo, eastern districts") narrows the place rather than naming the
# region around it.
_QUALIFIERS = {
    "north": ("north",),
    "northern": ("north",),
    "south": ("south",),
    "southern": ("south",),
    "east": ("east",),
    "eastern": ("east",),
    "west": ("west",),
    "western": ("west",),
    "northeast": ("north", "east"),
    "northeastern": ("north", "east"),
    "northwest": ("north", "west"),
    "northwestern": ("north", "west"),
    "southeast": ("south", "east"),
    "southeastern": ("south", "east"),
    "southwest": ("south", "west"),
    "southwestern": ("south", "west"),
    "central": ("centre",),
    "center": ("centre",),
    "centre": ("centre",),
    "downtown": ("centre",),
    "province": ("province",),
    "provinces": ("province",),
    "governorate": ("province",),
    "governorates": ("province",),
    "region": ("region",),
    "regions": ("region",),
    "district": ("district",),
    "districts": ("district",),
    "countryside": ("countryside",),
    "rural": ("countryside",),
    "outskirts": ("outskirts",),
    "outskirt": ("outskirts",),
    "suburb": ("suburb",),
    "suburbs": ("suburb",),
    "neighbourhood": ("neighbourhood",),
    "neighbourhoods": ("neighbourhood",),
    "neighborhood": ("neighbourhood",),
    "neighborhoods": ("neighbourhood",),
    "quarter": ("quarter",),
    "quarters": ("quarter",),
    "area": ("area",),
    "areas": ("area",),
    "near": ("near",),
    "outside": ("outside",),
    "around": ("around",),
    "upper": ("upper",),
    "lower": ("lower",),
    "greater": ("greater",),
    "inner": ("inner",),
    "outer": ("outer",),
    "old": ("old",),
    "county": ("county",),
    "state": ("state",),
    "oblast": ("oblast",),
}
_COMPASS = frozenset({"north", "south", "east", "west", "centre"})
# Words that make a trailing part a region around the place when it also has
# a name: "Tal Rifaat, Azaz district", "Kharkiv, Kharkiv oblast".
_REGION_WORDS = frozenset({"province", "region", "district", "county", "state", "oblast"})
# Words that carry no place of their own.
_IGNORED = frozenset({"the", "and"})
_SETTLEMENTS = frozenset({"city", "town", "village"})

# Countries and territories, so "Aleppo, Syria" is Aleppo: a bare name after
# a comma is dropped only when it is one of these (an unknown one, such as
# "Aleppo, Idlib", may be a list of two towns and is kept).
_COUNTRIES = """
afghanistan; albania; algeria; andorra; angola; antigua and barbuda; argentina; armenia; australia;
austria; azerbaijan; bahamas; bahrain; bangladesh; barbados; belarus; belgium; belize; benin; bhutan;
bolivia; bosnia and herzegovina; bosnia; botswana; brazil; brunei; bulgaria; burkina faso; burundi;
cambodia; cameroon; canada; cape verde; cabo verde; central african republic; chad; chile; china;
colombia; comoros; congo; democratic republic of the congo; drc; dr congo; costa rica; cote d'ivoire;
ivory coast; croatia; cuba; cyprus; czech republic; czechia; denmark; djibouti; dominica;
dominican republic; ecuador; egypt; el salvador; equatorial guinea; eritrea; estonia; eswatini;
ethiopia; fiji; finland; france; gabon; gambia; georgia; germany; ghana; greece; grenada; guatemala;
guinea; guinea-bissau; guyana; haiti; honduras; hungary; iceland; india; indonesia; iran; iraq;
ireland; israel; italy; jamaica; japan; jordan; kazakhstan; kenya; kiribati; kosovo; kuwait;
kyrgyzstan; laos; latvia; lebanon; lesotho; liberia; libya; liechtenstein; lithuania; luxembourg;
madagascar; malawi; malaysia; maldives; mali; malta; marshall islands; mauritania; mauritius; mexico;
micronesia; moldova; monaco; mongolia; montenegro; morocco; mozambique; myanmar; burma; namibia;
nauru; nepal; netherlands; new zealand; nicaragua; niger; nigeria; north korea; north macedonia;
norway; oman; pakistan; palau; palestine; palestinian territories; gaza strip; panama;
papua new guinea; paraguay; peru; philippines; poland; portugal; qatar; romania; russia;
russian federation; rwanda; saint kitts and nevis; saint lucia; saint vincent and the grenadines;
samoa; san marino; sao tome and principe; saudi arabia; senegal; serbia; seychelles; sierra leone;
singapore; slovakia; slovenia; solomon islands; somalia; somaliland; south africa; south korea;
south sudan; spain; sri lanka; sudan; suriname; sweden; switzerland; syria; syrian arab republic;
taiwan; tajikistan; tanzania; thailand; timor-leste; east timor; togo; tonga; trinidad and tobago;
tunisia; turkey; turkiye; turkmenistan; tuvalu; uganda; ukraine; united arab emirates; uae;
united kingdom; uk; britain; great britain; united states; united states of america; us; usa;
uruguay; uzbekistan; vanuatu; vatican city; venezuela; vietnam; western sahara; yemen; zambia;
zimbabwe
"""

_QUALIFIER_WORDS = frozenset(word for forms in _QUALIFIERS.values() for word in forms)
_POSSESSIVE = re.compile(r"['’‘ʼ`´]s\b")
_APOSTROPHE = re.compile(r"['’‘ʼ`´]")
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    """Lower-case words without accents or apostrophes ("Aleppo's" is
    "aleppo", "Rif'at" is "rifat"), with qualifiers in one spelling and the
    words that carry no place dropped."""
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    ).casefold()
    plain = _APOSTROPHE.sub("", _POSSESSIVE.sub("", plain))
    words = []
    for word in _WORD.findall(plain):
        words.extend(_QUALIFIERS.get(word, (word,)))
    return [word for word in words if word not in _IGNORED]


def _head(words: list[str]) -> list[str]:
    """A part's words without "in" before it, "city of"/"town of" and "of"."""
    if words[:1] == ["in"]:
        words = words[1:]
    if len(words) > 2 and words[0] in _SETTLEMENTS and words[1] == "of":
        words = words[2:]
    return [word for word in words if word != "of"]


_COUNTRY_KEYS = frozenset(" ".join(sorted(set(_head(_words(name))))) for name in _COUNTRIES.split(";"))


def _names_a_region_around(words: list[str]) -> bool:
    """A trailing part that names the country or region a place lies in:
    a known country ("Syria"), a name with a region word ("Aleppo
    province") or a name with a compass word ("northern Syria"). A part of
    qualifiers alone ("eastern districts") narrows the place instead."""
    if not words:
        return True
    names = {word for word in words if word not in _QUALIFIER_WORDS}
    if not names:
        return False
    if " ".join(sorted(names)) in _COUNTRY_KEYS or " ".join(sorted(set(words))) in _COUNTRY_KEYS:
        return True
    return bool(set(words) & (_REGION_WORDS | _COMPASS))


@lru_cache(maxsize=8192)
def place_key(place: str) -> str:
    """A place as every comparison reads it: its words, normalised as the
    module docstring says, each once, in alphabetical order; "" when it
    names no place. Equal keys are one place.

    Example: "Aleppo, Syria", "the city of Aleppo" and "ALEPPO" give
    "aleppo"; "eastern Aleppo" and "East Aleppo" give "aleppo east";
    "northern Aleppo province" gives "aleppo north province".
    """
    parts = [_head(_words(part)) for part in re.split(r"[,;()]", place or "")]
    parts = [part for part in parts if part] or [[]]
    # Drop containing regions from the end: "Tal Rifaat, Aleppo province, Syria".
    while len(parts) > 1 and _names_a_region_around(parts[-1]):
        parts.pop()
    return " ".join(sorted({word for part in parts for word in part}))


def places_differ(place: str, other_place: str) -> bool:
    """Both places are given and are not the same place.

    Example: "Tal Rifaat" and "Aleppo city" differ, and so do "East Aleppo"
    and "Aleppo"; "Aleppo" and "Aleppo, Syria" do not, nor does a place and
    no place (unknown is not different).
    """
    key, other_key = place_key(place), place_key(other_place)
    return bool(key and other_key and key != other_key)
