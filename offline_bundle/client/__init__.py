"""The verification client: a pool of persistent REPL processes (the real Lean REPL of a bundle,
falling back to `leanr repl`) that checks many candidate proofs and returns one result per input."""
from .backends import Backend, default_backends, lean_repl_backend, leanr_repl_backend
from .results import STATUSES, ProofResult
from .verifier import DEFAULT_ALLOWED_AXIOMS, LeanVerifier

__all__ = ["Backend", "DEFAULT_ALLOWED_AXIOMS", "LeanVerifier", "ProofResult", "STATUSES", "default_backends",
           "lean_repl_backend", "leanr_repl_backend"]
