"""Hypothesis strategies for whole editions: valid ones, and ones broken in small ways.

`editions()` draws a dict {relative path: text or bytes} for a complete edition folder:
edition.yaml with themes and milestones, chapters, Standen, onderzoeken and a kamerbrief,
whose bodies are Markdown built from random blocks (paragraphs with unicode and markup
characters, headings with attributes, pipe tables with captions, footnotes, lists, quotes,
code, links and cross references, template expressions, very long lines).
`editions(broken=True)` then applies a few small mistakes an editor (or an attacker) could
make: a missing or unknown key, a bad date, an unknown theme, a broken reference, a broken
expression, an unclosed front matter, bytes that are not UTF-8, raw Typst.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import strategies as st

SLUGS = ["uwv", "svb", "duo", "cak", "rdw", "ind", "kvk", "cjib"]
THEMES = ["complexiteit", "gegevensuitwisseling", "arbeidsmarkt", "signaalfunctie"]
AS_OF = date(2024, 5, 1)

# Text: Dutch words, unicode of every kind (some of it beyond the PDF's fonts: CJK, Hebrew,
# Arabic, emoji, which `check` refuses as glyph-missing), and the characters Markdown, Typst, TeX, YAML and
# Jinja care about, so escaping is exercised everywhere the text goes.
WORDS = ["de", "uitvoering", "Standen", "knelpunt", "regels", "burgers", "één", "café", "naïef",
         "Ĳsselmeer", "straße", "Ωmega", "日本語", "עברית", "العربية", "🙂", "e\u0301", "a\u200db",
         "x²", "—", "…", "«citaat»", "€ 5", "100%"]
MARKUP = ["#", "#set text(red)", '#read("/etc/passwd")', "\\", "\\\\", "$", "$x$", "@tbl-x",
          "<b>", "&amp;", "*", "_", "`", "~", "^", "[", "]", "(", ")", "{", "}", "{#x}", "|",
          ":", "---", '"', "'", "%", "<!--", "-->"]
# Any letters, marks, digits, punctuation, symbols and spaces; no controls, no unassigned code
# points, no braces (Jinja delimiters belong to the "broken" mistakes).
random_text = st.text(st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs"),
                                    blacklist_characters="{}"), min_size=1, max_size=8)
words = st.lists(st.sampled_from(WORDS) | st.sampled_from(MARKUP) | random_text,
                 min_size=1, max_size=12).map(" ".join).filter(str.strip)
# Text the PDF can print: Latin, Greek and Cyrillic (Noto Sans), markup characters.
PRINTABLE_WORDS = [w for w in WORDS if all(ord(c) < 0x0530 or c in "—…«»€" for c in w)]
printable_text = st.text(st.characters(whitelist_categories=("L", "N", "P", "S", "Zs"),
                                       max_codepoint=0x04FF, blacklist_characters="{}"),
                         min_size=1, max_size=8)
printable_words = st.lists(st.sampled_from(PRINTABLE_WORDS) | st.sampled_from(MARKUP) | printable_text,
                           min_size=1, max_size=12).map(" ".join).filter(str.strip)
plain_words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
printable_plain = st.lists(st.sampled_from(PRINTABLE_WORDS), min_size=1, max_size=8).map(" ".join)


def yaml_str(value: str) -> str:
    """A YAML scalar that reads back as exactly `value` (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


@st.composite
def paragraph(draw, slugs: dict[str, list[str]], words=words, plain=plain_words) -> str:
    parts = [draw(words)]
    kinds = [k for k, targets in slugs.items() if targets]
    if kinds and draw(st.booleans()):
        kind = draw(st.sampled_from(kinds))
        parts.append(f"[{draw(plain)}]({kind}:{draw(st.sampled_from(slugs[kind]))})")
    if draw(st.booleans()):
        parts.append(f"[{draw(plain)}](https://example.org/{draw(st.sampled_from(SLUGS))}?q=1&r=2)")
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from([
            "{{ standen | length }}", "{{ edition.peildatum | datum }}",
            "{{ standen | map(attribute='knelpunten') | map('length') | sum }}",
            "{% for s in standen %}{{ s.afkorting }} {% endfor %}", "{{ themes | length }}",
        ])))
    if draw(st.booleans()):
        parts.append("*" + draw(plain) + "* en **" + draw(plain) + "**")
    return " ".join(parts)


