"""The playground worker's Python side (run by worker.js, and by scripts/web_snapshot.mjs at build time to
make the warm interpreter snapshot): one `Session` over leanr's prelude, every answer a JSON string.

Not a module of the package: it is plain Python code executed in Pyodide's global namespace."""
import base64, json, time
import leanr_py
from leanr_py import Session
from leanr_py.kernel.errors import release_traceback

_DEFAULT_GAS = 10_000_000


class Glue:
    def __init__(self, gas):
        self.gas = gas or _DEFAULT_GAS
        self.session = self._new_session()
        self.result = None
        self.text = None

    def set_gas(self, gas):
        self.gas = gas or _DEFAULT_GAS
        self.session.gas = self.gas

    def _new_session(self):
        return Session(gas=self.gas)   # over leanr's prelude (from its shipped snapshot)

    def features(self):
        s, r = Session, self.result
        return {"goals": hasattr(s, "goals_at") or hasattr(self._result_type(), "goals_at"),
                "info": hasattr(s, "info_at") or hasattr(self._result_type(), "info_at"),
                "snapshot": hasattr(s, "snapshot") and hasattr(s, "restore")}

    @staticmethod
    def _result_type():
        from leanr_py.session import CheckResult
        return CheckResult

    def check(self, text, gas):
        budget = int(gas) if gas else self.gas
        t0 = time.perf_counter()
        try:
            r = self.session.check(text, gas=budget)
        except KeyboardInterrupt as exc:
            # the interrupt may come deep inside a recursion: freeing its traceback at once would recurse in C
            # and overflow Pyodide's stack (fatal), so it is unlinked frame by frame
            release_traceback(exc)
            del exc
            # stopped half-way through a command: its partial state cannot be trusted, start afresh
            self.session = self._new_session()
            self.result = None
            self.text = None
            return json.dumps({"cancelled": True, "diagnostics": [], "gasExhausted": False, "budget": budget,
                               "ms": round((time.perf_counter() - t0) * 1000, 1), "commands": 0})
        self.result, self.text = r, text
        return json.dumps({"cancelled": False, "diagnostics": r.messages_json(), "gasExhausted": r.gas_exhausted,
                           "budget": budget, "ms": round((time.perf_counter() - t0) * 1000, 1),
                           "commands": len(r.commands), "rechecked": r.rechecked})

    def _at(self, method, line, column):
        for owner in (self.result, self.session):
            fn = getattr(owner, method, None) if owner is not None else None
            if fn is not None:
                return True, fn(int(line), int(column))
        return False, None

    @staticmethod
    def _json(value):
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            return [Glue._json(v) for v in value]
        to_json = getattr(value, "to_json", None)
        return to_json() if to_json is not None else value

    def goals(self, line, column):
        supported, found = self._at("goals_at", line, column)
        return json.dumps({"supported": supported, "goals": self._json(found)})

    def info(self, line, column):
        supported, found = self._at("info_at", line, column)
        return json.dumps({"supported": supported, "info": self._json(found)})

    def eval(self, text, expr, gas):
        doc = text if text.endswith("\n") else text + "\n"
        first_line = doc.count("\n") + 1
        r = json.loads(self.check(doc + "#eval " + expr + "\n", gas))
        r["diagnostics"] = [d for d in r["diagnostics"] if d["pos"]["line"] >= first_line]
        return json.dumps(r)

    def export(self, text, gas):
        """The document's declarations and everything they depend on, as lean4export NDJSON."""
        if self.text != text or self.result is None:
            json.loads(self.check(text, gas))
        if self.result is None:
            raise RuntimeError("the check was cancelled: nothing to export")
        if self.result.errors:
            raise ValueError("the document has errors: fix them before exporting it")
        return self.session.export()

    def snapshot(self):
        if not hasattr(self.session, "snapshot"):
            raise NotImplementedError("snapshots of the session state are not supported yet")
        return base64.b64encode(self.session.snapshot()).decode("ascii")

    def restore(self, blob):
        if not hasattr(Session, "restore"):
            raise NotImplementedError("restoring the session state is not supported yet")
        self.session = Session.restore(base64.b64decode(blob))
        self.result = None
        return "{}"


def make_glue(gas):
    return Glue(gas)
