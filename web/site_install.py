"""Unpack wheels into Pyodide's site-packages (run in Pyodide's global namespace by worker.js and by
scripts/web_snapshot.mjs). Used where `loadPackage` cannot be: a memory snapshot restores Python's heap but
not its file system, so after a restore the files of the already imported packages are unpacked again (for
lazy imports and package data such as the prelude)."""
import importlib
import site
import zipfile


def install_wheels(paths):
    target = site.getsitepackages()[0]
    for path in paths:
        with zipfile.ZipFile(path) as wheel:
            wheel.extractall(target)
    importlib.invalidate_caches()
