"""EditionDiff → one self-contained HTML page (no scripts, no outside files).

Every text from the edition is escaped: a draft may contain '<script>' and the
page must show it, not run it. Changed documents are shown whole, with `<ins>`
and `<del>` marking the changes, so a reviewer reads each edit in its context.
"""

from __future__ import annotations

from html import escape

from staatc.diff.types import DocDiff, EditionDiff, FieldChange, shown_value
from staatc.diff.layout import layout
from staatc.diff.words import LINE

CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #ccc}
h3{font-size:1.1rem;margin-bottom:.25rem}
ins{background:#d7f5dd;color:#05400a;text-decoration:underline}
del{background:#fbe0e0;color:#6b0000;text-decoration:line-through}
.doc{border-left:4px solid #ccc;padding-left:1rem;margin:1rem 0}
.added{border-color:#2a8a3a}.removed{border-color:#b32020}.changed{border-color:#c9a400}
.meta{color:#555;font-size:.9rem;margin:.25rem 0}
p.text{white-space:normal;margin:.5rem 0}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
"""

WORD = {"added": "added", "removed": "removed", "changed": "changed"}


def render(diff: EditionDiff) -> str:
    e = escape
    title = f"Changes from {diff.old_label} to {diff.new_label}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}</style></head>",
        "<body>",
        f"<h1>{e(title)}</h1>",
    ]
    if not diff.changed:
        parts.append("<p>No changes.</p>")
    parts += _summary(diff)
    for heading, docs in (("Chapters", diff.chapters), ("Standen", diff.standen),
                          ("Onderzoeken", diff.onderzoeken)):
        if docs:
            parts.append(f"<h2>{heading}</h2>")
            parts += [_document(d) for d in docs]
    if diff.kamerbrief:
        parts.append("<h2>Kamerbrief</h2>")
        parts.append(_document(diff.kamerbrief))
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)



def _field(f: FieldChange) -> str:
    return (f"{escape(f.field)}: <del>{escape(shown_value(f.old))}</del> → "
            f"<ins>{escape(shown_value(f.new))}</ins>")


def _summary(diff: EditionDiff) -> list[str]:
    parts: list[str] = []
    items = [_field(f) for f in diff.edition_fields]
    items += [f"theme added: <ins>{escape(t)}</ins>" for t in diff.themes_added]
    items += [f"theme removed: <del>{escape(t)}</del>" for t in diff.themes_removed]
    if items:
        parts += ["<h2>Edition</h2>", "<ul>", *(f"<li>{i}</li>" for i in items), "</ul>"]
    if diff.milestones:
        parts += ["<h2>Milestones</h2>", "<ul>"]
        for m in diff.milestones:
            name = escape(f"{m.id} ({m.name})")
            if m.change == "changed":
                parts.append(f"<li>{name}: " + "; ".join(_field(f) for f in m.fields) + "</li>")
            else:
                parts.append(f"<li>{name}, {m.date}: {m.change}</li>")
        parts.append("</ul>")
    counts = [t for t in diff.theme_counts if t.old != t.new]
    if counts:
        parts += ["<h2>Knelpunten per theme</h2>", "<table>",
                  "<tr><th>Theme</th><th>Old</th><th>New</th></tr>"]
        parts += [f"<tr><td>{escape(t.label)}</td><td>{t.old}</td><td>{t.new}</td></tr>"
                  for t in counts]
        parts.append("</table>")
    return parts


def _document(doc: DocDiff) -> str:
    name = doc.title if doc.kind != "chapter" else f"{doc.number:02d} {doc.title}"
    out = [f'<section class="doc {doc.change}">',
           f"<h3>{escape(name)} <small>({escape(doc.slug)}, {WORD[doc.change]})</small></h3>"]
    meta = [_field(f) for f in doc.fields]
    meta += [f"knelpunt added: <ins>[{escape(k.thema)}] {escape(k.titel)}</ins>"
             for k in doc.knelpunten_added]
    meta += [f"knelpunt removed: <del>[{escape(k.thema)}] {escape(k.titel)}</del>"
             for k in doc.knelpunten_removed]
    meta += [f"knelpunt changed ({escape(new.id)}): <del>[{escape(old.thema)}] {escape(old.titel)}</del> "
             f"<ins>[{escape(new.thema)}] {escape(new.titel)}</ins>" for old, new in doc.knelpunten_changed]
    out += [f'<p class="meta">{m}</p>' for m in meta]
    if doc.text.changed:
        out.append('<div lang="nl">')
        for para in layout(doc.text):
            html = "".join(_piece(kind, text) for kind, text in para.pieces)
            if para.mark in ("insert", "delete"):
                html += _piece(para.mark, "¶" if para.brk != LINE else "↵")
            out.append(f'<p class="text">{html}</p>')
        out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


def _piece(kind: str, text: str) -> str:
    text = escape(text)
    if kind == "insert":
        return f"<ins>{text}</ins>"
    if kind == "delete":
        return f"<del>{text}</del>"
    return text
