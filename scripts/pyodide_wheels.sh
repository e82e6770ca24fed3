#!/usr/bin/env bash
# Fill .pyodide-wheels/ with everything tests/pyodide/run_tests.mjs installs into Pyodide:
#   - third-party wheels for Pyodide's Python 3.14 (pytest + deps, hypothesis + deps, lark), pinned below;
#   - leanr_py's own wheel, rebuilt only when leanr_py/, offline_bundle/ or pyproject.toml changed.
# Idempotent: when everything is cached it makes no network request and takes well under a second.
# Network (the package registry) is needed only the first time and after a pin changes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=${PYODIDE_WHEELS_DIR:-$ROOT/.pyodide-wheels}
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi

# Pyodide 314.0.x (package.json) is CPython 3.14, ABI "2026_0". Pure wheels are tagged py3-none-any;
# hypothesis >= 6.156 ships a small native module, published as a cp314 pyemscripten_2026_0_wasm32 wheel.
# Keep these pins in step with what scripts/test.sh installs on CPython where possible.
PINS=(pytest==9.2.0 iniconfig==2.3.1 packaging==26.3 pluggy==1.7.0 pygments==2.21.0
      hypothesis==6.170.15 sortedcontainers==2.4.0 lark==1.3.1)
PLATFORM_ARGS=(--python-version 3.14 --implementation cp --abi cp314 --abi abi3 --abi none
               --platform pyemscripten_2026_0_wasm32 --platform any --only-binary=:all:)

mkdir -p "$CACHE/third_party" "$CACHE/project"

# ---- third-party wheels: skip pip entirely when the stamp records exactly these pins.
want="${PINS[*]} | ${PLATFORM_ARGS[*]}"
if [ "$(cat "$CACHE/third_party/.stamp" 2>/dev/null)" != "$want" ]; then
  echo "pyodide_wheels: downloading ${PINS[*]}" >&2
  rm -f "$CACHE/third_party/"*.whl
  "$PY" -m pip download --quiet --disable-pip-version-check "${PLATFORM_ARGS[@]}" \
    -d "$CACHE/third_party" "${PINS[@]}"
  # Every wheel pip resolved must be one we pinned (a new transitive dependency must be pinned too).
  for whl in "$CACHE/third_party/"*.whl; do
    base=$(basename "$whl"); dist=${base%%-*}; ver=${base#*-}; ver=${ver%%-*}
    norm=$(echo "$dist" | tr 'A-Z_.' 'a-z--')
    if ! printf '%s\n' "${PINS[@]}" | tr 'A-Z_.' 'a-z--' | grep -qx "$norm==$(echo "$ver" | tr '.' '-')"; then
      echo "pyodide_wheels: unpinned wheel $base pulled in; add it to PINS in $0" >&2
      exit 1
    fi
  done
  echo "$want" > "$CACHE/third_party/.stamp"
fi

# ---- the project's wheel, built from a scratch copy so the work tree gets no build/ or egg-info litter.
src_hash=$(cd "$ROOT" && find leanr_py offline_bundle pyproject.toml setup.py scripts/build_prelude_snapshot.py -type f \
             ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z \
           | xargs -0 sha256sum | sha256sum | cut -c1-16)
if [ "$(cat "$CACHE/project/.stamp" 2>/dev/null)" != "$src_hash" ] || ! ls "$CACHE/project/"*.whl >/dev/null 2>&1; then
  echo "pyodide_wheels: building leanr_py wheel ($src_hash)" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # setup.py and its script: the wheel build hook makes the prelude snapshot from the prelude being shipped
  (cd "$ROOT" && tar cf - --exclude=__pycache__ --exclude='*.pyc' leanr_py offline_bundle pyproject.toml \
     setup.py scripts/build_prelude_snapshot.py \
     $(ls README.md LICENSE* 2>/dev/null)) | (cd "$tmp" && tar xf -)
  rm -f "$CACHE/project/"*.whl
  "$PY" -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$CACHE/project" "$tmp" >&2
  echo "$src_hash" > "$CACHE/project/.stamp"
fi

ls "$CACHE/third_party/"*.whl "$CACHE/project/"*.whl
