"""Compile one Typst document to PDF in a process of its own (run by render/pdf.py).

Typst runs in a child process so that a compile that runs away (time or memory; see
render/limits.py) can be stopped by killing it. This script imports nothing from staatc: it
is started with `python -E -P <this file>`, so neither PYTHONPATH nor the current folder
(a checkout that may hold someone's `staatc/`) decides what it runs.

Protocol: one JSON object on stdin (source, root, font_paths, inputs, standards, timestamp);
the PDF on stdout and exit 0; on a Typst error, {"message", "hints"} as JSON on stderr and
exit 3.
"""

import json
import sys

TYPST_FAILED = 3


def main() -> int:
    import typst

    request = json.loads(sys.stdin.buffer.read())
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                        font_paths=request["font_paths"])
    compiler = typst.Compiler(root=request["root"], font_paths=fonts, ignore_system_fonts=True,
                              sys_inputs=request["inputs"])
    try:
        pdf, _warnings = compiler.compile_with_warnings(
            input=request["source"].encode("utf-8"),
            format="pdf",
            pdf_standards=request["standards"],
            timestamp=request["timestamp"],
        )
    except typst.TypstError as exc:
        sys.stderr.write(json.dumps({"message": exc.message, "hints": list(exc.hints)}))
        return TYPST_FAILED
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
