"""The `#` commands: `#check`, `#eval`/`#eval!`, `#reduce`, `#print`, `#print axioms`.

    elab_hash_command(ce, cmd)      # ce: the CommandElaborator; messages go to ce's message list

Messages are `info` diagnostics at the command's keyword, worded as Lean words them. `#eval` runs
eval-lite (`leanr_py.eval`) on the elaborated term and shows the value as Lean's `ToExpr`/`Repr`/
`ToString` would; `#reduce` prints the kernel normal form (proofs and types left as they are).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ..eval import Evaluator, EvalError
from ..eval.io import io_action_type, run_action
from ..eval.render import Renderer
from ..gas import Gas
from ..kernel import expr as E
from ..kernel.declaration import (
    AxiomInfo, ConstructorInfo, DefinitionInfo, InductiveInfo, OpaqueInfo, QuotInfo, RecursorInfo, TheoremInfo,
    PARTIAL, UNSAFE,
)
from ..kernel.environment import deep_recursion
from ..kernel.errors import KernelError
from ..kernel.name import Name
from ..kernel.typechecker import TypeChecker
from ..pretty import pp_expr, pp_signature
from ..pretty.names import binder_base
from ..syntax import ast as A
from ..syntax.errors import Span
from .errors import ElabError
from .messages import SORRY_WARNING

if TYPE_CHECKING:
    from .command import CommandElaborator

__all__ = ["elab_hash_command", "collect_axioms"]

WIDTH = 120          # Lean's `format.width`
_SORRY = Name.of("sorryAx")
_NAT_SUCC = Name.of("Nat.succ")


def elab_hash_command(ce: "CommandElaborator", cmd: A.HashCommand) -> None:
    handler = _HANDLERS.get(cmd.name)
    if handler is None:
        raise ElabError(f"'{cmd.name}' is not supported yet", cmd.span)
    handler(ce, cmd)


def _keyword_span(cmd: A.HashCommand, keyword: str) -> Span:
    """Lean reports these commands' messages at their keyword token."""
    s = cmd.span
    return Span(s.line, s.col, s.line, s.col + len(keyword))


# ====================================================================== #check
def _check(ce: "CommandElaborator", cmd: A.HashCommand) -> None:
    arg = cmd.arg
    at = _keyword_span(cmd, cmd.name)
    te, meta = ce._term_elab(ce.scope.namespace, ())  # noqa: SLF001
    if isinstance(arg, A.Ident) and arg.univs is None:
        comps = Name.of(arg.name).components()
        if te._find_local(Name.from_components(comps[:1])) is None:  # noqa: SLF001
            c = te.resolve_global(Name.of(arg.name), arg.span)
            if c is not None:
                ce._msg(at, "info", pp_signature(c, ce.env))  # noqa: SLF001
                return
    xs = te.elab_binders(ce.scope.variables)
    e = te.elab(arg, None)  # type: ignore[arg-type]
    try:
        te.synthesize(True)
    except ElabError as exc:
        if not exc.message.startswith("typeclass instance problem is stuck"):
            raise
        # as Lean's `#check`: stuck instances are shown as they are
    t = meta.instantiate_mvars(meta.infer_type(e))
    e = meta.instantiate_mvars(e)
    ce._level_params(te, meta, [e, t], [], 0)  # noqa: SLF001
    e, t = meta.instantiate_mvars(e), meta.instantiate_mvars(t)
    del xs
    shown = te.pp(e)   # constants by their shortest name here, as Lean's `#check` shows them
    if isinstance(arg, A.Explicit) and e.kind == E.CONST and t.kind == E.PI and t.bi != E.DEFAULT:  # type: ignore[attr-defined]
        shown = "@" + shown  # Lean shows the constant with its implicit binders as `@c`
    ce._msg(at, "info", f"{shown} : {te.pp(t)}")  # noqa: SLF001


def _check_failure(ce: "CommandElaborator", cmd: A.HashCommand) -> None:
    """Lean's `failIfSucceeds (#check t)`: the errors become infos; success is the error."""
    from dataclasses import replace

    start = len(ce.messages)
    try:
        _check(ce, cmd)
    except ElabError as exc:
        ce._msg(exc.span or cmd.span, "error", exc.message)  # noqa: SLF001
    failed = False
    for i in range(start, len(ce.messages)):
        if ce.messages[i].severity == "error":
            failed = True
            ce.messages[i] = replace(ce.messages[i], severity="info")
    if not failed:
        raise ElabError("unexpected success", _keyword_span(cmd, cmd.name))