@st.composite
def markdown(draw, slugs: dict[str, list[str]], prefix: str, words=words, plain=plain_words) -> str:
    blocks = []
    notes = 0
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["para", "para", "heading", "table", "list", "quote", "code",
                                     "footnote", "long"]))
        if kind == "para":
            blocks.append(draw(paragraph(slugs, words, plain)))
        elif kind == "heading":
            level = draw(st.integers(1, 4))
            attr = f" {{#{prefix}-kop-{len(blocks)}}}" if draw(st.booleans()) else ""
            blocks.append("#" * level + " " + draw(plain) + attr)
        elif kind == "table":
            cols = draw(st.integers(1, 4))
            rows = draw(st.lists(st.lists(words.map(lambda w: w.replace("|", "\\|").replace("\n", " ")),
                                          min_size=cols, max_size=cols), min_size=1, max_size=5))
            head = "| " + " | ".join(f"Kolom {i}" for i in range(cols)) + " |"
            rule = "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(cols)) + "|"
            body = ["| " + " | ".join(r) + " |" for r in rows]
            caption = ["", f": {draw(plain)} {{#tbl-{prefix}-{len(blocks)}}}"] if draw(st.booleans()) else []
            blocks.append("\n".join([head, rule, *body, *caption]))
        elif kind == "list":
            items = draw(st.lists(plain, min_size=1, max_size=5))
            marker = draw(st.sampled_from(["-", "*", "1."]))
            blocks.append("\n".join(("  " * min(i, 3)) + f"{marker} {t}" for i, t in enumerate(items)))
        elif kind == "quote":
            blocks.append("> " + draw(plain))
        elif kind == "code":
            blocks.append("```\n" + draw(words) + "\n```")
        elif kind == "footnote":
            notes += 1
            blocks.append(f"{draw(plain)}[^n{notes}]\n\n[^n{notes}]: {draw(plain)}")
        else:
            # A very long line (some thousands of words): one phrase, repeated.
            blocks.append(" ".join([draw(plain)] * draw(st.integers(200, 2000))))
    return "\n\n".join(blocks) + "\n"


def front(fields: dict[str, str]) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\n"


