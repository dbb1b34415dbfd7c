"""The fixture editions under tests/roots/ are variants of `minimal`: each differs only where
its name says, so a change to `minimal` must be made in them too (this test says where)."""

from __future__ import annotations

from helpers import ROOTS

# root -> {file: [(line in minimal, line in the variant)]}
VARIANTS = {
    "final": {"chapters/01-inleiding.md": [("status: review", "status: final")],
              "chapters/02-complexiteitsreductie.md": [("status: concept", "status: final")]},
}


def test_variants_differ_from_minimal_only_where_they_say():
    minimal = {p.relative_to(ROOTS / "minimal") for p in (ROOTS / "minimal").rglob("*") if p.is_file()}
    for name, changes in VARIANTS.items():
        files = {p.relative_to(ROOTS / name) for p in (ROOTS / name).rglob("*") if p.is_file()}
        assert files == minimal, name
        for rel in sorted(minimal):
            text = (ROOTS / "minimal" / rel).read_text(encoding="utf-8")
            for old, new in changes.get(rel.as_posix(), []):
                assert old in text, (name, rel, old)
                text = text.replace(old, new, 1)
            assert (ROOTS / name / rel).read_text(encoding="utf-8") == text, (name, rel)
