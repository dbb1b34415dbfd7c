"""YAML with line numbers: the data, plus the line where every key stands.

We compose the node tree ourselves (PyYAML keeps `start_mark` on every node)
instead of guessing lines afterwards. ISO dates stay strings here, so an
impossible date such as 2024-02-30 reaches pydantic and gets a proper message
at its own line instead of crashing the YAML constructor.

Drafts are untrusted, so the node tree is vetted before anything is built from it: aliases
(`*name`, and so `<<:` merges) are refused, because a few lines of them expand to billions of
values ("billion laughs"); so are values nested deeper than MAX_DEPTH, numbers longer than
MAX_DIGITS digits (Python refuses to convert one of 4,300) and control characters or lone
surrogates that a quoted escape ("\\e", "\\ud800") lets past the file's own check.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from staatc.errors import FrontMatterError, YamlSyntaxError


# libyaml's parser where PyYAML has it (about five times faster on front matter); the marks,
# the nodes and the constructor are the same as the pure-Python loader's.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


# Keep dates as text (pydantic parses and checks them); everything else as SafeLoader.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Lines = dict[tuple, int]
MAX_DEPTH = 50  # sources need three or four levels
MAX_DIGITS = 100
_INT_TAG = "tag:yaml.org,2002:int"
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # tabs and newlines are text
# libyaml's words for two refusals of its own, and what they mean to an editor.
_LIBYAML_WORDS = {
    "maximum nesting depth": (f"the values here are nested more than {MAX_DEPTH} levels deep; a "
                              "source needs only a few levels: remove the extra brackets or "
                              "indentation"),
    "invalid Unicode character escape": ("an escape such as \\ud800 here stands for half of a "
                                         "character (a lone surrogate): delete the escape or "
                                         "write the character itself"),
}


def parse_yaml(text: str, path: Path, first_line: int = 1) -> tuple[Any, Lines]:
    """Parse one YAML document; return its data and `{key path: line}`.

    `first_line` is the file line on which `text` starts (front matter starts on line 2).
    """
    offset = first_line - 1
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {(): first_line}
            lines: Lines = {}
            _walk(node, (), lines, _Vet(path, offset, text))
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken construct starts: the line an editor must fix.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 + offset if mark else first_line
        last = max(m.line for m in (exc.context_mark, exc.problem_mark, mark) if m) + 1 if mark else 0
        from staatc.load.plain import yaml_hint  # the hints are read only for a broken file

        if found := yaml_hint(text, last, str(exc.problem)):
            raise YamlSyntaxError(found[1], path, found[0] + offset) from None
        what = exc.problem or "invalid YAML"
        if plain := next((words for known, words in _LIBYAML_WORDS.items() if known in what), None):
            raise YamlSyntaxError(plain, path, line) from None
        raise YamlSyntaxError(
            f"this is not valid YAML ({what}); check the indentation and the colons "
            "on this line, and put quotes around text that contains a colon",
            path,
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"this is not valid YAML ({exc})", path, first_line) from None
    return data, lines


class _Vet:
    """What `_walk` needs besides the node: where it is, and the nodes already seen."""

    def __init__(self, path: Path, offset: int, text: str):
        self.path, self.offset, self.text = path, offset, text
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def fail(self, message: str, line: int) -> None:
        raise FrontMatterError(message, self.path, line)

    def alias_line(self, after: int) -> int:
        """The first line from `after` (0-based, in the text) that holds a `*`: the alias."""
        rows = self.text.split("\n")
        found = next((n for n in range(after, len(rows)) if "*" in rows[n]), after)
        return found + 1 + self.offset


_ALIAS = ("'*' repeats a value marked with '&' elsewhere (a YAML alias); staatc does not accept "
          "aliases or '<<:' merges in sources: write the value out in full")


def _walk(node: yaml.Node, key: tuple, lines: Lines, vet: _Vet, depth: int = 0,
          at: int | None = None) -> None:
    """Record the line of every key and vet every node; `at` is the line the node is written on."""
    if id(node) in vet.seen:  # the composer hands out one node object for every alias of it
        vet.fail(_ALIAS, at if at is not None else vet.line(node))
    vet.seen.add(id(node))
    lines.setdefault(key, vet.line(node))
    if depth > MAX_DEPTH:
        vet.fail(f"the values here are nested more than {MAX_DEPTH} levels deep; a source needs "
                 "only a few levels: remove the extra brackets or indentation", vet.line(node))
    if isinstance(node, yaml.ScalarNode):
        _vet_scalar(node, key, vet, at)
    elif isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = vet.line(key_node)
            _walk(key_node, (*key, "<key>"), {}, vet, depth + 1, line)
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if name in seen:
                vet.fail(f"'{name}' appears twice (first on line {seen[name]}); keep one of them", line)
            seen[name] = line
            lines[(*key, name)] = line
            _walk(value_node, (*key, name), lines, vet, depth + 1, line)
    elif isinstance(node, yaml.SequenceNode):
        previous = node.start_mark.line
        for i, item in enumerate(node.value):
            if id(item) in vet.seen:
                vet.fail(_ALIAS, vet.alias_line(previous))
            lines[(*key, i)] = vet.line(item)
            _walk(item, (*key, i), lines, vet, depth + 1)
            previous = item.end_mark.line


def _vet_scalar(node: yaml.ScalarNode, key: tuple, vet: _Vet, at: int | None) -> None:
    value, line = node.value, at if at is not None else vet.line(node)
    name = next((str(k) for k in reversed(key) if not isinstance(k, int)), "")
    shown = f"'{name}'" if name and name != "<key>" else "this value"
    if node.tag == _INT_TAG and sum(c.isdigit() for c in value) > MAX_DIGITS:
        vet.fail(f"{shown} is a number of {sum(c.isdigit() for c in value):,} digits (at most "
                 f"{MAX_DIGITS}); if it is meant as text, put it in quotes", line)
    if bad := _UNSAFE.search(value):
        code = ord(bad[0])
        if 0xD800 <= code <= 0xDFFF:
            vet.fail(f"{shown} holds half of a character (U+{code:04X}, a lone surrogate, "
                     "from an escape such as \\ud800): delete the escape or write the "
                     "character itself", line)
        vet.fail(f"{shown} contains an invisible control character (U+{code:04X}), "
                 "probably from an escape such as \\e or \\x07 in quotes: delete it", line)