@st.composite
def editions(draw, broken: bool = False, printable: bool = False) -> dict[str, str | bytes]:
    """`printable`: only characters the PDF's fonts have (for the build)."""
    words = printable_words if printable else globals()["words"]
    plain = printable_plain if printable else plain_words
    themes = draw(st.lists(st.sampled_from(THEMES), min_size=1, max_size=4, unique=True))
    standen = draw(st.lists(st.sampled_from(SLUGS), max_size=4, unique=True))
    onderzoeken = draw(st.lists(st.sampled_from(["tias", "usbo", "nsob"]), max_size=2, unique=True))
    chapter_names = [f"{i + 1:02d}-{s}" for i, s in
                     enumerate(draw(st.lists(st.sampled_from(["inleiding", "complexiteit", "data", "slot"]),
                                             min_size=1, max_size=3, unique=True)))]
    slugs = {"stand": standen, "onderzoek": onderzoeken, "hoofdstuk": chapter_names}
    day = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 300)))
    files: dict[str, str | bytes] = {}

    files["edition.yaml"] = "\n".join([
        "edition: 2024",
        f"title: {yaml_str(draw(words))}",
        f"subtitle: {yaml_str(draw(words))}" if draw(st.booleans()) else "",
        f"status: {draw(st.sampled_from(['concept', 'definitief']))}",
        "language: nl-NL",
        f"publisher: {yaml_str(draw(plain))}",
        f"peildatum: {day.isoformat()}",
        "themes:",
        *[f"  {t}: {yaml_str(draw(words))}" for t in themes],
        "milestones:",
        "  - id: reflectiesessie",
        f"    name: {yaml_str(draw(plain))}",
        f"    date: {day.isoformat()}",
        "  - id: aanbieding",
        "    name: Aanbieding aan de Tweede Kamer",
        f"    date: {(day + timedelta(days=100)).isoformat()}",
        "    gate: final",
        "",
    ])
    for name in chapter_names:
        fields = {"title": yaml_str(draw(words)), "status": draw(st.sampled_from(["concept", "review", "final"])),
                  "owner": "Team Staat", "deadline": (day + timedelta(days=50)).isoformat()}
        if draw(st.booleans()):
            fields["part"] = str(draw(st.integers(1, 3)))
        files[f"chapters/{name}.md"] = front(fields) + draw(markdown(slugs, f"h{name[:2]}", words, plain))
    for i, slug in enumerate(standen):
        knelpunten = draw(st.lists(st.sampled_from(themes), max_size=3))
        files[f"standen/{slug}.md"] = (
            front({"organisatie": yaml_str(draw(words) + f" {i}"), "afkorting": yaml_str(slug.upper() + draw(st.sampled_from(["", "#", "\\", "é"]))),
                   "departement": "BZK", "gepubliceerd": day.isoformat(),
                   "url": f"https://example.org/{slug}"})[:-4]
            + ("knelpunten:\n" + "".join(f"  - thema: {t}\n    titel: {yaml_str(draw(words))}\n" for t in knelpunten)
               if knelpunten else "")
            + "---\n" + draw(markdown(slugs, f"s{i}", words, plain))
        )
    for i, slug in enumerate(onderzoeken):
        files[f"onderzoeken/{slug}.md"] = front({
            "titel": yaml_str(draw(words)), "instelling": yaml_str(draw(plain)),
            "auteurs": "[" + ", ".join(yaml_str(draw(plain)) for _ in range(2)) + "]",
            "thema": draw(st.sampled_from(themes)), "jaar": "2024",
        }) + draw(markdown(slugs, f"o{i}", words, plain))
    files["kamerbrief.md"] = front({
        "betreft": yaml_str(draw(words)), "ons_kenmerk": "2024-0000412345",
        "ondertekenaar": yaml_str(draw(plain)), "naam": yaml_str(draw(words)),
    }) + draw(markdown(slugs, "kb", words, plain))

    if broken:
        for _ in range(draw(st.integers(1, 3))):
            files = draw(mistake(files))
    return files


@st.composite
def mistake(draw, files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    files = dict(files)
    path = draw(st.sampled_from(sorted(p for p, t in files.items() if isinstance(t, str))))
    text = files[path]
    lines = text.split("\n")
    kind = draw(st.sampled_from(["drop-line", "unknown-key", "bad-date", "unknown-theme", "broken-ref",
                                 "broken-expression", "unclosed", "not-utf8", "raw-typst", "tab",
                                 "truncate", "swap-lines", "duplicate-key"]))
    if kind == "drop-line" and len(lines) > 2:
        del lines[draw(st.integers(0, len(lines) - 1))]
    elif kind == "unknown-key":
        lines.insert(1, "auteur: Piet")
    elif kind == "bad-date":
        text = text.replace("2024-", "2024-13-", 1)
        lines = text.split("\n")
    elif kind == "unknown-theme":
        text = text.replace("thema: ", "thema: onbekend", 1)
        lines = text.split("\n")
    elif kind == "broken-ref":
        lines.append("[weg](stand:bestaat-niet)")
    elif kind == "broken-expression":
        lines.append(draw(st.sampled_from(["{{ standen | lengte }}", "{% for %}", "{{ 1 / 0 }}",
                                           "{{ x.y }}", "{{ ''.__class__ }}", "{{ 'x' * 10**9 }}"])))
    elif kind == "unclosed":
        lines = [line for line in lines if line != "---"][:1] + ["---"] + lines[1:]
        lines = lines[1:]
    elif kind == "not-utf8":
        files[path] = text.encode("utf-8")[: draw(st.integers(0, len(text)))] + b"\xff\xfe caf\xe9"
        return files
    elif kind == "raw-typst":
        lines.append('```{=typst}\n#panic("x")\n```')
    elif kind == "tab":
        lines.insert(1, "\tstatus: concept")
    elif kind == "truncate":
        lines = lines[: draw(st.integers(0, len(lines)))]
    elif kind == "swap-lines" and len(lines) > 3:
        i = draw(st.integers(0, len(lines) - 2))
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "duplicate-key" and len(lines) > 2:
        lines.insert(2, lines[1])
    files[path] = "\n".join(lines)
    return files
