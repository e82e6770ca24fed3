"""Streaming reader of lean4export NDJSON (format 3.0.x and 3.1.x).

Each line is one JSON object: a name, level or expression (tagged with its index `in` / `il` / `ie`,
referring only to earlier entries), or a declaration. Terms are built as their lines are read, so no
step ever recurses over a term; declarations are yielded as soon as their line is complete.
"""
from __future__ import annotations

import json
import re
from typing import Any, Callable, Iterable, Iterator

from ..kernel import declaration as D
from ..kernel import level as L
from ..kernel.errors import release_traceback
from ..kernel.expr import (DEFAULT, IMPLICIT, INST_IMPLICIT, STRICT_IMPLICIT, Expr, mk_app, mk_bvar,
                           mk_const, mk_lam, mk_let, mk_nat_lit, mk_pi, mk_proj, mk_sort, mk_str_lit)
from ..kernel.level import Level
from ..kernel.name import Name
from .errors import ExportDecline, ExportError
from .items import AXIOM, DEF, INDUCTIVE, MUTUAL, OPAQUE, QUOT, THM, ExportItem
from .numbers import parse_decimal

MAX_INDEX = 1 << 40          # table indices (names, levels, expressions)
MAX_COUNT = 1 << 24          # de Bruijn indices, field indices, parameter and constructor counts
MAX_NAME_NUMBER = 1 << 64    # numeric name components

# The commonest record, as lean4export writes it (sorted keys, no spaces, JSON numbers without leading zeros).
_APP_LINE = re.compile(r'\{"app":\{"arg":(0|[1-9][0-9]{0,15}),"fn":(0|[1-9][0-9]{0,15})\},"ie":(0|[1-9][0-9]{0,15})\}')

# Real records nest a few levels; the C decoder recurses per level, so deeper input is refused up front.
MAX_JSON_DEPTH = 64


def _json_nesting_ok(text: str) -> bool:
    if text.count("{") + text.count("[") <= MAX_JSON_DEPTH:
        return True
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


BINDER_INFOS = {"default": DEFAULT, "implicit": IMPLICIT, "strictImplicit": STRICT_IMPLICIT,
                "instImplicit": INST_IMPLICIT}
QUOT_KINDS = {"type": D.QUOT_TYPE, "ctor": D.QUOT_MK, "lift": D.QUOT_LIFT, "ind": D.QUOT_IND}
SAFETIES = {"safe": D.SAFE, "unsafe": D.UNSAFE, "partial": D.PARTIAL}
SUPPORTED_FORMATS = re.compile(r"3\.[01]\.\d+")

Json = Any


