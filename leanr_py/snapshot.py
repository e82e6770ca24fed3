"""The state format: a kernel environment (and, optionally, any state built on it) as data tables,
versioned, checksummed and compressed.

Layout (all integers little-endian):
    magic      8 bytes   b"LEANRSNP"
    version    u32       FORMAT_VERSION (version 1, environments only, is still read)
    flags      u32       0 (reserved)
    size       u64       length of the decompressed payload
    digest     32 bytes  SHA-256 of the compressed payload
    payload    zlib      sections, each `tag (1 byte) + length (varint) + body`

Sections: strings, names, levels, exprs (shared DAG tables, children before parents, as in the
lean4export format), then constants in environment order, then (version 2, optional) one data section.
Integers in bodies are unsigned LEB128 varints; big naturals are stored as length-prefixed bytes.

The data section holds one value in postfix form, read by a stack machine (so nesting costs no Python
recursion): `None`, booleans, integers, strings, names, levels and closed terms (indices into the tables),
tuples, dicts (insertion order kept), back-references to an earlier tuple/dict/record (shared objects are
stored once), and *records*: instances of dataclasses the reader names in advance (e.g. syntax nodes),
stored as their class name and field values and rebuilt only after every field matches the field's type
annotation. Sets are not values: writers store them as sorted tuples, so the bytes do not depend on hash
seeds. Dict keys must be atoms (strings, numbers, names, levels, terms: hashing them never recurses), and a
value's size with every back-reference expanded is bounded (`MAX_EXPANDED`), so a small blob cannot stand
for an enormous value; type checks of a shared container are made once (`TypeMemo`).

Nothing is ever evaluated: the decoder only builds terms through the kernel's constructors and records
through their allowed classes, validating every index, tag and type, so a truncated, corrupted or hostile
blob raises `SnapshotError` and nothing else.

Restoring trusts the blob's declarations (the checksum guards against corruption, not malice), as
Lean trusts its .olean files; `load_environment(blob, verify=True)` re-checks everything through
the kernel instead, for blobs from elsewhere.
"""
from __future__ import annotations

import dataclasses
import hashlib
import struct
import types
import typing
import zlib
from typing import Any, Mapping
from .kernel import declaration as D
from .kernel import expr as E
from .kernel import level as L
from .kernel.environment import Environment
from .kernel.errors import KernelError
from .kernel.expr import Expr
from .kernel.level import Level
from .kernel.name import Name

MAGIC = b"LEANRSNP"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
HEADER = struct.Struct("<8sIIQ32s")
MAX_PAYLOAD = 1 << 31  # 2 GiB decompressed, far above any real environment

S_STRINGS, S_NAMES, S_LEVELS, S_EXPRS, S_CONSTANTS, S_DATA = range(1, 7)

# constant tags
C_AXIOM, C_DEF, C_THM, C_OPAQUE, C_QUOT, C_INDUCT, C_CTOR, C_REC = range(8)
HINT_KINDS = (D.HINT_OPAQUE, D.HINT_ABBREV, D.HINT_REGULAR)
SAFETIES = (D.SAFE, D.UNSAFE, D.PARTIAL)
QUOT_KINDS = (D.QUOT_TYPE, D.QUOT_MK, D.QUOT_LIFT, D.QUOT_IND)


class SnapshotError(Exception):
    """A blob that is not a valid snapshot of this format; the message says why."""


# ---------------------------------------------------------------------------------------------- writing
class _Out:
    __slots__ = ("buf",)

    def __init__(self) -> None:
        self.buf = bytearray()

    def uint(self, n: int) -> None:
        buf = self.buf
        while n >= 0x80:
            buf.append((n & 0x7F) | 0x80)
            n >>= 7
        buf.append(n)

    def big(self, n: int) -> None:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "little")
        self.uint(len(raw))
        self.buf += raw

    def bytes_(self, raw: bytes) -> None:
        self.uint(len(raw))
        self.buf += raw


