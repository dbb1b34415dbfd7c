"""The sandboxed Jinja environment in which chapter and letter text is rendered.

Drafts may come from outsiders' pull requests, so the text is untrusted code:
an immutable sandbox, undefined names are errors, no loader (nothing can be
included from disk), and a context of plain data only (no Path or model objects
whose methods could reach the file system).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from staatc.errors import Problem, TemplateError
from staatc.load.series import Series
from staatc.model import Edition
from staatc.series.figures import edition_records


class TextCache(Protocol):
    """Rendered texts kept between runs (staatc.validate.cache.FileCache)."""

    def text_key(self, context: dict, relative: str, first_line: int, body: str) -> str | None: ...
    def get_text(self, key: str) -> str | None: ...
    def put_text(self, key: str, text: str) -> None: ...

MAX_OUTPUT = 5_000_000  # characters one document may grow to (template_limits.MAX_SIZE)

def _datum_filter(value: Any) -> str:
    from staatc.dutch import dutch_date  # like Jinja, loaded only when a text is rendered

    if isinstance(value, date):
        return dutch_date(value)
    if isinstance(value, str):
        return dutch_date(date.fromisoformat(value))
    raise ValueError(f"'datum' needs a date, not {type(value).__name__}")


class _NoLoader:
    """Refuse every include, import and extends with a message editors can act on."""

    def load(self, environment, name, globals=None):  # noqa: A002 - Jinja's signature
        from jinja2.exceptions import TemplateNotFound

        raise TemplateNotFound(
            f"{name} (including or importing other files is not allowed in edition text)"
        )


@lru_cache(maxsize=1)
def environment():
    from jinja2 import StrictUndefined

    from staatc.templating.limits import LimitedSandbox  # sizes, calls, `~`: see limits.py

    env = LimitedSandbox(
        undefined=StrictUndefined,
        autoescape=False,
        # Pandoc attributes such as `# Kop {#sec-kop}` must stay text, so '{#' is no comment.
        comment_start_string="{##",
        comment_end_string="##}",
        keep_trailing_newline=True,
        loader=None,
    )
    env.loader = _NoLoader()  # type: ignore[assignment]
    env.globals = {"range": env.globals["range"]}
    env.filters["datum"] = _datum_filter
    return env


def _plain(value: Any) -> Any:
    """Models → nested dicts/lists of str, int, date: nothing with methods that do I/O."""
    if hasattr(value, "model_dump"):
        return {k: _plain(v) for k, v in value.model_dump(exclude={"source", "body"}).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool, date)):
        return value
    return str(value)


def context(edition: Edition, series: Series | None = None) -> dict[str, Any]:
    config = edition.config
    return {
        # One record per edition, oldest first (staatc.series.figures): prose can compute
        # "{{ series[-1].nieuw | length }} nieuwe Standen" instead of typing it.
        "series": _plain(edition_records(series)) if series else [],
        "edition": _plain(config) if config else {},
        "themes": dict(config.themes) if config else {},
        "milestones": _plain(config.milestones) if config else [],
        "chapters": _plain(edition.chapters),
        "standen": _plain(edition.standen),
        "onderzoeken": _plain(edition.onderzoeken),
    }


def has_expressions(text: str) -> bool:
    return "{{" in text or "{%" in text or "{##" in text


def render(text: str, ctx: dict[str, Any], path: Path, first_line: int = 1,
           seconds: float | None = None) -> str:
    """Render template expressions in `text` (which starts on `first_line` of `path`), in at
    most `seconds` (default: the limit for one text)."""
    if not has_expressions(text):
        return text
    from jinja2 import TemplateRuntimeError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateNotFound

    from staatc.templating.budget import Budget
    from staatc.templating.limits import LimitExceeded, check_source
    from staatc.templating.words import runtime_message, syntax_message, then, undefined_message

    env = environment()
    try:
        check_source(text)
        template = env.from_string(text)
    except LimitExceeded as exc:
        raise TemplateError(f"{exc}", path, first_line + getattr(exc, "line", 0)) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(
            then(syntax_message(exc.message, env), "check the '{{ }}' or '{% %}' on this line"),
            path,
            first_line + (exc.lineno or 1) - 1,
        ) from None
    except (SyntaxError, RecursionError, MemoryError):  # Python's compiler: nested too deep
        raise TemplateError(
            "the template expressions in this text are nested too deeply (blocks inside "
            "blocks, or brackets inside brackets); simplify them",
            path,
            first_line,
        ) from None
    pieces: list[str] = []
    size = 0
    try:
        with Budget(seconds):
            pieces_of = template.generate(ctx)
            for piece in pieces_of:  # in pieces, so a runaway loop stops early
                size += len(piece)
                if size > MAX_OUTPUT:
                    raise TemplateError(
                        f"the template expressions make this text longer than {MAX_OUTPUT:,} "
                        "characters; simplify them",
                        path,
                        first_line + _writing_line(template, pieces_of) - 1,
                    )
                pieces.append(piece)
    except LimitExceeded as exc:
        raise _located(exc, path, first_line,
                       f"this expression asks too much ({exc}); simplify it") from None
    except SecurityError as exc:
        raise _located(exc, path, first_line,
                       f"this expression is not allowed ({exc}); use only the edition's data "
                       "(edition, themes, milestones, chapters, standen, onderzoeken, series)") from None
    except UndefinedError as exc:
        raise _located(exc, path, first_line,
                       then(undefined_message(exc.message, ctx), "the names you can use are edition, "
                            "themes, milestones, chapters, standen, onderzoeken and series")) from None
    except TemplateNotFound as exc:
        raise _located(exc, path, first_line, f"cannot include '{exc.message}'") from None
    except TemplateRuntimeError as exc:  # bad filter arguments, unknown tests at run time
        raise _located(exc, path, first_line,
                       then(runtime_message(exc.message, env), "check the expression on this line")) from None
    except RecursionError as exc:
        raise _located(exc, path, first_line,
                       "a macro or loop in this text calls itself without end; fix it") from None
    except MemoryError as exc:
        raise _located(exc, path, first_line,
                       "the template expressions need more memory than there is; simplify "
                       "them") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, OverflowError) as exc:
        raise _located(exc, path, first_line,
                       f"template expression failed ({type(exc).__name__}: {exc}); check the "
                       "expression on this line") from None
    return "".join(pieces)


def _writing_line(template, generator) -> int:
    """The template line whose output the generator is writing (its frame is paused there)."""
    inner = getattr(generator, "gi_yieldfrom", None)
    frame = getattr(inner, "gi_frame", None)
    return template.get_corresponding_lineno(frame.f_lineno) if frame is not None else 1


def _located(exc: BaseException, path: Path, first_line: int, message: str) -> TemplateError:
    """Jinja rewrites tracebacks so template frames carry the template's line number."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return TemplateError(message, path, first_line + (line or 1) - 1)



