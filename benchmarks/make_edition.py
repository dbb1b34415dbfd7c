"""Generate a synthetic edition N times the size of a sample edition (default: 10× 2024).

Every Stand, onderzoek and chapter is copied N times under new names (slugs,
afkortingen and pandoc ids get a suffix), so the result is a valid edition with
N times the text, tables and knelpunten. The copies of a chapter carry its text as
rendered for the sample (expressions filled in): a `{% for s in standen %}` table in
every copy would grow with the copied Standen too, and the edition would grow with
N² instead of N. Usage:

    python benchmarks/make_edition.py [--times 10] [--source editions/2024] OUT_DIR
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ID = re.compile(r"\{#([A-Za-z][\w-]*)")
_TBL_REF = re.compile(r"@((?:tbl|fig|sec)-[\w-]+)")
_KNELPUNT_ID = re.compile(r"^(\s+id:\s*)(\S+)$", re.M)  # ids name one knelpunt across editions


def _suffix_ids(text: str, suffix: str) -> str:
    text = _ID.sub(lambda m: "{#" + m[1] + suffix, text)
    return _TBL_REF.sub(lambda m: "@" + m[1] + suffix, text)


def _copy_front_matter_value(text: str, key: str, change) -> str:
    return re.sub(rf"^({key}:\s*)(.+)$", lambda m: m[1] + change(m[2]), text, count=1, flags=re.M)


def _rendered_chapters(source: Path) -> dict[str, str]:
    """Each chapter's file with its body as rendered for the sample edition itself."""
    from datetime import date

    from staatc.validate.check import check_edition

    result = check_edition(source, date.today())
    return {
        c.source.path.name: c.source.path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        + "\n---\n" + result.texts[c.source.path]
        for c in result.edition.chapters
    }


def make_edition(source: Path, out: Path, times: int) -> Path:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)
    rendered = _rendered_chapters(source)
    for i in range(2, times + 1):
        tag = f"-x{i}"
        for path in sorted((source / "standen").glob("*.md")):
            text = path.read_text(encoding="utf-8")
            text = _copy_front_matter_value(text, "afkorting", lambda v: v.strip("'\"") + tag)
            text = _copy_front_matter_value(text, "organisatie", lambda v: v.strip("'\"") + f" (kopie {i})")
            text = _KNELPUNT_ID.sub(lambda m: m[1] + m[2].strip("'\"") + tag, text)
            (out / "standen" / f"{path.stem}{tag}.md").write_text(_suffix_ids(text, tag), encoding="utf-8")
        for path in sorted((source / "onderzoeken").glob("*.md")):
            text = path.read_text(encoding="utf-8")
            (out / "onderzoeken" / f"{path.stem}{tag}.md").write_text(_suffix_ids(text, tag), encoding="utf-8")
        chapters = sorted((source / "chapters").glob("*.md"))
        for n, path in enumerate(chapters, start=1):
            number = (i - 1) * len(chapters) + n
            if number > 99:
                break
            text = _copy_front_matter_value(rendered[path.name], "title",
                                            lambda v: v.strip("'\"") + f" (kopie {i})")
            name = f"{number:02d}-{path.stem[3:]}{tag}.md"
            (out / "chapters" / name).write_text(_suffix_ids(text, tag), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--source", type=Path, default=ROOT / "editions" / "2024")
    args = parser.parse_args()
    print(make_edition(args.source, args.out, args.times))


if __name__ == "__main__":
    main()
