"""`set_option`: the options of a scope, as Lean keeps them (`set_option … in` and sections restore them).

The options leanr interprets are listed in `INTERPRETED` with their Lean defaults; the other options of
Lean's core it knows of (`KNOWN`, and the families in `KNOWN_PREFIXES`) are recorded without effect
(ignoring a pretty-printing or linter option changes no verdict). Lean rejects a name that is no option;
leanr cannot list every option of Lean, so such a name gets "not supported yet" (no verdict), never silence.
"""
from __future__ import annotations

from typing import Any

from ..syntax import ast as A
from .autobound import RELAXED, STRICT
from .errors import ElabError

__all__ = ["INTERPRETED", "KNOWN", "KNOWN_PREFIXES", "set_option", "get_option", "auto_bound_mode", "trace_classes"]

Options = tuple[tuple[str, Any], ...]

INTERPRETED: dict[str, Any] = {
    "autoImplicit": True,
    "relaxedAutoImplicit": True,
    "warn.sorry": True,   # false: no `declaration uses 'sorry'` warning
}


KNOWN = frozenset("""
maxHeartbeats maxRecDepth maxSynthPendingDepth quotPrecheck quotPrecheck.allowSectionVars checkBinderAnnotations
genInjectivity genSizeOfSpec diagnostics diagnostics.threshold hygiene warningAsError simprocs
printMessageEndPos structureDiamondWarning allowUnsafeReducibility match.ignoreUnusedAlts
eval.pp eval.type eval.derive.repr interpreter.prefer_native autoLift showInferredType
warn.classDefReducibility
""".split())
KNOWN_PREFIXES = ("pp.", "trace.", "linter.", "backward.", "debug.", "compiler.", "profiler.", "tactic.",
                  "synthInstance.", "bootstrap.", "format.", "Elab.", "simp.", "grind.", "guard_msgs.",
                  "exponentiation.", "deriving.", "structure.", "experimental.")


def _value(stx: A.Node) -> Any:
    if isinstance(stx, A.Ident) and stx.name in ("true", "false"):
        return stx.name == "true"
    if isinstance(stx, A.NumLit):
        return stx.value
    if isinstance(stx, A.StrLit):
        return stx.value
    if isinstance(stx, A.Ident):
        return stx.name
    raise ElabError("invalid 'set_option' value: a Boolean, number, string or name is expected", stx.span)


def set_option(options: Options, cmd: A.SetOption) -> Options:
    """`options` with `cmd`'s option set (a type error for a interpreted option given the wrong kind of value)."""
    value = _value(cmd.value)
    if cmd.name not in INTERPRETED and cmd.name not in KNOWN and not cmd.name.startswith(KNOWN_PREFIXES):
        raise ElabError(f"unknown option '{cmd.name}'\n\nNote: leanr knows only part of Lean's options; "
                        "others are not supported yet", cmd.span)
    default = INTERPRETED.get(cmd.name)
    if default is not None and type(value) is not type(default):
        raise ElabError("type mismatch at set_option", cmd.value.span)
    return tuple((k, v) for k, v in options if k != cmd.name) + ((cmd.name, value),)


def get_option(options: Options, name: str) -> Any:
    for k, v in reversed(options):
        if k == name:
            return v
    return INTERPRETED.get(name)


def auto_bound_mode(options: Options) -> str | None:
    """The auto-bound implicit mode of a scope: None when `autoImplicit` is off; relaxed (multi-character
    names, see `autobound.relaxed_shape`) unless `relaxedAutoImplicit` is false."""
    if not get_option(options, "autoImplicit"):
        return None
    return RELAXED if get_option(options, "relaxedAutoImplicit") else STRICT


def trace_classes(options: Options) -> tuple[str, ...]:
    """The trace classes switched on (`set_option trace.Meta.Tactic.simp true` gives `Meta.Tactic.simp`)."""
    return tuple(sorted(k[len("trace."):] for k, v in options if k.startswith("trace.") and v is True))
