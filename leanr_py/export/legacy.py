"""Reader of the older lean4export text format, in its two dialects.

* 2.0.0 (first line `2.0.0`): declarations `#AX #DEF #OPAQ #THM #QUOT #IND #CTOR #REC`, with
  recursor rules `ridx #RR ctor nfields rhs`; an inductive block's types and constructors come as
  separate lines, and its recursors may come later still.
* pre-2.0 (no header, Lean 3 style): `#AX name type ups*`, `#DEF name type value ups*` (theorems too,
  no reducibility hints), `#QUOT`, `#IND nparams name type nintros (name type)* ups*`.

Shared by both: `nidx #NS pre text`, `nidx #NI pre nat`, `uidx #US/#UM/#UIM/#UP ...`, and
`eidx #EV #ES #EC #EA #EL #EP #EZ #EJ #ELN #ELS ...`; index 0 is the anonymous name and level zero.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

from ..kernel import declaration as D
from ..kernel import level as L
from ..kernel.expr import (APP, CONST, DEFAULT, IMPLICIT, INST_IMPLICIT, LAM, LET, PI, PROJ,
                           STRICT_IMPLICIT, Expr, mk_app, mk_bvar, mk_const, mk_lam, mk_let, mk_nat_lit,
                           mk_pi, mk_proj, mk_sort, mk_str_lit)
from ..kernel.level import Level
from ..kernel.name import Name
from .errors import ExportDecline, ExportError
from .items import AXIOM, CHECK, DEF, INDUCTIVE, OPAQUE, QUOT, THM, ExportItem
from .numbers import parse_decimal

MAX_INDEX = 1 << 40
MAX_COUNT = 1 << 24
VERSION_LINE = re.compile(r"(\d+)\.(\d+)\.(\d+)")
BINDER_INFOS = {"#BD": DEFAULT, "#BI": IMPLICIT, "#BS": STRICT_IMPLICIT, "#BC": INST_IMPLICIT}
QUOT_KIND_BY_NAME = {"Quot": D.QUOT_TYPE, "Quot.mk": D.QUOT_MK, "Quot.lift": D.QUOT_LIFT, "Quot.ind": D.QUOT_IND}


class _Pending:
    """An inductive block (2.0.0 dialect) whose types and constructors are still arriving."""

    def __init__(self, names: tuple[Name, ...], line: int) -> None:
        self.names = names
        self.line = line
        self.types: dict[Name, D.InductiveInfo] = {}
        self.ctors: dict[Name, D.ConstructorInfo] = {}

    def complete(self) -> bool:
        if len(self.types) < len(self.names):
            return False
        return all(c in self.ctors for t in self.types.values() for c in t.ctors)


class LegacyReader:
    def __init__(self) -> None:
        self.names: dict[int, Name] = {0: Name.anonymous()}
        self.levels: dict[int, Level] = {0: L.ZERO}
        self.exprs: dict[int, Expr] = {}
        self.rules: dict[int, D.RecursorRule] = {}
        self.line = 0
        self.version: tuple[int, int, int] | None = None
        self.started = False
        self.heights: dict[Name, int] = {}
        self.pending: list[_Pending] = []
        self.completed: set[Name] = set()
        self._table_cmds: dict[str, Callable[[list[str], str], None]] = {
            "#NS": self._ns, "#NI": self._ni, "#US": self._us, "#UM": self._um, "#UIM": self._uim,
            "#UP": self._up, "#EV": self._ev, "#ES": self._es, "#EC": self._ec, "#EA": self._ea,
            "#EL": self._el, "#EP": self._ep, "#EZ": self._ez, "#EJ": self._ej, "#ELN": self._eln,
            "#ELS": self._els, "#RR": self._rr,
        }

    # ------------------------------------------------------------ helpers
    def error(self, message: str) -> ExportError:
        return ExportError(self.line, message)

    def _nat(self, token: str, what: str, limit: int = MAX_INDEX) -> int:
        if not token.isascii() or not token.isdigit():
            raise self.error(f"{what} must be a natural number, got {token[:40]!r}")
        if len(token) > 20 or int(token) >= limit:
            raise self.error(f"{what} {token[:40]} is out of range (limit {limit})")
        return int(token)

    def _args(self, toks: list[str], n: int, what: str) -> list[str]:
        if len(toks) != n:
            raise self.error(f"{what} expects {n} arguments, got {len(toks)}")
        return toks

    def name_at(self, token: str) -> Name:
        idx = self._nat(token, "name index")
        n = self.names.get(idx)
        if n is None:
            raise self.error(f"reference to undefined name {idx}")
        return n

    def level_at(self, token: str) -> Level:
        idx = self._nat(token, "level index")
        lvl = self.levels.get(idx)
        if lvl is None:
            raise self.error(f"reference to undefined level {idx}")
        return lvl

    def expr_at(self, token: str) -> Expr:
        idx = self._nat(token, "expression index")
        e = self.exprs.get(idx)
        if e is None:
            raise self.error(f"reference to undefined expression {idx}")
        return e

    def _binder_info(self, token: str) -> int:
        bi = BINDER_INFOS.get(token)
        if bi is None:
            raise self.error(f"unknown binder info {token[:40]!r}")
        return bi

    # ------------------------------------------------------------ lines
    def feed(self, line_no: int, raw: str) -> list[ExportItem]:
        self.line = line_no
        text = raw.rstrip("\r\n")
        if not text.strip():
            return []
        if not self.started:
            self.started = True
            m = VERSION_LINE.fullmatch(text.strip())
            if m:
                self._set_version(tuple(int(g) for g in m.groups()))  # type: ignore[arg-type]
                return []
        if text.startswith("#"):
            return self._declaration(text.split())
        head, _, rest = text.partition(" ")
        cmd, _, args = rest.partition(" ")
        handler = self._table_cmds.get(cmd)
        if handler is None:
            raise self.error(f"unknown command {cmd[:40]!r}")
        handler([head] if cmd == "#NS" else [head, *args.split()], args)
        return []

    def _set_version(self, version: tuple[int, int, int]) -> None:
        if version[0] != 2:
            raise ExportDecline(self.line, f"unsupported lean4export text format version "
                                           f"{'.'.join(map(str, version))} (supported: 2.0.0 and the headerless pre-2.0 form)")
        self.version = version

    def finish(self) -> list[ExportItem]:
        if not self.started:
            raise ExportError(max(self.line, 1), "empty export file")
        for block in self.pending:
            missing = [str(n) for n in block.names if n not in block.types]
            missing += [str(c) for t in block.types.values() for c in t.ctors if c not in block.ctors]
            raise ExportError(block.line, f"inductive block {', '.join(map(str, block.names))} is incomplete: "
                                          f"missing {', '.join(missing)}")
        return []

    def _define(self, table: dict, idx_token: str, value: object, what: str) -> None:
        idx = self._nat(idx_token, f"{what} index")
        if idx in table:
            raise self.error(f"duplicate {what} index {idx}")
        table[idx] = value

    # ------------------------------------------------------------ names, levels, expressions
    def _ns(self, toks: list[str], rest: str) -> None:
        pre_tok, sep, text = rest.partition(" ")
        if not sep:
            raise self.error("#NS expects a prefix and a string")
        self._define(self.names, toks[0], Name.str(self.name_at(pre_tok), text), "name")

    def _ni(self, toks: list[str], rest: str) -> None:
        _, pre, i = self._args(toks, 3, "#NI")
        self._define(self.names, toks[0], Name.num(self.name_at(pre), self._nat(i, "numeric name component", 1 << 64)), "name")

    def _us(self, toks: list[str], rest: str) -> None:
        _, a = self._args(toks, 2, "#US")
        self._define(self.levels, toks[0], L.succ(self.level_at(a)), "level")

    def _um(self, toks: list[str], rest: str) -> None:
        _, a, b = self._args(toks, 3, "#UM")
        self._define(self.levels, toks[0], L.max_(self.level_at(a), self.level_at(b)), "level")

    def _uim(self, toks: list[str], rest: str) -> None:
        _, a, b = self._args(toks, 3, "#UIM")
        self._define(self.levels, toks[0], L.imax(self.level_at(a), self.level_at(b)), "level")

    def _up(self, toks: list[str], rest: str) -> None:
        _, n = self._args(toks, 2, "#UP")
        self._define(self.levels, toks[0], L.param(self.name_at(n)), "level")

    def _ev(self, toks: list[str], rest: str) -> None:
        _, i = self._args(toks, 2, "#EV")
        self._define(self.exprs, toks[0], mk_bvar(self._nat(i, "bound variable index", MAX_COUNT)), "expression")

    def _es(self, toks: list[str], rest: str) -> None:
        _, lvl = self._args(toks, 2, "#ES")
        self._define(self.exprs, toks[0], mk_sort(self.level_at(lvl)), "expression")

    def _ec(self, toks: list[str], rest: str) -> None:
        if len(toks) < 2:
            raise self.error("#EC expects a name")
        e = mk_const(self.name_at(toks[1]), [self.level_at(t) for t in toks[2:]])
        self._define(self.exprs, toks[0], e, "expression")

    def _ea(self, toks: list[str], rest: str) -> None:
        _, f, a = self._args(toks, 3, "#EA")
        self._define(self.exprs, toks[0], mk_app(self.expr_at(f), self.expr_at(a)), "expression")

    def _el(self, toks: list[str], rest: str) -> None:
        _, bi, n, t, b = self._args(toks, 5, "#EL")
        e = mk_lam(self.name_at(n), self.expr_at(t), self.expr_at(b), self._binder_info(bi))
        self._define(self.exprs, toks[0], e, "expression")

    def _ep(self, toks: list[str], rest: str) -> None:
        _, bi, n, t, b = self._args(toks, 5, "#EP")
        e = mk_pi(self.name_at(n), self.expr_at(t), self.expr_at(b), self._binder_info(bi))
        self._define(self.exprs, toks[0], e, "expression")

    def _ez(self, toks: list[str], rest: str) -> None:
        _, n, t, v, b = self._args(toks, 5, "#EZ")
        e = mk_let(self.name_at(n), self.expr_at(t), self.expr_at(v), self.expr_at(b))
        self._define(self.exprs, toks[0], e, "expression")

    def _ej(self, toks: list[str], rest: str) -> None:
        _, n, i, s = self._args(toks, 4, "#EJ")
        e = mk_proj(self.name_at(n), self._nat(i, "projection index", MAX_COUNT), self.expr_at(s))
        self._define(self.exprs, toks[0], e, "expression")

    def _eln(self, toks: list[str], rest: str) -> None:
        _, digits = self._args(toks, 2, "#ELN")
        value = parse_decimal(digits)
        if value is None:
            raise self.error(f"#ELN expects decimal digits, got {digits[:40]!r}")
        self._define(self.exprs, toks[0], mk_nat_lit(value), "expression")

    def _els(self, toks: list[str], rest: str) -> None:
        if not all(_is_hex_byte(h) for h in toks[1:]):
            raise self.error("#ELS expects bytes as two-digit hexadecimal numbers")
        try:
            text = bytes(int(h, 16) for h in toks[1:]).decode("utf-8")
        except UnicodeDecodeError:
            raise self.error("#ELS bytes are not valid UTF-8") from None
        self._define(self.exprs, toks[0], mk_str_lit(text), "expression")

    def _rr(self, toks: list[str], rest: str) -> None:
        _, ctor, nfields, rhs = self._args(toks, 4, "#RR")
        rule = D.RecursorRule(self.name_at(ctor), self._nat(nfields, "field count", MAX_COUNT), self.expr_at(rhs))
        self._define(self.rules, toks[0], rule, "recursor rule")

    # ------------------------------------------------------------ declarations
    def _declaration(self, toks: list[str]) -> list[ExportItem]:
        cmd, args = toks[0], toks[1:]
        if self.version is None:
            handler = {"#AX": self._axiom, "#DEF": self._def_v1, "#QUOT": self._quot_v1,
                       "#IND": self._ind_v1}.get(cmd)
        else:
            handler = {"#AX": self._axiom, "#DEF": self._def_v2, "#OPAQ": self._opaque, "#THM": self._thm,
                       "#QUOT": self._quot_v2, "#IND": self._ind_v2, "#CTOR": self._ctor_v2,
                       "#REC": self._rec_v2}.get(cmd)
        if handler is None:
            if cmd in ("#INFIX", "#PREFIX", "#POSTFIX"):
                return []
            raise self.error(f"unknown declaration command {cmd[:40]!r}")
        return handler(args)

    def _at_least(self, args: list[str], n: int, what: str) -> None:
        if len(args) < n:
            raise self.error(f"{what} expects at least {n} arguments, got {len(args)}")

    def _uparams(self, toks: list[str]) -> tuple[Name, ...]:
        return tuple(self.name_at(t) for t in toks)

    def _item(self, kind: str, name: Name, decl: D.Declaration | None,
              claimed: tuple[D.ConstantInfo, ...] | None = None) -> ExportItem:
        return ExportItem(self.line, kind, name, decl, claimed)

    def _axiom(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 2, "#AX")
        name, ty = self.name_at(args[0]), self.expr_at(args[1])
        return [self._item(AXIOM, name, D.AxiomDecl(name, self._uparams(args[2:]), ty))]

    def _def_v1(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 3, "#DEF")
        name, ty, value = self.name_at(args[0]), self.expr_at(args[1]), self.expr_at(args[2])
        height = self._height_of(value)
        self.heights[name] = height
        decl = D.DefinitionDecl(name, self._uparams(args[3:]), ty, value, D.Hints(D.HINT_REGULAR, height),
                                D.SAFE, (name,))
        return [self._item(DEF, name, decl)]

    def _height_of(self, value: Expr) -> int:
        """Lean's definitional height: one more than the highest definition the value mentions."""
        best = 0
        seen: set[int] = set()
        stack = [value]
        while stack:
            e = stack.pop()
            if id(e) in seen:
                continue
            seen.add(id(e))
            k = e.kind
            if k == CONST:
                best = max(best, self.heights.get(e.name, 0))  # type: ignore[attr-defined]
            elif k == APP:
                stack.append(e.fn)  # type: ignore[attr-defined]
                stack.append(e.arg)  # type: ignore[attr-defined]
            elif k == LAM or k == PI:
                stack.append(e.type)  # type: ignore[attr-defined]
                stack.append(e.body)  # type: ignore[attr-defined]
            elif k == LET:
                stack.extend((e.type, e.value, e.body))  # type: ignore[attr-defined]
            elif k == PROJ:
                stack.append(e.struct)  # type: ignore[attr-defined]
        return best + 1

    def _def_v2(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 4, "#DEF")
        name, ty, value = self.name_at(args[0]), self.expr_at(args[1]), self.expr_at(args[2])
        hint_tok, rest = args[3], args[4:]
        if hint_tok == "O":
            hints = D.OPAQUE_HINTS
        elif hint_tok == "A":
            hints = D.ABBREV_HINTS
        elif hint_tok == "R":
            if not rest:
                raise self.error("#DEF hint R expects a height")
            hints = D.Hints(D.HINT_REGULAR, self._nat(rest[0], "definition height", 1 << 32))
            rest = rest[1:]
        else:
            raise self.error(f"unknown reducibility hint {hint_tok[:40]!r}")
        decl = D.DefinitionDecl(name, self._uparams(rest), ty, value, hints, D.SAFE, (name,))
        return [self._item(DEF, name, decl)]

    def _opaque(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 3, "#OPAQ")
        name, ty, value = self.name_at(args[0]), self.expr_at(args[1]), self.expr_at(args[2])
        return [self._item(OPAQUE, name, D.OpaqueDecl(name, self._uparams(args[3:]), ty, value, False, (name,)))]

    def _thm(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 3, "#THM")
        name, ty, value = self.name_at(args[0]), self.expr_at(args[1]), self.expr_at(args[2])
        return [self._item(THM, name, D.TheoremDecl(name, self._uparams(args[3:]), ty, value, (name,)))]

    def _quot_v1(self, args: list[str]) -> list[ExportItem]:
        if args:
            raise self.error("#QUOT takes no arguments in this format")
        return [self._item(QUOT, Name.of("Quot"), D.QuotDecl(), ())]

    def _quot_v2(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 2, "#QUOT")
        name, ty = self.name_at(args[0]), self.expr_at(args[1])
        kind = QUOT_KIND_BY_NAME.get(str(name))
        if kind is None:
            raise self.error(f"#QUOT names '{name}', which is not a quotient constant")
        info = D.QuotInfo(name=name, level_params=self._uparams(args[2:]), type=ty, kind=kind)
        return [self._item(QUOT, name, D.QuotDecl(), (info,))]

    def _ind_v1(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 4, "#IND")
        num_params = self._nat(args[0], "parameter count", MAX_COUNT)
        name, ty = self.name_at(args[1]), self.expr_at(args[2])
        n_intros = self._nat(args[3], "constructor count", MAX_COUNT)
        intro_toks = args[4:4 + 2 * n_intros]
        if len(intro_toks) < 2 * n_intros:
            raise self.error(f"#IND declares {n_intros} constructors but lists fewer")
        ctors = tuple(D.Constructor(self.name_at(intro_toks[i]), self.expr_at(intro_toks[i + 1]))
                      for i in range(0, len(intro_toks), 2))
        lps = self._uparams(args[4 + 2 * n_intros:])
        decl = D.InductiveDecl(lps, num_params, (D.InductiveType(name, ty, ctors),))
        return [self._item(INDUCTIVE, name, decl, None)]

    # ------------------------------------------------------------ 2.0.0 inductive blocks
    def _counted_names(self, args: list[str], pos: int, what: str) -> tuple[tuple[Name, ...], int]:
        if pos >= len(args):
            raise self.error(f"missing {what} count")
        n = self._nat(args[pos], f"{what} count", MAX_COUNT)
        if pos + 1 + n > len(args):
            raise self.error(f"{what} count {n} exceeds the arguments given")
        return tuple(self.name_at(t) for t in args[pos + 1:pos + 1 + n]), pos + 1 + n

    def _flag(self, token: str, what: str) -> bool:
        if token not in ("0", "1"):
            raise self.error(f"{what} must be 0 or 1, got {token[:40]!r}")
        return token == "1"

    def _ind_v2(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 8, "#IND")
        name, ty = self.name_at(args[0]), self.expr_at(args[1])
        is_reflexive, is_rec = self._flag(args[2], "isReflexive"), self._flag(args[3], "isRecursive")
        num_nested = self._nat(args[4], "nested count", MAX_COUNT)
        num_params = self._nat(args[5], "parameter count", MAX_COUNT)
        num_indices = self._nat(args[6], "index count", MAX_COUNT)
        all_names, pos = self._counted_names(args, 7, "inductive")
        ctor_names, pos = self._counted_names(args, pos, "constructor")
        info = D.InductiveInfo(name=name, level_params=self._uparams(args[pos:]), type=ty, num_params=num_params,
                               num_indices=num_indices, all=all_names, ctors=ctor_names, num_nested=num_nested,
                               is_rec=is_rec, unsafe=False, is_reflexive=is_reflexive)
        block = self._block_for(name, all_names)
        if name in block.types:
            raise self.error(f"duplicate #IND for '{name}'")
        block.types[name] = info
        return self._maybe_complete(block)

    def _block_for(self, name: Name, all_names: tuple[Name, ...]) -> _Pending:
        if name not in all_names:
            raise self.error(f"inductive '{name}' is not among its own block's names")
        for block in self.pending:
            if name in block.names:
                if block.names != all_names:
                    raise self.error(f"inductive '{name}' lists a different mutual block than its siblings")
                return block
        if name in self.completed:
            raise self.error(f"inductive '{name}' declared twice")
        block = _Pending(all_names, self.line)
        self.pending.append(block)
        return block

    def _ctor_v2(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 6, "#CTOR")
        name, ty, induct = self.name_at(args[0]), self.expr_at(args[1]), self.name_at(args[2])
        info = D.ConstructorInfo(name=name, level_params=self._uparams(args[6:]), type=ty, induct=induct,
                                 cidx=self._nat(args[3], "constructor index", MAX_COUNT),
                                 num_params=self._nat(args[4], "parameter count", MAX_COUNT),
                                 num_fields=self._nat(args[5], "field count", MAX_COUNT))
        block = next((b for b in self.pending if induct in b.names), None)
        if block is None:
            raise self.error(f"constructor '{name}' belongs to '{induct}', which has no open inductive block")
        if name in block.ctors:
            raise self.error(f"duplicate #CTOR for '{name}'")
        block.ctors[name] = info
        return self._maybe_complete(block)

    def _maybe_complete(self, block: _Pending) -> list[ExportItem]:
        if not block.complete():
            return []
        self.pending.remove(block)
        self.completed.update(block.names)
        types = [block.types[n] for n in block.names]
        ind_types = tuple(D.InductiveType(t.name, t.type, tuple(D.Constructor(c, block.ctors[c].type) for c in t.ctors))
                          for t in types)
        first = types[0]
        decl = D.InductiveDecl(first.level_params, first.num_params, ind_types, False)
        claimed = (*types, *block.ctors.values())
        return [self._item(INDUCTIVE, first.name, decl, claimed)]

    def _rec_v2(self, args: list[str]) -> list[ExportItem]:
        self._at_least(args, 3, "#REC")
        name, ty = self.name_at(args[0]), self.expr_at(args[1])
        all_names, pos = self._counted_names(args, 2, "inductive")
        self._at_least(args, pos + 5, "#REC")
        counts = [self._nat(t, "recursor count", MAX_COUNT) for t in args[pos:pos + 5]]
        num_params, num_indices, num_motives, num_minors, num_rules = counts
        pos += 5
        rule_toks = args[pos:pos + num_rules]
        if len(rule_toks) < num_rules or pos + num_rules >= len(args):
            raise self.error("#REC lists fewer rules than it declares, or lacks its k flag")
        rules = tuple(self._rule_at(t) for t in rule_toks)
        k = self._flag(args[pos + num_rules], "k")
        lps = self._uparams(args[pos + num_rules + 1:])
        for block in self.pending:
            if any(n in block.names for n in all_names):
                raise self.error(f"recursor '{name}' comes before its inductive block is complete")
        info = D.RecursorInfo(name=name, level_params=lps, type=ty, all=all_names, num_params=num_params,
                              num_indices=num_indices, num_motives=num_motives, num_minors=num_minors,
                              rules=rules, k=k, unsafe=False, rules_by_ctor={r.ctor: r for r in rules})
        return [self._item(CHECK, name, None, (info,))]

    def _rule_at(self, token: str) -> D.RecursorRule:
        idx = self._nat(token, "recursor rule index")
        rule = self.rules.get(idx)
        if rule is None:
            raise self.error(f"reference to undefined recursor rule {idx}")
        return rule


def _is_hex_byte(token: str) -> bool:
    return len(token) == 2 and all(c in "0123456789abcdefABCDEF" for c in token)


def iter_legacy(lines: Iterable[str], first_line: int = 1) -> Iterator[ExportItem]:
    """Yield every declaration of a legacy text export, in file order."""
    reader = LegacyReader()
    for line_no, text in enumerate(lines, first_line):
        yield from reader.feed(line_no, text)
    yield from reader.finish()
