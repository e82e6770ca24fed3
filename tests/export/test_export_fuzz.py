"""Corrupted NDJSON never escapes as anything but ExportError (no KeyError, TypeError, hang...)."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from leanr_py.export import ExportError, iter_ndjson

VALID = [
    '{"meta":{"exporter":{"name":"lean4export","version":"3.1.0"},"format":{"version":"3.1.0"},'
    '"lean":{"githash":"0","version":"4.29.1"}}}',
    '{"in":1,"str":{"pre":0,"str":"N"}}', '{"in":2,"num":{"pre":1,"i":3}}', '{"il":1,"succ":0}',
    '{"il":2,"param":1}', '{"il":3,"max":[1,2]}', '{"ie":0,"sort":3}', '{"ie":1,"const":{"name":1,"us":[2]}}',
    '{"ie":2,"forallE":{"binderInfo":"default","body":1,"name":2,"type":1}}', '{"ie":3,"bvar":0}',
    '{"ie":4,"lam":{"binderInfo":"implicit","body":3,"name":2,"type":1}}', '{"ie":5,"app":{"fn":4,"arg":1}}',
    '{"ie":6,"natVal":"42"}', '{"ie":7,"strVal":"s"}', '{"ie":8,"proj":{"idx":0,"struct":5,"typeName":1}}',
    '{"ie":9,"letE":{"body":3,"name":2,"nondep":false,"type":1,"value":6}}',
    '{"axiom":{"isUnsafe":false,"levelParams":[1],"name":1,"type":0}}',
    '{"def":{"all":[2],"hints":{"regular":1},"levelParams":[1],"name":2,"safety":"safe","type":2,"value":4}}',
    '{"inductive":{"ctors":[{"cidx":0,"induct":1,"isUnsafe":false,"levelParams":[],"name":2,"numFields":0,'
    '"numParams":0,"type":1}],"recs":[{"all":[1],"isUnsafe":false,"k":false,"levelParams":[],"name":2,'
    '"numIndices":0,"numMinors":1,"numMotives":1,"numParams":0,"rules":[{"ctor":2,"nfields":0,"rhs":1}],'
    '"type":1}],"types":[{"all":[1],"ctors":[2],"isRec":false,"isReflexive":false,"isUnsafe":false,'
    '"levelParams":[],"name":1,"numIndices":0,"numNested":0,"numParams":0,"type":0}]}}',
    '{"quot":{"kind":"type","levelParams":[1],"name":1,"type":0}}',
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-5, max_value=12) | st.integers() | st.floats()
    | st.text(max_size=6),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)


def paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    stack = [(value, prefix)]
    while stack:
        v, p = stack.pop()
        items = v.items() if isinstance(v, dict) else enumerate(v) if isinstance(v, list) else ()
        for k, child in items:
            out.append(p + (k,))
            stack.append((child, p + (k,)))
    return out


def replace(value: object, path: tuple, new: object) -> object:
    if not path:
        return new
    copy = json.loads(json.dumps(value))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return copy


@settings(max_examples=250, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.integers(min_value=0), json_values,
       st.booleans())
def test_corrupted_lines_only_raise_export_error(line_idx: int, path_seed: int, new: object, cut: bool) -> None:
    record = json.loads(VALID[line_idx])
    candidates = paths(record)
    mutated = replace(record, candidates[path_seed % len(candidates)], new)
    lines = [*VALID]
    lines[line_idx] = json.dumps(mutated)
    text = "\n".join(lines)
    if cut:
        text = text[: (path_seed % len(text)) + 1]
    try:
        for _ in iter_ndjson(text.splitlines(keepends=True)):
            pass
    except ExportError as exc:
        assert exc.line >= 1 and exc.message
