"""The extractor's starting vocabulary, loaded into LexiconTerm rows by the
data migration 0002_starting_lexicon. After that the rows are the truth:
editors add or switch off terms in the admin.

Each entry is (term, value). For reporting verbs the value is left blank (the
word is recorded as written); for source-kind hints it is a Source.Kind.
"""

REPORTING_VERBS = [
    "said",
    "says",
    "saying",
    "say",
    "claimed",
    "claims",
    "claiming",
    "acknowledged",
    "acknowledges",
    "acknowledging",
    "confirmed",
    "confirms",
    "confirming",
    "vowed",
    "vows",
    "vowing",
    "described",
    "describes",
    "describing",
    "told",
    "tells",
    "added",
    "adding",
    "stated",
    "announced",
    "reported",
    "insisted",
    "insisting",
    "denied",
    "denies",
    "denying",
    "alleged",
    "warned",
    "warning",
    "estimated",
    "estimates",
    "accused",
    "accusing",
    "blamed",
    "pledged",
    "expressed",
    "noted",
    "wrote",
    "tweeted",
    "posted",
    "declared",
    "argued",
    "maintained",
    "asserted",
    "disputed",
    "rejected",
    "admitted",
    "documented",
    "recorded",
    "framed",
    "framing",
    "called",
    "calling",
    "urged",
    "condemned",
    "praised",
    "quoted",
    # Multi-word cues: a statement is itself a reporting act.
    "released a statement",
    "issued a statement",
    "put the death toll at",
    "put the toll at",
]

ACCORDING_TO = ["according to", "citing"]

# Phrases that name who passed a statement on: "told Reuters", "carried by
# state media", "quoted by the agency", "reported by".
RELAY_PHRASES = ["told", "carried by", "quoted by", "reported by", "published by", "relayed by"]

STATEMENT_MARKERS = ["statement", "communique", "press release", "news conference", "press conference"]

ANONYMITY_MARKERS = [
    "asked not to be named",
    "asked not to be identified",
    "declined to be named",
    "declined to be identified",
    "on condition of anonymity",
    "speaking anonymously",
    "not authorised to speak",
    "not authorized to speak",
    "who did not want to be named",
    "requested anonymity",
]

# Contested or loaded words an editor wants to see when a claim uses them.
# Kept here because the detection app has no contested-terms lexicon yet
# (see docs/extraction.md).
FRAMING_TERMS = [
    "redeployment",
    "strategic redeployment",
    "tactical withdrawal",
    "regrouping",
    "terrorists",
    "terrorist",
    "militants",
    "insurgents",
    "rebels",
    "jihadists",
    "freedom fighters",
    "regime",
    "occupation",
    "occupiers",
    "liberation",
    "liberated",
    "martyrs",
    "massacre",
    "genocide",
    "ethnic cleansing",
    "collateral damage",
    "neutralised",
    "neutralized",
    "eliminated",
    "special military operation",
    "counter-terrorism operation",
    "security operation",
    "human shields",
    "propaganda",
    "stolen election",
    "rigged",
    "indiscriminate",
    "restraint",
    "provocation",
]

# What happened to a counted group; joined to the noun to make the subject
# ("killed 200 militants" -> "militants killed").
FIGURE_VERBS = [
    "killed",
    "dead",
    "died",
    "wounded",
    "injured",
    "hurt",
    "displaced",
    "arrested",
    "detained",
    "missing",
    "evacuated",
    "destroyed",
    "damaged",
    "captured",
    "seized",
    "rescued",
    "fled",
    "abducted",
    "kidnapped",
    "executed",
    "treated",
    "trapped",
    "affected",
    "homeless",
    "deported",
    "released",
    "freed",
]

SOURCE_KIND_HINTS = [
    ("army", "military"),
    ("military", "military"),
    ("forces", "military"),
    ("troops", "military"),
    ("commander", "military"),
    ("colonel", "military"),
    ("general", "military"),
    ("soldier", "military"),
    ("ministry", "government"),
    ("minister", "government"),
    ("president", "government"),
    ("government", "government"),
    ("official", "government"),
    ("officials", "government"),
    ("police", "government"),
    ("administration", "government"),
    ("commission", "government"),
    ("agency", "government"),
    ("sheriff", "government"),
    ("mayor", "government"),
    ("spokesman", "government"),
    ("spokesperson", "government"),
    ("spokeswoman", "government"),
    ("observatory", "ngo_monitor"),
    ("monitor", "ngo_monitor"),
    ("red cross", "ngo_monitor"),
    ("red crescent", "ngo_monitor"),
    ("human rights", "ngo_monitor"),
    ("united nations", "ngo_monitor"),
    ("observers", "ngo_monitor"),
    ("collective", "ngo_monitor"),
    ("medics", "ngo_monitor"),
    ("aid agencies", "ngo_monitor"),
    ("network", "ngo_monitor"),
    ("union", "ngo_monitor"),
    ("news agency", "wire_agency"),
    ("reuters", "wire_agency"),
    ("associated press", "wire_agency"),
    ("afp", "wire_agency"),
    ("television", "news_outlet"),
    ("state media", "news_outlet"),
    ("journalists", "news_outlet"),
    ("newspaper", "news_outlet"),
    ("fighters", "armed_group"),
    ("rebels", "armed_group"),
    ("insurgents", "armed_group"),
    ("separatist", "armed_group"),
    ("militia", "armed_group"),
    ("residents", "witness"),
    ("witnesses", "witness"),
    ("witness", "witness"),
    ("teacher", "witness"),
    ("farmer", "witness"),
    ("relatives", "witness"),
    ("organisers", "witness"),
    ("organizers", "witness"),
]


def starting_terms() -> list[tuple[str, str, str]]:
    """Every starting term as (lexicon, term, value), for the data migration."""
    rows = []
    rows += [("reporting_verb", term, "") for term in REPORTING_VERBS]
    rows += [("according_to", term, "") for term in ACCORDING_TO]
    rows += [("relay_phrase", term, "") for term in RELAY_PHRASES]
    rows += [("statement_marker", term, "") for term in STATEMENT_MARKERS]
    rows += [("anonymity_marker", term, "") for term in ANONYMITY_MARKERS]
    rows += [("framing_term", term, "") for term in FRAMING_TERMS]
    rows += [("figure_verb", term, "") for term in FIGURE_VERBS]
    rows += [("source_kind_hint", term, kind) for term, kind in SOURCE_KIND_HINTS]
    return rows
