"""Amounts of money: "$2 million in aid", "1.5bn euros", "£300,000".

A claim has a value and what is counted (`quantity_subject`), and no unit
field, so the currency is what is counted: "$2 million in aid" is 2,000,000
"dollars in aid". A money figure is therefore only ever compared with other
amounts in the same currency, and it can never become a count of people
(docs/extraction.md, "Figures").
"""

import re
from dataclasses import dataclass

# Symbols and codes written before the amount, and what the amount counts.
CURRENCY_BEFORE = {
    "us$": "dollars",
    "$": "dollars",
    "usd": "dollars",
    "£": "pounds",
    "gbp": "pounds",
    "€": "euros",
    "eur": "euros",
    "¥": "yen",
    "₹": "rupees",
    "rs": "rupees",
    "rs.": "rupees",
}
# Currency words written after the amount, in the form used as the subject.
CURRENCY_AFTER = {
    "dollars": "dollars",
    "dollar": "dollars",
    "euros": "euros",
    "euro": "euros",
    "pounds sterling": "pounds",
    "pounds": "pounds",
    "pound": "pounds",
    "sterling": "pounds",
    "yen": "yen",
    "yuan": "yuan",
    "rupees": "rupees",
    "dinars": "dinars",
    "lira": "lira",
    "liras": "lira",
    "francs": "francs",
    "shekels": "shekels",
    "roubles": "roubles",
    "rubles": "roubles",
    "naira": "naira",
    "rand": "rand",
    "pesos": "pesos",
    "riyals": "riyals",
    "dirhams": "dirhams",
    "hryvnias": "hryvnias",
    "usd": "dollars",
    "eur": "euros",
    "gbp": "pounds",
}
SCALE_WORDS = {
    "thousand": 1_000,
    "k": 1_000,
    "lakh": 100_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "crore": 10_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|crore|lakh|bn|mn|m|k)\b)?"
_BEFORE = "|".join(re.escape(symbol) for symbol in sorted(CURRENCY_BEFORE, key=len, reverse=True))
_AFTER = "|".join(re.escape(word) for word in sorted(CURRENCY_AFTER, key=len, reverse=True))
# "$2 million", "US$ 5 million", "€4m", "Rs 50 crore": a symbol or code first.
SYMBOL_FIRST = r"(?<![\w$£€¥₹])(?P<before>" + _BEFORE + r")\s?" + _NUMBER + _SCALE
# "1.5bn euros", "400 million euros", "500,000 rupees": the currency after.
CURRENCY_LAST = (
    r"(?<![\w.,$£€¥₹])"
    + _NUMBER.replace("number", "number2")
    + _SCALE.replace("scale", "scale2")
    + r"\s+(?:us\s+)?(?P<after>"
    + _AFTER
    + r")"
)
MONEY = re.compile(r"(?:" + SYMBOL_FIRST + r"|" + CURRENCY_LAST + r")(?![\w$])", re.IGNORECASE)
WHAT_FOR = re.compile(r"\s+in\s+([a-z]+)\b")
NOT_WHAT_FOR = {"the", "a", "an", "its", "their", "his", "her", "cash", "total", "all", "each"}


@dataclass
class Amount:
    number_start: int  # where the digits begin (after any currency symbol)
    start: int  # where the amount begins, symbol included
    end: int
    value: int
    subject: str


# Looked for before the full pattern runs, most sentences naming no money:
# plain words with no boundaries, which the regex engine scans fastest.
CURRENCY_SYMBOL = re.compile(r"[$£€¥₹]")
CURRENCY_WORD = re.compile(
    "dollar|euro|pound|sterling|yen|yuan|rupee|dinar|lira|franc|shekel|rouble|ruble|naira|rand|peso|riyal|"
    "dirham|hryvnia|usd|eur|gbp"
)


def money_amounts(folded: str) -> list[Amount]:
    """Every amount of money in a sentence, with its currency as the subject."""
    lower = folded.lower()
    if not (CURRENCY_SYMBOL.search(folded) or CURRENCY_WORD.search(lower) or "Rs" in folded):
        return []
    amounts = []
    for match in MONEY.finditer(folded):
        number = match.group("number") or match.group("number2")
        scale = (match.group("scale") or match.group("scale2") or "").lower()
        value = float(number.replace(",", "")) * SCALE_WORDS.get(scale, 1)
        if match.group("before"):
            currency = CURRENCY_BEFORE[match.group("before").lower()]
            number_start = match.start("number")
        else:
            currency = CURRENCY_AFTER[match.group("after").lower()]
            number_start = match.start("number2")
        subject = currency
        purpose = WHAT_FOR.match(lower, match.end())
        if purpose and purpose.group(1) not in NOT_WHAT_FOR:
            subject = f"{currency} in {purpose.group(1)}"  # "$2 million in aid"
        amounts.append(Amount(number_start, match.start(), match.end(), round(value), subject))
    return amounts
