from datetime import date

import pytest

from digests.weeks import IsoWeek


def test_it_reads_an_iso_week():
    assert IsoWeek.parse("2024-W48") == IsoWeek(2024, 48)
    assert str(IsoWeek(2024, 3)) == "2024-W03"


@pytest.mark.parametrize("text", ["2024-48", "W48", "2024-W4", "", "2024-W48; drop table"])
def test_it_refuses_text_that_is_not_an_iso_week(text):
    with pytest.raises(ValueError, match="write it like 2024-W48"):
        IsoWeek.parse(text)


def test_it_refuses_a_week_the_year_does_not_have():
    with pytest.raises(ValueError, match="2023 has no ISO week 53"):
        IsoWeek.parse("2023-W53")


def test_the_week_runs_from_monday_midnight_to_the_next_in_the_newsroom_time_zone(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    week = IsoWeek(2024, 48)

    assert week.monday == date(2024, 11, 25)
    assert week.sunday == date(2024, 12, 1)
    assert week.starts_at.isoformat() == "2024-11-25T00:00:00+01:00"
    assert week.ends_at.isoformat() == "2024-12-02T00:00:00+01:00"


def test_on_monday_morning_the_last_complete_week_is_the_one_that_just_ended(settings, time_machine):
    settings.TIME_ZONE = "Europe/Berlin"
    # 06:30 UTC is 07:30 in Berlin on Monday 2 December.
    time_machine.move_to("2024-12-02 06:30Z")

    assert IsoWeek.last_complete() == IsoWeek(2024, 48)


def test_the_week_before_the_first_of_a_year_is_the_last_of_the_previous_year():
    assert IsoWeek(2025, 1).previous() == IsoWeek(2024, 52)
    assert IsoWeek(2021, 1).previous() == IsoWeek(2020, 53)
