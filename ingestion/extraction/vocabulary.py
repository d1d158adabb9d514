"""Word lists the rules share: determiners, titles, clause boundaries... (not
editable data: the editable vocabulary is the Lexicon)."""

ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "maj",
    "gov",
    "sen",
    "rep",
    "st",
    "jan",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "vs",
    "inc",
    "co",
    "ltd",
    "jr",
    "sr",
    "u.s",
    "u.n",
    "e.g",
    "i.e",
    "p.m",
    "a.m",
    "approx",
    "fig",
    "mt",
    "prof",
}

DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}
PRONOUNS = {
    "it",
    "he",
    "she",
    "they",
    "the statement",
    "the report",
    "the spokesman",
    "the spokeswoman",
    "the spokesperson",
    "the communique",
}
PRONOUN_KEYS = {" ".join(p.split()[1:]) if p.startswith("the ") else p for p in PRONOUNS} | PRONOUNS
TITLES = {
    "president",
    "colonel",
    "col.",
    "general",
    "gen.",
    "dr",
    "dr.",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "minister",
    "prime",
    "sergeant",
    "captain",
    "major",
    "lieutenant",
    "commander",
    "chief",
    "mayor",
    "governor",
    "senator",
    "sheikh",
    "judge",
    # Further ranks and honorifics written before a name.
    "brigadier",
    "brig.",
    "admiral",
    "adm.",
    "lt.",
    "sgt.",
    "capt.",
    "maj.",
    "corporal",
    "marshal",
    "professor",
    "prof.",
    "imam",
    "rev.",
    "father",
    "ayatollah",
    "rabbi",
    "bishop",
    "archbishop",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "sultan",
    "deputy",
    "ambassador",
}
# Words that end the speaker's noun phrase when walking back from the verb.
CLAUSE_WORDS = {
    "and",
    "but",
    "while",
    "with",
    "as",
    "that",
    "after",
    "when",
    "because",
    "whereas",
    "although",
    "though",
    "since",
    "where",
    "which",
    "if",
    "so",
    "then",
    "also",
}
AUXILIARIES = {
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "did",
    "does",
    "do",
    "also",
    "later",
    "previously",
    "earlier",
    "again",
    "repeatedly",
    "reportedly",
    "been",
    "could",
    "may",
    "might",
    "publicly",
    "initially",
    "separately",
}
PERSON_TITLES = {
    "minister",
    "president",
    "chairman",
    "chairwoman",
    "leader",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "governor",
    "mayor",
    "commander",
    "colonel",
    "chief",
    "head",
    "secretary",
    "senator",
    "director",
    "ambassador",
    "envoy",
    # Hyphenated titles: "UN Secretary-General Antonio Guterres".
    "secretary-general",
    "director-general",
    "vice-president",
    "commander-in-chief",
    # "Chief Executive Mary Barra", "General Motors Chief Executive Mary Barra".
    "executive",
}
# Title words that are everyday words too and open the names of companies,
# leagues and brands ("General Motors", "Major League Baseball", "Captain
# Morgan", "Admiral Insurance"): before a single word,
# which may be a family name or the rest of such a name, they are kept.
TITLES_ALSO_IN_NAMES = {
    "general", "major", "captain", "admiral", "marshal", "chief", "commander", "king", "queen", "prince",
    "princess", "judge", "father", "deputy",
}  # fmt: skip
# Words that make a capitalised name an organisation's, not a person's, after
# a title-like first word: "General Motors", "General Dynamics", "Major
# League Baseball", "Admiral Insurance".
ORGANISATION_NAME_WORDS = {
    "motors", "motor", "electric", "dynamics", "mills", "atomics", "foods", "industries", "insurance",
    "airlines", "airways", "systems", "technologies", "holdings", "petroleum", "steel", "chemicals",
    "pharmaceuticals", "brewery", "breweries", "league", "association", "federation", "club",
    "corporation", "corp", "inc", "ltd", "plc", "bank", "assembly", "academy", "university", "college",
    "baseball", "football", "soccer", "hockey", "logistics", "aviation", "railways", "telecom", "partners",
    "trust", "society", "company", "group", "council", "union", "foundation", "institute", "hospital",
}  # fmt: skip
# Endings of words that name a business, not a person: "Dynamics",
# "Industries", "Communications", "Airways", "Airlines".
ORGANISATION_ENDINGS = ("ics", "ries", "tions", "ways", "lines", "ware", "works")
ORGANISATION_WORDS = {
    "command",
    "ministry",
    "army",
    "council",
    "agency",
    "office",
    "department",
    "forces",
    "party",
    "alliance",
    "front",
    "committee",
    "commission",
    "institute",
    "network",
    "group",
}
PASSIVE_AUXILIARIES = {"been", "being", "was", "were", "is", "are", "be"}
NEGATIONS = {"not", "never", "n't", "no"}
# Words that cannot start or be a speaker.
NOT_SPEAKERS = {
    "including",
    "reports",
    "report",
    "which",
    "who",
    "what",
    "there",
    "here",
    "this",
    "as",
    "so",
    "to",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "however",
    "previously",
    "also",
    "widely",
    "commonly",
    "often",
    "once",
}
# Family names written before the given name in English copy (Chinese in
# pinyin and in Taiwanese and Singaporean spellings, Korean, Vietnamese,
# Cambodian): "Foreign Minister Wang Yi ... Wang said".
# Only these make the first word of a name a family name; a first word in
# general does not ("Defence Minister Israel Katz ... Israel said" is the
# country). Left out: words that are also English words or particles ("He",
# "Do", "Le", "Long", "Low", "Oh") and "Hong" (Hong Kong).
FAMILY_NAME_FIRST = frozenset(
    """
    Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Luo Gao Zheng Liang Xie
    Tang Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren
    Shen Yao Fu Zhong Qin Xi Mao Geng Hua Qian Kong Yan Bai Lai Tsai Chan Wong Leung Cheung Lam Chow
    Hsu Hsieh Kuo Liao Chiang Zhai Qiu Xue Lei Hou Shi Meng Jia Wen
    Kuan Kao Chang Chou Chu Hsiao Chao Chiu Teng Yeh Kung Ko Tan Ong Goh Teo Ng Chua Koh Yeo
    Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin Seo Kwon Hwang Ahn Song Yoo Jeon Moon Baek
    Nguyen Tran Pham Hoang Huynh Phan Vu Vo Dang Bui Ngo Duong Ly Hun
    """.split()
)
# Titles of rulers and clerics that are part of how the person is named:
# "King Abdullah", "Queen Rania", "Pope Leo", "Crown Prince Mohammed bin
# Salman" are kept whole, because the name after the title is a given name
# many people share (and "Salman" after "Mohammed bin" is the father's).
ROYAL_TITLES = frozenset(
    {
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sultan",
        "emperor",
        "empress",
        "pope",
        "sheikh",
        "sheikha",
    }
)
# Countries (and a few capitals that stand for governments) whose one-word
# names open a person's name too ("Israel Katz", "Jordan Bardella", "Georgia
# Meloni") or could: a later "Israel said" is the country, never a first name.
COUNTRY_NAMES = frozenset(
    """
    Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahrain
    Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Botswana Brazil Britain Brunei
    Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia Cuba
    Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji
    Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti
    Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan
    Kazakhstan Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya
    Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania
    Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia
    Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama
    Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia
    Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria
    Taiwan Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey Turkmenistan Tuvalu Uganda Ukraine
    Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe America Washington Moscow Beijing
    Kyiv Tehran Ankara Cairo Paris London Berlin Damascus Riyadh Baghdad Kabul Tokyo Seoul Delhi
    """.split()
)
# What a person's own people are called after a possessive: "Kim's office",
# "Orban's spokesman" speak for the person the article has named.
PERSON_OWNED_ROLES = frozenset(
    {
        "office", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "lawyer", "lawyers",
        "campaign", "team", "staff", "adviser", "advisers", "advisor", "secretary", "family", "party",
    }
)  # fmt: skip
