"""Dates as the documents write them: "9 september 2024" (used by every stage)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache


@lru_cache(maxsize=256)
def dutch_date(value: date, lang: str = "nl-NL") -> str:
    """'9 september 2024': babel's long format without the weekday (CLDR month names)."""
    from babel.dates import format_date  # imported here: babel's data load is not free

    return format_date(value, format="d MMMM y", locale=lang.replace("-", "_"))
