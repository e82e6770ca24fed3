"""Writer of lean4export NDJSON (format 3.1.0): the constants of an environment, as Lean's exporter writes them.

The output has the reader's shape record for record: a `{"meta": ...}` line, then names (`in`), levels
(`il`) and expressions (`ie`) as shared tables — each node written once, right before the first record
that needs it, children before parents, indices in order of first use — and declarations (`axiom`, `def`,
`thm`, `opaque`, the four `quot` records, and `inductive` blocks with their types, constructors and
recursors). Within a declaration the tables are filled in the order lean4export fills them (name, universe
parameters, type, value, `all`, ...), and JSON is written as Lean's `Json.compress` writes it (keys sorted,
no spaces, only `"` `\\` `\\n` `\\r` and control characters escaped), so an environment read from a
lean4export file is usually written back byte for byte, apart from the meta line.

Everything is iterative (terms may be 100,000 deep) and deterministic: the output depends only on the
environment's contents and insertion order, never on hashing or object identity.
"""
from __future__ import annotations

import os
import re
from typing import IO, Iterable, Iterator, Union

from .. import __version__
from ..kernel import declaration as D
from ..kernel import level as L
from ..kernel.environment import Environment
from ..kernel.expr import (APP, BINDER_INFO_NAMES, BVAR, CONST, LAM, LET, NATLIT, PI, PROJ, SORT, STRLIT, Expr,
                           subterms)
from ..kernel.level import Level
from ..kernel.name import Name

FORMAT_VERSION = "3.1.0"
EXPORTER_NAME = "leanr"
# The Lean release whose type theory and export format this writer follows (the meta line's `lean` field).
LEAN_VERSION = "4.29.1"

QUOT_NAMES = tuple(Name.of(s) for s in ("Quot", "Quot.mk", "Quot.lift", "Quot.ind"))
EQ = Name.of("Eq")
# Constants the kernel's literal extensions refer to: a term with a literal needs them in the export
# (lean4export adds `Nat` for Nat literals and `Char.ofNat`, `String.ofList` for string literals).
NAT_LITERAL_DEPS = (Name.of("Nat"),)
STR_LITERAL_DEPS = tuple(Name.of(s) for s in (
    "Char.ofNat", "String.ofList", "String", "String.mk", "Char", "List.nil", "List.cons"))

Output = Union[str, "os.PathLike[str]", IO[str]]


class ExportWriteError(Exception):
    """The environment holds something the export format cannot express (a free variable, a
    metavariable, a dangling constant reference)."""


# ------------------------------------------------------------------ JSON text as Lean writes it

_ESCAPE = re.compile(r'["\\\x00-\x1f\ud800-\udfff]')


def _escape_char(m: "re.Match[str]") -> str:
    c = m.group()
    if c == '"':
        return '\\"'
    if c == "\\":
        return "\\\\"
    if c == "\n":
        return "\\n"
    if c == "\r":
        return "\\r"
    return f"\\u{ord(c):04x}"   # control characters (and lone surrogates, which Lean strings never hold)


def json_string(s: str) -> str:
    """`s` as a JSON string literal, escaped exactly as Lean's `Json.escape` does."""
    return '"' + _ESCAPE.sub(_escape_char, s) + '"'