class _Tables:
    """Interning of strings, names, levels and terms into index tables, in first-completed order."""

    def __init__(self) -> None:
        self.strings: dict[str, int] = {}
        self.names: dict[Name, int] = {Name.anonymous(): 0}
        self.levels: dict[Level, int] = {L.ZERO: 0}
        self.exprs: dict[Expr, int] = {}
        self.s_out, self.n_out, self.l_out, self.e_out = _Out(), _Out(), _Out(), _Out()

    def string(self, s: str) -> int:
        i = self.strings.get(s)
        if i is None:
            i = self.strings[s] = len(self.strings)
            self.s_out.bytes_(s.encode("utf-8", "surrogatepass"))
        return i

    def name(self, n: Name) -> int:
        i = self.names.get(n)
        if i is not None:
            return i
        chain = []
        while n not in self.names:
            chain.append(n)
            n = n.prefix  # type: ignore[assignment]
        for m in reversed(chain):
            out = self.n_out
            out.uint(self.names[m.prefix])  # type: ignore[index]
            if isinstance(m.last, int):
                out.uint(1)
                out.big(m.last)
            else:
                out.uint(0)
                out.uint(self.string(m.last))  # type: ignore[arg-type]
            self.names[m] = len(self.names)
        return self.names[chain[0]]

    def level(self, lv: Level) -> int:
        i = self.levels.get(lv)
        if i is not None:
            return i
        stack = [lv]
        while stack:
            x = stack[-1]
            if x in self.levels:
                stack.pop()
                continue
            kids = [c for c in (x.a, x.b) if isinstance(c, Level) and c not in self.levels]
            if kids:
                stack.extend(kids)
                continue
            stack.pop()
            out = self.l_out
            out.uint(x.kind)
            if x.kind == L.SUCC_K:
                out.uint(self.levels[x.a])  # type: ignore[index]
            elif x.kind in (L.MAX_K, L.IMAX_K):
                out.uint(self.levels[x.a])  # type: ignore[index]
                out.uint(self.levels[x.b])  # type: ignore[index]
            elif x.kind == L.PARAM_K:
                out.uint(self.name(x.a))  # type: ignore[arg-type]
            else:
                raise SnapshotError("a universe metavariable cannot be stored in a snapshot")
            self.levels[x] = len(self.levels)
        return self.levels[lv]

    def expr(self, e: Expr) -> int:
        i = self.exprs.get(e)
        if i is not None:
            return i
        table = self.exprs
        stack = [e]
        while stack:
            x = stack[-1]
            if x in table:
                stack.pop()
                continue
            kids = [c for c in E.children(x) if c not in table]
            if kids:
                stack.extend(reversed(kids))
                continue
            stack.pop()
            self._write_expr(x)
            table[x] = len(table)
        return table[e]

    def _write_expr(self, x: Expr) -> None:
        out = self.e_out
        k = x.kind
        t = self.exprs
        out.uint(k)
        if k == E.BVAR:
            out.uint(x.idx)  # type: ignore[attr-defined]
        elif k == E.SORT:
            out.uint(self.level(x.level))  # type: ignore[attr-defined]
        elif k == E.CONST:
            out.uint(self.name(x.name))  # type: ignore[attr-defined]
            out.uint(len(x.levels))  # type: ignore[attr-defined]
            for lv in x.levels:  # type: ignore[attr-defined]
                out.uint(self.level(lv))
        elif k == E.APP:
            out.uint(t[x.fn])  # type: ignore[attr-defined]
            out.uint(t[x.arg])  # type: ignore[attr-defined]
        elif k in (E.LAM, E.PI):
            out.uint(self.name(x.name))  # type: ignore[attr-defined]
            out.uint(x.bi)  # type: ignore[attr-defined]
            out.uint(t[x.type])  # type: ignore[attr-defined]
            out.uint(t[x.body])  # type: ignore[attr-defined]
        elif k == E.LET:
            out.uint(self.name(x.name))  # type: ignore[attr-defined]
            out.uint(1 if x.nondep else 0)  # type: ignore[attr-defined]
            out.uint(t[x.type])  # type: ignore[attr-defined]
            out.uint(t[x.value])  # type: ignore[attr-defined]
            out.uint(t[x.body])  # type: ignore[attr-defined]
        elif k == E.NATLIT:
            out.big(x.val)  # type: ignore[attr-defined]
        elif k == E.STRLIT:
            out.uint(self.string(x.val))  # type: ignore[attr-defined]
        elif k == E.PROJ:
            out.uint(self.name(x.sname))  # type: ignore[attr-defined]
            out.uint(x.idx)  # type: ignore[attr-defined]
            out.uint(t[x.struct])  # type: ignore[attr-defined]
        else:
            raise SnapshotError("free variables and metavariables cannot be stored in a snapshot")


