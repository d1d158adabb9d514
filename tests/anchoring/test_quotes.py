"""Finding an excerpt again in a revised text (anchoring/quotes.py)."""

from anchoring.quotes import anchor_quote, position_map, selector_for, what_changed

OLD = (
    "Shelling hit the market in Dunmore on Monday.\n\n"
    "The health office said 12 people were killed in the market.\n\n"
    "The army denied firing on the town."
)


def anchor(old: str, new: str, excerpt: str):
    start = old.index(excerpt)
    end = start + len(excerpt)
    mapping = position_map(old, new)
    found = anchor_quote(
        selector_for(old, start, end),
        new,
        hint=mapping(start),
        hint_end=mapping(end),
        previous_body=old,
        previous_span=(start, end),
    )
    return found, found.text(new)


def test_the_selector_keeps_32_characters_either_side():
    start = OLD.index("The health")
    selector = selector_for(OLD, start, start + 20)
    assert selector.prefix == OLD[start - 32 : start]
    assert selector.suffix == OLD[start + 20 : start + 52]


def test_an_unchanged_excerpt_after_an_inserted_paragraph_is_found_exactly():
    new = "UPDATE: a new toll.\n\n" + OLD
    found, text = anchor(OLD, new, "The army denied firing on the town.")
    assert (found.status, text) == ("exact", "The army denied firing on the town.")


def test_a_revised_figure_is_found_fuzzily_and_reported_as_a_figure_change():
    new = OLD.replace("12 people", "45 people")
    found, text = anchor(OLD, new, "The health office said 12 people were killed in the market.")
    assert (found.status, text) == ("fuzzy", "The health office said 45 people were killed in the market.")
    assert what_changed("The health office said 12 people were killed", text) == "figure"


def test_a_moved_paragraph_is_found_where_it_went():
    paragraphs = OLD.split("\n\n")
    new = "\n\n".join([paragraphs[2], paragraphs[0], paragraphs[1]])
    found, text = anchor(OLD, new, "The army denied firing on the town.")
    assert (found.status, found.start) == ("exact", 0)


def test_a_deleted_sentence_is_orphaned():
    new = OLD.replace("The health office said 12 people were killed in the market.\n\n", "")
    found, _ = anchor(OLD, new, "The health office said 12 people were killed in the market.")
    assert found.status == "orphaned"


def test_a_similar_sentence_that_was_already_there_is_not_taken_for_a_cut_one():
    old = "In Rook, the council said 40 houses were damaged.\n\nIn Fell, the council said 70 houses were damaged."
    new = "In Fell, the council said 70 houses were damaged."
    found, _ = anchor(old, new, "In Rook, the council said 40 houses were damaged.")
    assert found.status == "orphaned"


def test_a_repeated_phrase_is_anchored_where_its_context_matches():
    old = (
        "Rebels said the army took Ridge 4 at dawn.\n\nThe army said it took Ridge 4 after a day of fighting."
    )
    new = (
        "The army said it took Ridge 4 after a day of fighting.\n\nRebels said the army took Ridge 4 at dawn."
    )
    found, _ = anchor(old, new, "Ridge 4")
    # The first "Ridge 4" (in the rebels' sentence, followed by " at dawn").
    assert new[found.end : found.end + 8] == " at dawn"


def test_whitespace_alone_is_not_a_change_of_wording():
    assert what_changed("took effect  at noon ,", "took effect at noon ,") == ""
    assert what_changed("the governor said", "the governor claimed") == "wording"


def test_the_diff_works_on_words():
    from anchoring.diffs import word_diff

    segments = word_diff("The office said 12 people died.", "The office said 15 people died on Monday.")
    assert [(s.kind, s.text) for s in segments] == [
        ("equal", "The office said "),
        ("delete", "12"),
        ("insert", "15"),
        ("equal", " people died"),
        ("insert", " on Monday"),
        ("equal", "."),
    ]
    assert "".join(s.text for s in segments if s.kind != "insert") == "The office said 12 people died."
    assert (
        "".join(s.text for s in segments if s.kind != "delete") == "The office said 15 people died on Monday."
    )


def test_a_huge_diff_is_bounded_in_time_and_still_complete():
    from anchoring.diffs import word_diff

    old = " ".join(f"word{n % 997}" for n in range(200_000))
    new = " ".join(f"word{n % 991}" for n in range(200_000))
    segments = word_diff(old, new)
    # Coarser within the time budget, but both texts are still there in full.
    assert "".join(s.text for s in segments if s.kind != "insert") == old
    assert "".join(s.text for s in segments if s.kind != "delete") == new
