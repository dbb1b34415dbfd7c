"""axe-core in the browser: the WCAG 2.1 A and AA rules over the page the driver shows."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "browser" / "axe.min.js"


def run_axe(driver) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA rules on the page in the browser: the violations."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help, nodes: "
        "v.nodes.map(n => n.target.join(' '))})))).catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));"
    )
    return result