def _write_constant(tab: _Tables, out: _Out, c: D.ConstantInfo) -> None:
    def names(ns: tuple[Name, ...]) -> None:
        out.uint(len(ns))
        for n in ns:
            out.uint(tab.name(n))

    def flag(b: bool) -> None:
        out.uint(1 if b else 0)

    if isinstance(c, D.AxiomInfo):
        tag = C_AXIOM
    elif isinstance(c, D.DefinitionInfo):
        tag = C_DEF
    elif isinstance(c, D.TheoremInfo):
        tag = C_THM
    elif isinstance(c, D.OpaqueInfo):
        tag = C_OPAQUE
    elif isinstance(c, D.QuotInfo):
        tag = C_QUOT
    elif isinstance(c, D.InductiveInfo):
        tag = C_INDUCT
    elif isinstance(c, D.ConstructorInfo):
        tag = C_CTOR
    elif isinstance(c, D.RecursorInfo):
        tag = C_REC
    else:
        raise SnapshotError(f"unknown kind of constant: {type(c).__name__}")
    ty = tab.expr(c.type)
    out.uint(tag)
    out.uint(tab.name(c.name))
    names(c.level_params)
    out.uint(ty)
    if isinstance(c, D.AxiomInfo):
        flag(c.unsafe)
    elif isinstance(c, D.DefinitionInfo):
        out.uint(tab.expr(c.value))
        out.uint(HINT_KINDS.index(c.hints.kind))
        out.uint(c.hints.height)
        out.uint(SAFETIES.index(c.safety))
        names(c.all)
    elif isinstance(c, D.TheoremInfo):
        out.uint(tab.expr(c.value))
        names(c.all)
    elif isinstance(c, D.OpaqueInfo):
        out.uint(tab.expr(c.value))
        flag(c.unsafe)
        names(c.all)
    elif isinstance(c, D.QuotInfo):
        out.uint(QUOT_KINDS.index(c.kind))
    elif isinstance(c, D.InductiveInfo):
        for v in (c.num_params, c.num_indices, c.num_nested):
            out.uint(v)
        names(c.all)
        names(c.ctors)
        for b in (c.is_rec, c.unsafe, c.is_reflexive):
            flag(b)
    elif isinstance(c, D.ConstructorInfo):
        out.uint(tab.name(c.induct))
        for v in (c.cidx, c.num_params, c.num_fields):
            out.uint(v)
        flag(c.unsafe)
    else:
        assert isinstance(c, D.RecursorInfo)
        names(c.all)
        for v in (c.num_params, c.num_indices, c.num_motives, c.num_minors):
            out.uint(v)
        flag(c.k)
        flag(c.unsafe)
        out.uint(tab.name(c.major_induct))
        out.uint(len(c.rules))
        for r in c.rules:
            out.uint(tab.name(r.ctor))
            out.uint(r.num_fields)
            out.uint(tab.expr(r.rhs))


# data values, in postfix: each op pushes one value (containers pop their members first)
OP_NONE, OP_FALSE, OP_TRUE, OP_INT, OP_NEG, OP_BIG, OP_STR, OP_NAME, OP_LEVEL, OP_EXPR, OP_TUPLE, OP_DICT, \
    OP_RECORD, OP_REF = range(14)
_SMALL = 1 << 62
MAX_EXPANDED = 1 << 27   # items in a data value with its shared parts counted every time they are used
MAX_DATA_DEPTH = 256  # nesting of containers in a data value: a session's own data nests about 10 deep, and
# freeing a value nested much deeper is one C call per level (fatal in Pyodide)
_KEY_TYPES = (str, int, Name, Level, Expr, type(None))


class _DataWriter:
    """Writes one data value in postfix form; tuples, dicts and records met again (same object) are
    stored as a back-reference."""

    def __init__(self, tab: _Tables) -> None:
        self.tab = tab
        self.out = _Out()
        self.memo: dict[int, int] = {}
        self.keep: list[Any] = []   # keeps memoized objects alive, so their ids stay unique

    def write(self, root: Any) -> None:
        out, tab, memo = self.out, self.tab, self.memo
        stack: list[tuple[Any, int]] = [(root, -1)]
        while stack:
            x, closing = stack.pop()
            if closing >= 0:  # all members written: the container itself
                if type(x) is tuple or type(x) is list:
                    out.uint(OP_TUPLE)
                    out.uint(closing)
                elif type(x) is dict:
                    out.uint(OP_DICT)
                    out.uint(closing)
                else:
                    out.uint(OP_RECORD)
                    out.uint(tab.string(type(x).__name__))
                    out.uint(closing)
                memo[id(x)] = len(memo)
                self.keep.append(x)
                continue
            if x is None:
                out.uint(OP_NONE)
            elif x is True or x is False:
                out.uint(OP_TRUE if x else OP_FALSE)
            elif type(x) is int:
                if 0 <= x < _SMALL:
                    out.uint(OP_INT)
                    out.uint(x)
                elif -_SMALL < x < 0:
                    out.uint(OP_NEG)
                    out.uint(-x)
                else:
                    out.uint(OP_BIG)
                    out.uint(1 if x < 0 else 0)
                    out.big(abs(x))
            elif type(x) is str:
                out.uint(OP_STR)
                out.uint(tab.string(x))
            elif isinstance(x, Name):
                out.uint(OP_NAME)
                out.uint(tab.name(x))
            elif isinstance(x, Level):
                out.uint(OP_LEVEL)
                out.uint(tab.level(x))
            elif isinstance(x, Expr):
                if x.lbr:
                    raise SnapshotError("a stored term has loose bound variables")
                out.uint(OP_EXPR)
                out.uint(tab.expr(x))
            elif id(x) in memo:
                out.uint(OP_REF)
                out.uint(memo[id(x)])
            elif type(x) is tuple or type(x) is list:
                stack.append((x, len(x)))
                stack.extend((c, -1) for c in reversed(x))
            elif type(x) is dict:
                stack.append((x, len(x)))
                for k, v in reversed(x.items()):
                    stack.append((v, -1))
                    stack.append((k, -1))
            elif dataclasses.is_dataclass(x) and not isinstance(x, type):
                fields = [getattr(x, f.name) for f in dataclasses.fields(x)]
                stack.append((x, len(fields)))
                stack.extend((c, -1) for c in reversed(fields))
            else:
                raise SnapshotError(f"a {type(x).__name__} cannot be stored in a snapshot")


