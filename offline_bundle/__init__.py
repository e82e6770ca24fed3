"""Kaggle kit for leanr_py: build, verify, thaw and check an offline bundle of the real Lean 4
toolchain (see offline_bundle/README.md).  Not yet exercised against a real Lean toolchain."""
from .build import build_bundle
from .doctor import run_doctor
from .manifest import BundleError, load_manifest
from .thaw import compute_env, format_exports, thaw
from .verify import verify_bundle

__all__ = ["BundleError", "build_bundle", "compute_env", "format_exports", "load_manifest", "run_doctor",
           "thaw", "verify_bundle"]
