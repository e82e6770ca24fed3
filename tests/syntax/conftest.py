from leanr_py.syntax import parse_command, parse_term
from leanr_py.syntax.dump import dump


def t(src: str) -> str:
    """Dump of a parsed term."""
    return dump(parse_term(src))


def c(src: str) -> str:
    """Dump of a parsed command."""
    return dump(parse_command(src))
