"""The NDJSON reader on small hand-written inputs: what it builds, and how it refuses bad input."""
from __future__ import annotations

import io
import json

import pytest

from fake_env import FakeEnv
from leanr_py.export import ExportDecline, ExportError, check_export, iter_ndjson
from leanr_py.export.items import INDUCTIVE, MUTUAL, QUOT
from leanr_py.kernel import declaration as D
from leanr_py.kernel import level as L
from leanr_py.kernel.errors import KernelDecline
from leanr_py.kernel.expr import (IMPLICIT, INST_IMPLICIT, mk_app, mk_bvar, mk_const, mk_lam, mk_let, mk_nat_lit,
                                  mk_pi, mk_proj, mk_sort, mk_str_lit)
from leanr_py.kernel.name import Name

META = json.dumps({"meta": {"exporter": {"name": "lean4export", "version": "3.1.0"},
                            "format": {"version": "3.1.0"}, "lean": {"githash": "0", "version": "4.29.1"}}})
META_30 = META.replace("3.1.0", "3.0.0")

A_PROP = ['{"in":1,"str":{"pre":0,"str":"A"}}', '{"ie":0,"sort":0}',
          '{"axiom":{"isUnsafe":false,"levelParams":[],"name":1,"type":0}}']

NAT_BLOCK = [
    '{"in":1,"str":{"pre":0,"str":"N"}}', '{"il":1,"succ":0}', '{"ie":0,"sort":1}',
    '{"in":2,"str":{"pre":1,"str":"zero"}}', '{"in":3,"str":{"pre":1,"str":"succ"}}',
    '{"const":{"name":1,"us":[]},"ie":1}', '{"in":4,"str":{"pre":0,"str":"n"}}',
    '{"forallE":{"binderInfo":"default","body":1,"name":4,"type":1},"ie":2}',
    '{"in":5,"str":{"pre":1,"str":"rec"}}',
    '{"inductive":{"ctors":[{"cidx":1,"induct":1,"isUnsafe":false,"levelParams":[],"name":3,"numFields":1,'
    '"numParams":0,"type":2},{"cidx":0,"induct":1,"isUnsafe":false,"levelParams":[],"name":2,"numFields":0,'
    '"numParams":0,"type":1}],"recs":[{"all":[1],"isUnsafe":false,"k":false,"levelParams":[],"name":5,'
    '"numIndices":0,"numMinors":2,"numMotives":1,"numParams":0,"rules":[{"ctor":2,"nfields":0,"rhs":1}],'
    '"type":1}],"types":[{"all":[1],"ctors":[2,3],"isRec":true,"isReflexive":false,"isUnsafe":false,'
    '"levelParams":[],"name":1,"numIndices":0,"numNested":0,"numParams":0,"type":0}]}}',
]


def read(*lines: str, meta: str = META) -> list:
    return list(iter_ndjson([meta + "\n", *(line + "\n" for line in lines)]))


def n(text: str) -> Name:
    return Name.of(text)


# ---------------------------------------------------------------- what the reader builds

def test_axiom() -> None:
    (item,) = read(*A_PROP)
    assert item.line == 4
    assert isinstance(item.decl, D.AxiomDecl)
    assert item.decl.name is n("A") and item.decl.type is mk_sort(L.ZERO) and item.decl.level_params == ()


def test_levels_and_constants() -> None:
    (item,) = read(
        '{"in":1,"str":{"pre":0,"str":"u"}}', '{"in":2,"str":{"pre":0,"str":"v"}}',
        '{"in":3,"num":{"pre":1,"i":7}}', '{"il":1,"param":1}', '{"il":2,"param":2}',
        '{"il":3,"max":[1,2]}', '{"il":4,"imax":[3,0]}', '{"il":5,"succ":4}',
        '{"ie":0,"const":{"name":3,"us":[5,1]}}',
        '{"axiom":{"isUnsafe":false,"levelParams":[1,2],"name":3,"type":0}}')
    u, v = L.param(n("u")), L.param(n("v"))
    expected = mk_const(Name.num(n("u"), 7), [L.succ(L.imax(L.max_(u, v), L.ZERO)), u])
    assert item.decl.type is expected
    assert item.decl.level_params == (n("u"), n("v"))


