"""The command elaborator: declarations and scoping commands, through the kernel.

    ce = CommandElaborator(env, table)          # table: the InstanceTable of `env`
    msgs = ce.elab_file(source)                  # [Diagnostic(span, severity, message)]
    msgs = ce.elab_command(cmd)                  # one parsed command

Handled: `def`/`theorem`/`lemma`/`abbrev`/`example`/`instance`/`axiom` (binders, return type, section
`variable`s that the declaration uses, universe parameters: declared, auto-bound, or `u_i` for leftover
universe mvars), `universe`, `variable`, `namespace`/`section`/`end`, `open` (plain namespaces), `… in`,
`set_option` (ignored), `#check`, and `inductive`/`structure`/`class`/`mutual` (see `inductive_cmd`). Every declaration goes through `env.add`: the kernel re-checks it, and a
`KernelError` becomes an error at the command. `example`s are checked and then removed again, as in Lean.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Sequence

from ..gas import GasExhausted
from ..kernel import expr as E
from ..kernel import level as L
from ..kernel.declaration import (
    ABBREV_HINTS, AxiomDecl, AxiomInfo, DefinitionDecl, DefinitionInfo, HINT_REGULAR, Hints, InductiveInfo, OpaqueDecl,
    QuotDecl, TheoremDecl,
)
from ..kernel.environment import Environment
from ..kernel.errors import KernelError
from ..kernel.name import Name
from ..pretty import pp_expr, pp_signature
from ..syntax import ast as A
from ..syntax import parse_file
from ..syntax.errors import Diagnostic
from .info import InfoLog
from .errors import ElabError, ElabErrors
from ..eval.native import install_native_evaluator
from .hash_cmds import elab_hash_command
from .guard_msgs import elab_guard_msgs
from .inductive_cmd import elab_inductives, elab_structure, full_name as inductive_full_name
from .mutual import elab_mutual_defs
from . import fun_induct
from .recursion import add_equation_lemmas, add_partial_code, elab_decl_body
from .wf import add_wf_equation
from .computable import noncomputable_use
from .instances import DEFAULT_PRIORITY, InstanceEntry, InstanceTable, check_class_out_params, install
from .autobound import with_auto_bound
from .mctx import beta, fvars_in
from .deriving import derive
from .names import NameScope
from .lint import unused_locals, unused_parameters, unused_variable_message
from .matcher import PendingMatchers, add_matchers
from .options import auto_bound_mode, get_option, set_option, trace_classes
from .meta import MetaContext
from .term import ANON, TermElaborator, _join
from . import messages
from .messages import SORRY_WARNING

__all__ = ["CommandElaborator", "Scope"]


HEADER_RESOLVED_NOTE = ("\n\nNote: Because this declaration's type has been explicitly provided, all parameter types "
                        "and holes (e.g., `_`) in its header are resolved before its body is processed; "
                        "information from the declaration body cannot be used to infer what these values should be")

# A bare identifier after an `example` or after the name of an `opaque`/`axiom` is a binder (Lean's hints).
BARE_BINDER_NOTES = {
    "example": "\n\nNote: Examples do not have names. The identifier `{0}` is being interpreted as a parameter "
               "`({0} : _)`.",
    **dict.fromkeys(("opaque", "axiom"), "\n\nNote: Multiple constants cannot be declared in a single "
                    "declaration. The identifier `{0}` is being interpreted as a parameter `({0} : _)`."),
}


@dataclass(slots=True, frozen=True)
class Scope:
    kind: str                          # "root" | "namespace" | "section"
    header: str | None                 # the name given to `namespace`/`section`
    namespace: Name
    opens: tuple[Name, ...] = ()
    universes: tuple[str, ...] = ()
    variables: tuple[A.Binder, ...] = ()
    options: tuple[tuple[str, Any], ...] = ()   # `set_option`s in force (see `options`)
    aliases: tuple[tuple[Name, Name], ...] = ()  # `export`, `open … (x)`, `renaming` (see `names`)
    hidden: tuple[Name, ...] = ()                # `open … hiding x`
    protected: tuple[Name, ...] = ()             # `protected` declarations (copied into every scope)
    local_instances: tuple[Name, ...] = ()       # `attribute [local instance]`: erased when the scope closes
    local_simp: tuple[Name, ...] = ()            # `attribute [local simp]`: erased when the scope closes
    erased_instances: tuple[Any, ...] = ()       # `attribute [-instance]`: back when the scope closes, as in Lean
    erased_simp: tuple[Name, ...] = ()           # `attribute [-simp]`: likewise
    scoped_opens: tuple[Name, ...] = ()          # `open scoped Foo`: `Foo`'s scoped instances, not its names

    def name_scope(self) -> NameScope:
        """What names may denote here beyond namespaces and opens (for the term elaborator)."""
        return NameScope(self.aliases, frozenset(self.hidden), frozenset(self.protected))


class CommandElaborator:
    def __init__(self, env: Environment, instances: InstanceTable | None = None, *,
                 gas: int | None = None) -> None:
        self.env = env
        self.table = instances if instances is not None else InstanceTable(env)
        self.gas = gas
        self.scopes: list[Scope] = [Scope("root", None, ANON)]
        self.messages: list[Diagnostic] = []
        self.lint_unused = True                  # Lean's unused-variables linter (see `lint`)
        self.sorry_decls: set[Name] = set()      # declarations that use `sorry`
        self.reducible: set[Name] = set()        # `abbrev`s and `@[reducible]` definitions
        self.irreducible: set[Name] = set()      # definitions by well-founded recursion (irreducible in Lean)
        # keyword tactics from `syntax`/`macro`/`macro_rules`: their expansions, oldest first
        self.tactic_macros: dict[str, tuple[A.TacticSeq, ...]] = {}
        # definitions by pattern equations as written, for `fun_induction`/`fun_cases` (see `fun_induct`)
        self.fun_equations: dict[Name, Any] = {}
        self.precompiled_bodies: dict[Name, E.Expr] = {}   # members of a `mutual` block, compiled together
        self.user_namespaces: set[Name] = set()
        self.info = InfoLog()                    # goals/term info of everything elaborated, for editors
        self.noncomputable: set[Name] = set()    # `noncomputable` definitions (see `computable`)
        install_native_evaluator(env)            # `Lean.reduceBool` by eval-lite, as Lean trusts its compiler

    # ------------------------------------------------------------------ entry points
    @property
    def scope(self) -> Scope:
        return self.scopes[-1]

    def elab_file(self, text: str) -> list[Diagnostic]:
        """Parse and elaborate a whole file; syntax errors and elaboration messages, in source order."""
        parsed = parse_file(text)
        keyed = [((d.span.line, d.span.col, -1), d) for d in parsed.diagnostics]
        for cmd in parsed.commands:  # each command's messages in the order they were logged (as Lean's)
            keyed.extend(((cmd.span.line, cmd.span.col, j), d) for j, d in enumerate(self.elab_command(cmd)))
        keyed.sort(key=lambda kd: kd[0])
        return [d for _, d in keyed]

    def elab_command(self, cmd: A.Command) -> list[Diagnostic]:
        start = len(self.messages)
        try:
            self._command(cmd)
        except ElabErrors as excs:
            for exc in excs.errors:
                self._msg(exc.span or cmd.span, "error", exc.message)
        except ElabError as exc:
            self._msg(exc.span or cmd.span, "error", exc.message)
        except GasExhausted as exc:
            self._msg(cmd.span, "error", f"(deterministic) {exc}")
        return self.messages[start:]

    def _msg(self, span: Any, severity: str, text: str) -> None:
        if text == SORRY_WARNING and get_option(self.scope.options, "warn.sorry") is False:
            return
        self.messages.append(Diagnostic(span, severity, text))

    def _command(self, cmd: A.Command) -> None:
        if isinstance(cmd, A.Decl):
            self._decl(cmd)
        elif isinstance(cmd, A.HashCommand):
            self._hash(cmd)
        elif isinstance(cmd, A.Inductive):
            elab_inductives(self, [cmd], cmd.span)
            self._protect_type(cmd)
        elif isinstance(cmd, A.Structure):
            elab_structure(self, cmd)
            self._protect_type(cmd)
        elif isinstance(cmd, A.Mutual):
            self._mutual(cmd)
        elif isinstance(cmd, A.Namespace):
            self._namespace(cmd)
        elif isinstance(cmd, A.Section):
            self.scopes.append(replace(self.scope, kind="section", header=cmd.name))
        elif isinstance(cmd, A.End):
            self._end(cmd)
        elif isinstance(cmd, A.Open):
            self._open(cmd)
        elif isinstance(cmd, A.Export):
            self._export(cmd)
        elif isinstance(cmd, A.TacticMacro):
            self._tactic_macro(cmd)
        elif isinstance(cmd, A.DerivingInstance):
            self._deriving_instance(cmd)
        elif isinstance(cmd, A.Notation):
            # the parser applies notations to later commands; their uses elaborate by expansion (sugar.py)
            self._precheck_notation(cmd)
        elif isinstance(cmd, A.Attribute):
            self._attribute_command(cmd)
        elif isinstance(cmd, A.Universe):
            new = [u for u in cmd.names if u not in self.scope.universes]
            self.scopes[-1] = replace(self.scope, universes=self.scope.universes + tuple(new))
        elif isinstance(cmd, A.Variable):
            self._variable(cmd)
        elif isinstance(cmd, A.InitQuot):
            try:
                self.env.add(QuotDecl())
            except KernelError as exc:
                raise ElabError(f"(kernel) {exc.message}", cmd.span) from None
        elif isinstance(cmd, A.SetOption):
            self.scopes[-1] = replace(self.scope, options=set_option(self.scope.options, cmd))
        elif isinstance(cmd, A.GuardMsgs):
            elab_guard_msgs(self, cmd)
        elif isinstance(cmd, A.InCommand):
            n = len(self.scopes)
            self.scopes.append(replace(self.scope, kind="section", header=None))
            try:
                self._command(cmd.first)
                self._command(cmd.body)
            finally:
                while len(self.scopes) > n:
                    self._pop_scope()
        elif isinstance(cmd, A.ModuleHeader):
            pass   # the module system's header: visibility (`public`, `@[expose]`) is not checked by leanr
        else:
            raise ElabError(f"the command '{type(cmd).__name__}' is not supported yet", cmd.span)

    def _mutual(self, cmd: A.Mutual) -> None:
        if cmd.commands and all(isinstance(c, A.Inductive) for c in cmd.commands):
            elab_inductives(self, list(cmd.commands), cmd.span)  # type: ignore[arg-type]
            for c in cmd.commands:
                self._protect_type(c)  # type: ignore[arg-type]
            return
        elab_mutual_defs(self, cmd)

    def _protect_type(self, cmd: A.Inductive | A.Structure) -> None:
        """`protected inductive Foo.le`: the type itself is reached only by `Foo.le`, not by `le` after
        `open Foo` (its constructors stay as they are)."""
        if cmd.mods.visibility == "protected":
            name = inductive_full_name(self, cmd.name)
            self.scopes = [replace(s, protected=s.protected + (name,)) for s in self.scopes]

    # ------------------------------------------------------------------ scopes
    def _namespace(self, cmd: A.Namespace) -> None:
        ns = self.scope.namespace
        for c in Name.of(cmd.name).components():
            ns = ns.append(c)
            self.user_namespaces.add(ns)
            self.scopes.append(replace(self.scope, kind="namespace", header=str(c), namespace=ns))
        self._sync_scoped_instances()

    def _end(self, cmd: A.End) -> None:
        comps = [str(c) for c in Name.of(cmd.name).components()] if cmd.name else [None]
        for c in reversed(comps):
            top = self.scope
            if top.kind == "root":
                raise ElabError("invalid 'end', insufficient scopes", cmd.span)
            if c is None and top.header is not None:
                raise ElabError(f"invalid 'end', name is missing (expected {top.header})", cmd.span)
            if c is not None and top.header != c:
                if top.header is None:
                    raise ElabError("invalid 'end', name mismatch (expected nothing)", cmd.span)
                raise ElabError(f"invalid 'end', name mismatch (expected {top.header})", cmd.span)
            self._pop_scope()

    def _pop_scope(self) -> None:
        from ..tactic.simp import add_simp_lemma, erase_simp_lemma

        closed = self.scopes.pop()
        for name in closed.local_instances:
            if name not in self.scope.local_instances:
                self.table.erase(name)
        for name in closed.local_simp:
            if name not in self.scope.local_simp:
                erase_simp_lemma(self.table, name)
        # erasing an attribute changes only the state of the current scope (Lean's scoped extensions)
        self.table.restore(closed.erased_instances[len(self.scope.erased_instances):])
        for name in closed.erased_simp[len(self.scope.erased_simp):]:
            add_simp_lemma(self.table, name)
        self._sync_scoped_instances()

    def _sync_scoped_instances(self) -> None:
        """`scoped` instances are active in their namespace and where it is open (`open Classical`)."""
        active = set(self.scope.opens) | set(self.scope.scoped_opens)
        ns = self.scope.namespace
        while not ns.is_anonymous():
            active.add(ns)
            ns = ns.prefix  # type: ignore[assignment]
        if active != self.table.open_scopes:
            for gone in self.table.open_scopes - active:
                self.table.close_scope(gone)
            for new in active - self.table.open_scopes:
                self.table.open_scope(new)

    def _is_namespace(self, ns: Name) -> bool:
        if ns in self.user_namespaces:
            return True
        return any(c.name.prefix is not None and ns.is_prefix_of(c.name.prefix) for c in self.env)

    def _resolve_namespace(self, raw: str, span: Any) -> Name:
        n = Name.of(raw)
        ns = self.scope.namespace
        while True:
            cand = _join(ns, n)
            if self._is_namespace(cand):
                return cand
            if ns.is_anonymous():
                raise ElabError(f"unknown namespace '{raw}'", span)
            ns = ns.prefix  # type: ignore[assignment]

    def _member(self, ns: Name, raw: str, span: Any) -> Name:
        full = _join(ns, Name.of(raw))
        if self.env.find(full) is None:
            raise ElabError(f"unknown constant '{full}'", span)
        return full

    def _open(self, cmd: A.Open) -> None:
        if cmd.scoped:  # the namespaces' scoped instances, not their names
            found = [self._resolve_namespace(raw, cmd.span) for raw in cmd.namespaces]
            new = tuple(ns for ns in found if ns not in self.scope.scoped_opens)
            self.scopes[-1] = replace(self.scope, scoped_opens=self.scope.scoped_opens + new)
            self._sync_scoped_instances()
            return
        if cmd.only is not None or cmd.renaming is not None:  # names only: the namespace itself is not opened
            ns = self._resolve_namespace(cmd.namespaces[0], cmd.span)
            pairs = [(x, x) for x in cmd.only or ()] + list(cmd.renaming or ())
            new = tuple((Name.of(alias), self._member(ns, x, cmd.span)) for x, alias in pairs)
            self.scopes[-1] = replace(self.scope, aliases=self.scope.aliases + new)
            return
        opens = list(self.scope.opens)
        for raw in cmd.namespaces:
            found = self._resolve_namespace(raw, cmd.span)
            if found not in opens:
                opens.append(found)
        hidden = self.scope.hidden
        if cmd.hiding is not None:
            ns = self._resolve_namespace(cmd.namespaces[0], cmd.span)
            hidden += tuple(self._member(ns, x, cmd.span) for x in cmd.hiding)
        self.scopes[-1] = replace(self.scope, opens=tuple(opens), hidden=hidden)
        self._sync_scoped_instances()

    def _tactic_macro(self, cmd: A.TacticMacro) -> None:
        from ..tactic.registry import lookup

        for atom in cmd.atoms:
            if atom in self.tactic_macros or lookup(atom) is not None:
                raise ElabError(f"the tactic '{atom}' is already declared; redeclaring it is not supported yet",
                                cmd.span)
            self.tactic_macros[atom] = ()
        for atom, expansion in cmd.rules:
            if atom not in self.tactic_macros and lookup(atom) is None:
                raise ElabError(f"unknown tactic '{atom}'", cmd.span)
            self.tactic_macros[atom] = self.tactic_macros.get(atom, ()) + (expansion,)

    def _export(self, cmd: A.Export) -> None:
        """`export Foo (a b)`: `a` and `b` of the current namespace denote `Foo.a`, `Foo.b` from now on, also
        after the enclosing sections end (the aliases go into every open scope)."""
        ns = self._resolve_namespace(cmd.namespace, cmd.span)
        new = tuple((_join(self.scope.namespace, Name.of(x)), self._member(ns, x, cmd.span)) for x in cmd.names)
        self.scopes = [replace(s, aliases=s.aliases + new) for s in self.scopes]

    def _deriving_instance(self, cmd: A.DerivingInstance) -> None:
        """`deriving instance BEq, Inhabited for T`: the deriving handlers of `deriving.py`."""
        te, _ = self._term_elab(self.scope.namespace, ())
        for ident in cmd.types:
            full = te.resolve_global(Name.of(ident.name), ident.span)
            if full is None:
                raise ElabError(f"unknown constant '{ident.name}'", ident.span)
            info = self.env.find(full)
            if getattr(info, "num_params", 0):
                raise ElabError("'deriving instance' for a type with parameters is not supported yet", ident.span)
            derive(self, [full], (), cmd.classes)

    def _precheck_notation(self, cmd: A.Notation) -> None:
        """Lean's quotation precheck: every identifier of the right-hand side that is not one of the notation's
        variables must name a declaration (for `local` notation, a section variable too). Only right-hand
        sides built from applications, operators and parentheses are checked, and only for names that
        cannot be declarations of Lean's core; the rest is left to the uses."""
        if get_option(self.scope.options, "quotPrecheck") is False:
            return
        idents = _precheck_idents(cmd.rhs)
        if idents is None:
            return
        variables = {it.var for it in cmd.items if it.var is not None}
        section_vars = {b_name.name for b in self.scope.variables for b_name in b.names
                        if isinstance(b_name, A.Ident)} if cmd.attr_kind == "local" else set()
        from .autobound import LEAN_ROOT_NAMES, strict_shape
        te, _ = self._term_elab(self.scope.namespace, ())
        in_scope = {b_name.name for b in self.scope.variables for b_name in b.names if isinstance(b_name, A.Ident)}
        for ident in idents:
            comps = Name.of(ident.name).components()
            root = str(comps[0])
            if ident.name in variables or root in section_vars:
                continue
            if any(self._denotes_global(te, Name.from_components(comps[:k]), ident.span)
                   for k in range(len(comps), 0, -1)):
                continue
            # a name leanr's prelude lacks may be one of Lean's core: reported only when it cannot be one (a
            # section variable's name, or a name of no core declaration's shape); the uses check the others
            if not ((root in in_scope and root not in LEAN_ROOT_NAMES) or strict_shape(ident.name)):
                continue
            raise ElabError(f"Unknown identifier `{ident.name}` at quotation precheck\n\nNote: You can use "
                            "`set_option quotPrecheck false` to disable this check.", ident.span)

    @staticmethod
    def _denotes_global(te: TermElaborator, n: Name, span: Any) -> bool:
        try:
            return te.resolve_global(n, span) is not None
        except ElabError:
            return True   # ambiguous: it denotes several declarations

    def name_scope(self) -> NameScope:
        return self.scope.name_scope()

    def _attribute_command(self, cmd: A.Attribute) -> None:
        """`attribute [simp, reducible] a b`: the attributes given to existing declarations."""
        te, _ = self._term_elab(self.scope.namespace, ())
        for ident in cmd.names:
            full = te.resolve_global(Name.of(ident.name), ident.span)
            if full is None:
                raise ElabError(f"unknown constant '{ident.name}'", ident.span)
            self._apply_attrs(cmd.attrs, full)

    def _variable(self, cmd: A.Variable) -> None:
        te, meta = self._term_elab(self.scope.namespace, ())
        n = len(meta.lctx)
        te.elab_binders(self.scope.variables)
        # checked now, re-elaborated by each declaration that uses them; auto-bound names become `{α}` binders
        _, (autos, _) = with_auto_bound(te, lambda autos: (autos, te.elab_binders(cmd.binders)),
                                        self.auto_bound_mode())
        te.synthesize(True)
        meta.pop_locals(len(meta.lctx) - n)
        auto_binders = tuple(A.Binder(cmd.span, "implicit", (A.Ident(cmd.span, str(x.name)),), None) for x in autos)
        self.scopes[-1] = replace(self.scope, variables=self.scope.variables + auto_binders + tuple(cmd.binders),
                                  universes=self.scope.universes + tuple(
                                      u for u in te.level_names if u not in self.scope.universes))

    def auto_bound_mode(self) -> str | None:
        """Auto-bound implicits in headers here (`autoImplicit`/`relaxedAutoImplicit`), None when off."""
        return auto_bound_mode(self.scope.options)

    def _term_elab(self, namespace: Name, univs: tuple[str, ...]) -> tuple[TermElaborator, MetaContext]:
        meta = MetaContext(self.env, reducible=self.reducible, irreducible=self.irreducible) if self.gas is None \
            else MetaContext(self.env, reducible=self.reducible, irreducible=self.irreducible, gas=_gas(self.gas))
        install(meta, self.table)
        te = TermElaborator(meta, self.table, namespace=namespace, opens=self.scope.opens,
                            level_names=tuple(self.scope.universes) + univs, info=self.info,
                            names=self.name_scope())
        te.tactic_macros = self.tactic_macros
        te.functional_principle = lambda f, kind, span: fun_induct.principle(self, f, kind, span)
        te.trace_classes = trace_classes(self.scope.options)
        te.__dict__["do_legacy"] = get_option(self.scope.options, "backward.do.legacy") is not False
        return te, meta

    # ------------------------------------------------------------------ declarations
    def _decl_name(self, cmd: A.Decl) -> Name | None:
        if cmd.name is None:
            return None
        raw = cmd.name.name
        if raw.startswith("_root_."):
            return Name.of(raw[len("_root_."):])
        return _join(self.scope.namespace, Name.of(raw))

    def _decl(self, cmd: A.Decl) -> None:
        if isinstance(cmd.value, A.ValStructInst):  # `instance … where x := …` is a structure instance
            v = cmd.value
            cmd = replace(cmd, value=A.ValSimple(v.span, A.StructInst(v.span, (), v.fields, False, None)))
        kind = cmd.kind
        n_messages = len(self.messages)
        if kind not in ("def", "theorem", "lemma", "abbrev", "example", "instance", "axiom", "opaque"):
            raise ElabError(f"'{kind}' declarations are not supported yet", cmd.span)
        if kind != "axiom" and not isinstance(cmd.value, (A.ValSimple, A.ValEqns)) and \
                not (kind == "opaque" and cmd.value is None):
            raise ElabError("only ':=' and pattern-equation declaration bodies are supported yet", cmd.span)
        name = self._decl_name(cmd)
        if name is not None and self.env.find(name) is not None:
            raise ElabError(f"'{name}' has already been declared", cmd.name.span)  # type: ignore[union-attr]
        body_ns = self.scope.namespace if name is None or name.prefix is None else name.prefix
        te, meta = self._term_elab(body_ns, tuple(cmd.univs))
        te.decl_self = name
        te.matchers = PendingMatchers()
        if name is not None and cmd.mods.visibility == "protected":
            # as Lean, in its own body a protected `Foo.f` is named `Foo.f`, not `f`
            te.names = replace(te.names, protected=te.names.protected | {name})
        n_univs_declared = len(self.scope.universes) + len(cmd.univs)
        var_fvars = te.elab_binders(self.scope.variables)

        def header(autos: list) -> tuple[list, E.Expr]:
            xs = autos + te.elab_binders(cmd.binders)
            if cmd.type is not None:
                t = te.elab_type(cmd.type)
            elif kind in ("theorem", "lemma", "axiom", "instance"):
                raise ElabError(f"'{kind}' requires a type", cmd.span)
            else:
                t = meta.new_type_mvar()
            te.synthesize(cmd.type is not None)  # as Lean, the header is finished (default instances too) first
            return xs, t

        te.auto_bound_levels = self.auto_bound_mode() is not None
        fresh, (xs, t) = with_auto_bound(te, header, self.auto_bound_mode())
        xs = fresh + xs
        if cmd.type is not None:  # with a type given, the body cannot solve what the header left open
            header_type = meta.instantiate_mvars(meta.mk_pi_fvars(xs, t))
            if header_type.flags & E.HAS_MVAR and meta.mctx.collect_mvars(header_type):
                if meta.instantiate_mvars(t).kind == E.MVAR:   # `def f : _ := …`
                    _raise_if_type_unknown(te, cmd, t, HEADER_RESOLVED_NOTE)
                raise te.unassigned_error(cmd.span, HEADER_RESOLVED_NOTE, BARE_BINDER_NOTES.get(kind, ""))
        te.auto_bound_levels = False  # universe names are bound automatically in the header only
        header_levels: list[str] = []
        if cmd.type is not None and (kind in ("theorem", "lemma") or meta.is_prop(t)):
            # as Lean's `levelMVarToParamHeaders`: a theorem's (or a proposition's) header has its universe
            # metavariables made parameters before the body is elaborated (goals show `α : Type u_1`)
            header_levels = self._fresh_level_params(te, meta, [meta.mk_pi_fvars(xs, t)], set())
        v = None
        if name in self.precompiled_bodies:   # a member of a `mutual` block (mutual.py), over its arguments
            v = beta(self.precompiled_bodies[name], xs)
        elif kind != "axiom":
            v = elab_decl_body(self, te, cmd, name, xs, t)  # equations, recursion, partial (recursion.py)
        te.synthesize(True)
        if cmd.type is None:
            _raise_if_type_unknown(te, cmd, t)
        t = te.finalize(t, cmd.type.span if cmd.type is not None else cmd.span)
        if v is not None:
            v = te.finalize(v, cmd.value.span if cmd.value is not None else cmd.span)
        if kind in ("theorem", "lemma") and not meta.is_prop(t):
            raise ElabError(f"type of theorem '{name}' is not a proposition\n  {te.pp(t)}", cmd.type.span)  # type: ignore[union-attr]
        # section variables: those used, their dependencies, and instances over them
        used = set()
        code = te.partial_code   # a `partial def`'s body uses the variables its code uses
        for e in (t, v, code[1] if code is not None else None):
            if e is not None:
                used.update(fvars_in(meta.instantiate_mvars(e)))
        for x in xs:  # the header's binders count as uses too (`(h : a = b) : … := sorry` uses `b`)
            used.update(fvars_in(meta.instantiate_mvars(x.type)))
        for x in reversed(var_fvars):
            if x in used:
                used.update(fvars_in(meta.instantiate_mvars(x.type)))
        for x in var_fvars:
            if x.bi == E.INST_IMPLICIT and x not in used and set(fvars_in(x.type)) <= used \
                    and fvars_in(x.type):
                used.add(x)
        params = [x for x in var_fvars if x in used] + xs
        n_own = getattr(self, "where_own", {}).get(name)
        if n_own is not None:  # a `where` auxiliary: references to it pass the locals it closes over
            self.where_closures[name] = [str(p.name) for p in params[:len(params) - n_own]]
        ty = te.finalize(meta.mk_pi_fvars(params, t), cmd.span)  # binder types may hold unsolved holes too
        val = meta.mk_lambda_fvars(params, v) if v is not None else None
        lparams = self._level_params(te, meta, [ty] + ([val] if val is not None else []),
                                     list(cmd.univs), n_univs_declared, header_levels)
        ty = meta.instantiate_mvars(ty)
        if val is not None:
            val = meta.instantiate_mvars(val)
        if kind == "instance" and name is None:
            name = self._instance_name(ty)
        if kind == "example":
            name = Name.of("_example")
        assert name is not None
        decl: Any
        if kind == "axiom":
            decl = AxiomDecl(name, lparams, ty)
        elif kind in ("theorem", "lemma"):
            decl = TheoremDecl(name, lparams, ty, val)  # type: ignore[arg-type]
        else:
            hints = ABBREV_HINTS if kind == "abbrev" else Hints(HINT_REGULAR, self._height(val))  # type: ignore[arg-type]
            decl = DefinitionDecl(name, lparams, ty, val, hints)  # type: ignore[arg-type]
            if cmd.mods.partial or kind == "opaque":
                decl = OpaqueDecl(name, lparams, ty, val)  # type: ignore[arg-type]
        try:
            self.env.add(decl)
        except KernelError as exc:
            raise ElabError(f"(kernel) {exc.message}", cmd.span) from None
        if kind != "example":
            add_matchers(self.env, meta, te, name)
            if cmd.mods.partial:
                add_partial_code(self.env, te, name, lparams, params, ty)
        if getattr(te, "equation_info", None) is not None and kind != "example":
            add_equation_lemmas(self.env, te, name, lparams, params)
        if te.__dict__.get("wf_equation") is not None and kind != "example":
            add_wf_equation(self.env, te, name, lparams, params)
        if te.__dict__.get("wf_compiled"):
            self.irreducible.add(name)
        if cmd.mods.noncomputable:
            self.noncomputable.add(name)
        elif kind in ("def", "abbrev", "instance", "example") and val is not None and not cmd.mods.partial:
            # a definition compiled by well-founded recursion runs its own code, not `WellFounded.fix`'s
            skip = {Name.of("WellFounded.fix")} if te.__dict__.get("wf_compiled") else set()
            uncompilable = noncomputable_use(meta, val, self.noncomputable - skip,
                                             lambda n: str(te.display_name(n) or n))
            if uncompilable is not None:
                self._msg(messages.decl_ref(cmd), "error", uncompilable)
        if kind == "example":
            del self.env.constants[name]
        from ..tactic.by import block_messages

        reported = block_messages(te, cmd.span)
        self.messages.extend(reported)
        recovered = any(d.severity == "error" for d in reported)
        if te.uses_sorry:
            span = messages.decl_ref(cmd)
            if not recovered:   # as Lean's `addDecl`: no such warning once the declaration has errors
                self._msg(span, "warning", SORRY_WARNING)
            if kind != "example":
                self.sorry_decls.add(name)
        if kind == "abbrev":
            self.reducible.add(name)
        fun_induct.record(self, name, cmd)
        self._attributes(cmd, name)
        if self.lint_unused and not any(d.severity == "error" for d in self.messages[n_messages:]):
            own = xs[len(xs) - sum(max(len(b.names), 1) for b in cmd.binders):] if cmd.binders else []
            uses = [t] + ([v] if v is not None else []) + [meta.instantiate_mvars(x.type) for x in xs]
            unused = [(i.span, i.name) for i in unused_parameters(cmd, self.scope.options, own, uses,
                                                                  bool(te.__dict__.get("wf_compiled")))]
            unused += unused_locals(cmd, self.scope.options, te.local_binders, meta.instantiate_mvars)
            for span, var in sorted(unused, key=lambda u: (u[0].line, u[0].col)):   # in source order, as Lean
                self._msg(span, "warning", unused_variable_message(var))

    def _attributes(self, cmd: A.Decl, name: Name) -> None:
        prio = DEFAULT_PRIORITY
        if cmd.priority is not None:
            prio = priority_value(cmd.priority)
        if cmd.kind == "instance":
            if cmd.attr_kind == "scoped":
                self.table.add_instance(name, prio, scope=self.scope.namespace)
            elif cmd.attr_kind == "local":
                self.table.add_instance(name, prio)
                self.scopes[-1] = replace(self.scope, local_instances=self.scope.local_instances + (name,))
            else:
                self.table.add_instance(name, prio)
            self.reducible.add(name)
        if cmd.mods.visibility == "protected":
            self.scopes = [replace(s, protected=s.protected + (name,)) for s in self.scopes]
        self._apply_attrs(cmd.mods.attrs, name)

    def _apply_attrs(self, attrs: Any, name: Name) -> None:
        """Attributes leanr interprets (`instance`, `default_instance`, `reducible`, `simp`); the others
        (`inline`, `specialize`, `ext`, …) change no verdict and are accepted as they are."""
        from ..tactic.simp import add_simp_lemma, erase_simp_lemma, is_simp_lemma

        for at in attrs:
            if at.erase:
                if at.name == "instance":
                    if name not in self.table.names:
                        raise ElabError(f"'{name}' does not have [instance] attribute")
                    removed = self.table.erase(name)
                    self.scopes[-1] = replace(self.scope, erased_instances=self.scope.erased_instances + removed)
                elif at.name == "simp":
                    if not is_simp_lemma(self.table, name):
                        raise ElabError(f"'{name}' does not have [simp] attribute")
                    erase_simp_lemma(self.table, name)
                    self.scopes[-1] = replace(self.scope, erased_simp=self.scope.erased_simp + (name,))
                continue
            if at.name == "instance" and at.scope == "scoped":
                if name.prefix is None:
                    raise ElabError(f"scoped attribute on '{name}', which is in no namespace")
                self.table.add_instance(name, _attr_num(at, DEFAULT_PRIORITY), scope=name.prefix)
            elif at.name == "instance" and at.scope == "local":
                if name not in self.table.names:
                    self.table.add_instance(name, _attr_num(at, DEFAULT_PRIORITY))
                    self.scopes[-1] = replace(self.scope, local_instances=self.scope.local_instances + (name,))
            elif at.name == "instance":
                self.table.add_instance(name, _attr_num(at, DEFAULT_PRIORITY))
            elif at.name == "class":
                self._class_attr(at, name)
            elif at.name == "default_instance":
                self.table.add_default_instance(name, _attr_num(at, DEFAULT_PRIORITY))
            elif at.name == "reducible":
                self.reducible.add(name)
                self.table.stop_sharing()
            elif at.name == "simp" and at.scope == "local":
                if not is_simp_lemma(self.table, name):
                    add_simp_lemma(self.table, name)
                    self.scopes[-1] = replace(self.scope, local_simp=self.scope.local_simp + (name,))
            elif at.name == "simp":
                add_simp_lemma(self.table, name)

    def _class_attr(self, at: A.Attr, name: Name) -> None:
        """`@[class]`/`attribute [class]`: as Lean's `addClass`, on an inductive type or an axiom only."""
        if not isinstance(self.env.find(name), (InductiveInfo, AxiomInfo)):
            raise ElabError(f"invalid 'class', declaration '{name}' must be inductive datatype, structure, or "
                            "constant", at.span)
        check_class_out_params(self.env, name)
        if name not in self.table.classes:
            self.table.add_class(name)

    def _fresh_level_params(self, te: TermElaborator, meta: MetaContext, es: list, taken: set[str]) -> list[str]:
        """Make the level mvars of `es` parameters `u_1, u_2, …` (names not in `taken` nor the scope's);
        their names, in order."""
        taken = taken | set(te.level_names)
        fresh: list[str] = []
        i = 1
        for e in es:
            for lm in meta.mctx.collect_level_mvars_of(meta.instantiate_mvars(e)):
                while f"u_{i}" in taken:
                    i += 1
                nm = f"u_{i}"
                taken.add(nm)
                fresh.append(nm)
                meta.mctx.assign_level(lm, L.param(Name.of(nm)))
        return fresh

    def _level_params(self, te: TermElaborator, meta: MetaContext, es: list, explicit: list[str],
                      n_declared: int, header: Sequence[str] = ()) -> tuple[Name, ...]:
        """Universe parameters: leftover level mvars become `u_1, u_2, …` (after the `header` ones, made
        parameters before the body); the result lists the explicit universes of the declaration, then the
        scope's and auto-bound ones it uses, then the `u_i`."""
        fresh = list(header) + self._fresh_level_params(te, meta, es, set(header))
        used: dict[Name, None] = {}
        for e in es:
            E.level_params_of(meta.instantiate_mvars(e), used)
        out = [Name.of(u) for u in explicit]
        for u in te.level_names:
            n = Name.of(u)
            if n in used and n not in out:
                out.append(n)
        out += [Name.of(u) for u in fresh if Name.of(u) in used]
        return tuple(out)

    def _height(self, v: E.Expr) -> int:
        h = 0
        for x in E.subterms(v):
            if x.kind == E.CONST:
                info = self.env.find(x.name)  # type: ignore[attr-defined]
                if isinstance(info, DefinitionInfo) and info.hints.kind == HINT_REGULAR:
                    h = max(h, info.hints.height)
        return h + 1

    def _instance_name(self, ty: E.Expr) -> Name:
        """Lean-like `inst` + the constants of the instance's conclusion (`instInhabitedNat`)."""
        t = ty
        while t.kind == E.PI:
            t = t.body  # type: ignore[attr-defined]
        parts: list[str] = []
        for x in E.subterms(t):
            if x.kind == E.CONST:
                s = str(x.name.last)  # type: ignore[attr-defined]
                if s and s not in parts:
                    parts.append(s[0].upper() + s[1:])
        base = _join(self.scope.namespace, Name.of("inst" + "".join(parts)))
        name, k = base, 1
        while self.env.find(name) is not None:
            name = Name.of(f"{base}_{k}")
            k += 1
        return name

    # ------------------------------------------------------------------ #check, #eval, #print, …
    def _hash(self, cmd: A.HashCommand) -> None:
        elab_hash_command(self, cmd)


