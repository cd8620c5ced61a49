"""Where quoteattr keeps what it makes once and reuses: ``cache_root()``."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """``$QUOTEATTR_CACHE``, else ``$XDG_CACHE_HOME/quoteattr`` or ``~/.cache/quoteattr``."""
    root = os.environ.get("QUOTEATTR_CACHE")
    if root:
        return Path(root).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quoteattr"
