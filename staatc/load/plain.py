"""Plain words for values an editor typed wrong: dates, numbers, tabs, Word's hidden spaces.

Pydantic and PyYAML word their errors for programmers ("day value is outside expected
range", "found character '\\t' that cannot start any token"); these say what is wrong in
the editor's own value and the form expected.
"""

from __future__ import annotations

import calendar
import re

from staatc.english import english_date

NBSP = "\u00a0"
_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
                 "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "one": 1, "two": 2, "three": 3}


def date_message(key: str, value: str) -> str:
    """What is wrong with a date as typed, and the form expected (YYYY-MM-DD)."""
    shown = f"'{key}: {value}'"
    if m := _DAY_FIRST.match(value.strip()):
        day, month, year = (int(g) for g in m.groups())
        return (f"{shown} has the day first: write the year first, as YYYY-MM-DD"
                + _example(year, month, day))
    if m := _ISO.match(value.strip()):
        year, month, day = (int(g) for g in m.groups())
        if not 1 <= month <= 12:
            return f"{shown} is not a real date: there is no month {month}; write it as YYYY-MM-DD"
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return (f"{shown} is not a real date: {_MONTHS[month - 1]} {year} has {last} days; "
                    "write a date that exists, as YYYY-MM-DD")
        return (f"{shown}: write the month and the day with two digits each, as YYYY-MM-DD"
                + _example(year, month, day))
    return f"{shown} is not a date: write it as YYYY-MM-DD, e.g. 2024-09-09 for 9 September 2024"


def _example(year: int, month: int, day: int) -> str:
    from datetime import date

    try:
        real = date(year, month, day)
    except ValueError:
        return ", e.g. 2024-09-09"
    return f": {real.isoformat()} ({english_date(real)})"


def number_message(key: str, value: str | float) -> str:
    word = str(value).strip().casefold()
    if word in _NUMBER_WORDS:
        return f"'{key}: {value}' must be a whole number in digits: write '{key}: {_NUMBER_WORDS[word]}'"
    return f"'{key}: {value}' must be a whole number in digits, e.g. '{key}: 3'"


_TAB = ("this line has a tab: replace the tab with spaces (YAML indents with spaces only; "
        "check the indentation)")


def yaml_hint(text: str, upto_line: int, problem: str = "") -> tuple[int, str] | None:
    """A tab or a non-breaking space at or before the broken line: (its line in `text`, the fix)."""
    lines = text.split("\n")[:upto_line]
    if "'\\t'" in problem or "tab character" in problem:  # PyYAML's and libyaml's words
        return next(((n, _TAB) for n, line in enumerate(lines, start=1) if "\t" in line), None)
    for number, line in enumerate(lines, start=1):
        indent = line[: len(line) - len(line.lstrip(" \t" + NBSP))]
        if "\t" in indent:
            return number, _TAB
        if NBSP in line:
            return number, ("this line contains a non-breaking space (often pasted from Word), "
                            "which YAML does not read as a space: replace it with a normal space")
    return None
