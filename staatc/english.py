"""The command line's words for dates and distances: "9 September 2024", "in 9 days".

The documents are Dutch (`staatc.dutch`); what staatc prints to an editor is English,
so a message never mixes "deadline was 1 juni 2024" into an English sentence.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache


@lru_cache(maxsize=256)
def english_date(value: date) -> str:
    """'9 September 2024' (CLDR month names through babel, as `dutch_date` does)."""
    from babel.dates import format_date  # imported here: babel's data load is not free

    return format_date(value, format="d MMMM y", locale="en_GB")


def days(n: int) -> str:
    return f"{n} day{'s' * (n != 1)}"


def when(days_left: int) -> str:
    """A milestone's distance from today: 'passed', 'today', 'tomorrow', 'in 9 days'."""
    if days_left < 0:
        return "passed"
    if days_left == 0:
        return "today"
    if days_left == 1:
        return "tomorrow"
    return f"in {days_left} days"
