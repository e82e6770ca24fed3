"""Kaggle kit for leanr_py: build, verify, thaw and check an offline bundle of the real Lean 4
toolchain, and the client that verifies proofs through a pool of REPLs (see offline_bundle/README.md).
Not yet exercised against a real Lean toolchain."""
from .build import build_bundle
from .client import LeanVerifier, ProofResult
from .doctor import run_doctor
from .manifest import BundleError, load_manifest
from .thaw import compute_env, format_exports, thaw
from .verify import verify_bundle

__all__ = ["BundleError", "LeanVerifier", "ProofResult", "build_bundle", "compute_env", "format_exports", "load_manifest", "run_doctor",
           "thaw", "verify_bundle"]
