// Lean's unicode input: typing `\` followed by an abbreviation turns it into its symbol, as the Lean editors
// do. A curated part of Lean's abbreviation table (same abbreviations, same symbols); `$CURSOR` marks where
// the cursor goes after a bracket pair is inserted.
//
// Replacement rule (the Lean editors' rule): while the text after `\` is a proper prefix of some
// abbreviation it stays as typed; it is replaced as soon as it is a complete abbreviation that no longer one
// extends, or when the next typed character cannot continue any abbreviation (that character is then kept
// after the symbol; a space or Tab that ends an abbreviation is consumed by Tab only).
export const ABBREVIATIONS = {
  // Greek
  a: "α", b: "β", g: "γ", d: "↓", e: "ε", m: "μ", c: "χ", alpha: "α", beta: "β", gamma: "γ", delta: "δ",
  epsilon: "ε", eps: "ε", zeta: "ζ", eta: "η", theta: "θ", iota: "ι", kappa: "κ", lambda: "λ", lam: "λ",
  la: "λ", fun: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ", sigma: "σ", tau: "τ", phi: "φ",
  chi: "χ", psi: "ψ", omega: "ω", be: "β", ga: "γ", de: "δ", ep: "ε", ze: "ζ", et: "η", th: "θ",
  io: "ι", ka: "κ", rh: "ρ", si: "σ", ta: "τ", ph: "φ", ch: "χ", ps: "ψ", om: "ω",
  Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ", Sigma: "Σ", Pi: "Π", Phi: "Φ", Psi: "Ψ", Omega: "Ω",
  G: "Γ", D: "Δ", L: "Λ", S: "Σ", P: "Π",
  // logic and binders
  to: "→", r: "→", "->": "→", imp: "→", l: "←", "<-": "←", gets: "←", iff: "↔", lr: "↔", "<->": "↔",
  forall: "∀", all: "∀", ex: "∃", exists: "∃", nexists: "∄", and: "∧", an: "∧", wedge: "∧", or: "∨", v: "∨",
  vee: "∨", not: "¬", neg: "¬", "!": "¬", top: "⊤", bot: "⊥", "|-": "⊢", vdash: "⊢", entails: "⊢",
  "=>": "⇒", Rightarrow: "⇒", Leftarrow: "⇐", "<=>": "⇔", mapsto: "↦", ma: "↦", "|->": "↦",
  // relations
  ne: "≠", neq: "≠", "=n": "≠", le: "≤", leq: "≤", "<=": "≤", ge: "≥", geq: "≥", ">=": "≥",
  equiv: "≃", "~-": "≃", simeq: "≃", "==": "≡", iso: "≅", cong: "≅", "~=": "≅", approx: "≈", "~~": "≈",
  sim: "∼", "~": "∼", ll: "≪", gg: "≫", prec: "≺", succ: "≻", dvd: "∣", mid: "∣", "|": "∣",
  // sets
  in: "∈", mem: "∈", notin: "∉", nin: "∉", ni: "∋", sub: "⊆", subset: "⊆", ss: "⊆", subseteq: "⊆",
  ssub: "⊂", ssubset: "⊂", sup: "⊔", supseteq: "⊇", supset: "⊇", ssup: "⊃", cup: "∪", un: "∪", union: "∪",
  cap: "∩", i: "∩", inter: "∩", empty: "∅", emptyset: "∅", setminus: "\\", compl: "ᶜ", powerset: "𝒫",
  U: "⋃", I: "⋂", inf: "⊓", glb: "⊓", meet: "⊓", lub: "⊔", join: "⊔",
  // operations
  x: "×", times: "×", o: "∘", comp: "∘", circ: "∘", ".": "·", cdot: "·", t: "▸", rw: "▸", sum: "∑",
  prod: "∏", "-1": "⁻¹", inv: "⁻¹", "-": "⁻¹", "o+": "⊕", oplus: "⊕", ox: "⊗", otimes: "⊗", pm: "±",
  u: "↑", coe: "↑", "u-": "↑", "d-": "↓", div: "÷", sqrt: "√", infty: "∞", qed: "∎", "...": "⋯",
  // number systems
  N: "ℕ", nat: "ℕ", Nat: "ℕ", bn: "ℕ", Z: "ℤ", int: "ℤ", Int: "ℤ", bz: "ℤ", Q: "ℚ", rat: "ℚ", bq: "ℚ",
  R: "ℝ", real: "ℝ", br: "ℝ", C: "ℂ", com: "ℂ", bc: "ℂ", F: "𝔽", H: "ℍ", K: "𝕂", A: "𝔸",
  // brackets
  "<": "⟨", ">": "⟩", langle: "⟨", rangle: "⟩", "<>": "⟨$CURSOR⟩", "f<": "‹", "f>": "›", "f<<": "«",
  "f>>": "»", "[[": "⟦", "]]": "⟧", "{{": "⦃", "}}": "⦄", "[[]]": "⟦$CURSOR⟧", "{{}}": "⦃$CURSOR⦄",
  norm: "‖$CURSOR‖", floor: "⌊$CURSOR⌋", ceil: "⌈$CURSOR⌉", "||": "‖",
  // sub- and superscripts
  0: "₀", 1: "₁", 2: "₂", 3: "₃", 4: "₄", 5: "₅", 6: "₆", 7: "₇", 8: "₈", 9: "₉",
  _0: "₀", _1: "₁", _2: "₂", _3: "₃", _4: "₄", _5: "₅", _6: "₆", _7: "₇", _8: "₈", _9: "₉",
  _i: "ᵢ", _j: "ⱼ", _k: "ₖ", _n: "ₙ", _m: "ₘ", "^1": "¹", "^2": "²", "^3": "³", "^n": "ⁿ", "^c": "ᶜ",
  // the backslash itself
  "\\": "\\",
};

const KEYS = Object.keys(ABBREVIATIONS);

/** Is `s` a proper prefix of some abbreviation? */
export function extendsSome(s) {
  for (const k of KEYS) if (k.length > s.length && k.startsWith(s)) return true;
  return false;
}

/** The symbol for an abbreviation (with the cursor offset inside it), or null. */
export function expand(abbrev) {
  const sym = ABBREVIATIONS[abbrev];
  if (sym === undefined) return null;
  const at = sym.indexOf("$CURSOR");
  return at < 0 ? { text: sym, cursor: sym.length } : { text: sym.replace("$CURSOR", ""), cursor: at };
}
