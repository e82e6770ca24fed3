#!/usr/bin/env bash
# Create (or reuse) .venv, install the project with its test tools, run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e . pytest hypothesis
exec .venv/bin/python -m pytest -q tests "$@"
