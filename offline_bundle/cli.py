"""The `leanr-bundle` command line (not implemented yet)."""
from __future__ import annotations

import sys
from typing import Sequence

EXIT_DECLINE = 2


def main(argv: Sequence[str] | None = None) -> int:
    print("error: leanr-bundle is not implemented yet", file=sys.stderr)
    return EXIT_DECLINE


if __name__ == "__main__":
    raise SystemExit(main())