# ====================================================================== #eval
_EVAL_SORRY = ("Aborting evaluation since the expression depends on the 'sorry' axiom, which can lead to runtime "
               "instability and crashes.\n\nTo attempt to evaluate anyway despite the risks, use the '#eval!' command.")

def _eval(ce: "CommandElaborator", cmd: A.HashCommand) -> None:
    at = _keyword_span(cmd, cmd.name)
    allow_sorry = cmd.name == "#eval!"
    te, meta = ce._term_elab(ce.scope.namespace, ())  # noqa: SLF001
    xs = te.elab_binders(ce.scope.variables)
    e = te.elab(cmd.arg, None)  # type: ignore[arg-type]
    te.synthesize(True)
    e = te.finalize(e, cmd.arg.span)  # type: ignore[union-attr]
    used = [x for x in xs if E.find(e, lambda y, x=x: y is x) is not None]
    if used:
        names = _and_list([str(x.name) for x in used])
        raise ElabError(f"Cannot evaluate, contains free variables: {names}", at)
    ty = meta.instantiate_mvars(meta.infer_type(e))
    if meta.is_prop(ty):
        raise ElabError("Cannot evaluate, proofs are not computationally relevant", at)
    if meta.is_prop(e):   # a proposition is evaluated as `decide p`
        from .term import _ConstApp, _Pre  # noqa: PLC0415 - internal syntax of the term elaborator

        e = te.elab(_ConstApp(cmd.arg.span, "Decidable.decide", (_Pre(e),)), None)  # type: ignore[union-attr]
        te.synthesize(True)
        e = te.finalize(e, cmd.arg.span)  # type: ignore[union-attr]
        ty = meta.instantiate_mvars(meta.infer_type(e))
    if meta.whnf(ty).kind == E.SORT:
        raise ElabError("Cannot evaluate, types are not computationally relevant", at)
    ce._level_params(te, meta, [e, ty], [], 0)  # noqa: SLF001
    e, ty = meta.instantiate_mvars(e), meta.instantiate_mvars(ty)
    if not allow_sorry and _SORRY in collect_axioms_of_terms(ce.env, [e]):
        if te.uses_sorry:
            # the term itself holds a `sorry`: Lean's auxiliary definition for it warns after the error
            ce._msg(at, "error", _EVAL_SORRY)  # noqa: SLF001
            ce._msg(at, "warning", SORRY_WARNING)  # noqa: SLF001
            return
        raise ElabError(_EVAL_SORRY, at)
    ev = Evaluator(ce.env, _gas(ce))
    ty = _close_levels(ty)
    try:
        with deep_recursion():
            value = ev.eval(_close_levels(e))
            renderer = Renderer(ev, _instance_finder(ce, te, meta))
            action = io_action_type(TypeChecker(ce.env), ty)
            if action is None:
                text = renderer.render(value, ty)
            else:   # an `IO` action runs: what it prints, then its value unless it is `()`, as Lean shows them
                ok, result, text = run_action(ev, value)
                if not ok:
                    if text:
                        ce._msg(at, "info", text.removesuffix("\n"))  # noqa: SLF001
                    raise ElabError(renderer.render(result, action[0]), at)
                if not _is_unit(ce, action[1]):
                    text += renderer.render(result, action[1])
    except EvalError as exc:
        raise ElabError(exc.message, at) from None
    except KernelError as exc:
        raise ElabError(f"(kernel) {exc.message}", at) from None
    if action is None or text:
        ce._msg(at, "info", text.removesuffix("\n") if action is not None else text)  # noqa: SLF001


def _is_unit(ce: "CommandElaborator", t: E.Expr) -> bool:
    h = E.get_app_fn(TypeChecker(ce.env).whnf(t))
    return h.kind == E.CONST and str(h.name) == "PUnit"  # type: ignore[attr-defined]


def _instance_finder(ce: "CommandElaborator", te: Any, meta: Any) -> Callable[[str, E.Expr], E.Expr | None]:
    from .instances import synth_instance

    def find(cls: str, t: E.Expr) -> E.Expr | None:
        if ce.env.find(Name.of(cls)) is None:
            return None
        info = ce.env.find(Name.of(cls))
        lv = _type_level(ce, t)
        if lv is None or len(info.level_params) != 1:  # type: ignore[union-attr]
            return None
        inst = synth_instance(meta, E.mk_app(E.mk_const(Name.of(cls), (lv,)), t), ce.table)
        return None if inst is None else meta.instantiate_mvars(inst)

    return find


