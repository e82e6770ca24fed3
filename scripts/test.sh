#!/usr/bin/env bash
# Create (or reuse) .venv, install the project with its test tools, run the test suite on CPython;
# then run the engine tests inside Pyodide under Node (scripts/test_pyodide.sh) when node is installed.
# Arguments go to the CPython pytest run only. LEANR_SKIP_PYODIDE=1 skips the Pyodide run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
# the prelude snapshot of this very source (the wheel build does the same), so sessions start from it
.venv/bin/python scripts/build_prelude_snapshot.py
export LEANR_REQUIRE_FRESH_PRELUDE=1
.venv/bin/python -m pytest -q tests "$@"
bash scripts/test_e2e.sh   # the playground in chromium (builds dist/, installs chromium and playwright if missing)

if [ "${LEANR_SKIP_PYODIDE:-0}" = "1" ]; then
  echo "test.sh: Pyodide run skipped (LEANR_SKIP_PYODIDE=1)"
elif ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "test.sh: SKIPPED the Pyodide run: node/npm not found (install Node >= 18 to run the engine tests in Pyodide)"
else
  echo "test.sh: engine tests inside Pyodide (scripts/test_pyodide.sh)"
  bash scripts/test_pyodide.sh
fi
