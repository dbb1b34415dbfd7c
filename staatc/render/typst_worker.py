"""Compile Typst documents to PDF in a process of its own (run by render/rapportage_pdf.py).

Typst runs in a child process so that a compile that runs away (time or memory; see
render/limits.py) can be stopped by killing it. This script imports nothing from staatc: it
is started with `python -E -P <this file>`, so neither PYTHONPATH nor the current folder
(a checkout that may hold someone's `staatc/`) decides what it runs.

Protocol, one request: one JSON object on stdin (source, root, font_paths, inputs, standards,
timestamp); the PDF on stdout and exit 0; on a Typst error, {"message", "hints"} as JSON on
stderr and exit 3.

With `--serve` (render/typst_service.py: `build --watch`) it stays and answers request after
request, each framed as 8 bytes of big-endian length and the JSON; each answer is one status
byte (0: a PDF follows, 3: the error JSON follows), 8 bytes of length and the bytes. It keeps
one compiler per root, fonts and inputs, so Typst's memoised layout makes the next PDF of a
slightly changed source much faster than the first.
"""

import json
import sys

TYPST_FAILED = 3


def compile_request(request, compilers=None):
    """(status, bytes) for one request: the PDF, or the error as JSON."""
    import typst

    key = json.dumps([request["root"], request["font_paths"], request["inputs"]], sort_keys=True)
    compiler = compilers.get(key) if compilers is not None else None
    if compiler is None:
        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                            font_paths=request["font_paths"])
        compiler = typst.Compiler(root=request["root"], font_paths=fonts, ignore_system_fonts=True,
                                  sys_inputs=request["inputs"])
        if compilers is not None:
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
    import signal

    # Ctrl+C in the terminal reaches the whole process group: the build stops this worker
    # itself, and a traceback from here would only clutter the editor's screen.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


def main():
    if sys.argv[1:] == ["--serve"]:
        return serve()
    status, data = compile_request(json.loads(sys.stdin.buffer.read()))
    (sys.stdout if status == 0 else sys.stderr).buffer.write(data)
    return status


if __name__ == "__main__":
    sys.exit(main())
