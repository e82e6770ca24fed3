"""Readers of lean4export files (NDJSON format 3.x and the legacy text format) feeding the kernel."""
from .check import ACCEPT, DECLINE, REJECT, ExportResult, check_export, detect_format, iter_export
from .errors import ExportDecline, ExportError
from .items import ExportItem
from .legacy import iter_legacy
from .ndjson import NdjsonReader, iter_ndjson

__all__ = [
    "ACCEPT", "DECLINE", "REJECT", "ExportDecline", "ExportError", "ExportItem", "ExportResult", "NdjsonReader",
    "check_export", "detect_format", "iter_export", "iter_legacy", "iter_ndjson",
]
