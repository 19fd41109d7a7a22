"""``python -m arabic_clean``: the same command line as ``arabic-clean``."""

from arabic_clean.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
