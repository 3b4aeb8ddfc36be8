"""``python -m chainkg``: the same as the ``chainkg`` command (useful where console scripts are
not on PATH yet, e.g. right after an install under pyenv)."""

import sys

from chainkg.cli import main

if __name__ == "__main__":
    sys.exit(main())
