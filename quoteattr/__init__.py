"""quoteattr: who said what in news articles (quote, cue and speaker spans)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .schema import Article, Attribution, Span

__version__ = "0.2.0"
__all__ = ["Article", "Attribution", "QuoteAttributor", "Span", "predict"]

if TYPE_CHECKING:
    from .inference import QuoteAttributor, predict


def __getattr__(name: str) -> Any:  # torch and transformers load on first use only
    if name in ("QuoteAttributor", "predict"):
        from . import inference

        return getattr(inference, name)
    raise AttributeError(f"module 'quoteattr' has no attribute {name!r}")
