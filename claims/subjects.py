"""Whether a figure's subject says what is counted.

"the figure was nearer 1,800" and "the true number was closer to 120" give a
number without saying what it counts: read alone, their subject is "figure"
or "number". The extractor gives such a figure the subject of the one it
answers when that is clear (ingestion/extraction/reference_subjects.py);
otherwise the editor must say what it counts before it becomes a claim,
because the rules compare figures by subject (detection/rules/figures.py)
and would compare any two "figure"s of one event, whatever each counts.
"""

# "the figure", "the true number", "the real total": words that say a number
# is meant without saying what it counts. "toll" and "death toll" do say it.
REFERENCE_NOUNS = frozenset({"figure", "number", "total", "tally", "count", "estimate"})
REFERENCE_ADJECTIVES = frozenset(
    {"the", "true", "real", "actual", "correct", "right", "official", "accurate"}
)


def is_reference_subject(subject: str) -> bool:
    """True for a subject that only points at another figure ("figure",
    "true number"), False for one that names a thing ("homes", "death toll")."""
    words = (subject or "").lower().split()
    if not words or words[-1] not in REFERENCE_NOUNS:
        return False
    return all(word in REFERENCE_ADJECTIVES for word in words[:-1])
