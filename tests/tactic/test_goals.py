"""Goals after each step of classic proofs, as Lean prints them; the resumable proof-state API."""
from __future__ import annotations

from leanr_py.kernel.name import Name
from leanr_py.prelude import fork_prelude
from leanr_py.tactic import ProofState, goals, run_tactic

from .helpers import goals_after, run


def test_add_zero_left_by_induction_goals():
    src = ("theorem zero_add' (n : Nat) : 0 + n = n := by\n"
           "  induction n with\n"
           "  | zero => rfl\n"
           "  | succ k ih => exact congrArg Nat.succ ih\n")
    ce, msgs = run(src)
    assert not [m for m in msgs if m.severity == "error"]
    infos = ce.info.tactics
    induction = next(t for t in infos if t.span.line == 2)
    assert [g.pretty() for g in induction.goals_before] == ["n : Nat\n⊢ 0 + n = n"]
    # the alternatives ran inside the induction tactic: their records come first
    zero = next(t for t in infos if t.span.line == 3)
    assert [g.pretty() for g in zero.goals_before] == ["case zero\n⊢ 0 + 0 = 0"]
    assert zero.goals_after == ()
    succ = next(t for t in infos if t.span.line == 4)
    assert [g.pretty() for g in succ.goals_before] == ["case succ\nk : Nat\nih : 0 + k = k\n⊢ 0 + (k + 1) = k + 1"]
    assert induction.goals_after == ()


def test_constructor_goals_with_case_tags():
    steps = goals_after("theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q := by\n  constructor\n  exact hp\n  exact hq\n")
    assert steps[0] == ["case left\np q : Prop\nhp : p\nhq : q\n⊢ p", "case right\np q : Prop\nhp : p\nhq : q\n⊢ q"]
    assert steps[1] == ["case right\np q : Prop\nhp : p\nhq : q\n⊢ q"]
    assert steps[2] == []


def test_rewrite_chain_goals():
    steps = goals_after("theorem t (a b c : Nat) (h1 : a = b) (h2 : b = c) : a = c := by\n"
                        "  rw [h1]\n  exact h2\n")
    assert steps[0] == ["a b c : Nat\nh1 : a = b\nh2 : b = c\n⊢ b = c"]


def test_intro_goals_and_inaccessible_names():
    steps = goals_after("theorem t (p q : Prop) : p → q → p := by\n  intro hp\n  intro\n  exact hp\n")
    assert steps[0] == ["p q : Prop\nhp : p\n⊢ q → p"]
    assert steps[1] == ["p q : Prop\nhp : p\na✝ : q\n⊢ p"]


def test_goal_json():
    ce, _ = run("theorem t (x y : Nat) (h : x = y) : y = x := by\n  exact h.symm\n")
    g = ce.info.tactics[0].goals_before[0]
    assert g.to_json()["hyps"] == [{"names": ["x", "y"], "type": "Nat"}, {"names": ["h"], "type": "x = y"}]
    assert g.target == "y = x"


def test_proof_state_api_is_resumable_and_immutable():
    env, table = fork_prelude()
    from leanr_py.elab.meta import MetaContext
    from leanr_py.kernel import expr as E

    p = E.mk_const(Name.of("True"))
    target = E.mk_pi(Name.of("h"), p, p)  # True → True
    st = ProofState.for_goal(env, table, target)
    assert [g.pretty() for g in goals(st)] == ["⊢ True → True"]
    st1, msgs = run_tactic(st, "intro h")
    assert msgs == [] and [g.pretty() for g in goals(st1)] == ["h : True\n⊢ True"]
    again, _ = run_tactic(st, "intro h")
    assert [g.pretty() for g in goals(again)] == [g.pretty() for g in goals(st1)]
    assert [g.pretty() for g in goals(st)] == ["⊢ True → True"]   # the old state did not change
    bad, msgs = run_tactic(st1, "exact foo")
    assert bad is st1 and msgs[0].severity == "error" and msgs[0].message == "Unknown identifier `foo`"
    done, msgs = run_tactic(st1, "exact h")
    assert msgs == [] and done.is_solved()
    proof = done.proof_term()
    assert proof.kind == E.LAM
    del MetaContext


