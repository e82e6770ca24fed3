"""Lean in notebooks and scripts: a document made of cells, checked incrementally.

In IPython or Jupyter::

    %load_ext leanr_py

    %%lean
    theorem two : 1 + 1 = 2 := rfl

Later cells see the declarations of earlier ones; re-running a cell replaces what it declared. A cell is
recognised on re-run by, in order: the name given to the magic (`%%lean basics`), the notebook's cell id
(sent by Jupyter front ends), or the declarations it names (a re-run cell that declares a name an earlier
cell declared takes that cell's place). `%lean_reset` starts an empty document.

Without IPython, `LeanNotebook` is the same machinery as a plain object::

    nb = LeanNotebook()
    r = nb.run_cell("theorem two : 1 + 1 = 2 := rfl")
    r.ok, r.diagnostics, r.goals

Results show as text in a terminal (`repr`) and as HTML in a notebook (`_repr_html_`). IPython is an
optional dependency: this module imports it only inside `load_ipython_extension`.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Iterator

from .syntax import ast as A
from .syntax import parse_file
from .syntax.errors import Diagnostic, Span

__all__ = ["LeanNotebook", "CellResult", "CellGoals", "load_ipython_extension"]


@dataclass(slots=True, frozen=True)
class CellGoals:
    """The goals left at the end of a `by` block (line/column within the cell, 1-based line)."""

    line: int
    col: int
    goals: tuple[dict[str, Any], ...]   # as `CheckResult.goals_at` gives them (`case`, `hyps`, `target`, `pretty`)

    def pretty(self) -> str:
        if not self.goals:
            return "no goals"
        return "\n\n".join(g["pretty"] for g in self.goals)


@dataclass(slots=True)
class CellResult:
    """What checking one cell gave, with positions relative to the cell."""

    diagnostics: list[Diagnostic]
    goals: list[CellGoals] = field(default_factory=list)
    gas_exhausted: bool = False

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def messages_json(self) -> list[dict[str, Any]]:
        return [{"severity": d.severity, "pos": {"line": d.span.line, "column": d.span.col},
                 "endPos": {"line": d.span.end_line, "column": d.span.end_col}, "data": d.message}
                for d in self.diagnostics]

    def __repr__(self) -> str:
        lines = [d.format("cell") for d in self.diagnostics]
        for g in self.goals:
            lines.append(f"goals at cell:{g.line}:{g.col}:")
            lines.extend("  " + ln for ln in g.pretty().splitlines())
        if not lines:
            lines.append("ok: no messages")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        colors = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
        parts = ['<div class="leanr-cell" style="font-family: monospace; white-space: pre-wrap">']
        for d in self.diagnostics:
            color = colors.get(d.severity, "inherit")
            parts.append(f'<div><span style="color:{color}; font-weight:bold">{d.span.line}:{d.span.col}: '
                         f'{html.escape(d.severity)}</span>: {html.escape(d.message)}</div>')
        for g in self.goals:
            parts.append(f'<details open><summary>goals at {g.line}:{g.col}</summary>'
                         f'<pre style="margin:0.2em 0 0.2em 1em">{html.escape(g.pretty())}</pre></details>')
        if not self.diagnostics and not self.goals:
            parts.append('<div style="color:#2e7d32">✓ no messages</div>')
        parts.append("</div>")
        return "".join(parts)


@dataclass(slots=True)
class _Cell:
    key: object
    text: str
    names: frozenset[str]


class LeanNotebook:
    """A Lean document built from cells over one incremental `Session`."""

    def __init__(self, gas: int = 10_000_000) -> None:
        self.gas = gas
        self._cells: list[_Cell] = []
        self._session: Any = None

    # -------------------------------------------------------------- document
    def reset(self) -> None:
        self._cells.clear()
        self._session = None

    @property
    def source(self) -> str:
        """The whole document: the cells in the order they were first run, each ending with a newline."""
        return "".join(_with_newline(c.text) for c in self._cells)

    def _session_for(self) -> Any:
        if self._session is None:
            from .session import Session

            self._session = Session(gas=self.gas)  # over the prelude with its elaborator state
        return self._session

    def _place(self, key: object, text: str) -> int:
        """Index of the cell `text` replaces (appending a new cell if none)."""
        names = frozenset(_declared_names(text))
        for i, c in enumerate(self._cells):
            if key is not None and c.key == key:
                break
        else:
            i = next((i for i, c in enumerate(self._cells) if key is None and names & c.names), len(self._cells))
        cell = _Cell(key, text, names)
        if i == len(self._cells):
            self._cells.append(cell)
        else:
            self._cells[i] = cell
        return i

    # -------------------------------------------------------------- checking
    def run_cell(self, text: str, key: object = None, *, gas: int | None = None) -> CellResult:
        """Check `text` as the cell `key` (see the module docstring for how cells are matched)."""
        index = self._place(key, text)
        offset = sum(_with_newline(c.text).count("\n") for c in self._cells[:index])
        height = _with_newline(text).count("\n")
        result = self._session_for().check(self.source, gas=gas)
        own = [d for d in result.diagnostics if offset < d.span.line <= offset + height]
        diags = [Diagnostic(_shift(d.span, -offset), d.severity, d.message) for d in own]
        goals = []
        goals_at = getattr(result, "goals_at", None)
        if goals_at is not None:
            for span in _by_block_ends(text):
                found = goals_at(span.end_line + offset, span.end_col)
                if found is not None:
                    goals.append(CellGoals(span.end_line, span.end_col, tuple(found)))
        return CellResult(diags, goals, bool(result.gas_exhausted))


def _with_newline(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _shift(span: Span, lines: int) -> Span:
    return Span(span.line + lines, span.col, span.end_line + lines, span.end_col)


def _declared_names(text: str) -> Iterator[str]:
    for cmd in parse_file(text).commands:
        name = getattr(cmd, "name", None)
        if isinstance(cmd, (A.Decl, A.Inductive, A.Structure)) and isinstance(name, A.Ident):
            yield name.name


def _by_block_ends(text: str) -> list[Span]:
    """Spans of the outermost `by` blocks of the cell, in source order (iterative walk)."""
    out: list[Span] = []
    stack: list[Any] = list(reversed(parse_file(text).commands))
    while stack:
        node = stack.pop()
        if isinstance(node, A.By):
            out.append(node.span)
            continue
        children = []
        for slot in getattr(type(node), "__slots__", ()):
            value = getattr(node, slot, None)
            if isinstance(value, A.Node):
                children.append(value)
            elif isinstance(value, tuple):
                children.extend(v for v in value if isinstance(v, (A.Node, tuple)))
        while children:
            c = children.pop()
            if isinstance(c, tuple):
                children.extend(v for v in c if isinstance(v, (A.Node, tuple)))
            else:
                stack.append(c)
    out.sort(key=lambda s: (s.line, s.col))
    return out


# ------------------------------------------------------------------ IPython

def _cell_id(shell: Any) -> object:
    """The front end's id of the running cell, when the kernel received one."""
    kernel = getattr(shell, "kernel", None)
    try:
        parent = kernel.get_parent() if kernel is not None else None
    except Exception:  # noqa: BLE001 - older kernels: no parent header API
        parent = None
    if isinstance(parent, dict):
        return (parent.get("metadata") or {}).get("cellId")
    return None


def load_ipython_extension(shell: Any) -> None:
    """`%load_ext leanr_py`: registers the `%%lean` cell magic and the `%lean_reset` line magic."""
    notebook = LeanNotebook()
    shell.user_ns.setdefault("lean_notebook", notebook)

    def lean(line: str, cell: str) -> CellResult:
        name = line.strip() or None
        key = ("name", name) if name else (("cell", _cell_id(shell)) if _cell_id(shell) else None)
        return notebook.run_cell(cell, key)

    def lean_reset(line: str) -> None:
        notebook.reset()

    shell.register_magic_function(lean, magic_kind="cell", magic_name="lean")
    shell.register_magic_function(lean_reset, magic_kind="line", magic_name="lean_reset")
