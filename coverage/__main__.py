"""``python -m coverage``: the command line (see :mod:`coverage.cli`)."""

from coverage.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
