#!/usr/bin/env bash
# End-to-end tests of the browser playground: build dist/ (scripts/build_web.py), serve it with `leanr serve`,
# drive Debian's chromium with Playwright for Python (e2e/). Installs what is missing: chromium with
# apt-get (as root), the pinned playwright into .venv (its own browser download is never used).
#   bash scripts/test_e2e.sh [PYTEST ARGS...]
# LEANR_SKIP_E2E=1 skips the run (say so loudly); screenshots land in e2e/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
PLAYWRIGHT_PIN=playwright==1.65.2
CHROMIUM=${LEANR_E2E_CHROMIUM:-/usr/bin/chromium}

if [ "${LEANR_SKIP_E2E:-0}" = "1" ]; then
  echo "test_e2e.sh: SKIPPED the browser tests (LEANR_SKIP_E2E=1)"
  exit 0
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "test_e2e.sh: installing chromium (apt-get)" >&2
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('playwright') != '${PLAYWRIGHT_PIN#*==}')" 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "$PLAYWRIGHT_PIN" pytest
fi
if ! .venv/bin/python -c "import leanr_py.serve" 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
fi
.venv/bin/python scripts/build_web.py
LEANR_E2E_NO_BUILD=1 LEANR_E2E_CHROMIUM="$CHROMIUM" .venv/bin/python -m pytest -q -p no:cacheprovider e2e "$@"
