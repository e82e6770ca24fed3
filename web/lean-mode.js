// A small Lean 4 syntax mode for CodeMirror 6 (a stream tokenizer): comments (nested block comments and
// doc comments), strings and chars, numbers, command keywords, term keywords, tactic names, sorts,
// `sorry`, attributes and `#commands`.
import { StreamLanguage } from "@codemirror/language";

const COMMANDS = new Set([
  "theorem", "lemma", "def", "example", "abbrev", "instance", "axiom", "axioms", "inductive", "structure",
  "class", "where", "extends", "deriving", "namespace", "section", "end", "open", "export", "variable",
  "universe", "universes", "import", "mutual", "noncomputable", "partial", "unsafe", "private", "protected",
  "set_option", "attribute", "notation", "infix", "infixl", "infixr", "prefix", "postfix", "macro", "syntax",
  "termination_by", "decreasing_by", "opaque", "local", "scoped",
]);
const KEYWORDS = new Set([
  "fun", "λ", "by", "have", "show", "from", "let", "in", "match", "with", "if", "then", "else", "do", "at",
  "calc", "suffices", "obtain", "return", "for", "unless", "mut", "this", "∀", "∃", "Π", "Σ",
]);
const TACTICS = new Set([
  "intro", "intros", "exact", "apply", "refine", "rfl", "simp", "simp_all", "rw", "rewrite", "cases",
  "rcases", "induction", "constructor", "left", "right", "exists", "use", "omega", "decide", "assumption",
  "contradiction", "trivial", "exfalso", "unfold", "specialize", "generalize", "revert", "clear", "subst",
  "injection", "funext", "congr", "ext", "norm_num", "linarith", "ring", "first", "repeat", "try", "all_goals",
  "any_goals", "focus", "case", "next", "rename_i", "split", "exact?", "apply?", "native_decide", "change",
  "symm", "trans", "calc", "done", "skip", "nofun", "nomatch", "absurd",
]);
const SORTS = new Set(["Prop", "Type", "Sort"]);
const IDENT_START = /[A-Za-z_\u00C0-\u024F\u0370-\u03FF\u1F00-\u1FFF\u2100-\u214F\u{1D400}-\u{1D7FF}]/u;
const IDENT_REST = /[A-Za-z0-9_'!?\u00C0-\u024F\u0370-\u03FF\u1F00-\u1FFF\u2080-\u209C\u2100-\u214F\u{1D400}-\u{1D7FF}.]/u;

function blockComment(stream, state) {
  while (!stream.eol()) {
    if (stream.match("/-")) {
      state.depth++;
    } else if (stream.match("-/")) {
      state.depth--;
      if (state.depth === 0) break;
    } else {
      stream.next();
    }
  }
  return state.doc ? "docString" : "blockComment";
}

export const leanLanguage = StreamLanguage.define({
  name: "lean4",
  startState: () => ({ depth: 0, doc: false, string: false }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (state.depth > 0) return blockComment(stream, state);
    if (state.string) {
      while (!stream.eol()) {
        const ch = stream.next();
        if (ch === "\\") stream.next();
        else if (ch === '"') { state.string = false; break; }
      }
      return "string";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("--")) { stream.skipToEnd(); return "lineComment"; }
    if (stream.match("/-")) {
      state.depth = 1;
      state.doc = stream.peek() === "-" || stream.peek() === "!";
      return blockComment(stream, state);
    }
    if (stream.peek() === '"') {
      stream.next();
      state.string = true;
      return this.token(stream, state) || "string";
    }
    if (stream.match(/^'(\\.|[^'\\])'/u)) return "character";
    if (stream.match(/^(0x[0-9a-fA-F]+|0b[01]+|\d+(\.\d+)?)/)) return "number";
    if (stream.match(/^@\[[^\]]*\]/)) return "annotation";
    if (stream.match(/^#[a-z_]+/)) return "keyword";
    if (stream.match(/^«[^»]*»/)) return "variableName";
    const ch = stream.peek();
    if (IDENT_START.test(ch)) {
      let word = "";
      while (!stream.eol() && IDENT_REST.test(stream.peek())) word += stream.next();
      const head = word.replace(/\.$/, "");
      if (COMMANDS.has(head)) return "keyword";
      if (KEYWORDS.has(head)) return "controlKeyword";
      if (head === "sorry" || head === "admit") return "invalid";
      if (SORTS.has(head)) return "typeName";
      if (TACTICS.has(head)) return "variableName.function";
      return "variableName";
    }
    if (KEYWORDS.has(ch)) { stream.next(); return "controlKeyword"; }
    if (stream.match(/^(:=|=>|->|<-|←|→|↔|∧|∨|¬|≠|≤|≥|×|∘|⟨|⟩|[-+*\/%^=<>|&∣∈∉⊆∪∩▸·])/u)) return "operator";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "--", block: { open: "/-", close: "-/" } } },
});
