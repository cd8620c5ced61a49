"""quoteattr: who said what in news articles (quote, cue and speaker spans)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .schema import Article, Attribution, Span, Speaker

__version__ = "0.2.0"
__all__ = [
    "Article",
    "Attribution",
    "QuoteAttributor",
    "Span",
    "Speaker",
    "predict",
    "render_html",
    "to_dataframe",
]

if TYPE_CHECKING:
    from .html import render_html
    from .inference import QuoteAttributor, predict
    from .tables import to_dataframe

_LAZY = {  # torch, transformers and pandas load on first use only
    "QuoteAttributor": "inference",
    "predict": "inference",
    "to_dataframe": "tables",
    "render_html": "html",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'quoteattr' has no attribute {name!r}")