class NdjsonReader:
    """Incremental reader: `feed` one line at a time, then `finish` at end of input."""

    def __init__(self) -> None:
        self.names: dict[int, Name] = {0: Name.anonymous()}
        self.levels: dict[int, Level] = {0: L.ZERO}
        self.exprs: dict[int, Expr] = {}
        self.line = 0
        self.format_version: str | None = None
        self._pending_mutual: dict[tuple[Name, ...], dict[Name, D.DefinitionDecl]] = {}
        self._pending_line: dict[tuple[Name, ...], int] = {}
        self._expr_builders: dict[str, Callable[[Json], Expr]] = {
            "bvar": self._bvar, "sort": self._sort, "const": self._const, "app": self._app,
            "lam": self._lam, "forallE": self._forall, "letE": self._let, "natVal": self._nat_val,
            "strVal": self._str_val, "proj": self._proj, "mdata": self._mdata,
        }
        self._decl_handlers: dict[str, Callable[[Json], list[ExportItem]]] = {
            "axiom": self._axioms, "def": self._defs, "defn": self._defs, "thm": self._thms,
            "opaque": self._opaques, "quot": self._quot, "inductive": self._inductive,
        }

    # ------------------------------------------------------------ errors and fields
    def error(self, message: str) -> ExportError:
        return ExportError(self.line, message)

    def _field(self, obj: Json, key: str) -> Json:
        if not isinstance(obj, dict):
            raise self.error(f"expected a JSON object, got {_describe(obj)}")
        if key not in obj:
            raise self.error(f"missing field '{key}'")
        return obj[key]

    def _nat(self, value: Json, what: str, limit: int = MAX_INDEX) -> int:
        if type(value) is not int:
            raise self.error(f"{what} must be a natural number, got {_describe(value)}")
        if value < 0:
            raise self.error(f"{what} must not be negative, got {value}")
        if value >= limit:
            raise self.error(f"{what} {value} is out of range (limit {limit})")
        return value

    def _bool(self, obj: Json, key: str) -> bool:
        value = self._field(obj, key)
        if type(value) is not bool:
            raise self.error(f"field '{key}' must be true or false, got {_describe(value)}")
        return value

    def _list(self, obj: Json, key: str) -> list:
        value = self._field(obj, key)
        if not isinstance(value, list):
            raise self.error(f"field '{key}' must be a list, got {_describe(value)}")
        return value

    def _count(self, obj: Json, key: str) -> int:
        return self._nat(self._field(obj, key), f"field '{key}'", MAX_COUNT)

    # ------------------------------------------------------------ references
    def name_at(self, value: Json) -> Name:
        idx = self._nat(value, "name index")
        name = self.names.get(idx)
        if name is None:
            raise self.error(f"reference to undefined name {idx}")
        return name

    def level_at(self, value: Json) -> Level:
        idx = self._nat(value, "level index")
        lvl = self.levels.get(idx)
        if lvl is None:
            raise self.error(f"reference to undefined level {idx}")
        return lvl

    def expr_at(self, value: Json) -> Expr:
        idx = self._nat(value, "expression index")
        e = self.exprs.get(idx)
        if e is None:
            raise self.error(f"reference to undefined expression {idx}")
        return e

    def _name_field(self, obj: Json, key: str) -> Name:
        return self.name_at(self._field(obj, key))

    def _expr_field(self, obj: Json, key: str) -> Expr:
        return self.expr_at(self._field(obj, key))

    def _names_field(self, obj: Json, key: str) -> tuple[Name, ...]:
        return tuple(self.name_at(v) for v in self._list(obj, key))

    def _new_index(self, value: Json, table: dict, what: str) -> int:
        idx = self._nat(value, f"{what} index")
        if idx in table:
            raise self.error(f"duplicate {what} index {idx}")
        return idx

    # ------------------------------------------------------------ lines
    def feed(self, line_no: int, text: str) -> list[ExportItem]:
        self.line = line_no
        text = text.strip()
        if not text:
            return []
        if self.format_version is not None and text.startswith('{"app":'):
            m = _APP_LINE.fullmatch(text)
            if m is not None and self._fast_app(int(m[1]), int(m[2]), int(m[3])):
                return []
        if not _json_nesting_ok(text):
            raise self.error(f"malformed JSON: nested deeper than {MAX_JSON_DEPTH} levels")
        try:
            rec = json.loads(text)
        except RecursionError as exc:
            release_traceback(exc)
            raise self.error("malformed JSON: nested too deeply") from None
        except ValueError as exc:
            raise self.error(f"malformed JSON: {exc}") from None
        if not isinstance(rec, dict):
            raise self.error(f"expected a JSON object, got {_describe(rec)}")
        if self.format_version is None:
            self._meta(rec)
            return []
        if "ie" in rec:
            self._expr_record(rec)
            return []
        if "in" in rec:
            self._name_record(rec)
            return []
        if "il" in rec:
            self._level_record(rec)
            return []
        return self._decl_record(rec)

    def _fast_app(self, arg: int, fn: int, idx: int) -> bool:
        """An application record in lean4export's exact layout, built without decoding JSON; anything
        unusual (bad or duplicate index, unknown reference) returns False for the checked path to report."""
        exprs = self.exprs
        if idx in exprs or idx >= MAX_INDEX:
            return False
        f, a = exprs.get(fn), exprs.get(arg)
        if f is None or a is None:
            return False
        exprs[idx] = mk_app(f, a)
        return True

    def finish(self) -> list[ExportItem]:
        if self.format_version is None:
            raise ExportError(max(self.line, 1), "empty file: missing the {\"meta\": ...} header line")
        for key, members in self._pending_mutual.items():
            missing = [str(n) for n in key if n not in members]
            raise ExportError(self._pending_line[key],
                              f"mutual definition block is incomplete: missing {', '.join(missing)}")
        return []

    def _meta(self, rec: dict) -> None:
        if "meta" not in rec:
            raise self.error("missing the {\"meta\": ...} header line")
        fmt = self._field(self._field(rec["meta"], "format"), "version")
        if not isinstance(fmt, str):
            raise self.error(f"format version must be a string, got {_describe(fmt)}")
        if not SUPPORTED_FORMATS.fullmatch(fmt):
            raise ExportDecline(self.line, f"unsupported lean4export format version {fmt!r} "
                                           f"(supported: 3.0.x and 3.1.x)")
        self.format_version = fmt

    # ------------------------------------------------------------ names and levels
    def _name_record(self, rec: dict) -> None:
        idx = self._new_index(rec["in"], self.names, "name")
        if len(rec) != 2:
            raise self.error(f"name record must have exactly one of 'str' / 'num', got keys {sorted(rec)}")
        if "str" in rec:
            obj = rec["str"]
            pre = self._name_field(obj, "pre")
            s = self._field(obj, "str")
            if not isinstance(s, str):
                raise self.error(f"name component must be a string, got {_describe(s)}")
            self.names[idx] = Name.str(pre, s)
        elif "num" in rec:
            obj = rec["num"]
            pre = self._name_field(obj, "pre")
            i = self._nat(self._field(obj, "i"), "numeric name component", MAX_NAME_NUMBER)
            self.names[idx] = Name.num(pre, i)
        else:
            raise self.error(f"unknown name record kind {sorted(k for k in rec if k != 'in')}")

    def _level_record(self, rec: dict) -> None:
        idx = self._new_index(rec["il"], self.levels, "level")
        if len(rec) != 2:
            raise self.error(f"level record must have exactly one kind, got keys {sorted(rec)}")
        if "succ" in rec:
            lvl = L.succ(self.level_at(rec["succ"]))
        elif "max" in rec:
            a, b = self._level_pair(rec["max"], "max")
            lvl = L.max_(a, b)
        elif "imax" in rec:
            a, b = self._level_pair(rec["imax"], "imax")
            lvl = L.imax(a, b)
        elif "param" in rec:
            lvl = L.param(self.name_at(rec["param"]))
        else:
            raise self.error(f"unknown level record kind {sorted(k for k in rec if k != 'il')}")
        self.levels[idx] = lvl

    def _level_pair(self, value: Json, what: str) -> tuple[Level, Level]:
        if not isinstance(value, list) or len(value) != 2:
            raise self.error(f"'{what}' must be a list of two level indices, got {_describe(value)}")
        return self.level_at(value[0]), self.level_at(value[1])

    # ------------------------------------------------------------ expressions
    def _expr_record(self, rec: dict) -> None:
        idx = self._new_index(rec["ie"], self.exprs, "expression")
        if len(rec) != 2:
            raise self.error(f"expression record must have exactly one kind, got keys {sorted(rec)}")
        for key, payload in rec.items():
            if key != "ie":
                build = self._expr_builders.get(key)
                if build is None:
                    raise self.error(f"unknown expression kind '{key}'")
                self.exprs[idx] = build(payload)

    def _bvar(self, payload: Json) -> Expr:
        return mk_bvar(self._nat(payload, "bound variable index", MAX_COUNT))

    def _sort(self, payload: Json) -> Expr:
        return mk_sort(self.level_at(payload))

    def _const(self, obj: Json) -> Expr:
        name = self._name_field(obj, "name")
        return mk_const(name, [self.level_at(u) for u in self._list(obj, "us")])

    def _app(self, obj: Json) -> Expr:
        if type(obj) is dict:  # fast path for the commonest record; anything unusual takes the checked path
            fn, arg = obj.get("fn"), obj.get("arg")
            if type(fn) is int and type(arg) is int:
                f, a = self.exprs.get(fn), self.exprs.get(arg)
                if f is not None and a is not None:
                    return mk_app(f, a)
        return mk_app(self._expr_field(obj, "fn"), self._expr_field(obj, "arg"))

    def _binder_parts(self, obj: Json) -> tuple[Name, Expr, Expr, int]:
        if type(obj) is dict:  # fast path, as for applications
            n, t, b = obj.get("name"), obj.get("type"), obj.get("body")
            bi_text = obj.get("binderInfo")
            bi = BINDER_INFOS.get(bi_text) if type(bi_text) is str else None
            if type(n) is int and type(t) is int and type(b) is int and bi is not None:
                name, ty, body = self.names.get(n), self.exprs.get(t), self.exprs.get(b)
                if name is not None and ty is not None and body is not None:
                    return name, ty, body, bi
        bi_text = self._field(obj, "binderInfo")
        bi = BINDER_INFOS.get(bi_text) if isinstance(bi_text, str) else None
        if bi is None:
            raise self.error(f"unknown binderInfo {bi_text!r}")
        return self._name_field(obj, "name"), self._expr_field(obj, "type"), self._expr_field(obj, "body"), bi

    def _lam(self, obj: Json) -> Expr:
        name, ty, body, bi = self._binder_parts(obj)
        return mk_lam(name, ty, body, bi)

    def _forall(self, obj: Json) -> Expr:
        name, ty, body, bi = self._binder_parts(obj)
        return mk_pi(name, ty, body, bi)

    def _let(self, obj: Json) -> Expr:
        nondep = self._bool(obj, "nondep") if isinstance(obj, dict) and "nondep" in obj else False
        return mk_let(self._name_field(obj, "name"), self._expr_field(obj, "type"),
                      self._expr_field(obj, "value"), self._expr_field(obj, "body"), nondep)

    def _nat_val(self, payload: Json) -> Expr:
        if type(payload) is int and payload >= 0:
            return mk_nat_lit(payload)
        if not isinstance(payload, str):
            raise self.error(f"natVal must be a decimal string, got {_describe(payload)}")
        value = parse_decimal(payload)
        if value is None:
            raise self.error(f"natVal must be a decimal string of digits 0-9, got {_clip(payload)!r}")
        return mk_nat_lit(value)

    def _str_val(self, payload: Json) -> Expr:
        if not isinstance(payload, str):
            raise self.error(f"strVal must be a string, got {_describe(payload)}")
        return mk_str_lit(payload)

    def _proj(self, obj: Json) -> Expr:
        return mk_proj(self._name_field(obj, "typeName"), self._count(obj, "idx"), self._expr_field(obj, "struct"))

    def _mdata(self, obj: Json) -> Expr:
        return self._expr_field(obj, "expr")

    # ------------------------------------------------------------ declarations
    def _decl_record(self, rec: dict) -> list[ExportItem]:
        if len(rec) != 1:
            raise self.error(f"unknown record with keys {sorted(rec)}")
        ((kind, payload),) = rec.items()
        handler = self._decl_handlers.get(kind)
        if handler is None:
            if kind == "meta":
                raise self.error("unexpected second meta record")
            raise self.error(f"unknown record kind '{kind}'")
        return handler(payload)

    def _objects(self, payload: Json, kind: str) -> list[dict]:
        """A declaration payload: one object, or (format 3.0) a non-empty list of them."""
        items = payload if isinstance(payload, list) else [payload]
        if not items:
            raise self.error(f"empty '{kind}' declaration list")
        for obj in items:
            if not isinstance(obj, dict):
                raise self.error(f"'{kind}' must be a JSON object, got {_describe(obj)}")
        return items

    def _header(self, obj: dict) -> tuple[Name, tuple[Name, ...], Expr]:
        return self._name_field(obj, "name"), self._names_field(obj, "levelParams"), self._expr_field(obj, "type")

    def _item(self, kind: str, name: Name, decl: D.Declaration) -> ExportItem:
        return ExportItem(self.line, kind, name, decl)

    def _axioms(self, payload: Json) -> list[ExportItem]:
        out = []
        for obj in self._objects(payload, "axiom"):
            name, lps, ty = self._header(obj)
            is_unsafe = self._bool(obj, "isUnsafe") if "isUnsafe" in obj else False
            out.append(self._item(AXIOM, name, D.AxiomDecl(name, lps, ty, is_unsafe)))
        return out

    def _thms(self, payload: Json) -> list[ExportItem]:
        out = []
        for obj in self._objects(payload, "thm"):
            name, lps, ty = self._header(obj)
            value = self._expr_field(obj, "value")
            all_ = self._names_field(obj, "all") if "all" in obj else (name,)
            out.append(self._item(THM, name, D.TheoremDecl(name, lps, ty, value, all_)))
        return out

    def _opaques(self, payload: Json) -> list[ExportItem]:
        out = []
        for obj in self._objects(payload, "opaque"):
            name, lps, ty = self._header(obj)
            value = self._expr_field(obj, "value")
            is_unsafe = self._bool(obj, "isUnsafe") if "isUnsafe" in obj else False
            all_ = self._names_field(obj, "all") if "all" in obj else (name,)
            out.append(self._item(OPAQUE, name, D.OpaqueDecl(name, lps, ty, value, is_unsafe, all_)))
        return out

    def _hints(self, value: Json) -> D.Hints:
        if value == "opaque":
            return D.OPAQUE_HINTS
        if value == "abbrev":
            return D.ABBREV_HINTS
        if isinstance(value, dict) and len(value) == 1 and "regular" in value:
            return D.Hints(D.HINT_REGULAR, self._nat(value["regular"], "definition height", 1 << 32))
        raise self.error(f"unknown reducibility hints {_clip(json.dumps(value))}")

    def _definition(self, obj: dict) -> D.DefinitionDecl:
        name, lps, ty = self._header(obj)
        value = self._expr_field(obj, "value")
        hints = self._hints(self._field(obj, "hints"))
        safety_text = self._field(obj, "safety")
        safety = SAFETIES.get(safety_text) if isinstance(safety_text, str) else None
        if safety is None:
            raise self.error(f"unknown definition safety {safety_text!r}")
        all_ = self._names_field(obj, "all") if "all" in obj else (name,)
        return D.DefinitionDecl(name, lps, ty, value, hints, safety, all_)

    def _defs(self, payload: Json) -> list[ExportItem]:
        defs = [self._definition(obj) for obj in self._objects(payload, "def")]
        if len(defs) > 1 and any(d.safety != D.SAFE for d in defs):
            return [self._item(MUTUAL, defs[0].name, D.MutualDefinitionDecl(tuple(defs)))]
        out: list[ExportItem] = []
        for d in defs:
            if d.safety != D.SAFE and len(d.all) > 1 and d.name in d.all:
                out.extend(self._collect_mutual(d))
            else:
                out.append(self._item(DEF, d.name, d))
        return out

    def _collect_mutual(self, d: D.DefinitionDecl) -> list[ExportItem]:
        """Unsafe / partial mutual definitions arrive one per line; submit them together."""
        key = d.all
        members = self._pending_mutual.setdefault(key, {})
        self._pending_line.setdefault(key, self.line)
        if d.name in members:
            raise self.error(f"duplicate member '{d.name}' of a mutual definition block")
        members[d.name] = d
        if len(members) < len(set(key)):
            return []
        del self._pending_mutual[key]
        del self._pending_line[key]
        block = tuple(members[n] for n in dict.fromkeys(key))
        return [self._item(MUTUAL, block[0].name, D.MutualDefinitionDecl(block))]

    def _quot(self, payload: Json) -> list[ExportItem]:
        out = []
        for obj in self._objects(payload, "quot"):
            name, lps, ty = self._header(obj)
            kind_text = self._field(obj, "kind")
            kind = QUOT_KINDS.get(kind_text) if isinstance(kind_text, str) else None
            if kind is None:
                raise self.error(f"unknown quot kind {kind_text!r}")
            info = D.QuotInfo(name=name, level_params=lps, type=ty, kind=kind)
            out.append(ExportItem(self.line, QUOT, name, D.QuotDecl(), (info,)))
        return out

    # ------------------------------------------------------------ inductive blocks
    def _inductive(self, payload: Json) -> list[ExportItem]:
        if not isinstance(payload, dict):
            raise self.error(f"'inductive' must be a JSON object, got {_describe(payload)}")
        types_key, ctors_key, recs_key = (("types", "ctors", "recs") if "types" in payload
                                          else ("inductiveVals", "constructorVals", "recursorVals"))
        types = [self._inductive_val(o) for o in self._objects_or_empty(payload, types_key)]
        ctors = [self._ctor_val(o) for o in self._objects_or_empty(payload, ctors_key)]
        recs = [self._rec_val(o) for o in self._objects_or_empty(payload, recs_key)]
        if not types:
            raise self.error("inductive block declares no types")
        decl = self._inductive_decl(types, ctors)
        claimed: tuple[D.ConstantInfo, ...] = (*types, *ctors, *recs)
        return [ExportItem(self.line, INDUCTIVE, types[0].name, decl, claimed)]

    def _objects_or_empty(self, payload: dict, key: str) -> list[dict]:
        items = self._list(payload, key)
        for obj in items:
            if not isinstance(obj, dict):
                raise self.error(f"entries of '{key}' must be JSON objects, got {_describe(obj)}")
        return items

    def _inductive_decl(self, types: list[D.InductiveInfo], ctors: list[D.ConstructorInfo]) -> D.InductiveDecl:
        by_name: dict[Name, list[D.ConstructorInfo]] = {}
        for c in ctors:
            by_name.setdefault(c.name, []).append(c)
        used: dict[int, None] = {}
        ind_types = []
        for t in types:
            cs = []
            for cname in t.ctors:
                c = _take_ctor(by_name.get(cname, []), t.name, used)
                if c is None:
                    raise self.error(f"constructor '{cname}' of '{t.name}' has no constructor entry")
                cs.append(D.Constructor(c.name, c.type))
            ind_types.append(D.InductiveType(t.name, t.type, tuple(cs)))
        first = types[0]
        return D.InductiveDecl(first.level_params, first.num_params, tuple(ind_types), first.unsafe)

    def _inductive_val(self, obj: dict) -> D.InductiveInfo:
        name, lps, ty = self._header(obj)
        return D.InductiveInfo(
            name=name, level_params=lps, type=ty,
            num_params=self._count(obj, "numParams"), num_indices=self._count(obj, "numIndices"),
            all=self._names_field(obj, "all"), ctors=self._names_field(obj, "ctors"),
            num_nested=self._count(obj, "numNested"), is_rec=self._bool(obj, "isRec"),
            unsafe=self._bool(obj, "isUnsafe"), is_reflexive=self._bool(obj, "isReflexive"))

    def _ctor_val(self, obj: dict) -> D.ConstructorInfo:
        name, lps, ty = self._header(obj)
        return D.ConstructorInfo(
            name=name, level_params=lps, type=ty, induct=self._name_field(obj, "induct"),
            cidx=self._count(obj, "cidx"), num_params=self._count(obj, "numParams"),
            num_fields=self._count(obj, "numFields"), unsafe=self._bool(obj, "isUnsafe"))

    def _rec_val(self, obj: dict) -> D.RecursorInfo:
        name, lps, ty = self._header(obj)
        rules = tuple(self._rec_rule(r) for r in self._objects_or_empty(obj, "rules"))
        return D.RecursorInfo(
            name=name, level_params=lps, type=ty, all=self._names_field(obj, "all"),
            num_params=self._count(obj, "numParams"), num_indices=self._count(obj, "numIndices"),
            num_motives=self._count(obj, "numMotives"), num_minors=self._count(obj, "numMinors"),
            rules=rules, k=self._bool(obj, "k"), unsafe=self._bool(obj, "isUnsafe"),
            rules_by_ctor={r.ctor: r for r in rules})

    def _rec_rule(self, obj: dict) -> D.RecursorRule:
        return D.RecursorRule(self._name_field(obj, "ctor"), self._count(obj, "nfields"),
                              self._expr_field(obj, "rhs"))


