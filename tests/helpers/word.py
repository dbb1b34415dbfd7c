"""Word drafts as editors send them, for `staatc import` and the Word-file checks.

Pandoc's docx writer makes what python-docx cannot (footnotes, table captions, comments and
tracked changes, from spans such as `[…]{.comment-start}` and `[…]{.insertion}`); python-docx
then edits the file as Word would: the author in the document's properties, and a picture
with its alt text (Word's *Alternatieve tekst*, the `descr` of the drawing).
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from helpers import png

DRAFT = """\
# Wachten op een beoordeling

De wachttijd is lang.[^1] Dat komt door [een tekort aan artsen]{.insertion author="Jan Jansen" \
date="2024-05-01T10:00:00Z"}[de drukte]{.deletion author="Piet de Vries" date="2024-05-01T10:00:00Z"}.

[Klopt dit cijfer?]{.comment-start id="0" author="Els Bakker" date="2024-05-02T09:00:00Z"}Het \
gaat om duizenden mensen.[]{.comment-end id="0"}

## Wat organisaties doen

- UWV zet meer professionals in
- SVB deelt gegevens eerder

| Organisatie | Wachttijd |
|-------------|-----------|
| UWV         | 14 weken  |
| SVB         | 6 weken   |

: Wachttijden per organisatie

[^1]: Gemeten in het eerste kwartaal.
"""


def word_draft(path: Path, markdown: str = DRAFT, *, author: str | None = "Jan Jansen",
               picture: bool = True, picture_alt: str = "Grafiek van de wachttijden per maand") -> Path:
    """Write `markdown` as a Word file, then add a picture with `picture_alt` as its alt text."""
    import docx
    import pypandoc

    made = subprocess.run([pypandoc.get_pandoc_path(), "--from=markdown", "--to=docx", "--output=-"],
                          input=markdown.encode("utf-8"), capture_output=True, check=True).stdout
    document = docx.Document(io.BytesIO(made))
    if author is not None:
        document.core_properties.author = author
    if picture:
        shape = document.add_picture(io.BytesIO(png(40, 20)))
        shape._inline.docPr.set("descr", picture_alt)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
