"""Limits on template expressions: drafts are untrusted, so an expression may not use up the machine.

Jinja's sandbox stops expressions from reaching Python's internals, but not from asking for a
billion characters (`'x' | center(10**9)`), doubling a text forty times, or looping for ever;
in CI that is a runner with secrets nearby, on a laptop a frozen editor. The limits, in layers:

- sizes: `*`, `+`, `%`, `**` and `~` refuse results longer than MAX_SIZE characters (or list
  items) or numbers above MAX_BITS; filters that take a width or a count refuse arguments that
  would outgrow that too; `sum` of lists joins them in one pass (Python's is quadratic);
- calls: only macros, `range`, `loop.cycle` and read-only methods of text, dicts, lists and
  dates can be called (`'x'.ljust(10**9)` and `'{:>999999999}'.format(1)` cannot);
- output: rendered in pieces and stopped as soon as it passes MAX_SIZE;
- time and memory: a trace on the template's own code (not on the rest of staatc) stops it
  after TIME_LIMIT seconds, or once the process has grown by MEMORY_LIMIT bytes.

Every refusal is a `LimitExceeded` (a Jinja `SecurityError`), which `templating.render` turns
into a problem at the file and line.
"""

from __future__ import annotations

import re
import threading
from datetime import date

from jinja2 import filters, pass_environment, pass_eval_context
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

MAX_SIZE = 5_000_000  # characters of one value or one rendered text; items of one list
MAX_BITS = 100_000  # about 30,000 decimal digits
MAX_EXPONENT = 64
MAX_EXPRESSIONS = 10_000  # `{{`/`{%` in one text: each becomes Python code to compile
# Characters inside `{{ }}`/`{% %}` of one text: a 2,000,000-item list literal is one expression
# and took 90 s to compile; 50,000 characters compile in about a second.
MAX_EXPRESSION_CHARS = 50_000
TIME_LIMIT = 10.0  # seconds for the expressions of one text
EDITION_TIME_LIMIT = 20.0  # seconds for those of all texts together: twelve slow ones took 121 s
MEMORY_LIMIT = 256 * 1024 * 1024  # bytes the process may grow by while they run
# Each macro call nests a dozen C frames; Python's recursion limit alone can let the C stack
# overflow first (a segfault, seen in CI), so nested macro and loop calls are counted here.
MAX_CALL_DEPTH = 100


class LimitExceeded(SecurityError):
    """An expression asked for more than a report's text can need."""


def _size(value) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _refuse_size(n: int, what: str) -> None:
    if n > MAX_SIZE:
        raise LimitExceeded(f"{what} would make a text or list of more than {MAX_SIZE:,} "
                            "characters or items")


# printf-style widths and precisions: '%0999999999d' % 1 asks for a billion characters.
_PRINTF_WIDE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d{4,}|\d*\.(?:\*|\d{4,}))")


def _check_printf(fmt: str, args) -> None:
    if _PRINTF_WIDE.search(fmt):
        raise LimitExceeded("widths of more than 999 characters in '%' formats are not allowed")
    values = args if isinstance(args, tuple) else (args,)
    longest = max((len(str(v)) for v in values), default=0)
    _refuse_size(len(fmt) + fmt.count("%") * longest, "this '%' format")


def check_binop(operator: str, left, right) -> None:
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**":
        if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise LimitExceeded(f"powers above {MAX_EXPONENT} are not allowed")
        if ints and abs(left).bit_length() * abs(right) > MAX_BITS:
            raise LimitExceeded("numbers this large are not allowed")
    elif operator == "*":
        for seq, n in ((left, right), (right, left)):
            if _size(seq) is not None and isinstance(n, int):
                _refuse_size(len(seq) * n, "repeating")
        if ints and abs(left).bit_length() + abs(right).bit_length() > MAX_BITS:
            raise LimitExceeded("numbers this large are not allowed")
    elif operator == "+":
        if _size(left) is not None and _size(right) is not None:
            _refuse_size(len(left) + len(right), "joining")
    elif operator == "%" and isinstance(left, str):
        _check_printf(left, right)


def checked_concat(parts) -> str:
    """The `~` operator: like Jinja's own `str_join`, with the size checked before joining."""
    texts = [str(p) for p in parts]
    _refuse_size(sum(map(len, texts)), "'~'")
    return "".join(texts)


class LimitedCodeGenerator(CodeGenerator):
    """Compile `a ~ b` to `checked_concat` (Jinja has no hook for it, unlike `+` and `*`)."""

    def visit_Concat(self, node, frame) -> None:  # noqa: N802 - Jinja's visitor name
        if frame.eval_ctx.volatile or frame.eval_ctx.autoescape:
            return super().visit_Concat(node, frame)  # autoescape is off for edition text
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


# --- filters that take a width or a count ------------------------------------------------

def _center(value, width=80):
    _refuse_size(int(width), "'center'")
    return filters.do_center(value, width)


def _indent(s, width=4, first=False, blank=False):
    step = len(width) if isinstance(width, str) else int(width)
    _refuse_size(len(str(s)) + (str(s).count("\n") + 1) * step, "'indent'")
    return filters.do_indent(s, width, first, blank)


@pass_environment
def _wordwrap(env, s, width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True):
    breaks = len(str(s)) // max(int(width), 1) + 1
    _refuse_size(len(str(s)) + breaks * len(wrapstring or "\n"), "'wordwrap'")
    return filters.do_wordwrap(env, s, width, break_long_words, wrapstring, break_on_hyphens)


