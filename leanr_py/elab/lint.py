"""Lean's unused-variables linter (`linter.unusedVariables`), for the parameters of a declaration's signature.

As Lean's linter, a parameter is used when the command names it anywhere (its type, a later binder, the body,
a tactic) or when the elaborated body or type contains it (an instance found by resolution, `‹p›`); the
linter says nothing about a command with an error or a `sorry`, and nothing about `_x`, anonymous or
automatically bound parameters, `variable`s, or the signatures of axioms, opaque constants, structures and
inductive types.

Lean reads the final proof term of a tactic proof; leanr's tactics build their own terms, which may leave
out a hypothesis that Lean's keep. So where a tactic that searches the local context runs (`assumption`,
`omega`, `simp [*]`, `simp_all`, …) or the definition is by well-founded recursion (its decreasing proofs
search the context too), no parameter is reported: a missed warning rather than a wrong one.

The binders of `fun`, `let` and `have` and the variables of patterns in the body are linted the same way
(`unused_locals`: used when the term they scope over names them or contains them), but only in a
declaration without tactic blocks, as Lean (which otherwise lints only the signature); binder notation
(`∃ x, p`, `∀ x, p`) is not linted.
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from ..kernel.expr import Expr, FVar
from ..pretty.names import has_macro_scopes
from ..syntax import ast as A
from .match import iter_nodes
from .mctx import fvars_in
from .options import get_option

__all__ = ["unused_parameters", "unused_locals", "unused_variable_message"]

LINTED_KINDS = frozenset({"def", "theorem", "lemma", "abbrev", "example", "instance"})

# tactics whose proofs may use any hypothesis in scope without naming it
CONTEXT_TACTICS = frozenset("""
assumption assumption' omega simp_all simp_all? simpa simpa? contradiction trivial exact? apply? linarith
nlinarith positivity aesop tauto grind cc norm_num subst_vars solve_by_elim infer_instance
exact_mod_cast assumption_mod_cast simp_arith bv_omega
""".split())


def unused_variable_message(name: str) -> str:
    return (f"Variable name `{name}` is not explicitly referenced.\n\nHint: The binding can be removed (if unused) "
            "or named `_` (if used implicitly). Alternatively, prefix the name with `_` to silence this warning:\n"
            f"  [apply] _{name}\n\nNote: This linter can be disabled with `set_option linter.unusedVariables false`")


def linter_on(options: Any) -> bool:
    """`linter.unusedVariables`, defaulting to `linter.all`, then on (Lean's `getLinterValue`)."""
    on = get_option(options, "linter.unusedVariables")
    if on is None:
        on = get_option(options, "linter.all")
    return on is not False


def linter_enabled(options: Any) -> bool:
    """The linter for signature parameters: on, and `linter.unusedVariables.funArgs` not off."""
    return linter_on(options) and get_option(options, "linter.unusedVariables.funArgs") is not False


def _signature_idents(binders: Sequence[A.Binder]) -> list[A.Ident | None]:
    """One entry per parameter the binders declare, in order: its identifier, or None (`_`, `[C α]`)."""
    out: list[A.Ident | None] = []
    for b in binders:
        if not b.names:
            out.append(None)
        for n in b.names:
            out.append(n if isinstance(n, A.Ident) else None)
    return out


def _searches_context(cmd: A.Decl) -> bool:
    for t in iter_nodes(cmd, A.Tactic, inside=True):
        name = t.name  # type: ignore[attr-defined]
        if name in CONTEXT_TACTICS:
            return True
        if any(isinstance(r, A.TacRule) and r.term is None
               for r in iter_nodes(t.args, A.TacRule, inside=True)):  # type: ignore[attr-defined]
            return True   # `simp [*]`
    return False


def _has_sorry(cmd: A.Decl) -> bool:
    if next(iter_nodes(cmd, A.Sorry), None) is not None:
        return True
    return any(t.name in ("sorry", "admit") for t in iter_nodes(cmd, A.Tactic, inside=True))  # type: ignore[attr-defined]


def unused_parameters(cmd: A.Decl, options: Any, params: Sequence[FVar], uses: Iterable[Expr],
                      recursion_searches_context: bool) -> list[A.Ident]:
    """The identifiers of `cmd`'s signature parameters (`params`, as elaborated) that nothing uses: neither
    an identifier of the command nor the elaborated terms `uses` (body, type, binder types)."""
    if cmd.kind not in LINTED_KINDS or not linter_enabled(options) or recursion_searches_context:
        return []
    if any(at.name in ("extern", "implemented_by") for at in cmd.mods.attrs):
        return []
    idents = _signature_idents(cmd.binders)
    if len(idents) != len(params) or not any(idents):
        return []
    if _has_sorry(cmd) or _searches_context(cmd):
        return []
    binder_spans = {id(i) for i in idents if i is not None}
    named: set[str] = set()
    for ident in iter_nodes(cmd, A.Ident):
        if id(ident) not in binder_spans:
            named.add(ident.name.split(".", 1)[0])  # type: ignore[attr-defined]
    used: set[FVar] = set()
    for e in uses:
        used.update(fvars_in(e))
    out = []
    for ident, x in zip(idents, params):
        if ident is None or ident.name.startswith("_") or has_macro_scopes(x.name):
            continue
        if ident.name in named or x in used:
            continue
        out.append(ident)
    return out


def unused_locals(cmd: A.Decl, options: Any, records: Sequence[tuple], instantiate: Any) -> list[tuple[Any, str]]:
    """(span, name) of the `fun`/`let`/`have` binders and pattern variables of `cmd`'s body that are unused:
    `records` are the elaborator's `local_binders`, a binder elaborated several times (an alternative
    compiled for several cases, a retried elaboration) is used when one of its elaborations uses it."""
    if cmd.kind not in LINTED_KINDS or not records:
        return []
    if not linter_on(options) or _has_sorry(cmd) or next(iter_nodes(cmd, A.Tactic), None) is not None:
        return []
    off_kinds = {kind for kind, option in (("fun", "funArgs"), ("pattern", "patternVars"))
                 if get_option(options, f"linter.unusedVariables.{option}") is False}
    used: dict[tuple, bool] = {}
    names: dict[tuple, str] = {}
    spans: dict[tuple, Any] = {}
    for span, name, x, scope, scope_stx, kind in records:
        if kind in off_kinds:
            continue
        key = (span.line, span.col, span.end_line, span.end_col)
        spans[key], names[key] = span, str(name)
        if used.get(key):
            continue
        used[key] = x in fvars_in(instantiate(scope)) or any(
            i.name.split(".", 1)[0] == str(name) and i.span != span for i in iter_nodes(scope_stx, A.Ident))  # type: ignore[attr-defined]
    return [(spans[k], names[k]) for k in sorted(used) if not used[k]]
