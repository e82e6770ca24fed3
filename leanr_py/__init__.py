"""leanr_py: a Lean 4-compatible prover in pure Python."""
__version__ = "0.1.0"
