"""eval-lite on Lean's own definitions: the Init.Prelude export of Lean 4.29 (structural recursion through
`brecOn`, matchers, byte strings, `Decidable` instances), when the shared corpus is present."""
from __future__ import annotations

from pathlib import Path

import pytest

from leanr_py.eval import Evaluator
from leanr_py.eval.render import Renderer
from leanr_py.kernel import expr as E
from leanr_py.kernel.environment import Environment, ensure_recursion_limit
from leanr_py.kernel.level import ONE, ZERO
from leanr_py.kernel.name import Name

EXPORT = Path(__file__).resolve().parents[2].parent / "shared/corpus/export/core/init-prelude.lean-4.29.1.ndjson"
N = Name.of


@pytest.fixture(scope="module")
def env() -> Environment:
    if not EXPORT.exists():
        pytest.skip("the shared corpus is not present")
    from leanr_py.export import check_export

    ensure_recursion_limit()
    env = Environment()
    assert check_export(str(EXPORT), env=env).ok
    return env


def c(name: str, *levels):  # type: ignore[no-untyped-def]
    return E.mk_const(N(name), levels)


def app(f, *args):  # type: ignore[no-untyped-def]
    return E.mk_app_n(f, args)


NAT = c("Nat")
lit = E.mk_nat_lit


def nat_list(xs: list[int]) -> E.Expr:
    r = app(c("List.nil", ZERO), NAT)
    for x in reversed(xs):
        r = app(c("List.cons", ZERO), NAT, lit(x), r)
    return r


def show(env: Environment, e: E.Expr, ty: E.Expr) -> str:
    ev = Evaluator(env)
    return Renderer(ev).render(ev.eval(e), ty)


def test_structural_recursion_of_lean(env):
    succ = E.mk_lam(N("x"), NAT, app(c("Nat.succ"), E.mk_bvar(0)))
    mapped = app(c("List.map", ZERO, ZERO), NAT, NAT, succ, nat_list([1, 2, 3]))
    assert show(env, mapped, app(c("List", ZERO), NAT)) == "[2, 3, 4]"
    folded = app(c("List.foldl", ZERO, ZERO), NAT, NAT, c("Nat.add"), lit(0), nat_list(list(range(200))))
    assert show(env, folded, NAT) == str(sum(range(200)))
    assert show(env, app(c("List.length", ZERO), NAT, nat_list([5] * 50)), NAT) == "50"


def test_decidable_instances_of_lean(env):
    eq = app(c("Eq", ONE), NAT, lit(3), lit(3))
    assert show(env, app(c("Decidable.decide"), eq, app(c("instDecidableEqNat"), lit(3), lit(3))), c("Bool")) == "true"
    lt = app(c("LT.lt", ZERO), NAT, c("instLTNat"), lit(5), lit(3))
    assert show(env, app(c("Decidable.decide"), lt, app(c("Nat.decLt"), lit(5), lit(3))), c("Bool")) == "false"


def test_strings_and_chars_of_lean(env):
    chars = app(c("List.nil", ZERO), c("Char"))
    for ch in reversed("hé"):
        chars = app(c("List.cons", ZERO), c("Char"), app(c("Char.ofNat"), lit(ord(ch))), chars)
    assert show(env, app(c("String.ofList"), chars), c("String")) == '"hé"'
    assert show(env, E.mk_str_lit('a"b'), c("String")) == '"a\\"b"'


def test_big_arithmetic_of_lean(env):
    e = app(c("Nat.mod"), app(c("Nat.add"), app(c("Nat.pow"), lit(2), lit(64)), lit(7)), lit(13))
    assert show(env, e, NAT) == "10"
    assert show(env, app(c("Nat.div"), lit(10 ** 40), lit(7)), NAT) == str(10 ** 40 // 7)
