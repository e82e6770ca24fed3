"""eval-lite on closed terms of an elaborated environment: recursion, big numbers, erased proofs, gas."""
from __future__ import annotations

import math

import pytest

from leanr_py.elab.command import CommandElaborator
from leanr_py.eval import Ctor, EvalError, Evaluator
from leanr_py.gas import Gas, GasExhausted
from leanr_py.kernel import expr as E
from leanr_py.kernel.declaration import PARTIAL, DefinitionDecl, MutualDefinitionDecl
from leanr_py.kernel.environment import ensure_recursion_limit
from leanr_py.kernel.name import Name
from leanr_py.prelude import fork_prelude

N = Name.of
NAT = E.mk_const(N("Nat"))

DEFS = """
def fact : Nat → Nat := fun n => Nat.rec (motive := fun _ => Nat) 1 (fun k ih => (k + 1) * ih) n
def fibPair : Nat → Prod Nat Nat := fun n =>
  Nat.rec (motive := fun _ => Prod Nat Nat) (Prod.mk 0 1) (fun _ p => Prod.mk p.2 (p.1 + p.2)) n
def fib (n : Nat) : Nat := (fibPair n).1
def len (xs : List Nat) : Nat := List.rec.{1, 0} (motive := fun _ => Nat) 0 (fun _ _ ih => ih + 1) xs
def map (f : Nat → Nat) (xs : List Nat) : List Nat :=
  List.rec.{1, 0} (motive := fun _ => List Nat) List.nil (fun x _ ih => List.cons (f x) ih) xs
def upto (n : Nat) : List Nat :=
  Nat.rec (motive := fun _ => List Nat) List.nil (fun k ih => List.cons k ih) n
def predSlow (n : Nat) : Nat := Nat.rec (motive := fun _ => Nat) 0 (fun k _ => k) n
axiom opaqueNumber : Nat
axiom natSelf : Eq Nat Nat
def castNat (h : Eq Nat Nat) (n : Nat) : Nat := Eq.rec (motive := fun x _ => x) n h
axiom bad : False
def boom : Nat := False.elim bad
def countdown : Nat → Nat := WellFounded.fix (C := fun _ => Nat) (@WellFoundedRelation.wf Nat Nat.lt_wfRel)
  (fun n ih => Nat.rec (motive := fun k => k = n → Nat) (fun _ => 0) (fun k _ h => ih k sorry + 2) n rfl)
"""


@pytest.fixture(scope="module")
def env():
    ensure_recursion_limit()
    env, table = fork_prelude()
    msgs = CommandElaborator(env, table).elab_file(DEFS)
    assert [m for m in msgs if m.severity == "error"] == []
    return env


def run(env, name: str, *args, gas: int | None = None):
    e = E.mk_app_n(E.mk_const(N(name)), [E.mk_nat_lit(a) if isinstance(a, int) else a for a in args])
    ev = Evaluator(env, None if gas is None else Gas(gas))
    return ev, ev.eval(e)


def test_factorial_is_exact(env):
    assert run(env, "fact", 20)[1] == 2432902008176640000
    assert run(env, "fact", 300)[1] == math.factorial(300)


def test_fibonacci_by_pairs(env):
    a, b = 0, 1
    for _ in range(200):
        a, b = b, a + b
    assert run(env, "fib", 200)[1] == a


def test_list_functions(env):
    ev, xs = run(env, "upto", 5)
    assert [ev.as_nat(x) for x in ev.list_items(xs)] == [4, 3, 2, 1, 0]
    doubled = E.mk_app_n(E.mk_const(N("map")), [E.mk_const(N("fact")), E.mk_app(E.mk_const(N("upto")), E.mk_nat_lit(5))])
    v = ev.eval(doubled)
    assert [ev.as_nat(x) for x in ev.list_items(v)] == [24, 6, 2, 1, 1]
    length = E.mk_app(E.mk_const(N("len")), E.mk_app(E.mk_const(N("upto")), E.mk_nat_lit(3000)))
    assert ev.eval(length) == 3000


def test_big_numbers_use_python_ints(env):
    two_pow = E.mk_app_n(E.mk_const(N("Nat.pow")), [E.mk_nat_lit(2), E.mk_nat_lit(33_000)])
    ev = Evaluator(env)
    assert ev.eval(two_pow) == 2 ** 33_000
    beq = E.mk_app_n(E.mk_const(N("Nat.beq")), [two_pow, E.mk_nat_lit(2 ** 33_000)])
    assert ev.eval_bool(beq) is True
    assert ev.gas.used < 10_000


def test_unused_induction_hypothesis_is_not_computed(env):
    # `Nat.rec` with a lazy induction hypothesis: the predecessor of a huge number is one step
    ev, v = run(env, "predSlow", 10 ** 50, gas=50_000)
    assert v == 10 ** 50 - 1


def test_proofs_are_erased(env):
    # the cast's proof is an axiom: never evaluated (Eq.rec is K-like)
    _, v = run(env, "castNat", E.mk_const(N("natSelf")), 7)
    assert v == 7


def test_well_founded_recursion_runs_as_plain_recursion(env):
    # `WellFounded.fix F x = F x (fun y _ => WellFounded.fix F y)`, as compiled code runs it: the
    # decreasing proofs (here `sorry`) are never looked at
    assert run(env, "countdown", 500)[1] == 1000


