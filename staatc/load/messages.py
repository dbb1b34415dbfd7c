"""Turn pydantic's validation errors into plain messages for editors, at the right line."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ValidationError

from staatc.codes import problem
from staatc.errors import Problem
from staatc.load.plain import date_message, number_message
from staatc.suggest import did_you_mean

_FIX = {
    "date_from_datetime_parsing": "write a real date as YYYY-MM-DD, e.g. 2024-09-09",
    "date_parsing": "write a real date as YYYY-MM-DD, e.g. 2024-09-09",
    "date_type": "write a date as YYYY-MM-DD, e.g. 2024-09-09",
    "int_parsing": "write a whole number, e.g. 3",
    "int_type": "write a whole number, e.g. 3",
    "int_from_float": "write a whole number, e.g. 3",
    "string_type": "write text here (put it in quotes if it looks like a number or date)",
    "list_type": "write a list here: one '- item' per line, or [a, b]",
    "dict_type": "write 'key: value' lines here, indented under this key",
    "model_type": "write 'key: value' lines here, indented under this item",
    "string_too_short": "fill it in; it may not be empty",
    "too_short": "add at least one item",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
}


def _key_name(loc: tuple) -> str:
    # List positions are left out ('milestones.gate', not 'milestones.1.gate'): pydantic counts
    # from 0, editors from 1, and the problem's line already says which item it is.
    parts = [str(p) for p in loc
             if not isinstance(p, int) and not (isinstance(p, str) and p.startswith(("function-", "[")))]
    return ".".join(parts) if parts else "front matter"


def _allowed(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed where an unknown key stands (walks nested models)."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if current is None or isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field else None
    return list(current.model_fields) if current else []


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def _message(err: dict, model: type[BaseModel]) -> str:
    loc = tuple(err["loc"])
    key = _key_name(loc)
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return f"'{key}' is missing: add a line '{loc[-1]}: …'"
    if kind == "extra_forbidden":
        return _unknown_key(str(loc[-1]), _allowed(model, loc))
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        near = did_you_mean(str(value), re.findall(r"'([^']*)'", expected))
        if near:
            return f"'{key}' may not be '{value}': did you mean '{near}'? Use {expected}"
        return f"'{key}' may not be '{value}': use {expected}"
    if kind.startswith("date") and isinstance(value, str):
        return date_message(key.rsplit(".", 1)[-1], value)
    if kind in ("int_parsing", "int_from_float") and isinstance(value, (str, float)):
        return number_message(key.rsplit(".", 1)[-1], value)
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "https?" in pattern:
            return f"'{key}' must be a web address starting with https://, not '{value}'"
        return (f"'{key}' must be lowercase letters, digits and dashes (like 'complexiteit'), "
                f"not '{value}'")
    if kind == "value_error":  # our own validators word their message for editors
        return f"'{key}': {err['msg'].removeprefix('Value error, ')}"
    fix = _FIX.get(kind, "correct the value")
    shown = f" '{value}'" if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
    return f"'{key}'{shown} is wrong: {err['msg'].lower()}; {fix}"


def _unknown_key(key: str, allowed: list[str], renames: str | None = None) -> str:
    if renames:  # `stauts:` is one mistake, not an unknown key and a missing one
        return (f"unknown key '{key}': did you mean '{renames}'? Correct the spelling "
                f"('{renames}' is required here)")
    if "\u00a0" in key:
        return (f"the key '{key.strip()}' contains a non-breaking space (often pasted from Word): "
                "replace it with a normal space")
    if near := did_you_mean(key, allowed):
        return f"unknown key '{key}': did you mean '{near}'? Correct the spelling, or remove the line"
    return f"unknown key '{key}': remove it or fix the spelling (allowed here: {', '.join(allowed)})"


def _misspelt_required(errors: list[dict]) -> dict[tuple, str]:
    """An unknown key that is near a missing one at the same place: unknown loc → missing key."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    found = {}
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            wanted = [m[-1] for m in missing if m[:-1] == loc[:-1] and (*loc[:-1], m[-1]) not in found.values()]
            if near := did_you_mean(str(loc[-1]), [str(w) for w in wanted]):
                found[loc] = (*loc[:-1], near)
    return found


def problems_from_validation(
    exc: ValidationError, path: Path, lines: dict[tuple, int], model: type[BaseModel]
) -> list[Problem]:
    errors = exc.errors(include_url=False)
    renames = _misspelt_required(errors)
    problems = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and loc in renames.values():
            continue
        line = _line_for(loc, lines)
        if loc in renames:
            message = _unknown_key(str(loc[-1]), [], renames=str(renames[loc][-1]))
        else:
            message = _message(err, model)
        problems.append(problem(_code(err["type"]), path, line, message))
    return problems


def _line_for(loc: tuple, lines: dict[tuple, int]) -> int:
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return 1


def _code(kind: str) -> str:
    if kind == "missing":
        return "missing-key"
    if kind == "extra_forbidden":
        return "unknown-key"
    if kind.startswith("date"):
        return "invalid-date"
    return "invalid-value"
