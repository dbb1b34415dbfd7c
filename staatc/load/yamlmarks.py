"""YAML with line numbers: the data, plus the line where every key stands.

We compose the node tree ourselves (PyYAML keeps `start_mark` on every node)
instead of guessing lines afterwards. ISO dates stay strings here, so an
impossible date such as 2024-02-30 reaches pydantic and gets a proper message
at its own line instead of crashing the YAML constructor.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from staatc.errors import FrontMatterError, YamlSyntaxError
from staatc.load.plain import yaml_hint


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
            _walk(node, (), lines, offset, path)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken construct starts: the line an editor must fix.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 + offset if mark else first_line
        last = max(m.line for m in (exc.context_mark, exc.problem_mark, mark) if m) + 1 if mark else 0
        if found := yaml_hint(text, last, str(exc.problem)):
            raise YamlSyntaxError(found[1], path, found[0] + offset) from None
        what = exc.problem or "invalid YAML"
        raise YamlSyntaxError(
            f"this is not valid YAML ({what}); check the indentation and the colons "
            "on this line, and put quotes around text that contains a colon",
            path,
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"this is not valid YAML ({exc})", path, first_line) from None
    return data, lines


def _walk(node: yaml.Node, key: tuple, lines: Lines, offset: int, path: Path) -> None:
    lines.setdefault(key, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1 + offset
            if name in seen:
                raise FrontMatterError(
                    f"'{name}' appears twice (first on line {seen[name]}); keep one of them",
                    path,
                    line,
                )
            seen[name] = line
            lines[(*key, name)] = line
            _walk(value_node, (*key, name), lines, offset, path)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*key, i)] = item.start_mark.line + 1 + offset
            _walk(item, (*key, i), lines, offset, path)