def _take_ctor(candidates: list[D.ConstructorInfo], induct: Name,
               used: dict[int, None]) -> D.ConstructorInfo | None:
    """The first unused constructor entry with this name, preferring one that names `induct`."""
    fallback = None
    for c in candidates:
        if id(c) in used:
            continue
        if c.induct is induct:
            used[id(c)] = None
            return c
        if fallback is None:
            fallback = c
    if fallback is not None:
        used[id(fallback)] = None
    return fallback


def _describe(value: Json) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"number {_clip(str(value))}"
    if isinstance(value, str):
        return f"string {_clip(value)!r}"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


def iter_ndjson(lines: Iterable[str], first_line: int = 1) -> Iterator[ExportItem]:
    """Yield every declaration of an NDJSON export, in file order, as soon as its line is read."""
    reader = NdjsonReader()
    line_no = first_line - 1
    for line_no, text in enumerate(lines, first_line):
        if text and not text.endswith("\n") and reader.format_version is not None:
            _check_last_line(reader, line_no, text)
        yield from reader.feed(line_no, text)
    reader.line = line_no
    yield from reader.finish()


def _check_last_line(reader: NdjsonReader, line_no: int, text: str) -> None:
    """A final line without a newline is fine if it is complete JSON; otherwise the file was cut short."""
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        raise ExportError(line_no, "truncated file: the last line is incomplete JSON") from None
