"""Turn pydantic's validation errors into plain messages for editors, at the right line."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from staatc.codes import problem
from staatc.errors import Problem

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
        allowed = ", ".join(_allowed(model, loc))
        return f"unknown key '{loc[-1]}': remove it or fix the spelling (allowed here: {allowed})"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{key}' may not be '{value}': use {expected}"
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


def problems_from_validation(
    exc: ValidationError, path: Path, lines: dict[tuple, int], model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        line = _line_for(loc, lines)
        problems.append(problem(_code(err["type"]), path, line, _message(err, model)))
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
