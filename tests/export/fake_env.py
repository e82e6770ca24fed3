"""A stand-in environment that records what the export checker submits."""
from __future__ import annotations

from leanr_py.kernel import declaration as D
from leanr_py.kernel.errors import KernelError
from leanr_py.kernel.name import Name


class FakeEnv:
    def __init__(self, quot_infos: list[D.QuotInfo] | None = None, fail_on: str | None = None,
                 error: type[KernelError] = KernelError) -> None:
        self.added: list[object] = []
        self.inductives: list[tuple[D.InductiveDecl, list | None]] = []
        self.constants: dict[Name, D.ConstantInfo] = {}
        self.quot_infos = quot_infos or []
        self.quot_initialized = False
        self.fail_on = fail_on
        self.error = error

    def _maybe_fail(self, name: Name) -> None:
        if self.fail_on is not None and str(name) == self.fail_on:
            raise self.error("rejected on purpose")

    def add(self, decl: object) -> None:
        if isinstance(decl, D.QuotDecl):
            if self.quot_initialized:
                raise KernelError("quotient package already initialized")
            self.quot_initialized = True
            for info in self.quot_infos:
                self.constants[info.name] = info
        else:
            self._maybe_fail(decl.name)  # type: ignore[attr-defined]
        self.added.append(decl)

    def add_inductive(self, decl: D.InductiveDecl, claimed: list | None = None) -> None:
        self._maybe_fail(decl.types[0].name)
        self.inductives.append((decl, claimed))
        for info in claimed or ():
            self.constants[info.name] = info

    def get(self, name: Name) -> D.ConstantInfo:
        info = self.constants.get(name)
        if info is None:
            raise KernelError(f"unknown constant '{name}'")
        return info

    def find(self, name: Name) -> D.ConstantInfo | None:
        return self.constants.get(name)
