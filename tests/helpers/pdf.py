"""Reading a tagged PDF the way an assistive technology does: its structure tree."""

from __future__ import annotations

from pypdf import PdfReader


def struct_elements(reader: PdfReader) -> list[dict]:
    """Every element of the tag tree (the dictionaries with an /S type), depth first, which
    is reading order."""
    found: list[dict] = []

    def walk(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
