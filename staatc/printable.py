"""Text from an edition, made safe to print: the one escape for every output format.

File names and values come from drafts, and drafts come from outsiders' pull requests. What
staatc prints lands in terminals (where ESC starts a colour, a cursor move or a hyperlink,
and BEL rings) and in CI logs (where a line that starts with `::` is a GitHub workflow
command: `::add-mask::`, `::warning::`, `::stop-commands::`). JUnit XML cannot hold control
characters at all. So control characters, the C1 set, line and paragraph separators, the
bidirectional controls that reorder a line ("Trojan source") and lone surrogates (a file
name that is not UTF-8) are written as visible escapes such as `\\x1b`, and no printed line
may start with `::`.
"""

from __future__ import annotations

import re

# DEL and C1, line and paragraph separators, bidirectional marks and controls, lone surrogates.
_INVISIBLE = "\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
_UNSAFE_KEEP_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_INVISIBLE}]")  # tab and newline stay
_COMMAND = re.compile(r"^(\s*)::", re.MULTILINE)


def _escape(match: re.Match) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """One line of text: every unsafe character escaped, newlines and tabs included."""
    return _UNSAFE.sub(_escape, text)


def no_command(text: str) -> str:
    """No line of `text` starts a workflow command: a leading `::` becomes `\\x3a:`."""
    return _COMMAND.sub(lambda m: m[1] + "\\x3a:", text) if "::" in text else text


def escape_controls(text: str) -> str:
    """Every unsafe character escaped except newlines and tabs (a piece of a longer text)."""
    return _UNSAFE_KEEP_LINES.sub(_escape, text)


def printable_lines(text: str) -> str:
    """Text of many lines (a diff, a schedule): unsafe characters escaped except newlines and
    tabs, and no line starts a workflow command."""
    return no_command(escape_controls(text))


def json_printable(text: str) -> str:
    """JSON text whose strings hold no unsafe character raw: each becomes a `\\uXXXX` escape,
    so the values a program reads are exactly the edition's (json.dumps itself only escapes
    the characters below U+0020)."""
    return _UNSAFE_KEEP_LINES.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
