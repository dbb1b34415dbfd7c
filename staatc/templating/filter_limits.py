"""Every filter gets an input it can finish quickly: Jinja's filters run outside the template's
own code, where the time limit (budget.py) cannot stop them.

Measured on 4,000,000 items (a list the size limits allow): `pprint` took 47 s, `sort` 17 s,
`unique` 8 s, `max` 6.5 s, and `title` 4.7 s on 4,000,000 characters. A report's data has
at most some thousands of items, so each filter takes at most MAX_ITEMS items (pprint, which
walks nested values in Python, MAX_PPRINT_NODES values in all; `string`, `tojson` and
`list` MAX_NESTED_NODES) or MAX_TEXT characters, and a
result longer than MAX_SIZE characters is refused as every other value is.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from staatc.templating.limits import MAX_SIZE, LimitExceeded

MAX_ITEMS = 200_000  # sort takes ~1 s on this many
MAX_PPRINT_NODES = 50_000
MAX_NESTED_NODES = 500_000  # values inside values: `[[x] * 100] * 100` multiplies
MAX_TEXT = 1_000_000
_NESTED = frozenset({"pprint", "tojson", "string", "list"})


def _nodes(value: Any, limit: int) -> int:
    """How many values `value` holds, nested; stops counting past `limit`."""
    count, stack = 0, [value]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
            count += len(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
    return count


def _check_input(name: str, value: Any) -> None:
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise LimitExceeded(f"'{name}' on a text of {len(value):,} characters (at most "
                                f"{MAX_TEXT:,})")
        return
    if name == "pprint":
        if _nodes(value, MAX_PPRINT_NODES) > MAX_PPRINT_NODES:
            raise LimitExceeded(f"'pprint' on more than {MAX_PPRINT_NODES:,} values")
        return
    try:
        size = len(value)
    except TypeError:
        return  # a generator: the filter before it was bounded
    if size > MAX_ITEMS:
        raise LimitExceeded(f"'{name}' on {size:,} items (at most {MAX_ITEMS:,})")
    if name in _NESTED and _nodes(value, MAX_NESTED_NODES) > MAX_NESTED_NODES:
        raise LimitExceeded(f"'{name}' on more than {MAX_NESTED_NODES:,} values, nested")


def bounded(name: str, fn: Callable) -> Callable:
    passes_first = hasattr(fn, "jinja_pass_arg")  # context, eval context or environment

    @functools.wraps(fn)  # keeps jinja_pass_arg, so Jinja passes the same arguments
    def run(*args, **kwargs):
        value = args[1] if passes_first else args[0]
        _check_input(name, value)
        result = fn(*args, **kwargs)
        if isinstance(result, str) and len(result) > MAX_SIZE:
            raise LimitExceeded(f"'{name}' would make a text of {len(result):,} characters "
                                f"(at most {MAX_SIZE:,})")
        return result

    return run


def bound_all(filters: dict[str, Callable]) -> dict[str, Callable]:
    return {name: bounded(name, fn) for name, fn in filters.items()}
