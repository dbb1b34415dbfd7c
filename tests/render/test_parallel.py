"""The build's renders side by side (render/parallel.py): which start when."""

from __future__ import annotations

import threading

from staatc.render.parallel import Job, Renders


class Recorder:
    """A renderer that notes that it started and waits until the test lets it finish."""

    name, suffix = "txt", ".txt"

    def __init__(self, started: list[str], go: threading.Event):
        self.started, self.go = started, go

    def render(self, doc: str) -> bytes:
        self.started.append(doc)
        self.go.wait(5)
        return doc.encode()


def test_held_renders_start_only_the_first_until_released() -> None:
    started: list[str] = []
    go = threading.Event()
    renderer = Recorder(started, go)
    jobs = [Job(name, name, renderer) for name in ("rapportage.pdf", "rapportage.docx", "brief.pdf")]
    renders = Renders(jobs, held=True)
    for _ in range(100):
        if started:
            break
        threading.Event().wait(0.01)
    threading.Event().wait(0.05)  # time for a second render to start, were it not held (2 cores)
    assert started == ["rapportage.pdf"]
    go.set()
    assert renders.results() == {name: name.encode() for name in
                                 ("rapportage.pdf", "rapportage.docx", "brief.pdf")}
    assert sorted(started) == sorted(["rapportage.pdf", "rapportage.docx", "brief.pdf"])