def _attr_num(at: A.Attr, default: int) -> int:
    for a in at.args:
        if isinstance(a, (A.NumLit, A.Ident, A.BinOp, A.Paren)):
            return priority_value(a)
    return default


# Lean's named priorities (`Init.Prelude`'s `prio` syntax)
NAMED_PRIORITIES = {"default": DEFAULT_PRIORITY, "low": 100, "mid": 500, "high": 10000}


def priority_value(stx: A.Node) -> int:
    """A priority as Lean's `prio` syntax writes it: a numeral, `default`, `low`, `mid`, `high`, and sums
    and differences of them (`default + 1`), in parentheses or not."""
    if isinstance(stx, A.NumLit):
        return stx.value
    if isinstance(stx, A.Ident) and stx.name in NAMED_PRIORITIES:
        return NAMED_PRIORITIES[stx.name]
    if isinstance(stx, A.Paren):
        return priority_value(stx.term)
    if isinstance(stx, A.BinOp) and stx.op in ("+", "-"):
        lhs, rhs = priority_value(stx.lhs), priority_value(stx.rhs)
        return lhs + rhs if stx.op == "+" else max(lhs - rhs, 0)
    raise ElabError("unexpected priority: expected a numeral, 'default', 'low', 'mid' or 'high'", stx.span)


