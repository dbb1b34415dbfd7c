"""Table column widths that follow the content, so Word never breaks a word inside a cell.

Pandoc gives every column of a table without width hints the same width; a narrow column
then splits a long word ("Rijvaardigheidsbewij|zen") without a hyphen. Here each column gets
the width its content asks for, the way a browser lays out a table: at least its longest
word, at most its longest line, and the room left shared out by how much more each column
wants. Only when even the longest words do not fit side by side does a column get less than
its longest word; Word's hyphenation (on in the settings) then breaks such a word at a
syllable, with a hyphen.

Text is measured with Verdana's advance widths (the house font; LibreOffice's stand-in,
DejaVu Sans, has nearly the same), bold a little wider, with a margin for the estimate.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from staatc.render.ooxml import NSMAP, W, child, page_text_width

# Verdana's advance widths in 1/2048 em, by character.
_WIDTHS: dict[str, int] = {}
for chars, width in (
    (" ", 720), ("!", 809), ("\"", 937), ("'", 550), ("#%@", 1900), ("$*/", 1302),
    ("&", 1488), ("()", 909), ("+<=>", 1676), (",.", 744), ("-", 866), (":;", 909),
    ("?", 1117), ("0123456789", 1302), ("ABSVX", 1402), ("CKR", 1430), ("DO", 1600),
    ("E", 1294), ("F", 1178), ("GQ", 1590), ("HNU", 1520), ("I", 861), ("J", 921),
    ("L", 1145), ("M", 1722), ("P", 1243), ("TYZ", 1300), ("W", 2025), ("a", 1229),
    ("bdgpq", 1276), ("cs", 1067), ("e", 1220), ("f", 720), ("hnu", 1296), ("il", 562),
    ("j", 700), ("kvxy", 1212), ("m", 1992), ("o", 1243), ("r", 874), ("t", 807),
    ("w", 1675), ("z", 1049), ("\u2019\u2018", 550), ("\u2013", 1302), ("\u2014", 2048),
):
    for char in chars:
        _WIDTHS[char] = width
_DEFAULT_WIDTH = 1300
BOLD = 1.12     # Verdana Bold is about this much wider
MARGIN = 1.06   # our estimate errs on the wide side
DEFAULT_CELL_MARGINS = 2 * 108  # Word's own, when the table style sets none


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of `text` in twips."""
    total = 0
    for char in text:
        width = _WIDTHS.get(char)
        if width is None:  # é → e; anything else unknown counts as a wide letter
            base = unicodedata.normalize("NFD", char)[:1]
            width = _WIDTHS.get(base, _DEFAULT_WIDTH)
        total += width
    return total / 2048 * size_pt * 20 * (BOLD if bold else 1) * MARGIN


@lru_cache(maxsize=32)  # asked once per table, of the same styles.xml: parsed once
def table_style(styles_xml: bytes | None, style_id: str | None) -> tuple[float, int]:
    """(font size in pt, left + right cell margins in twips) of a table style."""
    size, margins = 9.0, DEFAULT_CELL_MARGINS
    if not styles_xml or not style_id:
        return size, margins
    from lxml import etree

    root = etree.fromstring(styles_xml)
    style = next((s for s in root.findall("w:style", NSMAP)
                  if s.get(f"{W}styleId") == style_id), None)
    if style is None:
        return size, margins
    sz = style.find("w:rPr/w:sz", NSMAP)
    if sz is not None:
        size = int(sz.get(f"{W}val")) / 2
    mar = style.find("w:tblPr/w:tblCellMar", NSMAP)
    if mar is not None:
        sides = [mar.find(f"w:{side}", NSMAP) for side in ("left", "right")]
        if all(s is not None for s in sides):
            margins = sum(int(s.get(f"{W}w")) for s in sides)
    return size, margins


def _cell_needs(cell, size_pt: float, header: bool) -> tuple[float, float]:
    """(longest word, longest paragraph) of one cell, in twips."""
    longest_word = longest_line = 0.0
    for paragraph in cell.findall("w:p", NSMAP):
        line = 0.0
        for run in paragraph.iter(f"{W}r"):
            bold = header or run.find("w:rPr/w:b", NSMAP) is not None
            text = "".join(t.text or "" for t in run.findall("w:t", NSMAP))
            line += text_width(text, size_pt, bold)
            for word in text.split():
                longest_word = max(longest_word, text_width(word, size_pt, bold))
        longest_line = max(longest_line, line)
    return longest_word, longest_line


def column_widths(minimum: list[float], maximum: list[float], available: float) -> list[int]:
    """Widths (twips) that add up to `available`: CSS's automatic table layout."""
    if sum(maximum) <= available:
        extra = available - sum(maximum)
        total = sum(maximum) or 1
        widths = [m + extra * m / total for m in maximum]
    elif sum(minimum) <= available:
        room = available - sum(minimum)
        wish = sum(mx - mn for mn, mx in zip(minimum, maximum)) or 1
        widths = [mn + room * (mx - mn) / wish for mn, mx in zip(minimum, maximum)]
    else:
        scale = available / sum(minimum)
        widths = [mn * scale for mn in minimum]
    out = [int(w) for w in widths]
    out[-1] += int(available) - sum(out)  # rounding: the table is exactly as wide as asked
    return out


def fit_columns(root, styles_xml: bytes | None) -> None:
    """Give every top-level table in the body widths from its content and the text width."""
    body = root.find("w:body", NSMAP)
    available = page_text_width(body)
    for table in body.iter(f"{W}tbl"):
        if any(a.tag == f"{W}tc" for a in table.iterancestors()):
            continue  # a table inside a cell: its cell gives it its width
        if table.find("w:tblPr/w:tblpPr", NSMAP) is not None:
            continue  # a floating table (the letter's sender column) has its own width
        style = table.find("w:tblPr/w:tblStyle", NSMAP)
        size, margins = table_style(styles_xml, None if style is None else style.get(f"{W}val"))
        grid = table.find("w:tblGrid", NSMAP)
        columns = len(grid.findall("w:gridCol", NSMAP)) if grid is not None else 0
        if not columns:
            continue
        minimum, maximum = [float(margins)] * columns, [float(margins)] * columns
        rows = table.findall("w:tr", NSMAP)
        for row in rows:
            header = row.find("w:trPr/w:tblHeader", NSMAP) is not None
            cells = row.findall("w:tc", NSMAP)
            if len(cells) != columns:
                continue  # merged cells: the other rows decide
            for i, cell in enumerate(cells):
                word, line = _cell_needs(cell, size, header)
                minimum[i] = max(minimum[i], word + margins)
                maximum[i] = max(maximum[i], line + margins)
        widths = column_widths(minimum, maximum, available)
        for col, width in zip(grid.findall("w:gridCol", NSMAP), widths):
            col.set(f"{W}w", str(width))
        tbl_pr = table.find("w:tblPr", NSMAP)
        tbl_w = child(tbl_pr, "tblW")  # pandoc always writes one
        tbl_w.set(f"{W}type", "dxa")
        tbl_w.set(f"{W}w", str(sum(widths)))
        for row in rows:
            cells = row.findall("w:tc", NSMAP)
            if len(cells) != columns:
                continue
            for cell, width in zip(cells, widths):
                # tcW comes first in tcPr (after cnfStyle, which is not used)
                tc_w = child(child(cell, "tcPr", first=True), "tcW", first=True)
                tc_w.set(f"{W}w", str(width))
                tc_w.set(f"{W}type", "dxa")


