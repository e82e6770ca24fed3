"""`/-- expected -/ #guard_msgs (spec) in cmd`: the messages of `cmd` compared with the doc comment, as Lean does.

Each message kept for checking is rendered without its position (`error: text`, a message that starts with a
line break keeps it: `info:\\n…`), the renderings are joined with `---\\n` and trimmed, and compared with the
trimmed doc comment after the whitespace normalisation the spec asks for (by default line breaks count as
spaces). On a match only the messages the spec passes through stay; on a mismatch every message of `cmd`
stays and an error at `#guard_msgs` shows a line diff of expected and produced text, in Lean's words.

Spec elements (comma separated): `[check|drop|pass] info|warning|error|trace|all` (the first that matches a
message decides; with a spec, unmatched messages pass through), `whitespace := exact|normalized|lax`,
`ordering := exact|sorted`.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..syntax import ast as A
from ..syntax.errors import Diagnostic
from .errors import ElabError

if TYPE_CHECKING:
    from .command import CommandElaborator

__all__ = ["elab_guard_msgs"]

_SEVERITIES = ("info", "warning", "error", "trace", "all")
_ACTIONS = ("check", "drop", "pass")


@dataclass(slots=True, frozen=True)
class GuardSpec:
    whitespace: str                          # exact / normalized / lax
    ordering: str                            # exact / sorted
    action_for: Callable[[Diagnostic], str]  # check / drop / pass


def _severity_matches(sev: str, msg: Diagnostic) -> bool:
    # leanr emits no trace messages, so `trace` selects none
    return sev == "all" or (sev != "trace" and msg.severity == sev)


def parse_spec(spec: str | None, span: object) -> GuardSpec:
    """The `(…)` specification; no specification checks every message."""
    whitespace, ordering = "normalized", "exact"
    rules: list[tuple[str, str]] = []
    for raw in (spec.split(",") if spec else []):
        words = raw.split()
        if len(words) == 3 and words[1] == ":=" and words[0] in ("whitespace", "ordering"):
            allowed = ("exact", "normalized", "lax") if words[0] == "whitespace" else ("exact", "sorted")
            if words[2] not in allowed:
                raise ElabError(f"invalid #guard_msgs specification: '{raw.strip()}'", span)
            if words[0] == "whitespace":
                whitespace = words[2]
            else:
                ordering = words[2]
        elif len(words) == 1 and words[0] in _SEVERITIES:
            rules.append(("check", words[0]))
        elif len(words) == 2 and words[0] in _ACTIONS and words[1] in _SEVERITIES:
            rules.append((words[0], words[1]))
        else:
            raise ElabError(f"invalid #guard_msgs specification: '{raw.strip()}'", span)

    def action_for(msg: Diagnostic) -> str:
        if not rules:
            return "check"
        for action, sev in rules:
            if _severity_matches(sev, msg):
                return action
        return "pass"

    return GuardSpec(whitespace, ordering, action_for)


def render_message(msg: Diagnostic) -> str:
    """A message without its position, ending with a line break (Lean's `messageToStringWithoutPos`)."""
    text = msg.message if msg.message.startswith("\n") else " " + msg.message
    text = f"{msg.severity}:{text}"
    return text if text.endswith("\n") else text + "\n"


# Lean's `Char.isWhitespace` (what `String.trim` and the `lax` mode split on); Python's `str.split()` and
# `str.strip()` would also take other Unicode spaces
_LEAN_WHITESPACE = " \t\r\n"


def normalize_whitespace(mode: str, text: str) -> str:
    if mode == "exact":
        return text
    if mode == "normalized":
        return text.replace("\n", " ")
    return " ".join(w for w in re.split("[ \t\r\n]", text) if w)


def line_diff(expected: str, produced: str) -> str:
    """Lines of both texts marked `-` (only expected), `+` (only produced) or ` ` (both)."""
    old, new = expected.split("\n"), produced.split("\n")
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend((" ", line) for line in old[i1:i2])  # type: ignore[misc]
        else:
            out.extend(("-", line) for line in old[i1:i2])  # type: ignore[misc]
            out.extend(("+", line) for line in new[j1:j2])  # type: ignore[misc]
    return "".join(f"{mark}\n" if line == "" else f"{mark} {line}\n" for mark, line in out)  # type: ignore[misc]


def _doc_text(doc: str | None) -> str:
    # Lean's doc comments may protect trailing spaces with ⏎ (its code action writes them)
    return (doc or "").strip(_LEAN_WHITESPACE).replace("⏎\n", "\n")


def elab_guard_msgs(ce: "CommandElaborator", cmd: A.GuardMsgs) -> None:
    keyword = cmd.keyword or cmd.span
    spec = parse_spec(cmd.spec, keyword)
    expected = _doc_text(cmd.doc)
    start = len(ce.messages)
    ce.elab_command(cmd.body)
    produced = ce.messages[start:]
    del ce.messages[start:]
    checked: list[Diagnostic] = []
    passed: list[Diagnostic] = []
    for msg in produced:
        action = spec.action_for(msg)
        if action == "check":
            checked.append(msg)
        elif action == "pass":
            passed.append(msg)
    rendered = [render_message(_as_lean_says(m)) for m in checked]
    if spec.ordering == "sorted":
        rendered.sort()
    result = "---\n".join(rendered).strip(_LEAN_WHITESPACE)
    if normalize_whitespace(spec.whitespace, expected) == normalize_whitespace(spec.whitespace, result):
        ce.messages.extend(passed)
        return
    ce.messages.extend(produced)
    text = f"❌️ Docstring on `#guard_msgs` does not match generated message:\n\n{line_diff(expected, result)}"
    if _differs_only_in_error_text(expected, checked, spec):
        text += ("\nThe messages differ only in the text of errors, and matching Lean's exact wording of error "
                 "messages is not supported yet.")
    ce.messages.append(Diagnostic(keyword, "error", text))


def _as_lean_says(msg: Diagnostic) -> Diagnostic:
    """`msg` without the note leanr adds where its simp set may fall short of Lean's (`made no progress` is
    Lean's error too: the note only says why leanr gives no verdict on its own)."""
    from ..tactic.core import SIMP_SET_NOTE

    if SIMP_SET_NOTE in msg.message:
        return Diagnostic(msg.span, msg.severity, msg.message.replace(SIMP_SET_NOTE, ""))
    return msg


def _differs_only_in_error_text(expected: str, checked: list[Diagnostic], spec: GuardSpec) -> bool:
    """Same messages in the same order and severities, equal except the texts of errors: the command failed
    as expected, and only leanr's wording of the error can differ from Lean's."""
    if spec.ordering != "exact":
        return False
    parts = [p.strip() for p in expected.split("---\n")] if expected else []
    if len(parts) != len(checked) or not checked:
        return False
    for part, msg in zip(parts, checked):
        if not part.startswith(msg.severity + ":"):
            return False
        same = (normalize_whitespace(spec.whitespace, part)
                == normalize_whitespace(spec.whitespace, render_message(msg).strip()))
        if not same and msg.severity != "error":
            return False
    return any(m.severity == "error" for m in checked)
