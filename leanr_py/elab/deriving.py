"""`deriving C` on `inductive`/`structure` and `deriving instance C for T`: instances generated as Lean's
deriving handlers generate them, as Lean source elaborated (and kernel-checked) like user declarations:

    Inhabited     instInhabitedT    := ⟨C default …⟩ for the first constructor whose fields are inhabited
    BEq           instBEqT          := ⟨instBEqT.beq⟩, `match x, y with | .c a…, .c b… => a == b && … | _, _ => false`
                                       (structural recursion for recursive fields)
    DecidableEq   instDecidableEqT  := instDecidableEqT.decEq, one alternative per pair of constructors:
                                       `isTrue` from `congr`, `isFalse` through a field selector or `nomatch`

Type parameters become implicit arguments with the class as an instance argument (`{α : Type} [BEq α]`).
Types the handlers do not cover (indexed families, nested occurrences, constructors with implicit fields)
and classes leanr's prelude lacks (`Repr`, `Hashable`, …) get a clear "not supported yet" error at the
class name; a class with no handler gets Lean's "default handlers have not been implemented yet".
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Sequence

from ..kernel import expr as E
from ..kernel.declaration import InductiveInfo
from ..kernel.name import Name
from ..syntax import ast as A
from ..syntax import parse_file
from .errors import ElabError

if TYPE_CHECKING:
    from .command import CommandElaborator

__all__ = ["derive", "HANDLERS"]

_MAX_CTOR_PAIRS = 256   # DecidableEq writes one alternative per pair of constructors


@dataclasses.dataclass(slots=True)
class _Target:
    name: Name                      # the type
    info: InductiveInfo
    params: list[A.Binder]          # the type's parameter binders as written
    param_names: list[str]
    type_params: list[str]          # parameters that are types (they get an instance argument)
    ctors: list[tuple[str, list[bool]]]   # constructor (full name), per field: is it a recursive occurrence


def derive(ce: "CommandElaborator", type_names: Sequence[Name], params: Sequence[A.Binder],
           classes: Sequence[A.Ident]) -> None:
    """Run the deriving handlers of `classes` for each of `type_names` (declared with the binders `params`)."""
    for cls in classes:
        for tn in type_names:
            if cls.name not in _LEAN_HANDLERS:
                raise ElabError(f"default handlers have not been implemented yet, class: '{cls.name}' types: "
                                f"[{tn}]", cls.span)
            if ce.env.find(Name.of(cls.name)) is None:
                # nothing can use the instance while the class itself is unknown (`#eval` derives `Repr`
                # on the fly, as Lean's does)
                ce._msg(cls.span, "warning",  # noqa: SLF001
                        f"deriving '{cls.name}' is not supported yet (the prelude has no '{cls.name}'), ignored")
                continue
            handler = HANDLERS.get(cls.name)
            if handler is None:
                raise ElabError(f"deriving '{cls.name}' is not supported yet", cls.span)
            handler(ce, _target(ce, tn, params, cls), cls)


# the classes Lean has deriving handlers for (any other gets Lean's "default handlers" error)
_LEAN_HANDLERS = frozenset(("Repr", "BEq", "DecidableEq", "Inhabited", "Hashable", "Ord", "Nonempty", "TypeName",
                            "ToJson", "FromJson", "SizeOf", "ToExpr", "LawfulBEq", "ReflBEq"))


def _target(ce: "CommandElaborator", name: Name, params: Sequence[A.Binder], cls: A.Ident) -> _Target:
    info = ce.env.find(name)
    if not isinstance(info, InductiveInfo):
        raise ElabError(f"deriving '{cls.name}': '{name}' is not an inductive type", cls.span)
    if info.num_indices or info.num_nested or len(info.all) > 1:
        raise ElabError(f"deriving '{cls.name}' for indexed, nested or mutual inductive types is not supported yet",
                        cls.span)
    names: list[str] = []
    types: list[str] = []
    for b in params:
        if not isinstance(b, A.Binder) or any(not isinstance(n, A.Ident) for n in b.names):
            raise ElabError(f"deriving '{cls.name}' for this parameter form is not supported yet", b.span)
        for n in b.names:
            names.append(n.name)  # type: ignore[union-attr]
            if isinstance(b.type, A.Sort):
                types.append(n.name)  # type: ignore[union-attr]
    if len(names) != info.num_params:
        raise ElabError(f"deriving '{cls.name}' for types with section variables is not supported yet", cls.span)
    ctors = []
    for cn in info.ctors:
        t = ce.env.find(cn).type  # type: ignore[union-attr]
        for _ in range(info.num_params):
            t = t.body  # type: ignore[attr-defined]
        rec = []
        while t.kind == E.PI:
            if t.bi != E.DEFAULT:  # type: ignore[attr-defined]
                raise ElabError(f"deriving '{cls.name}' for constructors with implicit fields is not supported yet",
                                cls.span)
            h = E.get_app_fn(t.type)  # type: ignore[attr-defined]
            rec.append(h.kind == E.CONST and h.name is name)  # type: ignore[attr-defined]
            t = t.body  # type: ignore[attr-defined]
        ctors.append((str(cn), rec))
    return _Target(name, info, list(params), names, types, ctors)


# ---------------------------------------------------------------------------------------------- generation

def _ty(t: _Target) -> str:
    return " ".join([f"@_root_.{t.name}", *t.param_names]) if t.param_names else f"_root_.{t.name}"


def _pat(ctor: str, var: str, n: int) -> str:
    return " ".join([f"_root_.{ctor}", *(f"{var}_{i}" for i in range(n))])


def _elab_generated(ce: "CommandElaborator", t: _Target, source: str, cls: A.Ident, inst_class: str | None) -> None:
    """Elaborate the generated declarations, with the type's parameters as implicit binders (and an instance
    binder `[inst_class α]` per type parameter); any failure is reported at the class name."""
    parsed = parse_file(source)
    if parsed.diagnostics:
        raise ElabError(f"internal error: deriving '{cls.name}' produced {parsed.diagnostics[0].message}", cls.span)
    implicit = [dataclasses.replace(b, kind="implicit") for b in t.params]
    insts: list[A.Binder] = []
    if inst_class is not None and t.type_params:
        head = parse_file("example " + " ".join(f"[{inst_class} {p}]" for p in t.type_params) + " : True := trivial")
        insts = list(head.commands[0].binders)  # type: ignore[attr-defined]
    for cmd in parsed.commands:
        cmd = dataclasses.replace(cmd, binders=tuple(implicit + insts) + tuple(cmd.binders))  # type: ignore[call-arg]
        try:
            ce._command(cmd)  # noqa: SLF001
        except ElabError as exc:
            first = exc.message.splitlines()[0]
            raise ElabError(f"deriving '{cls.name}' for '{t.name}' is not supported yet here ({first})",
                            cls.span) from None


def _inst_name(cls: str, t: _Target) -> str:
    return f"inst{cls}{t.name.last}"  # type: ignore[attr-defined]


def _derive_inhabited(ce: "CommandElaborator", t: _Target, cls: A.Ident) -> None:
    name = _inst_name("Inhabited", t)
    last: ElabError | None = None
    for with_insts in (False, True):
        for ctor, fields in t.ctors:
            value = " ".join([f"_root_.{ctor}", *("default" for _ in fields)])
            src = f"instance {name} : Inhabited ({_ty(t)}) := ⟨{value}⟩\n"
            try:
                _elab_generated(ce, t, src, cls, "Inhabited" if with_insts else None)
                return
            except ElabError as exc:
                last = exc
    assert last is not None
    raise ElabError(f"failed to generate 'Inhabited' instance for '{t.name}'", cls.span)


def _derive_beq(ce: "CommandElaborator", t: _Target, cls: A.Ident) -> None:
    name = _inst_name("BEq", t)
    aux = f"{name}.beq"
    lines = [f"def {aux} : {_ty(t)} → {_ty(t)} → Bool"]
    for ctor, fields in t.ctors:
        tests = [f"{aux} x_{i} y_{i}" if rec else f"x_{i} == y_{i}" for i, rec in enumerate(fields)]
        body = " && ".join(f"({s})" for s in tests) if tests else "Bool.true"
        lines.append(f"  | {_pat(ctor, 'x', len(fields))}, {_pat(ctor, 'y', len(fields))} => {body}")
    if len(t.ctors) > 1:
        lines.append("  | _, _ => Bool.false")
    src = "\n".join(lines) + f"\ninstance {name} : BEq ({_ty(t)}) := ⟨{aux}⟩\n"
    _elab_generated(ce, t, src, cls, "BEq")


def _derive_decidable_eq(ce: "CommandElaborator", t: _Target, cls: A.Ident) -> None:
    if len(t.ctors) ** 2 > _MAX_CTOR_PAIRS:
        raise ElabError(f"deriving 'DecidableEq' for types with more than {int(_MAX_CTOR_PAIRS ** 0.5)} "
                        "constructors is not supported yet", cls.span)
    name = _inst_name("DecidableEq", t)
    aux = f"{name}.decEq"
    ty = _ty(t)
    lines = []
    # field selectors (`sel (C … z …) d = z`), for the `isFalse` proofs: one definition each
    for k, (ctor, fields) in enumerate(t.ctors):
        for i in range(len(fields)):
            pats = " ".join("z" if j == i else "_" for j in range(len(fields)))
            if len(t.ctors) > 1:
                lines.append(f"def {name}.sel_{k}_{i} (s : {ty}) (d : _) := match s with "
                             f"| _root_.{ctor} {pats} => z | _ => d")
            else:
                lines.append(f"def {name}.sel_{k}_{i} (s : {ty}) := match s with | _root_.{ctor} {pats} => z")
    lines.append(f"def {aux} : (x y : {ty}) → Decidable (x = y)")
    for k, (ctor, fields) in enumerate(t.ctors):
        for ctor2, fields2 in t.ctors:
            lhs = f"  | {_pat(ctor, 'x', len(fields))}, {_pat(ctor2, 'y', len(fields2))} =>"
            if ctor != ctor2:
                lines.append(f"{lhs} isFalse (fun h => nomatch h)")
                continue
            lines.append(f"{lhs} {_decide_fields(t, k, ctor, fields, aux, name)}")
    src = "\n".join(lines) + f"\ninstance {name} : DecidableEq ({ty}) := {aux}\n"
    _elab_generated(ce, t, src, cls, "DecidableEq")


def _decide_fields(t: _Target, k: int, ctor: str, fields: list[bool], aux: str, name: str) -> str:
    """Decide the fields in turn (`if h_i : x_i = y_i then … else isFalse …`, a recursive field by the function
    being defined), `isTrue` by congruence at the end; a difference is transported through the field's
    selector."""
    n = len(fields)
    proof = "rfl"
    if n:
        proof = f"congrArg _root_.{ctor} h_0"
        for i in range(1, n):
            proof = f"congr ({proof}) h_{i}"
    out = f"isTrue ({proof})"
    for i in reversed(range(n)):
        sel = f"(fun s => {name}.sel_{k}_{i} s x_{i})" if len(t.ctors) > 1 else f"{name}.sel_{k}_{i}"
        no = f"isFalse (fun h => h_{i} (congrArg {sel} h))"
        if fields[i]:  # a recursive field: the function being defined decides it
            out = f"match {aux} x_{i} y_{i} with | isTrue h_{i} => ({out}) | isFalse h_{i} => {no}"
        else:
            out = f"if h_{i} : x_{i} = y_{i} then ({out}) else {no}"
    return out


HANDLERS: dict[str, Any] = {
    "Inhabited": _derive_inhabited,
    "BEq": _derive_beq,
    "DecidableEq": _derive_decidable_eq,
}
