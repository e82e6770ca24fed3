"""`python -m leanr_py`: the `leanr` command line."""
from .cli import main

raise SystemExit(main())
