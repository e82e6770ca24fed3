"""leanr_py: a Lean 4-compatible prover in pure Python."""
__version__ = "0.1.0"

__all__ = ["Session", "__version__"]


def __getattr__(name: str) -> object:
    # imported on first use, so `import leanr_py` stays cheap
    if name == "Session":
        from .session import Session

        return Session
    raise AttributeError(f"module 'leanr_py' has no attribute {name!r}")
