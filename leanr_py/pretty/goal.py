"""Goals and signatures: Lean's hypothesis layout (`x y : Nat`, `h : x = y`, `⊢ target`) and
`#check c` (`Nat.add_comm (n m : Nat) : n + m = m + n`)."""
from __future__ import annotations

from typing import Sequence, Union

from ..kernel import expr as E
from ..kernel.expr import Expr, FVar
from ..kernel.name import Name
from . import doc as D
from .delab import Options, Printer, place, shifted_eq
from .names import binder_base, const_name, has_macro_scopes, inaccessible

HypName = Union[str, Name, FVar]
Hyp = tuple  # (name, type, value | None)


def _hyp_base(n: HypName) -> tuple[str, bool]:
    """(base spelling, inaccessible?) for a hypothesis name."""
    if isinstance(n, FVar):
        n = n.name
    if isinstance(n, str):
        n = Name.of(n)
    return binder_base(n, "x"), has_macro_scopes(n) or n.is_anonymous()


def goal_names(names: Sequence[HypName]) -> list[str]:
    """Display names for a local context: scoped or shadowed (by a later hypothesis of the same
    name) hypotheses become inaccessible, `a✝¹`, `a✝` (the latest), as Lean shows them."""
    bases = [_hyp_base(n) for n in names]
    out: list[str] = []
    count: dict[str, int] = {}
    later: set[str] = set()
    shadowed = [False] * len(bases)
    for i in range(len(bases) - 1, -1, -1):
        b, inacc = bases[i]
        if not inacc:
            shadowed[i] = b in later
            later.add(b)
    for i in range(len(bases) - 1, -1, -1):   # as Lean: the latest is `a✝`, the one before `a✝¹`, …
        b, inacc = bases[i]
        if inacc or shadowed[i]:
            k = count.get(b, 0)
            count[b] = k + 1
            out.append(inaccessible(b, k))
        else:
            out.append(b)
    return out[::-1]


def pp_goal(hyps: Sequence[Hyp], target: Expr, env: object | None = None, *, width: int = 100,
            case: str | None = None, options: Options | None = None) -> str:
    """Lean's goal display. Each hypothesis is `(name, type, value-or-None)`; `name` may be the
    free variable itself (then occurrences of it print under its display name). A hypothesis type
    may also refer to the earlier hypotheses by de Bruijn index (bvar 0 = the one just before)."""
    opts = options or Options(width=width)
    names = goal_names([h[0] for h in hyps])
    fmap = {h[0]: s for h, s in zip(hyps, names) if isinstance(h[0], FVar)}
    pr = Printer(env, opts, fmap)
    for h in hyps:
        pr.note_fvars(h[1])
        if h[2] is not None:
            pr.note_fvars(h[2])
    pr.note_fvars(target)
    pr.reserved.update(names)
    lines: list[str] = []
    if case:
        lines.append("case " + case)
    i = 0
    n = len(hyps)
    while i < n:
        _, ty, val = hyps[i]
        group = [names[i]]
        j = i + 1
        if val is None:
            while j < n and hyps[j][2] is None and shifted_eq(hyps[j - 1][1], hyps[j][1], 1):
                group.append(names[j])
                j += 1
        pr.steps = 0
        td = place(pr.pp(ty), 0)
        ids = " ".join(group)
        if val is None:
            d = D.group(D.cat(ids + " :", D.nest(2 * 2, D.cat(D.line(), td))))
        else:
            pr.steps = 0
            vd = place(pr.pp(val), 0)
            d = D.group(D.cat(ids + " : ", D.nest(4, td), " :=", D.nest(4, D.cat(D.line(), vd))))
        lines.append(D.render(d, opts.width))
        for k in range(i, j):
            pr.push(names[k], hyps[k][1])
        i = j
    pr.steps = 0
    td = place(pr.pp(target), 0)
    lines.append(D.render(D.cat("⊢ ", D.nest(2, td)), opts.width))
    return "\n".join(lines)


def pp_signature(name: Name | str, env: object, *, width: int = 100,
                 options: Options | None = None) -> str:
    """What `#check c` prints for a constant: name, universe parameters, the named binders
    before the colon, then the rest of the type."""
    if isinstance(name, str):
        name = Name.of(name)
    info = env.constants[name]  # type: ignore[attr-defined]
    opts = options or Options(width=width)
    pr = Printer(env, opts)
    head = const_name(name)
    if info.level_params:
        head += ".{" + ", ".join(binder_base(p, "u") for p in info.level_params) + "}"
    t = info.type
    binders: list[D.Doc] = []
    used: set[str] = set()
    pushed = 0
    cur: list | None = None  # [bi, names, type, type_doc]

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            binders.append(pr.binder_group_doc(cur[1], cur[0], cur[3]))
            cur = None

    while t.kind == E.PI:
        n = t.name  # type: ignore[attr-defined]
        bi = t.bi  # type: ignore[attr-defined]
        if bi == E.INST_IMPLICIT and has_macro_scopes(n):
            flush()
            binders.append(D.cat("[", place(pr.pp(t.type), 0), "]"))  # type: ignore[attr-defined]
            pr.push(inaccessible(binder_base(n, "inst"), 0), t.type, visible=False)  # type: ignore[attr-defined]
        elif not has_macro_scopes(n) and not n.is_anonymous() and str(n) not in used:
            s = str(n)
            used.add(s)
            if (cur is not None and cur[0] == bi and bi != E.INST_IMPLICIT
                    and shifted_eq(cur[2], t.type, 1)):  # type: ignore[attr-defined]
                cur[1].append(s)
                cur[2] = t.type  # type: ignore[attr-defined]
            else:
                flush()
                td = place(pr.pp(t.type), 0)  # type: ignore[attr-defined]
                cur = [bi, [s], t.type, td]  # type: ignore[attr-defined]
                if bi == E.INST_IMPLICIT:
                    flush()
            pr.push(s, t.type)  # type: ignore[attr-defined]
        else:
            break
        pushed += 1
        t = t.body  # type: ignore[attr-defined]
    flush()
    body = place(pr.pp(t), 0)
    d = D.cat(D.nest(4, D.fill([D.text(head)] + binders)), " :", D.nest(2, D.cat(D.line(), body)))
    return D.render(D.group(d), opts.width)
