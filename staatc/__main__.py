"""The `staatc` command and `python -m staatc`.

Ctrl-C at any moment ends with exit code 130 and no traceback, also while the modules are
still being imported (the first tenth of a second), before the CLI's own handling exists.
"""

import sys


def run() -> None:
    try:
        from staatc.cli import main

        main()
    except KeyboardInterrupt:
        sys.exit(130)  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C


if __name__ == "__main__":
    run()
