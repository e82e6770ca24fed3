"""Lean 4 surface syntax: tokens, terms, tactics, commands, command splitting.

    from leanr_py.syntax import parse_file, split_commands
    r = parse_file(source)          # ParsedFile(commands, diagnostics)
"""

from . import ast
from .errors import Diagnostic, ParseError, Span
from .lexer import Token, tokenize
from .parse import ParsedFile, parse_command, parse_file, parse_term
from .split import CommandRange, split_commands

__all__ = ["ast", "Diagnostic", "ParseError", "Span", "Token", "tokenize", "ParsedFile",
           "parse_file", "parse_term", "parse_command", "CommandRange", "split_commands"]
