"""End-to-end training on the sample corpus with a tiny random encoder (slow)."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from tiny_models import save_tiny_encoder

from quoteattr.config import config_from_dict
from quoteattr.inference.attributor import QuoteAttributor
from quoteattr.train.training import TrainingSetupError, check_output_dir, train

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "data" / "sample" / "brat"


def _config(encoder: Path, output: Path, **training) -> dict:
    return {
        "model": {"name_or_path": str(encoder)},
        "data": {
            "train": str(SAMPLE),
            "dev": str(SAMPLE),
            "max_length": 32,
            "stride": 8,
            "newline_marker": "¶",
        },
        "training": {
            "output_dir": str(output),
            "num_epochs": 2,
            "batch_size": 2,
            "eval_batch_size": 4,
            "learning_rate": 1e-3,
            "logging_steps": 1,
            **training,
        },
    }


@pytest.fixture(params=["wordpiece", "bpe"])
def encoder(request, tmp_path):
    tokenizer = request.getfixturevalue(f"{request.param}_tokenizer")
    return save_tiny_encoder(tokenizer, tmp_path / "encoder")


@pytest.mark.slow
def test_train_writes_a_loadable_model_folder(encoder, tmp_path):
    out = tmp_path / "run"
    metrics = train(config_from_dict(_config(encoder, out)))
    assert 0 <= metrics["eval_attribution_f1"] <= 1
    for name in ("model.safetensors", "config.json", "tokenizer.json", "eval_results.json"):
        assert (out / name).exists(), name
    saved = json.loads((out / "config.json").read_text())
    assert saved["quoteattr"] == {
        "max_length": 32,
        "stride": 8,
        "newline_marker": "¶",
        "label_scheme": "bio-linked",
        "decoding": {
            "max_distance": 250,
            "min_score": 0.6,
            "viterbi": True,
            "paragraphs": True,
            "use_sides": True,
            "shared_speakers": True,
            "speaker_ner": False,
        },
    }
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["train_articles"] == 2 and provenance["train_seconds"] > 0
    text = (SAMPLE / "text").glob("*.txt").__next__().read_text()
    [attributions] = QuoteAttributor.from_pretrained(out).predict([text])
    for a in attributions:
        for span in a.spans():
            assert text[span.start : span.end] == span.text


KILL_SCRIPT = textwrap.dedent(
    """
    import logging, os, signal, sys, yaml
    from transformers import TrainerCallback
    from quoteattr.config import config_from_dict
    from quoteattr.train.training import train

    class KillAt(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step == int(sys.argv[2]):
                os.kill(os.getpid(), signal.SIGKILL)

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = config_from_dict(yaml.safe_load(open(sys.argv[1])))
    train(config, checkpoint_steps=2, callbacks=[KillAt()] if int(sys.argv[2]) else [])
    """
)


@pytest.mark.slow
def test_a_run_from_a_trained_model_records_the_run_it_continues(wordpiece_tokenizer, tmp_path):
    encoder = save_tiny_encoder(wordpiece_tokenizer, tmp_path / "encoder")
    train(config_from_dict(_config(encoder, tmp_path / "first", num_epochs=1)))
    first = json.loads((tmp_path / "first" / "provenance.json").read_text())
    config = config_from_dict(_config(tmp_path / "first", tmp_path / "elsewhere", num_epochs=1))
    train(config, output_dir=str(tmp_path / "second"))  # as --output-dir gives it
    second = json.loads((tmp_path / "second" / "provenance.json").read_text())
    used = json.loads((tmp_path / "second" / "training_config.json").read_text())
    assert used["training"]["output_dir"] == str(tmp_path / "second")
    assert second["continues"] == first and first["continues"] is None
    assert second["base_model"] == first["base_model"] == str(encoder)


@pytest.mark.slow
def test_killed_run_resumes_to_the_same_metrics(wordpiece_tokenizer, tmp_path):
    encoder = save_tiny_encoder(wordpiece_tokenizer, tmp_path / "encoder")
    script = tmp_path / "run.py"
    script.write_text(KILL_SCRIPT)

    def run(name, kill_at):
        config = tmp_path / f"{name}.yaml"
        config.write_text(yaml.safe_dump(_config(encoder, tmp_path / name, num_epochs=3)))
        return subprocess.run(
            [sys.executable, str(script), str(config), str(kill_at)], capture_output=True, text=True
        )

    assert run("straight", 0).returncode == 0
    killed = run("killed", 3)
    assert killed.returncode == -9, killed.stderr[-2000:]
    assert (tmp_path / "killed" / "checkpoint-2").is_dir()
    assert not (tmp_path / "killed" / "eval_results.json").exists()
    resumed = run("killed", 0)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "resuming from" in resumed.stderr
    straight = json.loads((tmp_path / "straight" / "eval_results.json").read_text())
    again = json.loads((tmp_path / "killed" / "eval_results.json").read_text())
    for key in ("eval_loss", "eval_attribution_f1", "eval_seqeval_f1"):
        assert again[key] == pytest.approx(straight[key], abs=1e-5), key


def test_unwritable_output_fails_early(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(TrainingSetupError, match="not writable"):
        check_output_dir(blocker / "run", needed_bytes=1)


def test_processes_probing_one_folder_at_once_all_pass(tmp_path):
    """Every process of a distributed run checks the same output folder at the same moment."""
    folder = tmp_path / "run"
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: check_output_dir(folder, needed_bytes=1), range(400)))
    assert list(folder.iterdir()) == []


def test_too_little_disk_fails_early(tmp_path):
    with pytest.raises(TrainingSetupError, match="MiB free"):
        check_output_dir(tmp_path / "run", needed_bytes=2**60)


@pytest.mark.slow
def test_two_cpu_processes_share_the_data(wordpiece_tokenizer, tmp_path):
    """`accelerate launch` with two CPU processes (gloo): each takes half of each epoch."""
    encoder = save_tiny_encoder(wordpiece_tokenizer, tmp_path / "encoder")
    config = tmp_path / "c.yaml"
    config.write_text(yaml.safe_dump(_config(encoder, tmp_path / "run", num_epochs=1)))
    env = {**os.environ, "ACCELERATE_USE_CPU": "true"}
    accelerate = str(Path(sys.executable).parent / "accelerate")
    done = subprocess.run(
        [accelerate, "launch", "--multi_gpu", "--num_processes", "2",
         str(ROOT / "scripts" / "train.py"), str(config)],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    (windows,) = re.findall(r"windows: train (\d+)", done.stderr)  # logged by process 0 only
    windows = int(windows)
    steps = json.loads((tmp_path / "run" / "eval_results.json").read_text())["train_steps"]
    assert steps == math.ceil(math.ceil(windows / 2) / 2)  # half the windows each, batch 2
    QuoteAttributor.from_pretrained(tmp_path / "run")


@pytest.mark.slow
def test_runs_of_one_seed_and_two_data_seeds_make_a_soup(wordpiece_tokenizer, tmp_path):
    from quoteattr.inference.attributor import ModelError
    from quoteattr.train.soup import make_soup

    encoder = save_tiny_encoder(wordpiece_tokenizer, tmp_path / "encoder")
    runs = {}
    for name, seeds in {"a": (1, None), "b": (1, 2), "c": (3, None)}.items():
        runs[name] = tmp_path / name
        settings = {"seed": seeds[0], "data_seed": seeds[1], "num_epochs": 1}
        train(config_from_dict(_config(encoder, runs[name], **settings)))
    weights = {
        n: QuoteAttributor.from_pretrained(p, backend="torch").model.state_dict()
        for n, p in runs.items()
    }
    key = "bert.encoder.layer.0.attention.self.query.weight"
    assert not (weights["a"][key] == weights["b"][key]).all(), "the data seed changed training"
    make_soup([runs["a"], runs["b"]], tmp_path / "soup")
    QuoteAttributor.from_pretrained(tmp_path / "soup").predict("“We will win,” she said.")
    with pytest.raises(ModelError, match="unrelated"):
        make_soup([runs["a"], runs["c"]])


@pytest.mark.slow
def test_a_run_from_an_fp16_folder_trains_fp32_weights(wordpiece_tokenizer, tmp_path):
    from safetensors import safe_open
    from transformers import AutoModel

    encoder = save_tiny_encoder(wordpiece_tokenizer, tmp_path / "encoder")
    AutoModel.from_pretrained(encoder).half().save_pretrained(encoder)
    assert json.loads((encoder / "config.json").read_text())["dtype"] == "float16"
    metrics = train(config_from_dict(_config(encoder, tmp_path / "run", num_epochs=1)))
    assert math.isfinite(metrics["eval_loss"])
    with safe_open(tmp_path / "run" / "model.safetensors", "pt") as weights:
        dtypes = {weights.get_slice(name).get_dtype() for name in weights.keys()}
    assert dtypes == {"F32"}