def json_text(value: object) -> str:
    """Compact JSON with sorted keys (Lean's `Json.compress`); values are dicts, lists, str, int, bool.

    Declaration records nest only a few levels, so plain recursion is fine here.
    """
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json_string(value)
    if isinstance(value, dict):
        return "{" + ",".join(json_string(k) + ":" + json_text(value[k]) for k in sorted(value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(json_text(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def meta_record(lean: dict[str, str] | None = None) -> str:
    lean_meta = {"githash": "", "version": LEAN_VERSION} if lean is None else lean
    return json_text({"meta": {"exporter": {"name": EXPORTER_NAME, "version": __version__},
                               "format": {"version": FORMAT_VERSION}, "lean": lean_meta}})


# ------------------------------------------------------------------ the tables

class NdjsonWriter:
    """Numbers names, levels and expressions on first use and yields their records (as lines without the
    newline) through `self.lines`; `declaration_lines(info)` adds a declaration and what it needs."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.names: dict[Name, int] = {Name.anonymous(): 0}
        self.levels: dict[Level, int] = {L.ZERO: 0}
        self.exprs: dict[Expr, int] = {}
        self.lines: list[str] = []
        self.written: dict[Name, None] = {}    # constants already written (ordered set)
        self._recursors: dict[Name, list[D.RecursorInfo]] | None = None

    # ------------------------------------------------------------ names and levels
    def name(self, n: Name) -> int:
        idx = self.names.get(n)
        if idx is not None:
            return idx
        chain: list[Name] = []
        m: Name | None = n
        while m is not None and m not in self.names:
            chain.append(m)
            m = m.prefix
        if m is None:
            raise ExportWriteError(f"malformed name {n!r}")
        for m in reversed(chain):
            pre = self.names[m.prefix]  # type: ignore[index]
            idx = len(self.names)
            if isinstance(m.last, int):
                self.lines.append(f'{{"in":{idx},"num":{{"i":{m.last},"pre":{pre}}}}}')
            else:
                self.lines.append(f'{{"in":{idx},"str":{{"pre":{pre},"str":{json_string(m.last)}}}}}')  # type: ignore[arg-type]
            self.names[m] = idx
        return self.names[n]

    def level(self, l: Level) -> int:
        idx = self.levels.get(l)
        if idx is not None:
            return idx
        stack: list[tuple[Level, bool]] = [(l, False)]
        levels = self.levels
        while stack:
            x, ready = stack.pop()
            if x in levels:
                continue
            k = x.kind
            if not ready:
                if k == L.PARAM_K:
                    self.name(x.a)  # type: ignore[arg-type]
                    ready = True
                elif k == L.SUCC_K:
                    stack.append((x, True))
                    stack.append((x.a, False))  # type: ignore[arg-type]
                    continue
                elif k == L.MAX_K or k == L.IMAX_K:
                    stack.append((x, True))
                    stack.append((x.b, False))  # type: ignore[arg-type]
                    stack.append((x.a, False))  # type: ignore[arg-type]
                    continue
                else:
                    raise ExportWriteError(f"cannot export the universe level {x} (a metavariable)")
            idx = len(levels)
            if k == L.SUCC_K:
                self.lines.append(f'{{"il":{idx},"succ":{levels[x.a]}}}')  # type: ignore[index]
            elif k == L.MAX_K:
                self.lines.append(f'{{"il":{idx},"max":[{levels[x.a]},{levels[x.b]}]}}')  # type: ignore[index]
            elif k == L.IMAX_K:
                self.lines.append(f'{{"il":{idx},"imax":[{levels[x.a]},{levels[x.b]}]}}')  # type: ignore[index]
            else:
                self.lines.append(f'{{"il":{idx},"param":{self.names[x.a]}}}')  # type: ignore[index]
            levels[x] = idx
        return levels[l]

    def level_params(self, params: Iterable[Name]) -> list[int]:
        """Universe parameter names, then their `param` levels (as lean4export's `dumpUparams`)."""
        params = list(params)
        out = [self.name(p) for p in params]
        for p in params:
            self.level(L.param(p))
        return out

    # ------------------------------------------------------------ expressions
    def expr(self, e: Expr) -> int:
        """The index of `e`, writing it and every subterm not yet written (post-order, each node once)."""
        idx = self.exprs.get(e)
        if idx is not None:
            return idx
        exprs = self.exprs
        lines = self.lines
        stack: list[tuple[Expr, bool]] = [(e, False)]
        while stack:
            x, ready = stack.pop()
            if x in exprs:
                continue
            k = x.kind
            if not ready:
                # names and levels come first (lean4export evaluates a record's fields in order and every
                # name / level field precedes the subterm fields), then the subterms left to right
                if k == APP:
                    stack.append((x, True))
                    stack.append((x.arg, False))  # type: ignore[attr-defined]
                    stack.append((x.fn, False))  # type: ignore[attr-defined]
                    continue
                if k == LAM or k == PI:
                    self.name(x.name)  # type: ignore[attr-defined]
                    stack.append((x, True))
                    stack.append((x.body, False))  # type: ignore[attr-defined]
                    stack.append((x.type, False))  # type: ignore[attr-defined]
                    continue
                if k == LET:
                    self.name(x.name)  # type: ignore[attr-defined]
                    stack.append((x, True))
                    stack.append((x.body, False))  # type: ignore[attr-defined]
                    stack.append((x.value, False))  # type: ignore[attr-defined]
                    stack.append((x.type, False))  # type: ignore[attr-defined]
                    continue
                if k == PROJ:
                    self.name(x.sname)  # type: ignore[attr-defined]
                    stack.append((x, True))
                    stack.append((x.struct, False))  # type: ignore[attr-defined]
                    continue
            idx = len(exprs)
            if k == BVAR:
                lines.append(f'{{"bvar":{x.idx},"ie":{idx}}}')  # type: ignore[attr-defined]
            elif k == SORT:
                lines.append(f'{{"ie":{idx},"sort":{self.level(x.level)}}}')  # type: ignore[attr-defined]
            elif k == CONST:
                n = self.name(x.name)  # type: ignore[attr-defined]
                us = ",".join(str(self.level(u)) for u in x.levels)  # type: ignore[attr-defined]
                lines.append(f'{{"const":{{"name":{n},"us":[{us}]}},"ie":{idx}}}')
            elif k == APP:
                lines.append(f'{{"app":{{"arg":{exprs[x.arg]},"fn":{exprs[x.fn]}}},"ie":{idx}}}')  # type: ignore[attr-defined]
            elif k == LAM or k == PI:
                fields = (f'{{"binderInfo":"{BINDER_INFO_NAMES[x.bi]}","body":{exprs[x.body]},'  # type: ignore[attr-defined]
                          f'"name":{self.names[x.name]},"type":{exprs[x.type]}}}')  # type: ignore[attr-defined]
                if k == LAM:
                    lines.append(f'{{"ie":{idx},"lam":{fields}}}')
                else:
                    lines.append(f'{{"forallE":{fields},"ie":{idx}}}')
            elif k == LET:
                nondep = "true" if x.nondep else "false"  # type: ignore[attr-defined]
                lines.append(f'{{"ie":{idx},"letE":{{"body":{exprs[x.body]},"name":{self.names[x.name]},'  # type: ignore[attr-defined]
                             f'"nondep":{nondep},"type":{exprs[x.type]},"value":{exprs[x.value]}}}}}')  # type: ignore[attr-defined]
            elif k == NATLIT:
                lines.append(f'{{"ie":{idx},"natVal":"{x.val}"}}')  # type: ignore[attr-defined]
            elif k == STRLIT:
                lines.append(f'{{"ie":{idx},"strVal":{json_string(x.val)}}}')  # type: ignore[attr-defined]
            elif k == PROJ:
                lines.append(f'{{"ie":{idx},"proj":{{"idx":{x.idx},"struct":{exprs[x.struct]},'  # type: ignore[attr-defined]
                             f'"typeName":{self.names[x.sname]}}}}}')  # type: ignore[attr-defined]
            else:
                raise ExportWriteError(f"cannot export a term containing a free variable or metavariable: {x}")
            exprs[x] = idx
        return exprs[e]

    # ------------------------------------------------------------ declarations
    def constant(self, info: D.ConstantInfo) -> None:
        """Write the declaration that introduces `info` (its whole inductive block or quotient package),
        unless already written."""
        if info.name in self.written:
            return
        if isinstance(info, D.AxiomInfo):
            self._axiom(info)
        elif isinstance(info, D.DefinitionInfo):
            self._definition(info)
        elif isinstance(info, D.TheoremInfo):
            self._theorem(info)
        elif isinstance(info, D.OpaqueInfo):
            self._opaque(info)
        elif isinstance(info, D.QuotInfo):
            self._quot()
        elif isinstance(info, (D.InductiveInfo, D.ConstructorInfo, D.RecursorInfo)):
            self._inductive(block_types(self.env, info))
        else:
            raise ExportWriteError(f"cannot export '{info.name}': unknown kind of constant {type(info).__name__}")

    def _header(self, info: D.ConstantInfo) -> dict[str, object]:
        self.written[info.name] = None
        return {"name": self.name(info.name), "levelParams": self.level_params(info.level_params),
                "type": self.expr(info.type)}

    def _names(self, names: Iterable[Name]) -> list[int]:
        return [self.name(n) for n in names]

    def _emit(self, kind: str, obj: dict[str, object]) -> None:
        self.lines.append(json_text({kind: obj}))

    def _axiom(self, info: D.AxiomInfo) -> None:
        obj = self._header(info)
        obj["isUnsafe"] = info.unsafe
        self._emit("axiom", obj)

    def _definition(self, info: D.DefinitionInfo) -> None:
        obj = self._header(info)
        obj["value"] = self.expr(info.value)
        obj["hints"] = hints_json(info.hints)
        obj["safety"] = info.safety
        obj["all"] = self._names(info.all or (info.name,))
        self._emit("def", obj)

    def _theorem(self, info: D.TheoremInfo) -> None:
        obj = self._header(info)
        obj["value"] = self.expr(info.value)
        obj["all"] = self._names(info.all or (info.name,))
        self._emit("thm", obj)

    def _opaque(self, info: D.OpaqueInfo) -> None:
        obj = self._header(info)
        obj["value"] = self.expr(info.value)
        obj["all"] = self._names(info.all or (info.name,))
        obj["isUnsafe"] = info.unsafe
        self._emit("opaque", obj)

    def _quot(self) -> None:
        """The whole quotient package, in lean4export's order."""
        for n in QUOT_NAMES:
            info = self.env.find(n)
            if not isinstance(info, D.QuotInfo):
                raise ExportWriteError(f"cannot export the quotient package: '{n}' is missing")
            obj = self._header(info)
            obj["kind"] = info.kind
            self._emit("quot", obj)

    def recursors_of(self, ind: Name) -> list[D.RecursorInfo]:
        if self._recursors is None:
            self._recursors = recursor_map(self.env)
        return self._recursors.get(ind, [])

    def _inductive(self, types: list[D.InductiveInfo]) -> None:
        ctors: list[D.ConstructorInfo] = []
        recs: dict[Name, D.RecursorInfo] = {}
        for t in types:
            for c in t.ctors:
                ci = self.env.find(c)
                if not isinstance(ci, D.ConstructorInfo):
                    raise ExportWriteError(f"cannot export '{t.name}': constructor '{c}' is missing")
                ctors.append(ci)
            for r in self.recursors_of(t.name):
                recs.setdefault(r.name, r)
        types_json = []
        for t in types:
            obj = self._header(t)
            obj.update(numParams=t.num_params, numIndices=t.num_indices, all=self._names(t.all),
                       ctors=self._names(t.ctors), numNested=t.num_nested, isRec=t.is_rec,
                       isReflexive=t.is_reflexive, isUnsafe=t.unsafe)
            types_json.append(obj)
        ctors_json = []
        for c in ctors:
            obj = self._header(c)
            obj.update(induct=self.name(c.induct), cidx=c.cidx, numParams=c.num_params, numFields=c.num_fields,
                       isUnsafe=c.unsafe)
            ctors_json.append(obj)
        recs_json = []
        for r in recs.values():
            obj = self._header(r)
            obj["all"] = self._names(r.all)
            obj.update(numParams=r.num_params, numIndices=r.num_indices, numMotives=r.num_motives,
                       numMinors=r.num_minors)
            obj["rules"] = [{"ctor": self.name(rule.ctor), "nfields": rule.num_fields, "rhs": self.expr(rule.rhs)}
                            for rule in r.rules]
            obj.update(k=r.k, isUnsafe=r.unsafe)
            recs_json.append(obj)
        self._emit("inductive", {"types": types_json, "ctors": ctors_json, "recs": recs_json})


def hints_json(h: D.Hints) -> object:
    if h.kind == D.HINT_REGULAR:
        return {"regular": h.height}
    return h.kind   # "opaque" / "abbrev"


def recursor_map(env: Environment) -> dict[Name, list[D.RecursorInfo]]:
    """For each inductive type, the recursors whose `all` names it (environment order)."""
    out: dict[Name, list[D.RecursorInfo]] = {}
    for info in env.constants.values():
        if isinstance(info, D.RecursorInfo):
            for n in info.all:
                lst = out.setdefault(n, [])
                if info not in lst:
                    lst.append(info)
    return out


def block_types(env: Environment, info: D.ConstantInfo) -> list[D.InductiveInfo]:
    """The inductive types of the block that declares `info` (a type, constructor or recursor)."""
    if isinstance(info, D.ConstructorInfo):
        first = env.find(info.induct)
    elif isinstance(info, D.RecursorInfo):
        first = env.find(info.all[0]) if info.all else None
    else:
        first = info
    if not isinstance(first, D.InductiveInfo):
        raise ExportWriteError(f"cannot export '{info.name}': its inductive type is missing")
    types = []
    for n in first.all or (first.name,):
        t = env.find(n)
        if not isinstance(t, D.InductiveInfo):
            raise ExportWriteError(f"cannot export '{first.name}': inductive type '{n}' of its block is missing")
        types.append(t)
    return types


# ------------------------------------------------------------------ dependency closure

def constants_of(e: Expr, out: dict[Name, None], seen: dict[Expr, None]) -> tuple[bool, bool]:
    """Add the constants `e` mentions to `out`; returns (has a Nat literal, has a String literal).
    `seen` is shared between calls so shared subterms are visited once."""
    has_nat = has_str = False
    for x in subterms(e, seen=seen):
        k = x.kind
        if k == CONST:
            out[x.name] = None  # type: ignore[attr-defined]
        elif k == PROJ:
            out[x.sname] = None  # type: ignore[attr-defined]
        elif k == NATLIT:
            has_nat = True
        elif k == STRLIT:
            has_str = True
    return has_nat, has_str


def direct_dependencies(env: Environment, info: D.ConstantInfo, recursors: dict[Name, list[D.RecursorInfo]],
                        seen: dict[Expr, None]) -> dict[Name, None]:
    """Constants that must be exported with `info`: those its terms mention, the rest of its inductive
    block or quotient package, the other members of an unsafe / partial mutual block, and the constants
    the literal extensions need. Subterms already in `seen` are skipped (their constants were collected
    by an earlier call), so with a shared `seen` the union over calls is complete, not each result."""
    out: dict[Name, None] = {}
    terms = [info.type]
    if isinstance(info, (D.DefinitionInfo, D.TheoremInfo, D.OpaqueInfo)):
        terms.append(info.value)
    if isinstance(info, D.DefinitionInfo) and info.safety != D.SAFE:
        out.update(dict.fromkeys(info.all))
    if isinstance(info, D.RecursorInfo):
        terms.extend(rule.rhs for rule in info.rules)
    if isinstance(info, (D.InductiveInfo, D.ConstructorInfo, D.RecursorInfo)):
        for t in block_types(env, info):
            out[t.name] = None
            out.update(dict.fromkeys(t.ctors))
            for r in recursors.get(t.name, ()):
                out[r.name] = None
    if isinstance(info, D.QuotInfo):
        out[EQ] = None
        out.update(dict.fromkeys(QUOT_NAMES))
    nat = string = False
    for t in terms:
        n, s = constants_of(t, out, seen)
        nat, string = nat or n, string or s
    if nat or string:
        out.update(dict.fromkeys(NAT_LITERAL_DEPS))
    if string:
        out.update(dict.fromkeys(STR_LITERAL_DEPS))
    return out


def dependency_closure(env: Environment, names: Iterable[Name | str]) -> list[Name]:
    """`names` (Names or dotted strings) and every constant they depend on, in the environment's insertion order (dependencies
    before the constants that use them). Unknown names raise ExportWriteError; literal-extension
    constants absent from the environment are skipped."""
    recursors = recursor_map(env)
    needed: dict[Name, None] = {}
    seen: dict[Expr, None] = {}
    work: list[Name] = []
    for n in names:
        if isinstance(n, str):
            n = Name.of(n)
        if n not in env.constants:
            raise ExportWriteError(f"unknown constant '{n}'")
        work.append(n)
    optional = dict.fromkeys(NAT_LITERAL_DEPS + STR_LITERAL_DEPS)
    while work:
        n = work.pop()
        if n in needed:
            continue
        info = env.find(n)
        if info is None:
            if n in optional:
                continue
            raise ExportWriteError(f"the environment refers to the unknown constant '{n}'")
        needed[n] = None
        for d in direct_dependencies(env, info, recursors, seen):
            if d not in needed:
                work.append(d)
    return [n for n in env.constants if n in needed]


# ------------------------------------------------------------------ entry points

def export_lines(env: Environment, names: Iterable[Name | str] | None = None,
                 lean: dict[str, str] | None = None) -> Iterator[str]:
    """The export's lines (without newlines): the meta line, then each declaration preceded by the
    table entries it introduces. `names=None` exports every constant; otherwise `names` and their
    dependency closure."""
    yield meta_record(lean)
    order = list(env.constants) if names is None else dependency_closure(env, names)
    w = NdjsonWriter(env)
    for n in order:
        w.constant(env.constants[n])
        if w.lines:
            yield from w.lines
            w.lines.clear()


def write_export(env: Environment, out: Output, names: Iterable[Name | str] | None = None,
                 lean: dict[str, str] | None = None) -> int:
    """Write `env` (or `names` and what they depend on) as lean4export NDJSON 3.1.0 to `out`, a path or a
    text stream. Returns the number of lines written."""
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="\n") as handle:
            return _write_lines(env, handle, names, lean)
    return _write_lines(env, out, names, lean)


def _write_lines(env: Environment, handle: IO[str], names: Iterable[Name | str] | None,
                 lean: dict[str, str] | None) -> int:
    count = 0
    batch: list[str] = []
    for line in export_lines(env, names, lean):
        batch.append(line)
        count += 1
        if len(batch) >= 4096:
            handle.write("\n".join(batch) + "\n")
            batch.clear()
    if batch:
        handle.write("\n".join(batch) + "\n")
    return count
