"""The token table shipped beside tokens.lark is what lark compiles from the grammar (it saves ~0.5 s of
start-up); a stale or damaged table is never used."""
from __future__ import annotations

import json

from leanr_py.syntax import lexer


def test_shipped_table_matches_the_grammar() -> None:
    grammar = lexer.TOKENS_GRAMMAR.read_text(encoding="utf-8")
    table = json.loads(lexer.TOKENS_TABLE.read_text(encoding="utf-8"))
    assert table["grammar_sha256"] == lexer._grammar_hash(grammar)
    assert table["patterns"] == lexer.token_patterns_from_grammar(grammar)


def test_stale_or_broken_table_falls_back_to_the_grammar(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    expected = {k: v.pattern for k, v in lexer._regexes().items()}
    for content in ('{"grammar_sha256": "0", "patterns": {"IDENT": "x"}}', "not json", '{"patterns": 3}', "[]"):
        bad = tmp_path / "tokens.json"
        bad.write_text(content, encoding="utf-8")
        monkeypatch.setattr(lexer, "TOKENS_TABLE", bad)
        lexer._regexes.cache_clear()
        try:
            assert {k: v.pattern for k, v in lexer._regexes().items()} == expected
        finally:
            lexer._regexes.cache_clear()
