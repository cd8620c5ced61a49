"""quoteattr: who said what in news articles (quote, cue and speaker spans)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .schema import Article, Attribution, Span, Speaker

__version__ = "0.3.0"
__all__ = [
    "Article",
    "Attribution",
    "QuoteAttributor",
    "Span",
    "Speaker",
    "predict",
    "render_html",
    "report",
    "to_dataframe",
]

if TYPE_CHECKING:
    from .inference.attributor import QuoteAttributor, predict
    from .outputs.html import render_html
    from .outputs.tables import to_dataframe
    from .reporting.report import report

_LAZY = {  # torch, transformers and pandas load on first use only
    "QuoteAttributor": "inference.attributor",
    "predict": "inference.attributor",
    "to_dataframe": "outputs.tables",
    "render_html": "outputs.html",
    "report": "reporting.report",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'quoteattr' has no attribute {name!r}")
