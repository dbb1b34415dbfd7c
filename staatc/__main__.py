"""The `staatc` command and `python -m staatc`.

Ctrl-C at any moment ends with exit code 130 and no traceback, also while the modules are
still being imported (the first tenth of a second), before the CLI's own handling exists.
"""

import sys


def interrupted(exc: BaseException) -> bool:
    """Whether Ctrl-C is behind `exc`: Python wraps a KeyboardInterrupt raised in some places
    (a class body's `__set_name__` while a module is imported) in a RuntimeError of its own."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def run() -> None:
    try:
        from staatc.cli import main

        main()
    except KeyboardInterrupt:
        sys.exit(130)  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C
    except Exception as exc:  # noqa: BLE001 - only while importing the CLI: main() catches the rest
        if interrupted(exc):
            sys.exit(130)
        raise


if __name__ == "__main__":
    run()