def _gas(n: Any) -> Any:
    """A fresh budget of `n` steps for one term elaboration, or the given `Gas` shared by several (a session
    charges one `Gas` per command)."""
    from ..gas import Gas

    return n if isinstance(n, Gas) else Gas(n)


def _precheck_idents(rhs: A.Term) -> list[A.Ident] | None:
    """The identifiers of a notation's right-hand side, when it is built only from forms whose identifiers
    all denote (no binders, no field or structure syntax); None otherwise."""
    out: list[A.Ident] = []
    todo: list[Any] = [rhs]
    while todo:
        n = todo.pop()
        if isinstance(n, A.Ident):
            out.append(n)
        elif isinstance(n, (A.NumLit, A.StrLit, A.CharLit, A.Hole, A.Sorry, A.Sort, A.Unit)):
            pass
        elif isinstance(n, A.App):
            todo.append(n.fn)
            todo.extend(a.value if isinstance(a, A.NamedArg) else a for a in n.args
                        if not isinstance(a, A.EllipsisArg))
        elif isinstance(n, A.Explicit):
            todo.append(n.term)
        elif isinstance(n, A.BinOp):
            todo.extend((n.lhs, n.rhs))
        elif isinstance(n, A.UnOp):
            todo.append(n.arg)
        elif isinstance(n, A.Paren):
            todo.append(n.term)
        elif isinstance(n, A.Tuple):
            todo.extend(n.elems)
        elif isinstance(n, A.Ascription):
            todo.extend(x for x in (n.term, n.type) if x is not None)
        else:
            return None
    return out