def dump_state(env: Environment, data: Any = None) -> bytes:
    """The environment, and `data` built on it (see the module docstring for what a value may be), as
    a snapshot blob; the same state always gives the same bytes."""
    tab = _Tables()
    consts = _Out()
    consts.uint(len(env.constants))
    for c in env.constants.values():
        _write_constant(tab, consts, c)
    sections: list[tuple[int, _Out]] = []
    if data is not None:
        dw = _DataWriter(tab)
        dw.write(data)
        sections.append((S_DATA, dw.out))
    payload = _Out()
    for tag, section in [(S_STRINGS, tab.s_out), (S_NAMES, tab.n_out), (S_LEVELS, tab.l_out),
                         (S_EXPRS, tab.e_out), (S_CONSTANTS, consts)] + sections:
        counted = _Out()
        if tag < S_CONSTANTS:  # the constants and data sections carry no count of their own
            counted.uint(_count(tag, tab))
        payload.buf.append(tag)
        payload.uint(len(counted.buf) + len(section.buf))
        payload.buf += counted.buf
        payload.buf += section.buf
    raw = bytes(payload.buf)
    packed = zlib.compress(raw, 6)
    return HEADER.pack(MAGIC, FORMAT_VERSION, 0, len(raw), hashlib.sha256(packed).digest()) + packed


def dump_environment(env: Environment) -> bytes:
    """The environment as a snapshot blob; the same environment always gives the same bytes."""
    return dump_state(env)


def _count(tag: int, tab: _Tables) -> int:
    if tag == S_STRINGS:
        return len(tab.strings)
    if tag == S_NAMES:
        return len(tab.names) - 1
    if tag == S_LEVELS:
        return len(tab.levels) - 1
    return len(tab.exprs)


