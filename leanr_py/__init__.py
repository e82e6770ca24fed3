"""leanr_py: a Lean 4-compatible prover in pure Python."""
__version__ = "0.1.0"

__all__ = ["Session", "LeanNotebook", "load_ipython_extension", "__version__"]


def __getattr__(name: str) -> object:
    # imported on first use, so `import leanr_py` stays cheap
    if name == "Session":
        from .session import Session

        return Session
    if name in ("LeanNotebook", "load_ipython_extension"):   # `%load_ext leanr_py`
        from . import notebook

        return getattr(notebook, name)
    raise AttributeError(f"module 'leanr_py' has no attribute {name!r}")
