"""The legacy text reader: both dialects, and refusal of malformed lines."""
from __future__ import annotations

import io

import pytest

from fake_env import FakeEnv
from leanr_py.export import ExportDecline, ExportError, check_export, iter_legacy
from leanr_py.export.items import CHECK, INDUCTIVE, QUOT
from leanr_py.kernel import declaration as D
from leanr_py.kernel import level as L
from leanr_py.kernel.expr import mk_const, mk_nat_lit, mk_pi, mk_sort, mk_str_lit
from leanr_py.kernel.name import Name

V2_UNIT = """2.0.0
1 #NS 0 Unit
2 #NS 1 mk
3 #NS 1 rec
4 #NS 0 u
5 #NS 0 motive
6 #NS 0 t
1 #US 0
2 #UP 4
0 #ES 1
1 #EC 1
2 #ES 2
3 #EP #BD 6 1 2
4 #EV 0
5 #EC 2
6 #EA 4 5
7 #EP #BI 5 3 6
#IND 1 0 0 0 0 0 0 1 1 1 2
#CTOR 2 1 1 0 0 0
0 #RR 2 0 4
#REC 3 7 1 1 0 0 1 1 1 0 0 4
"""

V1_NAT = """1 #NS 0 Nat
2 #NS 1 zero
0 #EC 1
3 #NS 1 succ
4 #NS 0 n
1 #EP #BD 4 0 0
1 #US 0
2 #ES 1
#IND 0 1 2 2 2 0 3 1
5 #NS 0 two
3 #ELN 2
#DEF 5 0 3
6 #NS 0 three
#DEF 6 0 3
7 #NS 0 s
4 #ELS 68 c3 a9
#AX 7 0
#QUOT
"""


def read(text: str) -> list:
    return list(iter_legacy(io.StringIO(text)))


def n(text: str) -> Name:
    return Name.of(text)


def test_v2_inductive_block_then_recursor_check() -> None:
    ind, rec = read(V2_UNIT)
    assert ind.kind == INDUCTIVE and ind.line == 19
    (ty,) = ind.decl.types
    assert ty.name is n("Unit") and [c.name for c in ty.ctors] == [n("Unit.mk")]
    assert [type(c) for c in ind.claimed] == [D.InductiveInfo, D.ConstructorInfo]
    assert rec.kind == CHECK and rec.decl is None
    (info,) = rec.claimed
    assert info.name is n("Unit.rec") and info.level_params == (n("u"),) and info.rules[0].ctor is n("Unit.mk")


def test_v1_declarations() -> None:
    ind, two, three, ax, quot = read(V1_NAT)
    nat = mk_const(n("Nat"))
    assert ind.kind == INDUCTIVE and ind.claimed is None and ind.decl.num_params == 0
    assert [c.type for c in ind.decl.types[0].ctors] == [nat, mk_pi(n("n"), nat, nat)]
    assert ind.decl.types[0].type is mk_sort(L.succ(L.ZERO))
    assert two.decl.value is mk_nat_lit(2) and two.decl.hints.kind == D.HINT_REGULAR
    assert two.decl.hints.height == 1 and three.decl.hints.height == 1
    assert ax.decl.name is n("s")
    assert quot.kind == QUOT and quot.claimed == ()


def test_v1_string_literal_and_heights() -> None:
    text = V1_NAT + "8 #NS 0 four\n5 #EC 5\n#DEF 8 0 5\n9 #NS 0 lit\n6 #ELS 68 c3 a9\n#AX 9 6\n"
    items = read(text)
    assert items[-2].decl.hints.height == 2
    assert items[-1].decl.type is mk_str_lit("hé")


def test_check_v2_with_stand_in_kernel() -> None:
    env = FakeEnv()
    result = check_export(io.StringIO(V2_UNIT), env)
    assert result.status == "reject" and "Unit.rec" in result.error  # the stand-in generated no recursor
    assert result.format == "legacy"


BAD = [
    ("2.0.0\n1 #NS 0 A\n1 #NS 0 B\n", 3, "duplicate name index 1"),
    ("2.0.0\n0 #ES 4\n", 2, "undefined level 4"),
    ("2.0.0\n0 #EA 1 1\n", 2, "undefined expression 1"),
    ("2.0.0\n0 #EV x\n", 2, "natural number"),
    ("2.0.0\n0 #EV 100000000000000000000000000000\n", 2, "out of range"),
    ("2.0.0\n0 #EQ 1\n", 2, "unknown command"),
    ("2.0.0\n#FOO 1\n", 2, "unknown declaration command"),
    ("2.0.0\n0 #ES 0\n1 #EP #BX 0 0 0\n", 3, "unknown binder info"),
    ("2.0.0\n0 #ELN 1a\n", 2, "decimal digits"),
    ("2.0.0\n0 #ELS 6g\n", 2, "hexadecimal"),
    ("2.0.0\n0 #ELS ff\n", 2, "UTF-8"),
    ("2.0.0\n0 #EA 0\n", 2, "expects 3 arguments"),
    ("2.0.0\n1 #NS 0 A\n0 #ES 0\n#DEF 1 0 0 Z\n", 4, "unknown reducibility hint"),
    ("2.0.0\n1 #NS 0 A\n0 #ES 0\n#IND 1 0 0 0 0 0 0 1 1 1 2\n", 4, "undefined name 2"),
    ("2.0.0\n1 #NS 0 A\n2 #NS 0 B\n0 #ES 0\n#IND 1 0 0 0 0 0 0 1 1 1 2\n", 5, "incomplete: missing B"),
    ("2.0.0\n1 #NS 0 A\n0 #ES 0\n#CTOR 1 0 1 0 0 0\n", 4, "no open inductive block"),
    ("2.0.0\n1 #NS 0 A\n0 #ES 0\n#REC 1 0 1 1 0 0 1 0 1 5 0\n", 4, "undefined recursor rule 5"),
    ("1 #NS 0 A\n0 #ES 0\n#IND 0 1 0 2 1 0\n", 3, "fewer"),
    ("1 #NS 0 A\n#QUOT 1\n", 2, "no arguments"),
]


@pytest.mark.parametrize("text, line_no, fragment", BAD)
def test_malformed(text: str, line_no: int, fragment: str) -> None:
    with pytest.raises(ExportError) as info:
        read(text)
    assert info.value.line == line_no
    assert fragment in info.value.message


def test_unsupported_text_version_declines() -> None:
    with pytest.raises(ExportDecline, match="1.0.0"):
        read("1.0.0\n1 #NS 0 A\n")
