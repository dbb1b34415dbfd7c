"""Compile Typst documents to PDF in a process of its own (render/typst_service.py runs it).

Typst runs in a child process so that a compile that runs away (time or memory; see
render/limits.py) can be stopped by killing it. This script imports nothing from staatc: it
is started with `python -E -P <this file> --serve`, so neither PYTHONPATH nor the current
folder (a checkout that may hold someone's `staatc/`) decides what it runs.

Protocol: request after request on stdin, each 8 bytes of big-endian length and a JSON object
(source, root, font_paths, inputs, standards, timestamp); each answer on stdout is one status
byte (0: a PDF follows, 3: Typst's error as {"message", "hints"} JSON follows), 8 bytes of
length and the bytes. It keeps its last compiler (one per root, fonts and inputs), so Typst's
memoised layout makes the next PDF of a slightly changed source much faster than the first;
at the end of stdin it exits.
"""

import json
import sys

TYPST_FAILED = 3


def compile_request(request, compilers):
    """(status, bytes) for one request: the PDF, or the error as JSON."""
    import typst

    key = json.dumps([request["root"], request["font_paths"], request["inputs"]], sort_keys=True)
    compiler = compilers.get(key)
    if compiler is None:
        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                            font_paths=request["font_paths"])
        compiler = typst.Compiler(root=request["root"], font_paths=fonts, ignore_system_fonts=True,
                                  sys_inputs=request["inputs"])
        compilers.clear()  # one document per worker: the last compiler is the one to keep
        compilers[key] = compiler
    try:
        pdf, _warnings = compiler.compile_with_warnings(
            input=request["source"].encode("utf-8"),
            format="pdf",
            pdf_standards=request["standards"],
            timestamp=request["timestamp"],
        )
    except typst.TypstError as exc:
        return TYPST_FAILED, json.dumps({"message": exc.message, "hints": list(exc.hints)}).encode()
    return 0, pdf


def _read(stream, n):
    data = stream.read(n)
    if len(data) != n:
        raise EOFError
    return data


def serve():
    import typst  # noqa: F401 - loaded now, while the build's pandoc runs, not when the source comes

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    compilers = {}
    while True:
        try:
            size = int.from_bytes(_read(stdin, 8), "big")
            request = json.loads(_read(stdin, size))
        except EOFError:  # the build ended
            return 0
        status, data = compile_request(request, compilers)
        stdout.write(bytes([status]) + len(data).to_bytes(8, "big") + data)
        stdout.flush()


if __name__ == "__main__":
    sys.exit(serve() if sys.argv[1:] == ["--serve"] else 2)
