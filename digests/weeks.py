"""ISO weeks in the newsroom's time zone: the unit a digest covers.

A digest for week 2024-W48 covers Monday 25 November 2024 00:00 up to (not
including) Monday 2 December 00:00, both in settings.TIME_ZONE, and goes out on
that following Monday at 07:00.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

WEEK_PATTERN = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})$")


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> "IsoWeek":
        """Read "2024-W48". Raises ValueError with a message an editor can act on."""
        match = WEEK_PATTERN.match((text or "").strip())
        if not match:
            raise ValueError(f"{text!r} is not an ISO week; write it like 2024-W48.")
        year, week = int(match["year"]), int(match["week"])
        try:
            # The week after must exist too: the digest reads up to its start.
            date.fromisocalendar(year, week, 1) + timedelta(days=7)
        except ValueError:
            raise ValueError(f"{year} has no ISO week {week}.") from None
        except OverflowError:
            raise ValueError(f"{text!r} is too far in the future.") from None
        return cls(year, week)

    @classmethod
    def containing(cls, day: date) -> "IsoWeek":
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def last_complete(cls, now: datetime | None = None) -> "IsoWeek":
        """The most recent week that has ended, in the newsroom's time zone.

        On Monday at 07:00 that is the week that ended seven hours ago.
        """
        today = timezone.localdate(now or timezone.now())
        return cls.containing(today).previous()

    def previous(self) -> "IsoWeek":
        return IsoWeek.containing(self.monday - timedelta(days=7))

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.monday, time.min))

    @property
    def ends_at(self) -> datetime:
        """The first moment after the week (exclusive upper bound)."""
        return timezone.make_aware(datetime.combine(self.monday + timedelta(days=7), time.min))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"