def test_sorry_observer_gives_resumable_states():
    from leanr_py.elab.command import CommandElaborator

    seen = []

    class Recording(CommandElaborator):
        def _term_elab(self, namespace, univs):  # type: ignore[no-untyped-def]
            te, meta = super()._term_elab(namespace, univs)
            te.on_sorry = lambda span, st: seen.append((span.line, st))
            return te, meta

    env, table = fork_prelude()
    ce = Recording(env, table)
    ce.elab_file("theorem t (p q : Prop) (hp : p) : p ∧ p := by\n  constructor\n  · sorry\n  · exact hp\n")
    (line, st), = seen
    assert line == 3 and [g.pretty() for g in goals(st)] == ["case left\np q : Prop\nhp : p\n⊢ p"]
    done, msgs = run_tactic(st, "exact hp")
    assert msgs == [] and done.is_solved()


def _goals_by_line(src: str) -> dict[int, list[str]]:
    ce, msgs = run(src)
    assert not [m for m in msgs if m.severity == "error"], msgs
    return {t.span.line: [g.pretty() for g in t.goals_after] for t in ce.info.tactics}


def test_nat_add_comm_by_induction_step_by_step():
    after = _goals_by_line("theorem add_comm' (m n : Nat) : m + n = n + m := by\n"
                           "  induction n with\n  | zero => simp\n  | succ n ih =>\n"
                           "    rw [Nat.add_succ]\n    rw [ih]\n    rw [Nat.succ_add]\n")
    ctx = "case succ\nm n : Nat\nih : m + n = n + m\n"
    assert after[3] == []
    assert after[5] == [ctx + "⊢ (m + n).succ = n + 1 + m"]
    assert after[6] == [ctx + "⊢ (n + m).succ = n + 1 + m"]
    assert after[7] == [] and after[2] == []


def test_list_reverse_reverse_step_by_step():
    after = _goals_by_line("theorem rev_rev {α : Type} (as : List α) : as.reverse.reverse = as := by\n"
                           "  induction as with\n  | nil => rfl\n  | cons a as ih =>\n"
                           "    rw [List.reverse_cons]\n    rw [List.reverse_append]\n    rw [ih]\n    rfl\n")
    ctx = "case cons\nα : Type\na : α\nas : List α\nih : as.reverse.reverse = as\n"
    assert after[5] == [ctx + "⊢ (as.reverse ++ [a]).reverse = a :: as"]
    assert after[6] == [ctx + "⊢ [a].reverse ++ as.reverse.reverse = a :: as"]
    assert after[7] == [ctx + "⊢ [a].reverse ++ as = a :: as"]
    assert after[8] == [] and after[2] == []


def test_calc_chain_goals():
    ce, msgs = run("theorem chain (a b c d : Nat) (h1 : a = b) (h2 : b = c) (h3 : c + 0 = d) : a = d := by\n"
                   "  calc a = b := h1\n    _ = c := h2\n    _ = d := by simp at h3; exact h3\n")
    assert not [m for m in msgs if m.severity == "error"], msgs
    ctx = "a b c d : Nat\nh1 : a = b\nh2 : b = c\n"
    calc = next(t for t in ce.info.tactics if t.span.line == 2)
    assert [g.pretty() for g in calc.goals_before] == [ctx + "h3 : c + 0 = d\n⊢ a = d"]
    assert calc.goals_after == ()
    inner = [t for t in ce.info.tactics if t.span.line == 4]
    assert [g.pretty() for g in inner[0].goals_before] == [ctx + "h3 : c + 0 = d\n⊢ c = d"]
    assert [g.pretty() for g in inner[0].goals_after] == [ctx + "h3 : c = d\n⊢ c = d"]


def test_constants_are_shown_by_their_shortest_name_in_scope():
    # Lean's `unresolveNameGlobal`: inside `namespace Foo` or under `open Foo`, `Foo.bar` is `bar`; a local
    # named `bar` keeps the full name; a protected name keeps its namespace
    src = ("namespace Foo\ndef bar (n : Nat) : Nat := n\n"
           "example (n : Nat) : bar n = n := by\n  skip\n  rfl\n"
           "example (bar : Nat) : Foo.bar bar = bar := by\n  skip\n  rfl\nend Foo\n"
           "open Foo in\nexample (n : Nat) : bar n = n := by\n  skip\n  rfl\n"
           "open Nat in\nexample (a b : Nat) : Nat.add_comm a b = Nat.add_comm a b := by\n  skip\n  rfl\n")
    shown = [gs[0].split("⊢ ")[1] for gs in goals_after(src) if gs]
    assert shown[:4] == ["bar n = n", "Foo.bar bar = bar", "bar n = n", "Nat.add_comm a b = Nat.add_comm a b"]
