#!/usr/bin/env bash
# Run the engine's pytest suite inside Pyodide (CPython 3.14 on WebAssembly) under Node.
#   bash scripts/test_pyodide.sh [PYTEST ARGS / TEST PATHS...]   (default paths: DEFAULT_PATHS in tests/pyodide/run_tests.mjs)
#   LEANR_PYODIDE_COMPARE=1 bash scripts/test_pyodide.sh ...      also runs the same selection on CPython (.venv)
#                                                                  and prints both times and their ratio
# The default run (no arguments) then checks cross-runtime snapshot identity (tests/pyodide/cross_runtime.mjs):
# the same snapshots computed in Pyodide and in CPython must have the same SHA-256.
# LEANR_PYODIDE_CROSS_RUNTIME=0 skips that check, =1 runs it with arguments too.
# Needs node/npm; the registries only on the first run (npm ci, pip download), never while the tests run.
# Exit status: pytest's inside Pyodide (1 also when a snapshot differs between the runtimes); 3 when Pyodide could
# not be set up or its interpreter died.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/pyodide ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm install --no-audit --no-fund --loglevel=error
  fi
fi
bash scripts/pyodide_wheels.sh >/dev/null

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s.%N)
set +e
node tests/pyodide/run_tests.mjs "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
wall_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "pyodide: whole run ${wall_s} s (exit $status)"

# pytest's own session time from its summary line ("... passed ... in 12.34s"): excludes interpreter start-up.
session_seconds() { grep -E '^=*.* in [0-9.]+s( \([0-9:]+\))? *=*$' "$1" | tail -n 1 | sed -E 's/.* in ([0-9.]+)s.*/\1/'; }

if [ "${LEANR_PYODIDE_COMPARE:-0}" = "1" ]; then
  # The same selection on CPython: same deselections as the runner (subprocess tests; the known Pyodide crashes
  # are deselected too so both sides run the same tests).
  runner_list() {  # the strings of one of run_tests.mjs's lists (comments skipped)
    node -e '
      const s = require("fs").readFileSync("tests/pyodide/run_tests.mjs", "utf8");
      const body = s.match(new RegExp("const " + process.argv[1] + " = \\[([^\\]]*)\\]"))[1];
      for (const line of body.split("\n")) {
        for (const m of line.replace(/\/\/.*$/, "").matchAll(/"([^"]+)"/g)) console.log(m[1]);
      }' "$1"
  }
  mapfile -t deselect < <(runner_list DESELECT; runner_list KNOWN_CRASHES)
  deselect=("${deselect[@]/#/--deselect=}")
  paths=()
  for a in "$@"; do case "$a" in -*) ;; *) paths+=("$a") ;; esac; done
  if [ ${#paths[@]} -eq 0 ]; then
    while read -r p; do [ -e "$p" ] && paths+=("$p"); done < <(runner_list DEFAULT_PATHS)
  fi
  opts=()
  for a in "$@"; do case "$a" in -*) opts+=("$a") ;; esac; done
  clog=$(mktemp)
  trap 'rm -f "$log" "$clog"' EXIT
  echo "cpython: pytest -q ${deselect[*]} ${opts[*]} ${paths[*]}"
  set +e
  .venv/bin/python -m pytest -q -p no:cacheprovider "${deselect[@]}" "${opts[@]}" "${paths[@]}" > "$clog" 2>&1
  cstatus=$?
  set -e
  tail -n 1 "$clog"
  py_s=$(session_seconds "$log"); cp_s=$(session_seconds "$clog")
  if [ -n "$py_s" ] && [ -n "$cp_s" ]; then
    awk -v p="$py_s" -v c="$cp_s" 'BEGIN { printf "time (pytest session, same selection): Pyodide %.1f s, CPython %.1f s, ratio %.2fx\n", p, c, p / c }'
  else
    echo "time: could not read both pytest summaries (Pyodide exit $status, CPython exit $cstatus)"
  fi
fi

cross=${LEANR_PYODIDE_CROSS_RUNTIME:-}
if [ -z "$cross" ]; then if [ $# -eq 0 ]; then cross=1; else cross=0; fi; fi
if [ "$cross" = "1" ]; then
  # the wheel again: the check compares it with the tree CPython imports, which may have changed during the run
  bash scripts/pyodide_wheels.sh >/dev/null
  set +e
  node tests/pyodide/cross_runtime.mjs
  cross_status=$?
  set -e
  if [ $cross_status -ne 0 ] && [ "$status" -eq 0 ]; then status=$cross_status; fi
fi
exit $status