def test_binders_let_literals_proj_mdata() -> None:
    items = read(
        '{"in":1,"str":{"pre":0,"str":"x"}}', '{"in":2,"str":{"pre":0,"str":"P"}}',
        '{"ie":0,"sort":0}', '{"ie":1,"bvar":0}',
        '{"ie":2,"forallE":{"binderInfo":"implicit","body":0,"name":1,"type":0}}',
        '{"ie":3,"lam":{"binderInfo":"instImplicit","body":1,"name":1,"type":0}}',
        '{"ie":4,"letE":{"body":1,"name":1,"nondep":true,"type":0,"value":0}}',
        '{"ie":5,"natVal":"18446744073709551616"}', '{"ie":6,"strVal":"hé\\n"}',
        '{"ie":7,"proj":{"idx":1,"struct":5,"typeName":2}}',
        '{"ie":8,"mdata":{"expr":7,"data":{"k":1}}}', '{"ie":9,"app":{"fn":3,"arg":8}}',
        '{"def":{"all":[2],"hints":{"regular":3},"levelParams":[],"name":2,"safety":"safe","type":2,"value":9}}',
        '{"def":{"all":[1],"hints":"abbrev","levelParams":[],"name":1,"safety":"partial","type":4,"value":6}}')
    d1, d2 = (i.decl for i in items)
    x, prop = n("x"), mk_sort(L.ZERO)
    assert d1.type is mk_pi(x, prop, prop, IMPLICIT)
    lam = mk_lam(x, prop, mk_bvar(0), INST_IMPLICIT)
    assert d1.value is mk_app(lam, mk_proj(n("P"), 1, mk_nat_lit(2 ** 64)))
    assert d1.hints.kind == D.HINT_REGULAR and d1.hints.height == 3
    assert d2.type is mk_let(x, prop, prop, mk_bvar(0), True)
    assert d2.value is mk_str_lit("hé\n")
    assert d2.hints.kind == D.HINT_ABBREV and d2.safety == D.PARTIAL


def test_huge_nat_literal() -> None:
    digits = "9" * 100_000
    (item,) = read('{"in":1,"str":{"pre":0,"str":"c"}}', f'{{"ie":0,"natVal":"{digits}"}}',
                   '{"axiom":{"isUnsafe":false,"levelParams":[],"name":1,"type":0}}')
    assert item.decl.type.val == 10 ** 100_000 - 1


def test_sparse_indices() -> None:
    (item,) = read('{"in":7,"str":{"pre":0,"str":"foo"}}', '{"ie":40,"sort":0}',
                   '{"axiom":{"isUnsafe":false,"levelParams":[],"name":7,"type":40}}')
    assert item.decl.name is n("foo")


def test_theorem_opaque() -> None:
    items = read(*A_PROP[:2], '{"thm":{"all":[1],"levelParams":[],"name":1,"type":0,"value":0}}',
                 '{"in":2,"str":{"pre":0,"str":"B"}}',
                 '{"opaque":{"all":[2],"isUnsafe":true,"levelParams":[],"name":2,"type":0,"value":0}}')
    assert isinstance(items[0].decl, D.TheoremDecl)
    assert isinstance(items[1].decl, D.OpaqueDecl) and items[1].decl.is_unsafe


def test_format_30_lists() -> None:
    items = read(*A_PROP[:2], '{"in":2,"str":{"pre":0,"str":"B"}}',
                 '{"def":[{"all":[1],"hints":"opaque","levelParams":[],"name":1,"safety":"safe","type":0,"value":0}]}',
                 '{"thm":[{"all":[2],"levelParams":[],"name":2,"type":0,"value":0}]}', meta=META_30)
    assert [type(i.decl) for i in items] == [D.DefinitionDecl, D.TheoremDecl]
    assert items[1].decl.name.is_anonymous() is False


def test_unsafe_mutual_definitions_are_grouped() -> None:
    body = '"hints":"opaque","levelParams":[],"safety":"unsafe","type":0,"value":0'
    items = read('{"in":1,"str":{"pre":0,"str":"f"}}', '{"in":2,"str":{"pre":0,"str":"g"}}', '{"ie":0,"sort":0}',
                 f'{{"def":{{"all":[1,2],"name":1,{body}}}}}', f'{{"def":{{"all":[1,2],"name":2,{body}}}}}')
    (item,) = items
    assert item.kind == MUTUAL and [d.name for d in item.decl.defs] == [n("f"), n("g")]