def _type_level(ce: "CommandElaborator", t: E.Expr) -> Any:
    from ..kernel import level as L

    tc = TypeChecker(ce.env)
    s = tc.whnf(tc.infer(t))
    if s.kind == E.SORT and s.level.kind == L.SUCC_K:  # type: ignore[attr-defined]
        return s.level.a  # type: ignore[attr-defined]
    return None


def _close_levels(e: E.Expr) -> E.Expr:
    """Universe parameters left in an evaluated term do not change its value: set them to zero."""
    if not (e.flags & E.HAS_LPARAM):
        return e
    from ..kernel import level as L

    used: dict[Name, None] = {}
    E.level_params_of(e, used)
    return E.instantiate_level_params(e, list(used), [L.ZERO] * len(used))


def _gas(ce: "CommandElaborator") -> Gas | None:
    """The evaluation's budget: the command's own `Gas` when a session shares one per command, else fresh."""
    if ce.gas is None or isinstance(ce.gas, Gas):
        return ce.gas
    return Gas(ce.gas)


def _and_list(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


# ====================================================================== #reduce
def _reduce(ce: "CommandElaborator", cmd: A.HashCommand) -> None:
    at = _keyword_span(cmd, "#reduce")
    te, meta = ce._term_elab(ce.scope.namespace, ())  # noqa: SLF001
    xs = te.elab_binders(ce.scope.variables)
    e = te.elab(cmd.arg, None)  # type: ignore[arg-type]
    te.synthesize(True)
    e = te.finalize(e, cmd.arg.span)  # type: ignore[union-attr]
    ce._level_params(te, meta, [e], [], 0)  # noqa: SLF001
    e = meta.instantiate_mvars(e)
    del xs
    tc = TypeChecker(ce.env, gas=_gas(ce))
    try:
        with deep_recursion():
            r = _normalize(tc, e)
    except KernelError as exc:
        raise ElabError(f"(kernel) {exc.message}", at) from None
    ce._msg(at, "info", pp_expr(r, ce.env, width=WIDTH))  # noqa: SLF001


def _normalize(tc: TypeChecker, e: E.Expr) -> E.Expr:
    """Lean's `Meta.reduce e (explicitOnly := true) (skipTypes := true) (skipProofs := true)` with every
    definition unfoldable: types and proofs are kept as they are; anything else is put in weak head normal
    form and its explicit arguments, lambda bodies and projections are reduced in turn."""
    cache: dict[E.Expr, E.Expr] = {}

    def kept(x: E.Expr) -> bool:
        t = tc.infer(x)
        return tc.whnf(t).kind == E.SORT or tc.is_prop(t)

    def explicit_flags(f: E.Expr, args: list[E.Expr]) -> list[bool]:
        flags = []
        t = tc.infer(f)
        for i in range(len(args)):
            if t.kind != E.PI:
                t = tc.whnf(t)
                if t.kind != E.PI:
                    flags.extend([True] * (len(args) - i))
                    break
            flags.append(t.bi == E.DEFAULT)  # type: ignore[attr-defined]
            t = E.instantiate1(t.body, args[i])  # type: ignore[attr-defined]
        return flags

    def go(x: E.Expr) -> E.Expr:
        r = cache.get(x)
        if r is not None:
            return r
        if kept(x):
            r = x
        else:
            w = tc.whnf(x)
            k = w.kind
            if k == E.APP:
                f, args = E.get_app_fn_args(w)
                g = go(f)
                flags = explicit_flags(f, args)
                new_args = [go(a) if fl else a for a, fl in zip(args, flags)]
                if g.kind == E.CONST and g.name is _NAT_SUCC and len(new_args) == 1 \
                        and new_args[0].kind == E.NATLIT:  # type: ignore[attr-defined]
                    r = E.mk_nat_lit(new_args[0].val + 1)  # type: ignore[attr-defined]
                else:
                    r = E.mk_app_n(g, new_args)
            elif k == E.LAM:
                fvars: list[E.FVar] = []
                b = w
                while b.kind == E.LAM:
                    fvars.append(tc.fresh_fvar(b.name, E.instantiate_rev(b.type, fvars), None, b.bi))  # type: ignore[attr-defined]
                    b = b.body  # type: ignore[attr-defined]
                r = E.mk_binding(False, fvars, go(E.instantiate_rev(b, fvars)))
            elif k == E.PROJ:
                r = E.mk_proj(w.sname, w.idx, go(w.struct))  # type: ignore[attr-defined]
            else:
                r = w
        cache[x] = r
        return r

    return go(e)


# ====================================================================== #print
def _print(ce: "CommandElaborator", cmd: A.HashCommand) -> None:
    at = _keyword_span(cmd, "#print")
    arg = cmd.arg
    if isinstance(arg, A.StrLit):
        ce._msg(at, "info", arg.value)  # noqa: SLF001
        return
    name = _resolve(ce, arg)  # type: ignore[arg-type]
    classes = ce.table.classes if ce.table is not None else frozenset()
    protected = getattr(ce.scope, "protected", ())
    ce._msg(at, "info", print_constant(ce.env, name, ce.reducible, classes, protected))  # noqa: SLF001


def _resolve(ce: "CommandElaborator", arg: A.Ident) -> Name:
    te, _meta = ce._term_elab(ce.scope.namespace, ())  # noqa: SLF001
    c = te.resolve_global(Name.of(arg.name), arg.span)
    if c is None:
        raise ElabError(f"Unknown constant `{arg.name}`", arg.span)
    return c


def print_constant(env: Any, name: Name, reducible: set[Name] | frozenset = frozenset(),
                   classes: set[Name] | dict | frozenset = frozenset(),
                   protected: tuple[Name, ...] | frozenset = frozenset()) -> str:
    """What Lean's `#print` shows for a constant."""
    info = env.find(name)

    def pp(e: E.Expr) -> str:
        return pp_expr(e, env, width=WIDTH)

    def header(kind: str, safety: str = "safe") -> str:
        attrs = "@[reducible] " if name in reducible or _is_auxiliary_recursor(env, name) else ""
        mod = {UNSAFE: "unsafe ", PARTIAL: "partial "}.get(safety, "") + ("protected " if name in protected else "")
        lps = ""
        if info.level_params:
            lps = ".{" + ", ".join(binder_base(p, "u") for p in info.level_params) + "}"
        return f"{attrs}{mod}{kind} {name}{lps} : {pp(info.type)}"

    if isinstance(info, DefinitionInfo):
        return f"{header('def', info.safety)} :=\n{pp(info.value)}"
    if isinstance(info, TheoremInfo):
        return f"{header('theorem')} :=\n{pp(info.value)}"
    if isinstance(info, OpaqueInfo):
        return header("opaque", UNSAFE if info.unsafe else "safe")
    if isinstance(info, AxiomInfo):
        return header("axiom", UNSAFE if info.unsafe else "safe")
    if isinstance(info, QuotInfo):
        return header("Quotient primitive")
    if isinstance(info, ConstructorInfo):
        return header("constructor", UNSAFE if info.unsafe else "safe")
    if isinstance(info, RecursorInfo):
        lines = [header("recursor", UNSAFE if info.unsafe else "safe"),
                 f"number of parameters: {info.num_params}", f"number of indices: {info.num_indices}",
                 f"number of motives: {info.num_motives}", f"number of minors: {info.num_minors}"]
        if info.k:
            lines.append("supports k-like reduction")
        lines.append("rules:")
        for r in info.rules:
            lines.append(f"for {r.ctor} ({r.num_fields} fields): {pp(r.rhs)}")
        return "\n".join(lines)
    if isinstance(info, InductiveInfo):
        if _is_structure(env, info):
            return _print_structure(env, info, name in classes, pp)
        lines = [header("inductive", UNSAFE if info.unsafe else "safe"),
                 f"number of parameters: {info.num_params}", "constructors:"]
        for c in info.ctors:
            lines.append(f"{c} : {pp(env.get(c).type)}")
        return "\n".join(lines)
    raise ElabError(f"Unknown constant `{name}`")


_AUX_RECURSORS = frozenset(("casesOn", "recOn", "brecOn", "binductionOn", "below", "ibelow", "noConfusionType",
                            "noConfusion"))


def _is_auxiliary_recursor(env: Any, name: Name) -> bool:
    """`T.casesOn`, `T.recOn`, `T.brecOn`, `T.below`, `T.noConfusion`…: Lean declares them `@[reducible]`."""
    return (str(name.last) in _AUX_RECURSORS and name.prefix is not None
            and isinstance(env.find(name.prefix), InductiveInfo) and isinstance(env.find(name), DefinitionInfo))


def _print_structure(env: Any, info: InductiveInfo, is_class: bool, pp: Callable[[E.Expr], str]) -> str:
    """Lean's `printStructure`: the signature, the fields as projections of `self`, the constructor."""
    lines = [f"{'class' if is_class else 'structure'} {pp_signature(info.name, env, width=WIDTH)}",
             f"number of parameters: {info.num_params}", "fields:"]
    ctor = env.get(info.ctors[0])
    t = ctor.type
    fields = []
    for _ in range(ctor.num_params):
        t = t.body
    for _ in range(ctor.num_fields):
        fields.append(info.name.append(str(t.name.last)))
        t = t.body
    for proj_name in fields:
        pt = env.get(proj_name).type
        params = []
        for _ in range(info.num_params):
            x = E.mk_fvar(pt.name, E.instantiate_rev(pt.type, params), None, pt.bi)
            params.append(x)
            pt = pt.body
        self_x = E.mk_fvar(Name.of("self"), E.instantiate_rev(pt.type, params))
        ftype = E.instantiate_rev(pt.body, params + [self_x])
        lines.append(f"  {proj_name} : {pp(ftype)}")
    lines.append("constructor:")
    lines.append(f"  {pp_signature(ctor.name, env, width=WIDTH)}")
    return "\n".join(lines)


def _is_structure(env: Any, info: InductiveInfo) -> bool:
    """Lean's `isStructure`: one constructor, no indices, a projection function for each field."""
    if len(info.ctors) != 1 or info.num_indices:
        return False
    c = env.get(info.ctors[0])
    t = c.type
    for _ in range(c.num_params):
        t = t.body
    if c.num_fields == 0:
        return False
    for i in range(c.num_fields):
        proj = env.find(info.name.append(str(t.name.last)))
        if not isinstance(proj, DefinitionInfo):
            return False
        v = proj.value
        while v.kind == E.LAM:
            v = v.body
        if v.kind != E.PROJ or v.idx != i:  # type: ignore[attr-defined]
            return False
        t = t.body
    return True


# ====================================================================== #print axioms
def _print_axioms(ce: "CommandElaborator", cmd: A.HashCommand) -> None:
    at = _keyword_span(cmd, "#print")
    name = _resolve(ce, cmd.arg)  # type: ignore[arg-type]
    ce._msg(at, "info", axioms_message(ce.env, name))  # noqa: SLF001


def axioms_message(env: Any, name: Name) -> str:
    axioms = collect_axioms(env, name)
    if not axioms:
        return f"'{name}' does not depend on any axioms"
    return f"'{name}' depends on axioms: [{', '.join(str(a) for a in axioms)}]"


def collect_axioms(env: Any, name: Name) -> list[Name]:
    """The axioms `name` depends on (through types, values and constructors), in Lean's `Name.lt` order."""
    return _sorted_names(_collect(env, [name], []))


def collect_axioms_of_terms(env: Any, terms: list[E.Expr]) -> list[Name]:
    return _sorted_names(_collect(env, [], terms))


def _collect(env: Any, names: list[Name], terms: list[E.Expr]) -> set[Name]:
    seen_consts: set[Name] = set()
    seen_terms: set[E.Expr] = set()
    found: set[Name] = set()
    todo_names = list(names)
    todo_terms = list(terms)
    while todo_names or todo_terms:
        while todo_terms:
            for x in E.subterms(todo_terms.pop(), seen=seen_terms):
                if x.kind == E.CONST and x.name not in seen_consts:  # type: ignore[attr-defined]
                    todo_names.append(x.name)  # type: ignore[attr-defined]
        if not todo_names:
            break
        n = todo_names.pop()
        if n in seen_consts:
            continue
        seen_consts.add(n)
        info = env.find(n)
        if info is None:
            continue
        # as Lean's `CollectAxioms.collect`: an axiom's own type and the quotient primitives are not followed
        if isinstance(info, AxiomInfo):
            found.add(n)
        elif isinstance(info, (DefinitionInfo, TheoremInfo, OpaqueInfo)):
            todo_terms.append(info.type)
            todo_terms.append(info.value)
        elif isinstance(info, InductiveInfo):
            todo_terms.append(info.type)
            todo_names.extend(info.ctors)
        elif not isinstance(info, QuotInfo):
            todo_terms.append(info.type)
    return found


def _sorted_names(names: set[Name]) -> list[Name]:
    """Lean's `Name.lt` (`Name.cmp`): prefixes first (so `propext` before `Classical.choice`), then the last
    component, numbers before strings."""
    def key(n: Name) -> tuple:
        k: tuple = ()
        for c in n.components():
            k = (k, 0, c, "") if isinstance(c, int) else (k, 1, 0, c)
        return k
    return sorted(names, key=key)


_HANDLERS: dict[str, Callable[["CommandElaborator", A.HashCommand], None]] = {
    "#check": _check,
    "#check_failure": _check_failure,
    "#eval": _eval,
    "#eval!": _eval,
    "#reduce": _reduce,
    "#print": _print,
    "#print axioms": _print_axioms,
}