# ---------------------------------------------------------------------------------------------- reading
class _In:
    __slots__ = ("data", "pos", "end", "what")

    def __init__(self, data: bytes, pos: int, end: int, what: str) -> None:
        self.data, self.pos, self.end, self.what = data, pos, end, what

    def fail(self, msg: str) -> SnapshotError:
        return SnapshotError(f"{self.what}: {msg} (at byte {self.pos})")

    def uint(self, limit: int | None = None) -> int:
        data, pos, end = self.data, self.pos, self.end
        result = shift = 0
        while True:
            if pos >= end:
                self.pos = pos
                raise self.fail("truncated")
            b = data[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            if b < 0x80:
                break
            shift += 7
            if shift > 70:
                self.pos = pos
                raise self.fail("integer too long")
        self.pos = pos
        if limit is not None and result >= limit:
            raise self.fail(f"value {result} out of range (< {limit} expected)")
        return result

    def raw(self) -> bytes:
        n = self.uint()
        if n > self.end - self.pos:
            raise self.fail("truncated")
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def big(self) -> int:
        return int.from_bytes(self.raw(), "little")

    def count(self) -> int:
        """A number of following entries: each takes at least one byte, so it cannot exceed what is left."""
        n = self.uint()
        if n > self.end - self.pos:
            raise self.fail(f"count {n} exceeds the remaining data")
        return n


def _open(blob: bytes) -> bytes:
    if not isinstance(blob, (bytes, bytearray, memoryview)):
        raise SnapshotError(f"a snapshot is bytes, got {type(blob).__name__}")
    blob = bytes(blob)
    if len(blob) < HEADER.size:
        raise SnapshotError(f"truncated header: {len(blob)} bytes, at least {HEADER.size} expected")
    magic, version, flags, size, digest = HEADER.unpack_from(blob)
    if magic != MAGIC:
        raise SnapshotError("not a leanr snapshot (bad magic)")
    if version not in READABLE_VERSIONS:
        raise SnapshotError(f"snapshot format version {version} is not supported (this is version {FORMAT_VERSION})")
    if flags != 0:
        raise SnapshotError(f"unknown snapshot flags {flags:#x}")
    packed = blob[HEADER.size:]
    if hashlib.sha256(packed).digest() != digest:
        raise SnapshotError("checksum mismatch: the snapshot is corrupted or truncated")
    if size > MAX_PAYLOAD:
        raise SnapshotError(f"declared payload size {size} is too large")
    try:
        d = zlib.decompressobj()
        raw = d.decompress(packed, size + 1)
    except zlib.error as exc:
        raise SnapshotError(f"payload does not decompress: {exc}") from None
    if len(raw) != size or not d.eof or d.unused_data:
        raise SnapshotError("payload size does not match the header")
    return raw


def load_environment(blob: bytes, verify: bool = False) -> Environment:
    """Rebuild an environment from `dump_environment`'s bytes. With `verify`, every declaration is
    re-checked by the kernel (recursors regenerated and compared) instead of trusted."""
    return load_state(blob, verify=verify)[0]


def load_state(blob: bytes, verify: bool = False, records: Mapping[str, type] | None = None,
               types: TypeMemo | None = None) -> tuple[Environment, Any]:
    """Rebuild `dump_state`'s environment and data (None when the blob has none). Records are rebuilt
    only for the classes in `records` (by class name); `types` keeps the conformance checks made while
    decoding, for the reader's own `check_type` calls. Any defect raises `SnapshotError`."""
    raw = _open(blob)
    sections: dict[int, _In] = {}
    top = _In(raw, 0, len(raw), "payload")
    for tag in (S_STRINGS, S_NAMES, S_LEVELS, S_EXPRS, S_CONSTANTS, S_DATA):
        if tag == S_DATA and top.pos == top.end:
            break
        got = top.uint()
        if got != tag:
            raise top.fail(f"section {tag} expected, found tag {got}")
        n = top.uint()
        if n > top.end - top.pos:
            raise top.fail("section truncated")
        sections[tag] = _In(raw, top.pos, top.pos + n, f"section {tag}")
        top.pos += n
    if top.pos != top.end:
        raise top.fail("trailing data after the last section")
    try:
        dec = _Decoder(sections)
        env = dec.environment(verify)
        data = dec.data(sections[S_DATA], records or {}, types or TypeMemo()) if S_DATA in sections else None
    except SnapshotError:
        raise
    except RecursionError:
        raise SnapshotError("terms nested too deeply") from None
    except (KernelError, ValueError, TypeError, OverflowError, MemoryError) as exc:
        # e.g. a term the kernel's constructors refuse; never a traceback of ours
        raise SnapshotError(f"malformed snapshot: {type(exc).__name__}: {exc}") from None
    return env, data


class TypeMemo:
    """Conformance results already known for decoded containers: shared containers (back-references) are
    checked once per type, so checking stays linear in the blob however often a value is referenced."""

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: dict[tuple[int, Any], bool] = {}


def check_type(value: Any, hint: Any, what: str, memo: TypeMemo | None = None) -> None:
    """Raise `SnapshotError` unless decoded data `value` has the type `hint` (for readers of data)."""
    if not _conforms(value, hint, memo if memo is not None else TypeMemo()):
        raise SnapshotError(f"{what}: wrong type of value")


_HINTS: dict[type, dict[str, Any]] = {}


def _field_hints(cls: type) -> list[tuple[str, Any]]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return [(f.name, hints.get(f.name, Any)) for f in dataclasses.fields(cls)]


def _conforms(v: Any, hint: Any, memo: TypeMemo) -> bool:
    """Does the decoded value `v` have the annotated type `hint`? (the annotation forms records use)"""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return any(_conforms(v, h, memo) for h in typing.get_args(hint))
    if hint is type(None) or hint is None:
        return v is None
    if origin is tuple or origin is dict:
        if type(v) is not origin:
            return False
        key = (id(v), hint)
        known = memo.seen.get(key)
        if known is None:
            args = typing.get_args(hint)
            if origin is dict:
                kt, vt = args or (Any, Any)
                known = all(_conforms(k, kt, memo) and _conforms(x, vt, memo) for k, x in v.items())
            elif len(args) == 2 and args[1] is Ellipsis:
                known = all(_conforms(x, args[0], memo) for x in v)
            else:
                known = len(args) == len(v) and all(_conforms(x, h, memo) for x, h in zip(v, args))
            memo.seen[key] = known
        return known
    if hint is float:
        return type(v) is int
    if isinstance(hint, type):
        return isinstance(v, hint)
    return False


class _Decoder:
    def __init__(self, sections: dict[int, _In]) -> None:
        self.sec = sections
        self.strings = self._strings(sections[S_STRINGS])
        self.names = self._names(sections[S_NAMES])
        self.levels = self._levels(sections[S_LEVELS])
        self.exprs = self._exprs(sections[S_EXPRS])

    @staticmethod
    def _done(inp: _In) -> None:
        if inp.pos != inp.end:
            raise inp.fail("unexpected trailing data")

    def _strings(self, inp: _In) -> list[str]:
        out = []
        for _ in range(inp.count()):
            try:
                out.append(inp.raw().decode("utf-8", "surrogatepass"))
            except UnicodeDecodeError:
                raise inp.fail("string is not valid UTF-8") from None
        self._done(inp)
        return out

    def _names(self, inp: _In) -> list[Name]:
        out = [Name.anonymous()]
        for _ in range(inp.count()):
            pre = out[inp.uint(len(out))]
            kind = inp.uint(2)
            if kind == 0:
                out.append(Name.str(pre, self.strings[inp.uint(len(self.strings))]))
            else:
                out.append(Name.num(pre, inp.big()))
        self._done(inp)
        return out

    def _levels(self, inp: _In) -> list[Level]:
        out = [L.ZERO]
        for _ in range(inp.count()):
            kind = inp.uint(L.MVAR_K)
            if kind == L.SUCC_K:
                out.append(L.succ(out[inp.uint(len(out))]))
            elif kind in (L.MAX_K, L.IMAX_K):
                a, b = out[inp.uint(len(out))], out[inp.uint(len(out))]
                out.append(L.max_(a, b) if kind == L.MAX_K else L.imax(a, b))
            elif kind == L.PARAM_K:
                out.append(L.param(self.names[inp.uint(len(self.names))]))
            else:
                raise inp.fail("level zero appears only as index 0")
        self._done(inp)
        return out

    def _exprs(self, inp: _In) -> list[Expr]:
        out: list[Expr] = []
        names, levels = self.names, self.levels
        nn, nl = len(names), len(levels)
        for _ in range(inp.count()):
            k = inp.uint(E.FVAR)
            ne = len(out)
            if k == E.BVAR:
                e = E.mk_bvar(inp.uint(1 << 32))
            elif k == E.SORT:
                e = E.mk_sort(levels[inp.uint(nl)])
            elif k == E.CONST:
                n = names[inp.uint(nn)]
                e = E.mk_const(n, [levels[inp.uint(nl)] for _ in range(inp.count())])
            elif k == E.APP:
                e = E.mk_app(out[inp.uint(ne)], out[inp.uint(ne)])
            elif k in (E.LAM, E.PI):
                n = names[inp.uint(nn)]
                bi = inp.uint(4)
                t, b = out[inp.uint(ne)], out[inp.uint(ne)]
                e = E.mk_lam(n, t, b, bi) if k == E.LAM else E.mk_pi(n, t, b, bi)
            elif k == E.LET:
                n = names[inp.uint(nn)]
                nondep = inp.uint(2) == 1
                t, v, b = out[inp.uint(ne)], out[inp.uint(ne)], out[inp.uint(ne)]
                e = E.mk_let(n, t, v, b, nondep)
            elif k == E.NATLIT:
                e = E.mk_nat_lit(inp.big())
            elif k == E.STRLIT:
                e = E.mk_str_lit(self.strings[inp.uint(len(self.strings))])
            else:  # PROJ
                n = names[inp.uint(nn)]
                e = E.mk_proj(n, inp.uint(1 << 32), out[inp.uint(ne)])
            out.append(e)
        self._done(inp)
        return out

    def data(self, inp: _In, records: Mapping[str, type], types: TypeMemo) -> Any:
        """The data value: a stack machine over the postfix ops (see `_DataWriter`). Containers count their
        size with back-references expanded, which is bounded (`MAX_EXPANDED`): a small hostile blob cannot
        stand for an enormous value."""
        strings, names, levels, exprs = self.strings, self.names, self.levels, self.exprs
        stack: list[Any] = []
        sizes: list[int] = []      # expanded size of each value on the stack
        depths: list[int] = []     # nesting depth of each value on the stack
        memo: list[Any] = []
        memo_sizes: list[int] = []
        memo_depths: list[int] = []
        while inp.pos < inp.end:
            op = inp.uint(OP_REF + 1)
            if op == OP_NONE:
                stack.append(None)
            elif op == OP_FALSE or op == OP_TRUE:
                stack.append(op == OP_TRUE)
            elif op == OP_INT:
                stack.append(inp.uint())
            elif op == OP_NEG:
                stack.append(-inp.uint())
            elif op == OP_BIG:
                neg = inp.uint(2)
                stack.append(-inp.big() if neg else inp.big())
            elif op == OP_STR:
                stack.append(strings[inp.uint(len(strings))])
            elif op == OP_NAME:
                stack.append(names[inp.uint(len(names))])
            elif op == OP_LEVEL:
                stack.append(levels[inp.uint(len(levels))])
            elif op == OP_EXPR:
                e = exprs[inp.uint(len(exprs))]
                if e.lbr:
                    raise inp.fail("a stored term has loose bound variables")
                stack.append(e)
            elif op == OP_REF:
                i = inp.uint(len(memo))
                stack.append(memo[i])
                sizes.append(memo_sizes[i])
                depths.append(memo_depths[i])
                continue
            else:
                cls = None
                if op == OP_RECORD:
                    cname = strings[inp.uint(len(strings))]
                    cls = records.get(cname)
                    if cls is None:
                        raise inp.fail(f"a record of class '{cname}' is not allowed here")
                n = inp.uint(len(stack) + 1)
                if op == OP_DICT:
                    n *= 2
                    if n > len(stack):
                        raise inp.fail("container larger than the values before it")
                members = stack[len(stack) - n:] if n else []
                size = 1 + sum(sizes[len(sizes) - n:]) if n else 1
                depth = 1 + max(depths[len(depths) - n:]) if n else 1
                del stack[len(stack) - n:]
                del sizes[len(sizes) - n:]
                del depths[len(depths) - n:]
                if size > MAX_EXPANDED:
                    raise inp.fail(f"data value too large once shared parts are expanded ({size} items)")
                if depth > MAX_DATA_DEPTH:
                    raise inp.fail(f"data value nested deeper than {MAX_DATA_DEPTH} levels")
                if op == OP_TUPLE:
                    value: Any = tuple(members)
                elif op == OP_DICT:
                    value = {}
                    for i in range(0, n, 2):
                        if not isinstance(members[i], _KEY_TYPES):  # hashing them is cheap and shallow
                            raise inp.fail("a dict key must be a string, number, name, level or term")
                        value[members[i]] = members[i + 1]
                else:
                    value = self._record(inp, cls, members, types)  # type: ignore[arg-type]
                memo.append(value)
                memo_sizes.append(size)
                memo_depths.append(depth)
                stack.append(value)
                sizes.append(size)
                depths.append(depth)
                continue
            sizes.append(1)   # an atom
            depths.append(0)
        if len(stack) != 1:
            raise inp.fail(f"the data section holds {len(stack)} values, one expected")
        return stack[0]

    @staticmethod
    def _record(inp: _In, cls: type, members: list[Any], types: TypeMemo) -> Any:
        fields = _field_hints(cls)
        if len(fields) != len(members):
            raise inp.fail(f"a '{cls.__name__}' record has {len(members)} fields, {len(fields)} expected")
        for (fname, hint), v in zip(fields, members):
            if not _conforms(v, hint, types):
                raise inp.fail(f"field '{fname}' of a '{cls.__name__}' record has the wrong type")
        try:
            return cls(*members)
        except (TypeError, ValueError) as exc:
            raise inp.fail(f"invalid '{cls.__name__}' record: {exc}") from None

    def environment(self, verify: bool) -> Environment:
        inp = self.sec[S_CONSTANTS]
        infos = [self._constant(inp) for _ in range(inp.count())]
        self._done(inp)
        env = Environment()
        if verify:
            _replay(env, infos)
            return env
        for info in infos:
            if info.name in env.constants:
                raise SnapshotError(f"constant '{info.name}' appears twice")
            if isinstance(info, D.QuotInfo):
                env.quot_initialized = True
            env.constants[info.name] = info
        return env

    def _constant(self, inp: _In) -> D.ConstantInfo:
        names, exprs = self.names, self.exprs

        def name() -> Name:
            return names[inp.uint(len(names))]

        def expr() -> Expr:
            e = exprs[inp.uint(len(exprs))]
            if e.lbr:
                raise inp.fail("a stored term has loose bound variables")
            return e

        def name_list() -> tuple[Name, ...]:
            return tuple(name() for _ in range(inp.count()))

        def flag() -> bool:
            return inp.uint(2) == 1

        tag = inp.uint(C_REC + 1)
        n, lps, ty = name(), name_list(), expr()
        if tag == C_AXIOM:
            return D.AxiomInfo(n, lps, ty, flag())
        if tag == C_DEF:
            value = expr()
            hint_kind = HINT_KINDS[inp.uint(len(HINT_KINDS))]
            hints = D.Hints(hint_kind, inp.uint(1 << 32))
            return D.DefinitionInfo(n, lps, ty, value, hints, SAFETIES[inp.uint(len(SAFETIES))], name_list())
        if tag == C_THM:
            return D.TheoremInfo(n, lps, ty, expr(), name_list())
        if tag == C_OPAQUE:
            return D.OpaqueInfo(n, lps, ty, expr(), flag(), name_list())
        if tag == C_QUOT:
            return D.QuotInfo(n, lps, ty, QUOT_KINDS[inp.uint(len(QUOT_KINDS))])
        if tag == C_INDUCT:
            np, ni, nn = inp.uint(), inp.uint(), inp.uint()
            all_, ctors = name_list(), name_list()
            return D.InductiveInfo(n, lps, ty, np, ni, all_, ctors, nn, flag(), flag(), flag())
        if tag == C_CTOR:
            induct = name()
            cidx, np, nf = inp.uint(), inp.uint(), inp.uint()
            return D.ConstructorInfo(n, lps, ty, induct, cidx, np, nf, flag())
        all_ = name_list()
        np, ni, nmot, nmin = inp.uint(), inp.uint(), inp.uint(), inp.uint()
        k, unsafe = flag(), flag()
        major = name()
        rules = tuple(D.RecursorRule(name(), inp.uint(), expr()) for _ in range(inp.count()))
        return D.RecursorInfo(n, lps, ty, all_, np, ni, nmot, nmin, rules, k, unsafe, major,
                              {r.ctor: r for r in rules})


def _replay(env: Environment, infos: list[D.ConstantInfo]) -> None:
    """Re-check constants through the kernel, as the export reader does."""
    by_name = {i.name: i for i in infos}
    done: set[Name] = set()
    try:
        for info in infos:
            if info.name in done:
                continue
            if isinstance(info, D.AxiomInfo):
                env.add(D.AxiomDecl(info.name, info.level_params, info.type, info.unsafe))
            elif isinstance(info, D.DefinitionInfo):
                env.add(D.DefinitionDecl(info.name, info.level_params, info.type, info.value, info.hints,
                                         info.safety, info.all))
            elif isinstance(info, D.TheoremInfo):
                env.add(D.TheoremDecl(info.name, info.level_params, info.type, info.value, info.all))
            elif isinstance(info, D.OpaqueInfo):
                env.add(D.OpaqueDecl(info.name, info.level_params, info.type, info.value, info.unsafe, info.all))
            elif isinstance(info, D.QuotInfo):
                if not env.quot_initialized:
                    env.add(D.QuotDecl())
                installed = env.find(info.name)
                if not isinstance(installed, D.QuotInfo) or not E.alpha_eqv(installed.type, info.type):
                    raise SnapshotError(f"'{info.name}' is not the kernel's quotient constant")
                done.add(info.name)
                continue
            elif isinstance(info, D.InductiveInfo):
                claimed, decl = _inductive_block(info, by_name)
                env.add_inductive(decl, claimed)
                done.update(c.name for c in claimed)
                continue
            else:
                raise SnapshotError(f"'{info.name}' appears before its inductive type")
            done.add(info.name)
    except KernelError as exc:
        raise SnapshotError(f"the kernel rejects the snapshot: {exc}") from None
    for info in infos:
        if info.name not in env.constants:
            raise SnapshotError(f"'{info.name}' is not generated by any declaration in the snapshot")


def _inductive_block(info: D.InductiveInfo,
                     by_name: dict[Name, D.ConstantInfo]) -> tuple[list[D.ConstantInfo], D.InductiveDecl]:
    claimed: list[D.ConstantInfo] = []
    types = []
    for tname in info.all:
        t = by_name.get(tname)
        if not isinstance(t, D.InductiveInfo):
            raise SnapshotError(f"inductive block of '{info.name}' names a missing type '{tname}'")
        claimed.append(t)
        ctors = []
        for cname in t.ctors:
            c = by_name.get(cname)
            if not isinstance(c, D.ConstructorInfo):
                raise SnapshotError(f"'{tname}' names a missing constructor '{cname}'")
            claimed.append(c)
            ctors.append(D.Constructor(cname, c.type))
        types.append(D.InductiveType(tname, t.type, tuple(ctors)))
    all_set = set(info.all)
    claimed += [r for r in by_name.values() if isinstance(r, D.RecursorInfo) and set(r.all) == all_set
                and r.all == info.all]
    return claimed, D.InductiveDecl(info.level_params, info.num_params, tuple(types), info.unsafe)