def test_inductive_block() -> None:
    (item,) = read(*NAT_BLOCK)
    assert item.kind == INDUCTIVE
    decl = item.decl
    assert decl.num_params == 0 and decl.level_params == ()
    (ty,) = decl.types
    assert ty.name is n("N") and [c.name for c in ty.ctors] == [n("N.zero"), n("N.succ")]
    kinds = [type(c) for c in item.claimed]
    assert kinds == [D.InductiveInfo, D.ConstructorInfo, D.ConstructorInfo, D.RecursorInfo]
    rec = item.claimed[-1]
    assert rec.rules[0].ctor is n("N.zero") and rec.num_minors == 2


def test_inductive_block_format_30_keys() -> None:
    line = NAT_BLOCK[-1].replace('"ctors":[{', '"constructorVals":[{').replace('"recs":', '"recursorVals":')
    line = line.replace('"types":', '"inductiveVals":')
    (item,) = read(*NAT_BLOCK[:-1], line, meta=META_30)
    assert [c.name for c in item.decl.types[0].ctors] == [n("N.zero"), n("N.succ")]


def test_quot_record() -> None:
    (item,) = read('{"in":1,"str":{"pre":0,"str":"Quot"}}', '{"ie":0,"sort":0}',
                   '{"quot":{"kind":"type","levelParams":[],"name":1,"type":0}}')
    assert item.kind == QUOT and isinstance(item.decl, D.QuotDecl)
    assert item.claimed[0].kind == D.QUOT_TYPE


def test_blank_lines_and_final_line_without_newline() -> None:
    items = list(iter_ndjson([META + "\n", "\n", A_PROP[0] + "\n", A_PROP[1] + "\n", A_PROP[2]]))
    assert len(items) == 1


# ---------------------------------------------------------------- malformed input

BAD_CASES = [
    (['{"in":1,'], 2, "malformed JSON"),
    (['[1, 2]'], 2, "expected a JSON object"),
    (['{"foo":{}}'], 2, "unknown record kind 'foo'"),
    (['{"ie":0,"foo":1}'], 2, "unknown expression kind"),
    (['{"ie":0,"sort":0,"bvar":1}'], 2, "exactly one kind"),
    (['{"il":1,"zero":0}'], 2, "unknown level record kind"),
    (['{"in":1,"sym":{"pre":0}}'], 2, "unknown name record kind"),
    (['{"ie":0,"sort":5}'], 2, "undefined level 5"),
    (['{"ie":0,"app":{"fn":1,"arg":1}}', '{"ie":1,"sort":0}'], 2, "undefined expression 1"),
    (['{"ie":0,"sort":0}', '{"ie":0,"sort":0}'], 3, "duplicate expression index 0"),
    (['{"in":0,"str":{"pre":0,"str":"x"}}'], 2, "duplicate name index 0"),
    (['{"il":0,"succ":0}'], 2, "duplicate level index 0"),
    (['{"ie":0,"bvar":"0"}'], 2, "must be a natural number"),
    (['{"ie":0,"bvar":true}'], 2, "must be a natural number"),
    (['{"ie":0,"bvar":1.5}'], 2, "must be a natural number"),
    (['{"ie":-1,"sort":0}'], 2, "must not be negative"),
    (['{"ie":0,"bvar":-3}'], 2, "must not be negative"),
    (['{"ie":0,"bvar":1000000000000000000000000000000}'], 2, "out of range"),
    (['{"ie":1000000000000000000000000000000,"sort":0}'], 2, "out of range"),
    (['{"in":1,"num":{"pre":0,"i":-1}}'], 2, "must not be negative"),
    (['{"in":1,"str":{"pre":0,"str":5}}'], 2, "must be a string"),
    (['{"ie":0,"natVal":"12a"}'], 2, "decimal string"),
    (['{"ie":0,"natVal":"-1"}'], 2, "decimal string"),
    (['{"ie":0,"natVal":"1_000"}'], 2, "decimal string"),
    (['{"ie":0,"natVal":" 1"}'], 2, "decimal string"),
    (['{"ie":0,"natVal":"\\u0661\\u0662"}'], 2, "decimal string"),
    (['{"ie":0,"natVal":""}'], 2, "decimal string"),
    (['{"ie":0,"strVal":7}'], 2, "must be a string"),
    (['{"ie":0,"sort":0}', '{"ie":1,"lam":{"binderInfo":"weird","body":0,"name":0,"type":0}}'], 3,
     "unknown binderInfo"),
    (['{"ie":0,"app":{"arg":0}}'], 2, "missing field 'fn'"),
    (['{"ie":0,"sort":0}', '{"ie":1,"app":{"fn":0}}'], 3, "missing field 'arg'"),
    (['{"il":1,"max":[0]}'], 2, "list of two"),
    (['{"ie":0,"const":{"name":0,"us":5}}'], 2, "must be a list"),
    ([*A_PROP[:2], '{"axiom":{"isUnsafe":"no","levelParams":[],"name":1,"type":0}}'], 4, "true or false"),
    ([*A_PROP[:2], '{"axiom":{"isUnsafe":false,"levelParams":[],"name":1}}'], 4, "missing field 'type'"),
    ([*A_PROP[:2], '{"def":{"all":[1],"hints":"fast","levelParams":[],"name":1,"safety":"safe","type":0,'
                   '"value":0}}'], 4, "unknown reducibility hints"),
    ([*A_PROP[:2], '{"def":{"all":[1],"hints":"opaque","levelParams":[],"name":1,"safety":"meh","type":0,'
                   '"value":0}}'], 4, "unknown definition safety"),
    ([*A_PROP[:2], '{"quot":{"kind":"nope","levelParams":[],"name":1,"type":0}}'], 4, "unknown quot kind"),
    ([*A_PROP[:2], '{"inductive":{"types":[],"ctors":[],"recs":[]}}'], 4, "no types"),
    ([*NAT_BLOCK[:-1], NAT_BLOCK[-1].replace('"ctors":[2,3]', '"ctors":[2,3,4]')], 11, "no constructor entry"),
    ([*A_PROP[:2], '{"axiom":{"isUnsafe":false,"levelParams":[],"name":1,"type":0},"extra":1}'], 4,
     "unknown record"),
    ([META], 2, "second meta"),
]


