"""Jinja's errors in an editor's words: "there is no filter 'lenght': did you mean 'length'?"."""

from __future__ import annotations

import re
from typing import Any, Iterable

from staatc.suggest import did_you_mean

# The block tags the sandbox knows (Jinja's own; no extensions are loaded).
_TAGS = ("for", "endfor", "if", "elif", "else", "endif", "set", "endset", "macro", "endmacro",
         "call", "endcall", "filter", "endfilter", "with", "endwith", "block", "endblock",
         "raw", "endraw")


def then(words: str, rest: str) -> str:
    """Join a message and what to do: after a question a new sentence, else a semicolon."""
    return f"{words} {rest[0].upper()}{rest[1:]}" if words.endswith("?") else f"{words}; {rest}"


def _guess(word: str, choices: Iterable[str]) -> str:
    near = did_you_mean(word, choices)
    return f": did you mean '{near}'?" if near else ""


def syntax_message(message: str | None, env: Any) -> str:
    """A template that cannot be read: what is wrong, in words."""
    message = message or ""
    if m := re.match(r"No filter named '([^']+)'", message):
        return f"there is no filter '{m[1]}'{_guess(m[1], env.filters)}"
    if m := re.match(r"No test named '([^']+)'", message):
        return f"there is no test '{m[1]}'{_guess(m[1], env.tests)}"
    if m := re.match(r"Encountered unknown tag '([^']+)'", message):
        if closing := re.search(r"innermost block that needs to be closed is '([^']+)'", message):
            return (f"'{{% {m[1]} %}}' is not a block here: the '{{% {closing[1]} %}}' above is "
                    f"still open; close it with '{{% end{closing[1]} %}}'")
        return f"there is no block '{{% {m[1]} %}}'{_guess(m[1], _TAGS)}"
    if m := re.match(r"Unexpected end of template\. Jinja was looking for the following tags: "
                     r"'(\w+)'", message, flags=re.I):
        return f"a block is not closed: add '{{% {m[1]} %}}'"
    if message.startswith("unexpected end of template"):
        return "the text ends inside an expression: close it with '}}' or '%}'"
    if m := re.match(r"unexpected '(.+)'", message):
        return f"the expression has a '{m[1]}' where none belongs"
    return f"the expression cannot be read ({message})"


def undefined_message(message: str | None, names: Iterable[str]) -> str:
    """A name or field that does not exist."""
    message = message or ""
    if m := re.match(r"'([^']+)' is undefined", message):
        return f"there is no name '{m[1]}'{_guess(m[1], names)}"
    if m := re.match(r"'[^']+' has no attribute '([^']+)'", message):
        return f"there is no field '{m[1]}' here"
    return message


def runtime_message(message: str | None, env: Any) -> str:
    """A filter or test that cannot do what the expression asks while the text is rendered."""
    message = (message or "").rstrip(".")
    if m := re.match(r"No test named '([^']+)'", message):
        return f"there is no test '{m[1]}'{_guess(m[1], env.tests)}"
    if m := re.match(r"(\w+) requires a filter argument", message):
        return f"'{m[1]}' needs the name of a filter to apply, as in map('upper')"
    return f"a filter or test cannot do this ({message})"
