"""Template expressions come from drafts anyone can write: they must not escape the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CH2 = "chapters/02-complexiteitsreductie.md"

ESCAPES = {
    "mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ cycler.__init__.__globals__.os.system('touch {canary}') }}",
    "lipsum": "{{ lipsum.__globals__['os'].system('touch {canary}') }}",
    "namespace": "{{ namespace.__init__.__globals__ }}",
    "callable-attr": "{{ standen.pop.__self__ }}",
    "format": "{{ '{0.__class__.__mro__}'.format(standen) }}",
    "mutate": "{{ standen.append(1) }}{{ standen.clear() }}",
    "include": "{% include '{secret}' %}",
    "import": "{% import '{secret}' as s %}",
    "extends": "{% extends '{secret}' %}",
    "self": "{{ self.__init__.__globals__ }}",
    "big-string": "{{ 'x' * 100000000 }}",
    "big-power": "{{ 10 ** 100000000 }}",
    "big-range": "{{ range(100000000) | list | length }}",
    "joiner": "{{ joiner.__init__.__globals__.os.system('touch {canary}') }}",
    "attr-filter": "{{ (standen | first) | attr('__class__') }}",
    "attr-escaped": "{{ '' | attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "getitem-dunder": "{{ ''['__class__']['__mro__'] }}",
    "macro-internals": "{% macro m() %}{% endmacro %}{{ m._func.__globals__ }}",
    "loop-internals": "{% for s in standen %}{{ loop._iterator }}{% endfor %}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': 1}) }}",
    "percent-format": "{{ '%s' % standen.__class__ }}",
    "dict-pop": "{{ themes.pop('complexiteit') }}",
    "date-internals": "{{ edition.peildatum.__class__.__subclasses__() }}",
    "range-globals": "{{ range.__globals__ }}",
    "dunder-import": "{{ __import__('os').system('touch {canary}') }}",
    "template-context": "{{ self._TemplateReference__context }}",
    "set-unsafe": "{% set x = standen.__init__ %}{{ x }}",
    "call-str-method": "{{ 'x'.ljust(1000000000) }}",
    "include-relative": "{% include '../../secret.txt' %}",
    "include-edition-file": "{% include 'chapters/01-inleiding.md' %}",
    "from-import": "{% from '{secret}' import x %}",
    "recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "debug-extension": "{% debug %}",
}


@pytest.mark.parametrize("name", list(ESCAPES))
def test_escape_refused(name: str, edition: Path, run, tmp_path: Path) -> None:
    canary = tmp_path / "pwned"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    expr = ESCAPES[name].replace("{canary}", str(canary)).replace("{secret}", str(secret))
    path = edition / CH2
    path.write_text(path.read_text().replace("{{ themes['complexiteit'] | lower }}", expr))
    result = run("check", "2024", "--as-of", "2024-05-01", "--format", "json")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "TOPSECRET" not in result.output
    assert not canary.exists()
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["line"], p["code"]) for p in problems] == [
        (f"editions/2024/{CH2}", 11, "template")
    ]


def test_context_holds_only_plain_data(edition: Path) -> None:
    from datetime import date

    from staatc.load.edition import load_edition
    from staatc.templating.render import context

    loaded, problems = load_edition(edition)
    assert problems == []
    plain = (str, int, float, bool, date, type(None))

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        else:
            assert isinstance(value, plain), type(value)

    walk(context(loaded))


def test_pandoc_attributes_are_not_comments(edition: Path) -> None:
    from staatc.validate.check import check_edition

    result = check_edition(edition, __import__("datetime").date(2024, 5, 1))
    text = result.texts[edition / "chapters/01-inleiding.md"]
    assert "# Waarom deze Staat {#sec-waarom}" in text
    assert ": Knelpunten per thema {#tbl-thema}" in text
    assert "Dit jaar verschenen 2 Standen met\n3 knelpunten." in text
    assert "Peildatum 1 mei 2024." in text
