"""``python -m coverage``: the command line (see :mod:`coverage.cli.main`)."""

from coverage.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
