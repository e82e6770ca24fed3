"""Error messages worded as Lean (4.29 and later) prints them, shared by the term and tactic elaborators."""
from __future__ import annotations

from typing import Any, Callable

from ..kernel import expr as E
from ..kernel.expr import Expr
from ..kernel.name import Name

Printer = Callable[[Expr], str]


def _indent(text: str) -> str:
    return "\n  " + text.replace("\n", "\n  ")


def has_type_but_is_expected(meta: Any, pp: Printer, given: Expr, expected: Expr,
                             trailing: str | None = None) -> str:
    """Lean's `mkHasTypeButIsExpectedMsg`: both types, and their sorts only when those differ
    (`of sort `Type 3` but is expected …`). `trailing` ends the message (on its own line, or after the last
    sort)."""
    exposed = meta.save()
    try:
        given, expected = _expose_diff(meta, given, expected)
        return _has_type_text(meta, pp, given, expected, trailing)
    finally:
        meta.restore(exposed)  # the assignments only serve the message


def _expose_diff(meta: Any, given: Expr, expected: Expr) -> tuple[Expr, Expr]:
    """As Lean's `addPPExplicitToExposeDiff`, the arguments of two applications of the same function are
    unified in order up to the first that differs, so that `rfl : ?a = ?a` against `f 0 y = y` shows as
    `f 0 y = f 0 y`. Assigns metavariables: the caller restores the state."""
    try:
        g, x = meta.instantiate_mvars(given), meta.instantiate_mvars(expected)
        gf, gargs = E.get_app_fn_args(g)
        xf, xargs = E.get_app_fn_args(x)
        if not gargs or len(gargs) != len(xargs) or not meta.is_def_eq(gf, xf):
            return given, expected
        for a, b in zip(gargs, xargs):
            if not meta.is_def_eq(a, b):
                break
        return meta.instantiate_mvars(g), meta.instantiate_mvars(x)
    except Exception:  # noqa: BLE001 - only a nicer message is at stake
        return given, expected


def _has_type_text(meta: Any, pp: Printer, given: Expr, expected: Expr, trailing: str | None) -> str:
    given_sort = expected_sort = None
    try:
        given_sort, expected_sort = meta.infer_type(given), meta.infer_type(expected)
        state = meta.save()
        try:
            same_sort = meta.is_def_eq(given_sort, expected_sort)
        finally:
            meta.restore(state)  # comparing for a message must not assign anything
    except Exception:  # noqa: BLE001 - the message must be produced even when a sort cannot be inferred
        same_sort = True
    text = f"has type{_indent(pp(given))}\n"
    if same_sort or given_sort is None or expected_sort is None:
        text += f"but is expected to have type{_indent(pp(expected))}"
        return text + (f"\n{trailing}" if trailing else "")
    text += (f"of sort `{pp(given_sort)}` but is expected to have type{_indent(pp(expected))}\n"
             f"of sort `{pp(expected_sort)}`")
    return text + (f" {trailing}" if trailing else "")


def type_mismatch(meta: Any, pp: Printer, e: Expr, given: Expr, expected: Expr) -> str:
    """Lean's `throwTypeMismatchError`; a note when the types involve `Classical` (see `CLASSICAL_NOTE`)."""
    text = f"Type mismatch{_indent(pp(e))}\n" + has_type_but_is_expected(meta, pp, given, expected)
    if any(_mentions_classical(meta.instantiate_mvars(t)) for t in (given, expected)):
        text += CLASSICAL_NOTE
    return text


# definitional unfolding through `Classical.choice` (`if` on a classical instance, `choose`): the mismatch may
# be one Lean's unifier closes, so the error is no verdict
CLASSICAL_NOTE = ("\n\nNote: these types unfold through `Classical.choice`; deciding their definitional equality as "
                  "Lean's unifier does is not supported yet")


def _mentions_classical(e: Expr) -> bool:
    return E.find(e, lambda x: x.kind == E.CONST and str(x.name).startswith("Classical.")) is not None  # type: ignore[attr-defined]


def application_type_mismatch(meta: Any, pp: Printer, app: Expr, arg: Expr, given: Expr, expected: Expr) -> str:
    """Lean's `throwAppTypeMismatch`: the argument first, the application `f a` last."""
    return (f"Application type mismatch: The argument{_indent(pp(arg))}\n"
            + has_type_but_is_expected(meta, pp, given, expected, trailing="in the application")
            + _indent(pp(app)))


def function_expected(pp: Printer, f: Expr, f_type: Expr, first_arg: str | None) -> str:
    """Lean's `throwFunctionExpected` for `f a…` where `f : f_type` is not a function."""
    text = f"Function expected at{_indent(pp(f))}\nbut this term has type{_indent(pp(f_type))}"
    if first_arg is not None:
        text += f"\n\nNote: Expected a function because this term is being applied to the argument{_indent(first_arg)}"
    return text


def failed_to_synthesize(pp: Printer, goal: Expr) -> str:
    """Lean's instance-synthesis failure; a numeral's `OfNat T n` says why numerals need it."""
    text = f"failed to synthesize instance of type class{_indent(pp(goal))}"
    head, args = E.get_app_fn_args(goal)
    if head.kind == E.CONST and str(head.name) == "OfNat" and len(args) == 2 and args[1].kind == E.NATLIT:  # type: ignore[attr-defined]
        text += (f"\nnumerals are polymorphic in Lean, but the numeral `{args[1].val}` cannot be used in a context "  # type: ignore[attr-defined]
                 f"where the expected type is{_indent(pp(args[0]))}\ndue to the absence of the instance above")
    return text + ("\n\nHint: Type class instance resolution failures can be inspected with the "
                   "`set_option trace.Meta.synthInstance true` command.")


def invalid_dotted_ident(pp: Printer, name: str, expected: Expr) -> str:
    """Lean's `.c` whose expected type is not headed by a constant."""
    if expected.kind == E.SORT:
        return f"Invalid dotted identifier notation: Not supported on type universe{_indent(pp(expected))}"
    return (f"Invalid dotted identifier notation: The expected type of `.{name}`{_indent(pp(expected))}\nis not of "
            "the form `C ...` or `... → C ...` where C is a constant")


def unknown_identifier(name: Name | str) -> str:
    return f"Unknown identifier `{name}`"


def unknown_constant(name: Name | str) -> str:
    return f"Unknown constant `{name}`"


# the warning for a declaration that holds an explicit `sorry`
SORRY_WARNING = "declaration uses `sorry`"


def decl_ref(cmd: Any) -> Any:
    """Where Lean reports on a whole declaration: its name, or the keyword of an unnamed one."""
    if cmd.name is not None:
        return cmd.name.span
    return cmd.keyword_span or cmd.span
