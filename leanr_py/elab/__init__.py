"""The elaborator: surface terms to core terms (metavariables, unification, implicit arguments, ...).

`mctx` holds metavariables and their assignments; `meta` is the analogue of Lean's `MetaM` (inference,
reduction and unification over terms with metavariables), standing on the kernel's type checker.
"""
