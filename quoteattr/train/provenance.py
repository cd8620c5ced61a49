"""``provenance.json``: how a model folder was made (command, commit, base model, data,
time), written by training and read by distillation and the model card."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import torch

from .. import __version__
from ..config import Config


def write_provenance(
    out: Path,
    config: Config,
    articles: dict,
    seconds: float,
    commit: str | None,
    teacher: dict[str, Any] | None,
) -> None:
    """``provenance.json``: how the model was made, for its card. Training time adds up
    over resumed runs. A run that starts from a quoteattr model folder (one with its own
    provenance) keeps that record under ``continues`` and names its base encoder."""
    path = out / "provenance.json"
    before = json.loads(path.read_text()) if path.exists() else {}
    parent = read_provenance(Path(config.model.resolved_path()))
    record = {
        "command": " ".join(["quoteattr", *sys.argv[1:]])
        if Path(sys.argv[0]).name == "quoteattr" else " ".join(sys.argv),
        "commit": commit,
        "quoteattr_version": __version__,
        "base_model": parent["base_model"] if parent else config.model.name_or_path,
        "continues": parent,
        "teacher": teacher,
        "train_articles": len(articles["train"]),
        "dev_articles": len(articles["dev"]),
        "train_seconds": round(before.get("train_seconds", 0) + seconds, 1),
        "torch": torch.__version__,
        "device": "cuda" if torch.cuda.is_available() else "cpu",
    }  # fmt: skip
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def read_provenance(folder: Path) -> dict[str, Any] | None:
    """A model folder's ``provenance.json``, or None (absent, unreadable, not a record)."""
    try:
        record = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("base_model") else None


def git_commit() -> str | None:
    """The commit of the quoteattr checkout (with ``+dirty`` for local changes), if any."""
    root = Path(__file__).resolve().parents[2]
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return commit + ("+dirty" if dirty else "")
