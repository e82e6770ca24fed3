"""What the client needs to know about submitted Lean source without elaborating it: the `import`
lines at its top, and the declarations it makes (to ask the REPL `#print axioms` about each).

A light scanner, not a parser: it skips comments, strings and character literals, tracks
`namespace`/`section`/`mutual` ... `end`, and reads the name after each declaration keyword. It errs
towards finding too much: a declaration it cannot name makes the proof unauditable (a failure),
never a silent pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_IMPORT_LINE = re.compile(r"^\s*import\s+(?P<mods>[^\n]*?)\s*$")

# Keywords that add a constant whose axioms must be audited.
NAMED_DECLARATIONS = ("theorem", "lemma", "def", "abbrev", "instance", "axiom", "opaque")
# Options that switch the kernel's checking off: a proof using them proves nothing.
FORBIDDEN_OPTIONS = ("debug.skipKernelTC",)
# Commands and attributes that run or install meta-programs.  They can change how Lean elaborates,
# checks and reports, down to the answer of the `#print axioms` the audit relies on; a proof of a
# theorem has no need of them.
META_COMMANDS = ("elab", "elab_rules", "macro", "macro_rules", "syntax", "declare_syntax_cat", "initialize",
                 "builtin_initialize", "run_cmd", "run_elab", "run_meta", "simproc", "dsimproc")
META_HASH_COMMANDS = ("eval", "eval!")          # `#eval` may run CommandElabM actions
META_ATTRIBUTES = ("command_elab", "term_elab", "tactic", "macro", "builtin_command_elab", "builtin_term_elab",
                   "builtin_tactic", "builtin_macro", "implemented_by", "extern", "init", "builtin_init")


@dataclass(frozen=True, slots=True)
class Declaration:
    """A declaration of the submitted code: its full name (None when it has none the REPL can be
    asked about, as for `example` or an instance without a name), its keyword and 1-based line."""
    name: str | None
    keyword: str
    line: int


def split_imports(code: str) -> tuple[list[str], str]:
    """(modules imported by the leading `import` lines, the code with those lines blanked).

    Blanking instead of removing keeps every line number (and so every message position) the same."""
    lines = code.split("\n")
    modules: list[str] = []
    i = 0
    in_comment = False
    while i < len(lines):
        stripped = lines[i].strip()
        if in_comment:
            if "-/" in stripped:
                in_comment = False
            i += 1
            continue
        if not stripped or stripped.startswith("--"):
            i += 1
            continue
        if stripped.startswith("/-") and "-/" not in stripped[2:]:
            in_comment = True
            i += 1
            continue
        if stripped.startswith("/-") and stripped.endswith("-/"):
            i += 1
            continue
        m = _IMPORT_LINE.match(lines[i])
        if not m:
            break
        modules.extend(m.group("mods").split("--")[0].split())
        lines[i] = ""
        i += 1
    return modules, "\n".join(lines)


def _is_ident_char(c: str) -> bool:
    return c.isalnum() or c in "_'!?." or (ord(c) > 127 and c not in "→←↔×∀∃λ⟨⟩⦃⦄·∘≠≤≥∧∨¬∣∈∉∑∏≈≡⊢⊆⊂∪∩")


def _tokens(code: str):
    """(token, line) for identifiers/keywords and single punctuation characters, skipping comments,
    strings and character literals."""
    i, n, line = 0, len(code), 1
    while i < n:
        c = code[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif code.startswith("--", i):
            j = code.find("\n", i)
            i = n if j < 0 else j
        elif code.startswith("/-", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if code.startswith("/-", j):
                    depth += 1
                    j += 2
                elif code.startswith("-/", j):
                    depth -= 1
                    j += 2
                else:
                    j += 1
            line += code.count("\n", i, j)
            i = j
        elif c == '"':
            j = i + 1
            while j < n and code[j] != '"':
                j += 2 if code[j] == "\\" else 1
            line += code.count("\n", i, j)
            i = j + 1
        elif c == "'" and re.match(r"'(\\.[^']*|[^\\'])'", code[i:i + 12]):
            i = code.index("'", i + 2) + 1
        elif c == "«":
            j = code.find("»", i)
            j = n - 1 if j < 0 else j
            k = j + 1
            while k < n and _is_ident_char(code[k]):
                k += 1
            yield code[i:k], line
            i = k
        elif _is_ident_char(c):
            j = i
            while j < n and (_is_ident_char(code[j]) or code[j] == "«"):
                if code[j] == "«":
                    e = code.find("»", j)
                    j = n if e < 0 else e + 1
                else:
                    j += 1
            yield code[i:j], line
            i = j
        else:
            yield c, line
            i += 1


_OPENERS = {"(": ")", "[": "]", "{": "}", "⟨": "⟩", "⦃": "⦄"}


def declarations(code: str) -> list[Declaration]:
    """The declarations `code` makes, in order."""
    toks = list(_tokens(code))
    scopes: list[list[str]] = []         # one entry per namespace/section/mutual: its namespace parts
    out: list[Declaration] = []
    closers: list[str] = []              # open brackets (a keyword inside brackets is not a command)
    i = 0
    while i < len(toks):
        tok, line = toks[i]
        if tok in _OPENERS:
            closers.append(_OPENERS[tok])
        elif closers and tok == closers[-1]:
            closers.pop()
        elif closers:
            pass
        elif tok == "namespace" and i + 1 < len(toks):
            scopes.append(toks[i + 1][0].split("."))
            i += 1
        elif tok in ("section", "mutual"):
            scopes.append([])
        elif tok == "end":
            if scopes:
                scopes.pop()
        elif tok == "example":
            out.append(Declaration(None, tok, line))
        elif tok in NAMED_DECLARATIONS and not (i and toks[i - 1][0] == "deriving"):
            j = i + 1
            if tok == "instance" and j < len(toks) and toks[j][0] == "(" and j + 1 < len(toks) \
                    and toks[j + 1][0] == "priority":
                depth = 0
                while j < len(toks):           # skip `(priority := ...)`
                    depth += toks[j][0] == "("
                    depth -= toks[j][0] == ")"
                    j += 1
                    if depth == 0:
                        break
            name = toks[j][0] if j < len(toks) else ""
            if name and (_is_ident_char(name[0]) or name[0] == "«") and name not in ("where", "extends"):
                name = name.rstrip(".")
                if name.startswith("_root_."):
                    full = name[len("_root_."):]
                else:
                    prefix = [p for s in scopes for p in s]
                    full = ".".join(prefix + [name])
                out.append(Declaration(full, tok, line))
                i = j
            else:
                out.append(Declaration(None, tok, line))
        i += 1
    return out


def forbidden_options(code: str) -> list[str]:
    """Options in `code` that turn kernel checking off."""
    return [opt for opt in FORBIDDEN_OPTIONS if any(tok == opt for tok, _ in _tokens(code))]


def meta_programs(code: str) -> list[tuple[str, int]]:
    """(what, line) for each meta-programming command or attribute in `code`."""
    toks = list(_tokens(code))
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(toks):
        tok, line = toks[i]
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        if tok in META_COMMANDS:
            out.append((tok, line))
        elif tok == "#" and nxt in META_HASH_COMMANDS:
            out.append(("#" + nxt, line))
        elif tok == "@" and nxt == "[":
            j = i + 2
            while j < len(toks) and toks[j][0] != "]":
                if toks[j][0] in META_ATTRIBUTES:
                    out.append((f"@[{toks[j][0]}]", toks[j][1]))
                j += 1
            i = j
        i += 1
    return out
