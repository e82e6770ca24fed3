#!/usr/bin/env bash
# The playground: install leanr into .venv, build dist/ (Pyodide, the editor bundle and the wheels, fetched
# through npm and pip the first time; rebuilt only when its sources change) and serve it on
# http://127.0.0.1:8000/ with the cross-origin isolation headers. Arguments go to `leanr serve`
# (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
exec .venv/bin/leanr serve "$@"
