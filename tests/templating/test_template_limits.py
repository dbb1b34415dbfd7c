"""Template expressions may not use up the machine: each bomb stops fast, with a message at its line.

Without the limits in staatc/template_limits.py each of these either allocates gigabytes
(`'x' | center(10**9)`), runs for hours (two nested loops over range(100000)), or crashes
with a Python traceback (a macro that calls itself, 200 nested `if`s).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import REPO
from staatc.errors import TemplateError
from staatc.templating.render import render

CTX = {
    "standen": [{"slug": "uwv", "knelpunten": [{"thema": "a"}, {"thema": "b"}]},
                {"slug": "svb", "knelpunten": [{"thema": "a"}]}],
    "themes": {"a": "Thema A"},
}
PATH = Path("chapters/03-bom.md")
FIRST_LINE = 7


def refused(expression: str) -> str:
    """Render the expression on the third line of a text; return the problem's message."""
    text = f"Eerste regel.\nTweede regel.\n{expression}\nVierde regel.\n"
    started = time.monotonic()
    with pytest.raises(TemplateError) as info:
        render(text, CTX, PATH, FIRST_LINE)
    assert time.monotonic() - started < 30  # a runaway would take minutes or hours
    assert info.value.file == PATH
    assert info.value.line == FIRST_LINE + 2, info.value.message
    return info.value.message


