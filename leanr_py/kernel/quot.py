"""The quotient package: `Quot`, `Quot.mk`, `Quot.lift`, `Quot.ind`, installed by the kernel itself."""
from __future__ import annotations

from . import level as L
from .declaration import QUOT_IND, QUOT_LIFT, QUOT_MK, QUOT_TYPE, InductiveInfo, QuotInfo
from .environment import Environment
from .errors import KernelError
from .expr import (
    DEFAULT, IMPLICIT, PROP, alpha_eqv, mk_app_n, mk_arrow, mk_const, mk_fvar, mk_pi_fvars, mk_sort,
)
from .name import Name

EQ = Name.of("Eq")
QUOT = Name.of("Quot")


def _check_eq(env: Environment) -> None:
    info = env.find(EQ)
    if not isinstance(info, InductiveInfo):
        raise KernelError("cannot initialize quotients: 'Eq' is not an inductive type", QUOT)
    if len(info.level_params) != 1 or len(info.ctors) != 1:
        raise KernelError("cannot initialize quotients: 'Eq' has an unexpected shape", QUOT)
    u = mk_sort(L.param(info.level_params[0]))
    alpha = mk_fvar(Name.of("α"), u, bi=IMPLICIT)
    expected = mk_pi_fvars([alpha], mk_arrow(alpha, mk_arrow(alpha, PROP)))
    if not alpha_eqv(expected, info.type):
        raise KernelError("cannot initialize quotients: 'Eq' has an unexpected type", QUOT)
    a = mk_fvar(Name.of("a"), alpha)
    eq_const = mk_const(EQ, (L.param(info.level_params[0]),))
    expected_ctor = mk_pi_fvars([alpha, a], mk_app_n(eq_const, [alpha, a, a]))
    if not alpha_eqv(expected_ctor, env.get(info.ctors[0]).type):
        raise KernelError("cannot initialize quotients: 'Eq.refl' has an unexpected type", QUOT)


def add_quot(env: Environment) -> None:
    if env.quot_initialized:
        raise KernelError("the quotient package is already initialized", QUOT)
    _check_eq(env)
    u_name, v_name = Name.of("u"), Name.of("v")
    u, v = L.param(u_name), L.param(v_name)
    alpha = mk_fvar(Name.of("α"), mk_sort(u), bi=IMPLICIT)
    rel_type = mk_arrow(alpha, mk_arrow(alpha, PROP))
    r_explicit = mk_fvar(Name.of("r"), rel_type, bi=DEFAULT)
    r = mk_fvar(Name.of("r"), rel_type, bi=IMPLICIT)
    quot_c = mk_const(QUOT, (u,))
    quot_type = mk_pi_fvars([alpha, r_explicit], mk_sort(u))
    a = mk_fvar(Name.of("a"), alpha)
    mk_type = mk_pi_fvars([alpha, r_explicit, a], mk_app_n(quot_c, [alpha, r_explicit]))
    quot_r = mk_app_n(quot_c, [alpha, r])
    beta = mk_fvar(Name.of("β"), mk_sort(v), bi=IMPLICIT)
    f = mk_fvar(Name.of("f"), mk_arrow(alpha, beta))
    b = mk_fvar(Name.of("b"), alpha)
    eq_v = mk_const(EQ, (v,))
    sound_type = mk_pi_fvars([a, b], mk_arrow(mk_app_n(r, [a, b]),
                                            mk_app_n(eq_v, [beta, mk_app_n(f, [a]), mk_app_n(f, [b])])))
    lift_type = mk_pi_fvars([alpha, r, beta, f], mk_arrow(sound_type, mk_arrow(quot_r, beta)))
    beta_ind = mk_fvar(Name.of("β"), mk_arrow(quot_r, PROP), bi=IMPLICIT)
    quot_mk_r_a = mk_app_n(mk_const(Name.of("Quot.mk"), (u,)), [alpha, r, a])
    mk_hyp = mk_fvar(Name.of("mk"), mk_pi_fvars([a], mk_app_n(beta_ind, [quot_mk_r_a])))
    q = mk_fvar(Name.of("q"), quot_r)
    ind_type = mk_pi_fvars([alpha, r, beta_ind, mk_hyp, q], mk_app_n(beta_ind, [q]))
    for name, lps, t, kind in (
        (QUOT, (u_name,), quot_type, QUOT_TYPE),
        (Name.of("Quot.mk"), (u_name,), mk_type, QUOT_MK),
        (Name.of("Quot.lift"), (u_name, v_name), lift_type, QUOT_LIFT),
        (Name.of("Quot.ind"), (u_name,), ind_type, QUOT_IND),
    ):
        env.check_fresh(name)
        env.constants[name] = QuotInfo(name, lps, t, kind)
    env.quot_initialized = True
