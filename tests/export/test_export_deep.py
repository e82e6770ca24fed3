"""Deep and huge inputs through the whole path (reader + kernel): a verdict, never a crash."""
from __future__ import annotations

import json

from leanr_py.export import check_export

META = json.dumps({"meta": {"exporter": {"name": "test", "version": "3.1.0"},
                            "format": {"version": "3.1.0"}, "lean": {"githash": "0", "version": "4.29.1"}}})

NAT = [
    '{"in":1,"str":{"pre":0,"str":"Nat"}}', '{"in":2,"str":{"pre":1,"str":"zero"}}',
    '{"in":3,"str":{"pre":1,"str":"succ"}}', '{"in":4,"str":{"pre":0,"str":"n"}}',
    '{"in":5,"str":{"pre":0,"str":"deep"}}', '{"in":6,"str":{"pre":0,"str":"deepLam"}}',
    '{"il":1,"succ":0}', '{"ie":0,"sort":1}', '{"ie":1,"const":{"name":1,"us":[]}}',
    '{"ie":2,"forallE":{"binderInfo":"default","body":1,"name":4,"type":1}}',
    '{"inductive":{"types":[{"all":[1],"ctors":[2,3],"isRec":true,"isReflexive":false,"isUnsafe":false,'
    '"levelParams":[],"name":1,"numIndices":0,"numNested":0,"numParams":0,"type":0}],"ctors":[{"cidx":0,'
    '"induct":1,"isUnsafe":false,"levelParams":[],"name":2,"numFields":0,"numParams":0,"type":1},{"cidx":1,'
    '"induct":1,"isUnsafe":false,"levelParams":[],"name":3,"numFields":1,"numParams":0,"type":2}],"recs":[]}}',
    '{"ie":3,"const":{"name":2,"us":[]}}', '{"ie":4,"const":{"name":3,"us":[]}}',
]


def deep_export(depth: int) -> list[str]:
    """`deep := succ (succ … zero)` and `deepLam : Nat → … → Nat := fun n … n => zero`, `depth` levels each."""
    lines = [META, *NAT]
    prev, i = 3, 5
    for _ in range(depth):
        lines.append(json.dumps({"ie": i, "app": {"fn": 4, "arg": prev}}))
        prev, i = i, i + 1
    lines.append(json.dumps({"def": {"all": [5], "hints": {"regular": 1}, "levelParams": [], "name": 5,
                                     "safety": "safe", "type": 1, "value": prev}}))
    ty, lam = 1, 3
    for _ in range(depth):
        lines.append(json.dumps({"ie": i, "forallE": {"binderInfo": "default", "body": ty, "name": 4, "type": 1}}))
        ty, i = i, i + 1
        lines.append(json.dumps({"ie": i, "lam": {"binderInfo": "default", "body": lam, "name": 4, "type": 1}}))
        lam, i = i, i + 1
    lines.append(json.dumps({"def": {"all": [6], "hints": {"regular": 1}, "levelParams": [], "name": 6,
                                     "safety": "safe", "type": ty, "value": lam}}))
    return lines


def test_terms_ten_thousand_deep_are_checked() -> None:
    result = check_export(deep_export(10_000))
    assert result.status == "accept", result.error
    assert result.declarations == 3


def test_far_too_deep_terms_get_a_verdict_not_a_crash() -> None:
    result = check_export(deep_export(100_000))
    assert result.status in ("accept", "decline"), result.error
    if result.status == "decline":
        assert "deeply nested" in (result.error or "")


def test_hundred_thousand_digit_literal() -> None:
    digits = "1" + "0" * 100_000
    lines = [META, *NAT, f'{{"ie":5,"natVal":"{digits}"}}',
             '{"def":{"all":[5],"hints":{"regular":1},"levelParams":[],"name":5,"safety":"safe","type":1,"value":5}}']
    result = check_export(lines)
    assert result.status == "accept", result.error