_DECL_KIND_NAMES = {"def": "definition", "abbrev": "definition", "theorem": "theorem", "lemma": "theorem",
                    "instance": "instance", "opaque": "constant", "axiom": "axiom"}


def _raise_if_type_unknown(te: TermElaborator, cmd: A.Decl, t: E.Expr, note: str = "") -> None:
    """Lean's `Failed to infer type of definition `f`` when the declaration's type has unsolved holes (a
    type left out, or given as `_`). It is reported at the name, so before the errors of the binders and
    the body, as Lean sorts them."""
    meta = te.meta
    if not meta.mctx.collect_mvars(meta.instantiate_mvars(t)):
        return
    if cmd.kind == "example" or cmd.name is None:
        what = "example" if cmd.kind == "example" else _DECL_KIND_NAMES.get(cmd.kind, "definition")
    else:
        short = Name.of(cmd.name.name).last
        what = f"{_DECL_KIND_NAMES.get(cmd.kind, 'definition')} `{Name.from_components([short])}`"
    first = ElabError(f"Failed to infer type of {what}{note}", messages.decl_ref(cmd))
    rest = te.unassigned_error(cmd.span, note)   # Lean reports the holes the type waits for too
    if rest.message.startswith(("Failed to infer type of binder", "don't know how to synthesize implicit")):
        raise ElabErrors([first, rest])
    raise first