def test_unreachable_code(env):
    with pytest.raises(EvalError, match="unreachable code has been reached"):
        run(env, "boom")


def test_axioms_have_no_value(env):
    with pytest.raises(EvalError, match="axiom"):
        run(env, "opaqueNumber")


def test_sorry_is_refused(env):
    from leanr_py.kernel.level import ONE

    e = E.mk_app_n(E.mk_const(N("sorryAx"), (ONE,)), [NAT, E.mk_const(N("Bool.false"))])
    with pytest.raises(EvalError, match="sorry"):
        Evaluator(env).eval(e)


def _loop_env(env):
    """`partial def loop (n : Nat) : Nat := loop (n + 1)` and a non-tail `grow n = grow n + 1`."""
    e2 = type(env)()
    e2.constants = dict(env.constants)
    e2.literal_checks = dict(env.literal_checks)
    succ = E.mk_const(N("Nat.succ"))
    for name, body in (("loop", E.mk_app(E.mk_const(N("loop")), E.mk_app(succ, E.mk_bvar(0)))),
                       ("grow", E.mk_app(succ, E.mk_app(E.mk_const(N("grow")), E.mk_bvar(0))))):
        d = DefinitionDecl(N(name), (), E.mk_arrow(NAT, NAT), E.mk_lam(N("n"), NAT, body), safety=PARTIAL)
        e2.add(MutualDefinitionDecl((d,)))
    return e2


def test_non_terminating_definitions_exhaust_the_budget(env):
    e2 = _loop_env(env)
    for name in ("loop", "grow"):
        with pytest.raises(GasExhausted):
            run(e2, name, 0, gas=200_000)


def test_gas_is_deterministic(env):
    used = {run(env, "fib", 300)[0].gas.used for _ in range(3)}
    assert len(used) == 1


def test_bool_results(env):
    ev = Evaluator(env)
    v = ev.eval(E.mk_app_n(E.mk_const(N("Nat.ble")), [E.mk_nat_lit(3), E.mk_nat_lit(2)]))
    assert isinstance(v, Ctor) and v.name is N("Bool.false")


def test_open_terms_are_refused(env):
    with pytest.raises(EvalError):
        Evaluator(env).eval(E.mk_bvar(0))


NATIVE = """
def aux : Bool := Nat.beq ((2^64 + 7) - 13 * 1418980313362273201) 10
theorem t : aux = Bool.true := Lean.ofReduceBool aux Bool.true (Eq.refl Bool.true)
"""


def test_native_reduction_only_where_the_evaluator_is_installed():
    import io

    from leanr_py.export import check_export
    from leanr_py.export.writer import write_export
    from leanr_py.kernel.declaration import TheoremDecl
    from leanr_py.kernel.environment import Environment
    from leanr_py.kernel.errors import KernelError

    ensure_recursion_limit()
    env, table = fork_prelude()
    assert [m for m in CommandElaborator(env, table).elab_file(NATIVE) if m.severity == "error"] == []
    assert env.native_evaluator is not None
    t = env.get(N("t"))
    # a kernel environment without an evaluator leaves `Lean.reduceBool aux` stuck: the proof is refused
    bare = Environment()
    bare.constants = {n: c for n, c in env.constants.items() if n is not N("t")}
    with pytest.raises(KernelError):
        bare.add(TheoremDecl(t.name, t.level_params, t.type, t.value))
    # and so does export checking
    out = io.StringIO()
    write_export(env, out, names=[N("t")])
    result = check_export(io.StringIO(out.getvalue()).readlines())
    assert result.status == "reject" and result.error_decl == "t", (result.status, result.error)


def test_partial_definitions_run_their_unsafe_rec_code(env):
    from leanr_py.kernel.declaration import OpaqueDecl
    from leanr_py.kernel.level import ONE

    e2 = type(env)()
    e2.constants = dict(env.constants)
    e2.literal_checks = dict(env.literal_checks)
    default = E.mk_app_n(E.mk_const(N("Inhabited.default"), (ONE,)), [NAT, E.mk_const(N("instInhabitedNat"))])
    e2.add(OpaqueDecl(N("twice"), (), E.mk_arrow(NAT, NAT), E.mk_lam(N("n"), NAT, default)))
    with pytest.raises(EvalError, match="partial"):
        run(e2, "twice", 4)
    body = E.mk_app_n(E.mk_const(N("Nat.add")), [E.mk_bvar(0), E.mk_bvar(0)])
    impl = DefinitionDecl(N("twice._unsafe_rec"), (), E.mk_arrow(NAT, NAT), E.mk_lam(N("n"), NAT, body), safety=PARTIAL)
    e2.add(MutualDefinitionDecl((impl,)))
    assert run(e2, "twice", 4)[1] == 8


def test_long_chains_of_values_are_freed_without_deep_recursion(env):
    # freeing 3,000 list cells (and 100,000 hand-made links) must not recurse once per link: that is a
    # fatal stack overflow in Pyodide
    ev, xs = run(env, "upto", 3000)
    assert len(ev.list_items(xs)) == 3000
    del ev, xs
    from leanr_py.eval.values import Ctor, Thunk

    x: object = 0
    for i in range(100_000):
        t = Thunk(E.mk_nat_lit(0), ())
        t.expr, t.value = None, x
        x = Ctor(N("c"), 1, (i, t))
    del x, t