@pytest.mark.parametrize("lines, line_no, fragment", BAD_CASES)
def test_malformed(lines: list[str], line_no: int, fragment: str) -> None:
    with pytest.raises(ExportError) as info:
        read(*lines)
    assert info.value.line == line_no
    assert fragment in info.value.message
    assert str(info.value).startswith(f"line {line_no}: ")


def test_missing_meta() -> None:
    with pytest.raises(ExportError, match="meta"):
        list(iter_ndjson([A_PROP[0] + "\n"]))


def test_empty_file() -> None:
    with pytest.raises(ExportError, match="empty"):
        list(iter_ndjson([]))


def test_unsupported_version_declines() -> None:
    with pytest.raises(ExportDecline, match="4.0.0"):
        read(*A_PROP, meta=META.replace("3.1.0", "4.0.0"))


def test_truncated_last_line() -> None:
    with pytest.raises(ExportError) as info:
        list(iter_ndjson([META + "\n", A_PROP[0] + "\n", '{"ie":0,"so']))
    assert info.value.line == 3 and "truncated" in info.value.message


def test_deeply_nested_json() -> None:
    with pytest.raises(ExportError, match="malformed JSON"):
        read("[" * 200_000 + "]" * 200_000)


def test_incomplete_mutual_block() -> None:
    body = '"hints":"opaque","levelParams":[],"safety":"unsafe","type":0,"value":0'
    with pytest.raises(ExportError, match="incomplete: missing g"):
        read('{"in":1,"str":{"pre":0,"str":"f"}}', '{"in":2,"str":{"pre":0,"str":"g"}}', '{"ie":0,"sort":0}',
             f'{{"def":{{"all":[1,2],"name":1,{body}}}}}')


# ---------------------------------------------------------------- the checker with a stand-in kernel

def as_file(*lines: str, meta: str = META) -> io.StringIO:
    return io.StringIO("".join(line + "\n" for line in (meta, *lines)))


def test_check_counts_and_submits() -> None:
    env = FakeEnv()
    result = check_export(as_file(*NAT_BLOCK, '{"in":9,"str":{"pre":0,"str":"ax"}}',
                                  '{"axiom":{"isUnsafe":false,"levelParams":[],"name":9,"type":0}}'), env)
    assert result.ok and result.declarations == 2
    assert result.by_kind == {"inductive": 1, "axiom": 1}
    assert len(env.inductives) == 1 and len(env.inductives[0][1]) == 4
    assert result.lines == 13


