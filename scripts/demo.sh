#!/usr/bin/env bash
# Install leanr into .venv and check the bundled example export (the playground is not built yet).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
exec .venv/bin/leanr check-export examples/hello.ndjson --stats
