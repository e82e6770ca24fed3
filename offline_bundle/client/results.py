"""The verdict on one submitted proof, as data: every input gets exactly one, with the reason."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

PASS = "pass"                 # no error, no sorry, only allowed axioms
FAIL = "fail"                 # Lean judged it: errors, sorry, a disallowed or unauditable axiom use
DECLINED = "declined"         # the REPL said it cannot judge it (leanr: "... is not supported yet")
TIMEOUT = "timeout"           # no answer within the per-call time limit (the process was killed)
MEMORY = "memory"             # the process went over the memory limit on this proof (killed)
CRASH = "crash"               # the process died on this proof, also after a retry on a fresh one
PROTOCOL = "protocol"         # the process printed garbage on this proof, also after a retry
INVALID = "invalid"           # the input itself cannot be sent (not text, bad encoding, wrong imports)
UNAVAILABLE = "unavailable"   # no backend could be started (each backend's reason is given)
SKIPPED = "skipped"           # not checked: the batch's time budget ran out before it was started
INTERNAL = "internal"         # a bug in the client: reported, never lost
STATUSES = (PASS, FAIL, DECLINED, TIMEOUT, MEMORY, CRASH, PROTOCOL, INVALID, UNAVAILABLE, SKIPPED, INTERNAL)


@dataclass(slots=True)
class ProofResult:
    index: int                                  # position in the submitted batch
    status: str
    reason: str = ""
    id: Any = None                              # the caller's id for the input, if it had one
    backend: str | None = None                  # which REPL judged it ("lean", "leanr", ...)
    messages: list[dict] = field(default_factory=list)
    sorries: list[dict] = field(default_factory=list)
    axioms: dict[str, list[str]] | None = None  # declaration -> axioms it depends on (None: not audited)
    seconds: float = 0.0
    attempts: int = 0                           # processes the proof was sent to
    fallback: list[str] = field(default_factory=list)   # why earlier backends were skipped

    @property
    def passed(self) -> bool:
        return self.status == PASS

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["passed"] = self.passed
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)
