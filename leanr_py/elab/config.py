"""Settings of the meta layer: transparency modes and unifier approximations (Lean's `Meta.Config`)."""
from __future__ import annotations

from dataclasses import dataclass

# Transparency modes, as Lean's `TransparencyMode`: which constants whnf and def-eq may unfold.
ALL = "all"              # everything, theorems included
DEFAULT = "default"      # every definition except @[irreducible] ones
INSTANCES = "instances"  # @[reducible] definitions and instances
REDUCIBLE = "reducible"  # @[reducible] definitions only (abbrev hints count as @[reducible])

TRANSPARENCIES = (ALL, DEFAULT, INSTANCES, REDUCIBLE)


@dataclass(slots=True)
class MetaConfig:
    """Approximations the unifier may use; the defaults are those of Lean's term elaborator."""

    fo_approx: bool = True              # `?f a =?= g b` ⇒ `?f =?= g`, `a =?= b` when not a pattern
    ctx_approx: bool = True             # restrict the context of an mvar to make an assignment well scoped
    quasi_pattern_approx: bool = True   # allow arguments that are locals of the mvar's own context
    const_approx: bool = False          # `?m a =?= t` ⇒ `?m := fun _ => t` as a last resort
    offset_cnstrs: bool = True          # Nat offset constraints `?n + k =?= m`
    postpone_stuck: bool = True         # stuck problems are postponed (returned for later), not failed
    assign_synthetic_opaque: bool = False
    eta_struct: bool = True