def _batch(value, linecount, fill_with=None):
    _refuse_size(int(linecount), "'batch'")
    return filters.do_batch(value, linecount, fill_with)


def _slice(value, slices, fill_with=None):
    if int(slices) > 100_000:
        raise LimitExceeded("'slice' into more than 100,000 parts is not allowed")
    return filters.sync_do_slice(value, slices, fill_with)


@pass_eval_context
def _replace(eval_ctx, s, old, new, count=None):
    s, old, new = str(s), str(old), str(new)
    n = s.count(old) if old else len(s) + 1
    if count is not None and count >= 0:
        n = min(n, count)
    _refuse_size(len(s) + n * max(len(new) - len(old), 0), "'replace'")
    return filters.do_replace(eval_ctx, s, old, new, count)


def _format(value, *args, **kwargs):
    _check_printf(str(value), tuple(args) + tuple(kwargs.values()))
    return filters.do_format(value, *args, **kwargs)


@pass_eval_context
def _join(eval_ctx, value, d="", attribute=None):
    items = list(value)
    _refuse_size(len(str(d)) * max(len(items) - 1, 0), "'join'")
    return filters.sync_do_join(eval_ctx, items, d, attribute)


@pass_environment
def _sum(env, iterable, attribute=None, start=0):
    if not isinstance(start, (list, tuple)):
        return filters.sync_do_sum(env, iterable, attribute, start)
    # `sum(start=[])` flattens lists (editors use it for all knelpunten); Python's sum does
    # that in quadratic time, so join them in one pass, after checking the size.
    if attribute is not None:
        iterable = map(filters.make_attrgetter(env, attribute), iterable)
    parts = list(iterable)
    if not all(isinstance(p, (list, tuple)) for p in parts):
        raise TypeError("'sum' with a list to start from needs lists to add")
    _refuse_size(len(start) + sum(map(len, parts)), "'sum'")
    out = list(start)
    for part in parts:
        out.extend(part)
    return type(start)(out)


def _striptags(value):
    text = str(value)  # markupsafe removes comments one by one: quadratic in their number
    if text.count("<!--") * len(text) > 10**9:
        raise LimitExceeded("'striptags' on this much text is not allowed")
    return filters.do_striptags(value)


LIMITED_FILTERS = {
    "center": _center, "indent": _indent, "wordwrap": _wordwrap, "batch": _batch,
    "slice": _slice, "replace": _replace, "format": _format, "join": _join, "sum": _sum,
    "striptags": _striptags,
}

# --- what may be called ------------------------------------------------------------------

_CALLABLE_METHODS = {
    str: frozenset(
        "lower upper title capitalize casefold swapcase strip lstrip rstrip split rsplit "
        "splitlines partition rpartition startswith endswith count find rfind index rindex "
        "isalpha isdigit isnumeric isalnum isspace islower isupper istitle isdecimal "
        "removeprefix removesuffix".split()
    ),
    dict: frozenset({"items", "keys", "values", "get"}),
    list: frozenset({"index", "count"}),
    tuple: frozenset({"index", "count"}),
    date: frozenset({"isoformat", "strftime", "weekday", "isoweekday", "isocalendar"}),
    LoopContext: frozenset({"cycle", "changed"}),
    BlockReference: frozenset({"super"}),
}


def check_call(obj) -> None:
    if isinstance(obj, (Macro, BlockReference, LoopContext)) or obj is safe_range:
        return
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    for kind, allowed in _CALLABLE_METHODS.items():
        if isinstance(owner, kind) and name in allowed:
            return
    raise LimitExceeded(f"calling '{name or type(obj).__name__}' is not allowed in edition text")


_calls = threading.local()  # one environment serves the build's render threads


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the limits above."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = LimitedCodeGenerator

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.checked_concat = checked_concat
        self.filters.update(LIMITED_FILTERS)
        from staatc.templating.filter_limits import bound_all  # it imports the limits above

        self.filters = bound_all(self.filters)

    def call_binop(self, context, operator, left, right):
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        check_call(__obj)
        if not isinstance(__obj, (Macro, LoopContext)):
            return super().call(__context, __obj, *args, **kwargs)
        depth = getattr(_calls, "depth", 0)
        if depth >= MAX_CALL_DEPTH:
            raise RecursionError("macro calls nested too deep")
        _calls.depth = depth + 1
        try:
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            _calls.depth = depth


_OPENER = re.compile(r"\{[{%]")


def check_source(text: str) -> None:
    """Before compiling: each expression becomes Python code, and compiling is not free."""
    n = text.count("{{") + text.count("{%")
    if n > MAX_EXPRESSIONS:
        raise LimitExceeded(f"this text has {n:,} template expressions; at most "
                            f"{MAX_EXPRESSIONS:,} are allowed: split it up")
    inside, pos = 0, 0
    while (opener := _OPENER.search(text, pos)) is not None:
        close = text.find("}}" if opener.group() == "{{" else "%}", opener.end())
        end = len(text) if close < 0 else close + 2
        inside += end - opener.start()
        pos = end
        if inside > MAX_EXPRESSION_CHARS:
            exc = LimitExceeded(f"the template expressions in this text are more than "
                                f"{MAX_EXPRESSION_CHARS:,} characters long by this one; write "
                                "long lists and texts out as Markdown")
            exc.line = text.count("\n", 0, opener.start())  # 0-based: where the limit is passed
            raise exc
