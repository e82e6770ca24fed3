"""The trusted kernel: Lean 4's type theory. Imports nothing from the rest of the package."""