def render_texts(edition: Edition, series: Series | None = None,
                 cache: TextCache | None = None) -> tuple[dict[Path, str], list[Problem]]:
    """Render every document's body once; return the texts by file and the problems.

    All texts together get EDITION_TIME_LIMIT: each its own limit, but no more than is left,
    and once it is used up the message names the slowest texts. A `cache` (validate/cache.py)
    gives the texts whose source and context are unchanged as rendered before."""
    import time

    if edition.config is None:
        return {}, []  # edition.yaml's own errors say it all; names in expressions would cascade
    ctx = context(edition, series)
    texts: dict[Path, str] = {}
    problems: list[Problem] = []
    spent: dict[Path, float] = {}
    for doc in edition.documents():
        if not has_expressions(doc.body):
            texts[doc.source.path] = doc.body  # what render() gives it, without loading Jinja
            continue
        key = None
        if cache is not None:
            key = cache.text_key(ctx, doc.source.path.relative_to(edition.root).as_posix(),
                                 doc.source.body_line, doc.body)
            if key is not None and (known := cache.get_text(key)) is not None:
                texts[doc.source.path] = known
                continue
        from staatc.templating import limits  # Jinja itself: only when something is rendered

        left = limits.EDITION_TIME_LIMIT - sum(spent.values())
        start = time.monotonic()
        try:
            texts[doc.source.path] = render(doc.body, ctx, doc.source.path, doc.source.body_line,
                                            seconds=min(limits.TIME_LIMIT, max(left, 0.0)))
            if key is not None:
                cache.put_text(key, texts[doc.source.path])
        except TemplateError as exc:
            if left < limits.TIME_LIMIT and "took longer than" in exc.message:
                exc = TemplateError(_edition_budget_message(spent), exc.file, exc.line)
            problems.append(exc.problem())
        spent[doc.source.path] = time.monotonic() - start
    return texts, problems


def _edition_budget_message(spent: dict[Path, float]) -> str:
    from staatc.templating import limits

    slowest = sorted(spent.items(), key=lambda item: -item[1])[:3]
    named = ", ".join(f"{path.name} {seconds:.1f} s" for path, seconds in slowest)
    return (f"the template expressions of this edition took longer than "
            f"{limits.EDITION_TIME_LIMIT:g} seconds in all, so this text was not rendered "
            f"(slowest: {named}); simplify the expressions in those texts")