def test_check_reports_kernel_rejection_with_name_and_line() -> None:
    result = check_export(as_file(*A_PROP), FakeEnv(fail_on="A"))
    assert result.status == "reject"
    assert result.error == "line 4: A: rejected on purpose"
    assert result.error_line == 4 and result.error_decl == "A"


def test_check_reports_kernel_decline() -> None:
    result = check_export(as_file(*A_PROP), FakeEnv(fail_on="A", error=KernelDecline))
    assert result.status == "decline"


def test_check_reports_malformed_input_as_reject() -> None:
    result = check_export(as_file('{"ie":0,"sort":9}'), FakeEnv())
    assert result.status == "reject" and result.error == "line 2: reference to undefined level 9"


def test_check_invalid_utf8_names_line() -> None:
    data = (META + "\n").encode() + b'{"in":1,"str":{"pre":0,"str":"\xff"}}\n'
    result = check_export(io.BytesIO(data), FakeEnv())
    assert result.status == "reject" and result.error_line == 2 and "UTF-8" in result.error


QUOT_LINES = ['{"in":1,"str":{"pre":0,"str":"Quot"}}', '{"in":2,"str":{"pre":1,"str":"mk"}}',
              '{"in":3,"str":{"pre":0,"str":"u"}}', '{"il":1,"param":3}', '{"ie":0,"sort":1}']


def quot_env() -> FakeEnv:
    u = n("u")
    infos = [D.QuotInfo(name=n("Quot"), level_params=(u,), type=mk_sort(L.param(u)), kind=D.QUOT_TYPE),
             D.QuotInfo(name=n("Quot.mk"), level_params=(u,), type=mk_sort(L.param(u)), kind=D.QUOT_MK)]
    return FakeEnv(quot_infos=infos)


def test_quot_added_once_and_verified() -> None:
    env = quot_env()
    result = check_export(as_file(*QUOT_LINES, '{"quot":{"kind":"type","levelParams":[3],"name":1,"type":0}}',
                                  '{"quot":{"kind":"ctor","levelParams":[3],"name":2,"type":0}}'), env)
    assert result.ok, result.error
    assert sum(isinstance(d, D.QuotDecl) for d in env.added) == 1


@pytest.mark.parametrize("record, fragment", [
    ('{"quot":{"kind":"type","levelParams":[],"name":1,"type":0}}', "universe parameters"),
    ('{"quot":{"kind":"type","levelParams":[3],"name":1,"type":5}}', "does not have the type"),
    ('{"quot":{"kind":"ctor","levelParams":[3],"name":1,"type":0}}', "kind is 'ctor'"),
    ('{"quot":{"kind":"type","levelParams":[3],"name":4,"type":0}}', "not a constant the kernel installed"),
])
def test_quot_mismatch_rejected(record: str, fragment: str) -> None:
    lines = [*QUOT_LINES, '{"in":4,"str":{"pre":0,"str":"False"}}', '{"ie":5,"sort":0}', record]
    result = check_export(as_file(*lines), quot_env())
    assert result.status == "reject" and fragment in result.error, result.error
    assert result.error_line == 9


def test_duplicate_quot_record_rejected() -> None:
    rec = '{"quot":{"kind":"type","levelParams":[3],"name":1,"type":0}}'
    result = check_export(as_file(*QUOT_LINES, rec, rec), quot_env())
    assert result.status == "reject" and "duplicate" in result.error


@pytest.mark.parametrize("line", [
    '{"app":{"arg":0,"fn":0},"ie":1}xyz',          # trailing garbage after an otherwise exact record
    '{"app":{"arg":00,"fn":0},"ie":1}',            # leading zero: not JSON
    '{"app":{"arg":0,"fn":0},"ie":0}',             # duplicate index
    '{"app":{"arg":0,"fn":9},"ie":1}',             # unknown reference
])
def test_application_fast_path_keeps_every_check(line: str) -> None:
    lines = [META, '{"in":1,"str":{"pre":0,"str":"A"}}', '{"ie":0,"sort":0}', line]
    result = check_export(lines)
    assert result.status == "reject" and result.error_line == 4, result.error
