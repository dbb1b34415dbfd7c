"""Small helpers for Office Open XML packages: read a zip, write it back byte-identically."""

from __future__ import annotations

import io
import zipfile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NSMAP = {"w": W_NS}

# A fixed entry date: zip stores local times without a zone, and 1980-01-01 is its epoch.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")


def xml_escape(text: str) -> str:
    """Escape text for XML content and double-quoted attributes.

    (xml.sax.saxutils does the same but imports urllib and http.client on the way: 20 ms.)
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


A4_TEXT_WIDTH = 9072  # twips between 2.5 cm margins


def page_text_width(body) -> int:
    """The width between the page margins in twips, from the last section of a w:body."""
    sect = body.find("w:sectPr", NSMAP)
    size = None if sect is None else sect.find("w:pgSz", NSMAP)
    margins = None if sect is None else sect.find("w:pgMar", NSMAP)
    try:
        return int(size.get(f"{W}w")) - int(margins.get(f"{W}left")) - int(margins.get(f"{W}right"))
    except (AttributeError, TypeError, ValueError):
        return A4_TEXT_WIDTH


def child(parent, name: str, first: bool = False):
    """The `w:name` child of an lxml element, added (as its first child, or its last) when it
    is not there: Word's properties elements are optional until something is set on them."""
    found = parent.find(f"w:{name}", NSMAP)
    if found is None:
        from lxml import etree

        found = etree.Element(f"{W}{name}")
        parent.insert(0, found) if first else parent.append(found)
    return found


def read_parts(data: bytes) -> dict[str, bytes]:
    """The parts of a package, in the order they are stored."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def write_parts(parts: dict[str, bytes]) -> bytes:
    """A zip with a fixed order ([Content_Types].xml first, then by name), dates and modes."""
    names = [n for n in FIRST_ENTRIES if n in parts]
    names += sorted(n for n in parts if n not in FIRST_ENTRIES)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix: independent of the platform that builds
            zf.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()
