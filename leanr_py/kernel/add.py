"""Checking and adding axioms, definitions, theorems, opaque constants and the quotient package."""
from __future__ import annotations

from . import declaration as D
from .environment import Environment, check_closed, check_level_params
from .errors import KernelError
from .typechecker import TypeChecker


def _check_type(env: Environment, name, lparams, type_, safety: str) -> TypeChecker:  # type: ignore[no-untyped-def]
    check_level_params(name, lparams)
    check_closed(name, type_, "type")
    tc = TypeChecker(env, lparams, safety, decl_name=name)
    tc.ensure_sort(tc.check(type_), type_)
    return tc


def _check_value(tc: TypeChecker, name, type_, value) -> None:  # type: ignore[no-untyped-def]
    check_closed(name, value, "value")
    vt = tc.check(value)
    if not tc.is_def_eq(vt, type_):
        raise KernelError(f"declaration type mismatch: value has type {tc.fmt(vt)} but is expected to have type "
                          f"{tc.fmt(type_)}", name)


def add_declaration(env: Environment, decl: D.Declaration) -> None:
    if isinstance(decl, D.AxiomDecl):
        env.check_fresh(decl.name)
        _check_type(env, decl.name, decl.level_params, decl.type, D.UNSAFE if decl.is_unsafe else D.SAFE)
        env._insert(D.AxiomInfo(decl.name, decl.level_params, decl.type, decl.is_unsafe))
    elif isinstance(decl, D.DefinitionDecl):
        add_definition(env, decl)
    elif isinstance(decl, D.TheoremDecl):
        env.check_fresh(decl.name)
        tc = _check_type(env, decl.name, decl.level_params, decl.type, D.SAFE)
        if not tc.is_prop(decl.type):
            raise KernelError(f"theorem type is not a proposition: {tc.fmt(decl.type)}", decl.name)
        _check_value(tc, decl.name, decl.type, decl.value)
        env._insert(D.TheoremInfo(decl.name, decl.level_params, decl.type, decl.value, decl.all or (decl.name,)))
    elif isinstance(decl, D.OpaqueDecl):
        env.check_fresh(decl.name)
        tc = _check_type(env, decl.name, decl.level_params, decl.type, D.UNSAFE if decl.is_unsafe else D.SAFE)
        _check_value(tc, decl.name, decl.type, decl.value)
        env._insert(D.OpaqueInfo(decl.name, decl.level_params, decl.type, decl.value, decl.is_unsafe,
                                 decl.all or (decl.name,)))
    elif isinstance(decl, D.QuotDecl):
        from .quot import add_quot

        add_quot(env)
    elif isinstance(decl, D.MutualDefinitionDecl):
        add_mutual(env, decl)
    elif isinstance(decl, D.InductiveDecl):
        env.add_inductive(decl)
    else:
        raise KernelError(f"unknown kind of declaration: {type(decl).__name__}")


def _definition_info(decl: D.DefinitionDecl) -> D.DefinitionInfo:
    return D.DefinitionInfo(decl.name, decl.level_params, decl.type, decl.value, decl.hints, decl.safety,
                            decl.all or (decl.name,))


def add_definition(env: Environment, decl: D.DefinitionDecl) -> None:
    env.check_fresh(decl.name)
    if decl.safety == D.UNSAFE:
        # unsafe definitions may refer to themselves: add first, then check the value
        tc = _check_type(env, decl.name, decl.level_params, decl.type, D.UNSAFE)
        env._insert(_definition_info(decl))
        try:
            _check_value(tc, decl.name, decl.type, decl.value)
        except BaseException:
            del env.constants[decl.name]
            raise
        return
    tc = _check_type(env, decl.name, decl.level_params, decl.type, decl.safety)
    _check_value(tc, decl.name, decl.type, decl.value)
    env._insert(_definition_info(decl))


def add_mutual(env: Environment, decl: D.MutualDefinitionDecl) -> None:
    if not decl.defs:
        raise KernelError("empty mutual block")
    safety = decl.defs[0].safety
    if safety == D.SAFE:
        raise KernelError("invalid mutual definition: safe definitions cannot be mutual", decl.defs[0].name)
    for d in decl.defs:
        if d.safety != safety:
            raise KernelError("invalid mutual definition: mixed safety", d.name)
        if d.level_params != decl.defs[0].level_params:
            raise KernelError("invalid mutual definition: different universe parameters", d.name)
        env.check_fresh(d.name)
    checkers = [_check_type(env, d.name, d.level_params, d.type, safety) for d in decl.defs]
    added = []
    try:
        for d in decl.defs:
            env._insert(_definition_info(d))
            added.append(d.name)
        for tc, d in zip(checkers, decl.defs):
            _check_value(tc, d.name, d.type, d.value)
    except BaseException:
        for n in added:
            del env.constants[n]
        raise
