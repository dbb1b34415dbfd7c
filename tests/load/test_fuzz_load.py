"""Random front matter and Markdown: the loader loads it or reports problems, never crashes."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOTS
from staatc.validate.check import check_edition
from staatc.errors import Problem, StaatcError

KEYS = ["title", "part", "status", "owner", "deadline", "organisatie", "afkorting", "knelpunten",
        "thema", "titel", "jaar", "auteurs", "url", "gepubliceerd", "bijlagen", "datum"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["2024-02-30", "2024-09-09", "concept", "final", "https://x.nl"]),
    st.dates().map(date.isoformat),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=12)
front_matter = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), values, max_size=8)
markdown = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from(list("{}%#[]()!:|-*`\n"))), max_size=300
) | st.sampled_from(["{{ standen | length }}", "{% for s in standen %}{{ s.slug }}{% endfor %}",
                     "[x](stand:nope)", "![](images/x.png)", "{{ 1/0 }}", "{% if %}", "{{ x.y.z }}"])

TARGETS = ["chapters/01-inleiding.md", "standen/uwv.md", "onderzoeken/tias-stapeling.md", "kamerbrief.md"]


def _check_with(target: str, content: bytes) -> list[Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "2024"
        shutil.copytree(ROOTS / "minimal", root)
        (root / target).write_bytes(content)
        try:
            return check_edition(root, date(2024, 5, 1)).problems
        except StaatcError as exc:  # the project's own error type is fine
            return exc.problems


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TARGETS), front_matter, markdown)
def test_random_front_matter_and_markdown(target: str, fm: dict, body: str) -> None:
    try:
        header = yaml.safe_dump(fm, allow_unicode=True)
    except yaml.YAMLError:
        return
    problems = _check_with(target, f"---\n{header}---\n{body}".encode("utf-8", "surrogatepass"))
    for p in problems:
        assert p.message and p.severity in ("error", "warning")


@settings(deadline=None)
@given(st.sampled_from(TARGETS), st.binary(max_size=400))
def test_random_bytes(target: str, content: bytes) -> None:
    for p in _check_with(target, content):
        assert p.message