BOMBS = {
    "center": ("{{ 'x' | center(1000000000) }}", "'center'"),
    "indent": ("{{ ('x\\n' * 1000000) | indent(1000) }}", "'indent'"),
    "wordwrap": ("{{ ('x ' * 1000000) | wordwrap(1, wrapstring='y' * 10000) }}", "'wordwrap'"),
    "batch": ("{{ [1] | batch(1000000000, 0) | list | length }}", "'batch'"),
    "slice": ("{{ [1] | slice(1000000000) | list | length }}", "'slice'"),
    "replace": ("{{ ('x' * 100000) | replace('x', 'y' * 100000) }}", "'replace'"),
    "replace-empty": ("{{ ('x' * 4000000) | replace('', 'yy') }}", "'replace'"),
    "join": ("{{ range(100000) | join('x' * 100000) }}", "'join'"),
    "format-filter": ("{{ '%0999999999d' | format(1) }}", "widths of more than 999"),
    "percent-operator": ("{{ '%-999999999s' % 'x' }}", "widths of more than 999"),
    "percent-star": ("{{ '%*d' % (1000000000, 1) }}", "widths of more than 999"),
    "str-method": ("{{ 'x'.center(1000000000) }}", "calling 'center' is not allowed"),
    "str-format": ("{{ '{:>999999999}'.format(1) }}", "calling 'format' is not allowed"),
    "list-repeat": ("{{ (range(100000) | list) * 10000 }}", "repeating"),
    "text-repeat": ("{{ 'x' * 5000001 }}", "repeating"),
    "plus-doubling": ("{% set a = 'x' * 4000000 %}{% set b = a + a %}{{ b | length }}", "joining"),
    "tilde-doubling": ("{% set a = 'x' * 1000000 %}{% set b = a ~ a ~ a %}{% set c = b ~ b %}{{ c | length }}", "'~'"),
    "power": ("{{ 10 ** 100000000 }}", "powers above 64"),
    "power-chain": ("{{ ((10 ** 64) ** 64) ** 64 }}", "numbers this large"),
    "multiply-chain": ("{% set a = 10 ** 60 %}{% set b = a * a %}{% set c = b * b %}{% set d = c * c %}"
                       "{% set e = d * d %}{% set f = e * e %}{% set g = f * f %}{% set h = g * g %}"
                       "{% set i = h * h %}{% set j = i * i %}{% set k = j * j %}{{ k * k }}", "numbers this large"),
    "sum-of-lists": ("{{ ([range(1000) | list] * 5001) | sum(start=[]) | length }}", "'sum'"),
    "striptags": ("{{ ('<!--' * 1000000) | striptags }}", "'striptags'"),
    "recursion": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls itself without end"),
    # Filters run outside the template's code, where the time limit cannot stop them
    # (on 4,000,000 items: pprint 47 s, sort 17 s, unique 8 s, max 6.5 s; title 4.7 s).
    "pprint": ("{{ ((range(100000) | list) * 40) | pprint | length }}", "'pprint' on more than"),
    "sort": ("{{ ((range(100000) | list) * 40) | sort | length }}", "'sort' on 4,000,000 items"),
    "unique": ("{{ ((range(100000) | list) * 40) | unique | list | length }}", "'unique' on"),
    "max": ("{{ ((range(100000) | list) * 40) | max }}", "'max' on 4,000,000 items"),
    "tojson": ("{{ ((range(100000) | list) * 40) | tojson | length }}", "'tojson' on"),
    "string-nested": ("{% set a = [[[[range(100) | list] * 100] * 100] * 100] %}{{ a | string | length }}",
                      "'string' on more than 500,000 values, nested"),
    "title": ("{{ ('x ' * 2000000) | title | length }}", "'title' on a text of 4,000,000"),
    "recursive-loop": ("{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", "calls itself without end"),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_bomb_is_refused(name: str) -> None:
    expression, hint = BOMBS[name]
    assert hint in refused(expression)


def test_output_is_stopped_as_it_grows() -> None:
    """Ten billion characters would be written; the text stops at five million."""
    message = refused("{% for i in range(100000) %}{% for j in range(100000) %}"
                      "{{ 'x' * 1000 }}{% endfor %}{% endfor %}")
    assert "longer than 5,000,000 characters" in message


def test_loops_that_write_nothing_are_stopped_by_the_time_limit(monkeypatch) -> None:
    import staatc.templating.limits as limits

    monkeypatch.setattr(limits, "TIME_LIMIT", 0.5)
    message = refused("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    assert "took longer than 0.5 seconds" in message


def test_memory_limit_stops_a_growing_text() -> None:
    """In a fresh process: how much this one has grown depends on the tests before."""
    code = (
        "import staatc.templating.limits as limits\n"
        "from pathlib import Path\n"
        "from staatc.errors import TemplateError\n"
        "from staatc.templating.render import render\n"
        "limits.MEMORY_LIMIT = 50 * 2**20\n"
        "text = '{% set x %}{% for i in range(100000) %}{{ \"x\" * 4000 }}{% endfor %}{% endset %}{{ x | length }}'\n"
        "try:\n"
        "    out = render(text, {}, Path('a.md'))\n"
        "    print('no limit', len(out))\n"
        "except TemplateError as exc:\n"
        "    print(exc.message)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # this checkout's staatc, wherever pytest runs
    out = subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True,
                         cwd=REPO, env=env, timeout=120)
    assert "need more than 50 MB of memory" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize(
    "text",
    [
        "{% if 1 %}" * 200 + "x" + "{% endif %}" * 200,
        "{{ " + "(" * 1000 + "1" + ")" * 1000 + " }}",
        "{% for a in [1] %}" * 30 + "x" + "{% endfor %}" * 30,
    ],
    ids=["if-200", "brackets-1000", "for-30"],
)
def test_deep_nesting_is_a_message(text: str) -> None:
    with pytest.raises(TemplateError) as info:
        render("Regel.\n" + text, CTX, PATH, FIRST_LINE)
    assert info.value.line == FIRST_LINE
    assert "nested too deeply" in info.value.message


def test_too_many_expressions() -> None:
    with pytest.raises(TemplateError) as info:
        render("{{ 1 }} " * 10_001, CTX, PATH, FIRST_LINE)
    assert "10,001 template expressions" in info.value.message


def test_what_editors_write_still_works() -> None:
    text = (
        "{{ standen | length }} Standen, "
        "{{ standen | map(attribute='knelpunten') | map('length') | sum }} knelpunten, "
        "{{ standen | map(attribute='knelpunten') | sum(start=[]) | selectattr('thema', 'equalto', 'a') | list | length }} over a. "
        "{{ standen | map(attribute='slug') | join(', ') | upper }}. "
        "{% for k, v in themes.items() %}{{ k }}={{ v | lower | replace('thema', 'th') }}{% endfor %} "
        "{% for s in standen %}{{ loop.cycle('x', 'y') }}{% endfor %} "
        "{{ '%d%%' % 12 }} {{ 'a,b'.split(',') | join('-') }} {{ 'x' * 3 }} {{ 2 ** 10 }} "
        "{% macro m(n) %}[{{ n }}]{% endmacro %}{{ m(1) }}"
    )
    assert render(text, CTX, PATH) == (
        "2 Standen, 3 knelpunten, 2 over a. UWV, SVB. a=th a xy 12% a-b xxx 1024 [1]"
    )


def test_recursion_is_stopped_before_the_c_stack_runs_out() -> None:
    """A render thread has a smaller stack than the main one: the bomb must still be a message.

    Python's recursion limit counts Python frames; each macro call also nests C frames, and in
    CI the C stack ran out first (a segfault: a library there had raised the recursion limit).
    In a fresh process, with the limit raised, in a thread with 512 KB of stack.
    """
    code = (
        "import sys, threading\n"
        "sys.setrecursionlimit(100_000)\n"
        "from pathlib import Path\n"
        "from staatc.errors import TemplateError\n"
        "from staatc.templating.render import render\n"
        "def run():\n"
        "    try:\n"
        "        render('{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}', {}, Path('a.md'))\n"
        "    except TemplateError as exc:\n"
        "        print(exc.message)\n"
        "threading.stack_size(512 * 1024)\n"
        "t = threading.Thread(target=run)\n"
        "t.start(); t.join()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-P", "-c", code], capture_output=True, text=True,
                         cwd=REPO, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "calls itself without end" in out.stdout, out.stdout + out.stderr[-2000:]


def test_macros_nested_a_few_levels_still_work() -> None:
    text = ("{% macro f(n) %}{% if n %}({{ f(n - 1) }}){% endif %}{% endmacro %}{{ f(30) }}")
    assert render(text, {}, PATH) == "(" * 30 + ")" * 30


def test_a_huge_literal_is_refused_before_compiling() -> None:
    """One expression with 2,000,000 items took 90 s to compile."""
    message = refused("{{ [" + "1," * 2_000_000 + "1] | length }}")
    assert "more than 50,000 characters long by this one" in message


RUNTIME = {
    "dictsort-by": ("{{ {'a': 1} | dictsort(by='x') }}", 'sort by either "key" or "value"'),
    "map-without-filter": ("{{ [1] | map | list }}", "'map' needs the name of a filter"),
    "unknown-test": ("{% if 1 is frobnicated %}x{% endif %}", "there is no test 'frobnicated'"),
    "select-near-miss": ("{{ [1] | select('od') | list }}", "did you mean 'odd'?"),
    "selectattr-test": ("{{ [1] | selectattr('x', 'nosuch') | list }}", "there is no test 'nosuch'"),
    "round-method": ("{{ 1.5 | round(method='x') }}", "method must be common, ceil or floor"),
}


@pytest.mark.parametrize("name", list(RUNTIME))
def test_jinja_runtime_errors_are_messages_at_their_line(name: str) -> None:
    expression, hint = RUNTIME[name]
    message = refused(expression)
    assert hint in message and "check the expression on this line" in message.lower()


def test_the_edition_has_one_time_budget_for_all_texts(edition, monkeypatch) -> None:
    """Each text within its own limit, but together over the edition's: the slowest are named."""
    from datetime import date

    import staatc.templating.limits as limits
    from staatc.validate.check import check_edition

    monkeypatch.setattr(limits, "TIME_LIMIT", 0.4)
    monkeypatch.setattr(limits, "EDITION_TIME_LIMIT", 0.6)
    slow = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
    for path in sorted((edition / "chapters").glob("*.md")):
        path.write_text(path.read_text(encoding="utf-8") + slow, encoding="utf-8")
    problems = [p for p in check_edition(edition, date(2024, 5, 1)).problems if p.code == "template"]
    messages = [p.message for p in problems]
    assert len(problems) == 2, messages  # the first over its own limit, the second over the rest
    assert any("took longer than 0.6 seconds in all" in m and "slowest:" in m for m in messages), messages


def test_filters_on_report_sized_data_still_work() -> None:
    text = ("{{ [3, 1, 2] | sort | join(', ') }}; {{ (range(1000) | list) | unique | list | length }}; "
            "{{ {'b': 2, 'a': 1} | dictsort | first | first }}; {{ [[1, 2], [3]] | pprint }}; "
            "{{ 'de staat' | title }}")
    assert render(text, {}, PATH) == "1, 2, 3; 1000; a; [[1, 2], [3]]; De Staat"
