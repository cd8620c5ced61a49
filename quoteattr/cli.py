"""Command line: ``quoteattr predict | evaluate | train | build | soup | publish | report |
export | import``."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .extras import MissingDependency

if TYPE_CHECKING:
    from .jobs.local import JobSummary

SET_HELP = "override a config value, e.g. training.seed=43 (repeatable)"
MODEL_HELP = "model folder or Hub id (default: the model shipped with quoteattr)"


def _model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help=MODEL_HELP)
    p.add_argument("--revision", help="Hub revision of --model")
    p.add_argument("--device", default="auto", help="cpu, cuda, cuda:N or auto (default)")
    p.add_argument(
        "--dtype", choices=["float32", "bfloat16", "float16"],
        help="bfloat16: PyTorch on a GPU, or PyTorch or OpenVINO on a CPU with AMX or "
        "AVX512-BF16",
    )  # fmt: skip
    p.add_argument("--quantize", choices=["int8"], help="int8: dynamic int8 on ONNX Runtime")
    p.add_argument(
        "--backend", choices=["auto", "onnx", "torch", "openvino"], default="auto",
        help="auto (default): the fastest path this machine offers (onnx fp32 or int8, torch "
        "or openvino bf16), a lossy one only within 0.3 F1 points of fp32 on dev; -v says "
        "which. openvino needs the [openvino] extra",
    )  # fmt: skip
    p.add_argument("--batch-size", type=int, default=32, help="windows per forward pass")


def _config_options(p: argparse.ArgumentParser) -> None:
    """The options of the commands that read a training config (train, build)."""
    p.add_argument("config", help="training config (YAML)")
    p.add_argument("--strict", action="store_true", help="stop at the first bad article")
    p.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE", help=SET_HELP)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quoteattr", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "predict",
        help="attributions for .txt files, folders or JSONL",
        description="Predict attributions. Without -o, results go to standard output; "
        "resuming a killed job (skipping ids already written) needs -o with a JSONL file. "
        "Exit status: 0 when every article was done, 1 when some failed (they are in the "
        "errors file), 2 when the job could not run or --strict stopped it.",
    )
    p.add_argument("inputs", nargs="+", help=".txt files, folders of them, JSONL (id, text)")
    _model_options(p)
    p.add_argument("-o", "--output", help="file to write (JSONL is appended and resumable)")
    p.add_argument(
        "--format", choices=["jsonl", "csv", "html", "parquet"], default="jsonl",
        help="parquet: with --ray, a folder of part files",
    )  # fmt: skip
    p.add_argument(
        "--ray", action="store_true",
        help="predict with Ray Data actors (a new local cluster unless --ray-address)",
    )  # fmt: skip
    p.add_argument(
        "--ray-address", metavar="ADDRESS",
        help="with --ray: the cluster to join (auto, HOST:6379, ray://HOST:10001)",
    )  # fmt: skip
    p.add_argument("--concurrency", type=int, default=1, help="with --ray: model actors")
    p.add_argument("--cpus-per-actor", type=float, default=1, help="with --ray")
    p.add_argument("--gpus-per-actor", type=float, default=0, help="with --ray")
    p.add_argument("--errors", help="JSONL file for failed articles (default: OUTPUT.errors)")
    p.add_argument("--chunk-size", type=int, default=64, help="articles written per flush")
    p.add_argument("--strict", action="store_true", help="stop at the first bad input")
    p.add_argument("--no-resume", action="store_true", help="start OUTPUT again")
    p.add_argument("--shard", help="I/N: take every N-th article from the I-th (0-based)")
    p.add_argument(
        "--ner", action="store_true",
        help="speakers typed with named-entity labels (pip install 'quoteattr[people]'): "
        "kinds more often right, about 0.2 s more per article on 2 cores",
    )  # fmt: skip
    p.add_argument(
        "--no-metadata", action="store_true",
        help="JSONL output without the input lines' other fields (outlet, date, ...)",
    )  # fmt: skip

    p = sub.add_parser(
        "evaluate",
        help="score a model (or a predictions file) against gold annotations",
        description="Score PREDICTIONS against GOLD, or predict GOLD's texts with --model "
        "(default: the shipped model) and score them.",
    )
    p.add_argument("gold", help="BRAT folder (text/, attributions/) or JSONL with attributions")
    p.add_argument("predictions", nargs="?", help="predictions JSONL (default: predict now)")
    _model_options(p)
    p.add_argument("-o", "--output", help="JSON file for the scores")
    p.add_argument("--save-predictions", metavar="JSONL", help="also write the predictions")
    p.add_argument(
        "--set", action="append", default=[], metavar="SECTION.KEY=VALUE",
        help="override a model setting, e.g. decoding.min_score=0.5 (repeatable)",
    )  # fmt: skip

    p = sub.add_parser("train", help="fine-tune a model from a YAML config")
    p.add_argument("--output-dir", help="overrides training.output_dir")
    p.add_argument("--checkpoint-steps", type=int, default=0, help="also save every N steps")
    _config_options(p)

    p = sub.add_parser("build", help="build the token-classification datasets of a config")
    p.add_argument("-o", "--output", required=True, help="folder for DatasetDict.save_to_disk")
    _config_options(p)

    p = sub.add_parser("soup", help="average the weights of fine-tuned models into one")
    p.add_argument("models", nargs="+", help="model folders or Hub ids (at least two)")
    p.add_argument("-o", "--output", required=True, help="folder for the averaged model")
    p.add_argument("--weights", type=float, nargs="+", help="one per model (default: equal)")
    p.add_argument(
        "--any-heads", action="store_true", help="average models trained with different seeds"
    )

    p = sub.add_parser(
        "publish",
        help="write a model's Hub folder (weights, tokenizer, card) and push it",
        description="Build the folder that goes to the Hub (safetensors weights, config, "
        "tokenizer, README.md model card rendered from the model and its scores) and "
        "upload it; --dry-run DIR writes the folder and uploads nothing.",
    )
    p.add_argument("model", help="trained model folder")
    p.add_argument("--repo-id", required=True, help="ORG/NAME on the Hub")
    p.add_argument("--scores", required=True, help="JSON from quoteattr evaluate -o")
    p.add_argument("--int8-scores", help="the same, evaluated with --quantize int8")
    p.add_argument("--bf16-scores", help="the same, with --backend torch --dtype bfloat16")
    p.add_argument("--openvino-scores", help="the same, with --backend openvino --dtype bfloat16")
    p.add_argument("--teacher-scores", help="a distilled model's teacher, evaluated on dev")
    p.add_argument("--test-scores", help="the same, on a held-out test split")
    p.add_argument("--human", help="JSON of human agreement scores (experiments/agreement.py)")
    p.add_argument(
        "--speaker-scores", nargs=2, action="append", default=[], metavar=("LABEL", "JSON"),
        help="speakers by name on real news (experiments/eval_speaker_names.py), repeatable",
    )  # fmt: skip
    p.add_argument("--dtype", choices=["float32", "bfloat16", "float16"], default="float16")
    p.add_argument("--dry-run", metavar="DIR", help="write the folder here, do not upload")
    p.add_argument("--token")
    p.add_argument("--revision")
    p.add_argument("--private", action="store_true")

    p = sub.add_parser(
        "export",
        help="predictions as Label Studio tasks or BRAT folders, for correcting",
        description="Write PREDICTIONS as Label Studio tasks with pre-annotations (import "
        "them into a project made with --label-config) or as a BRAT standoff folder.",
    )
    p.add_argument("predictions", nargs="?", help="predict's JSONL, or JSONL with texts")
    p.add_argument(
        "--texts", nargs="+", default=[], metavar="INPUT",
        help="the inputs predict read (.txt files, folders, JSONL), when PREDICTIONS has no texts",
    )  # fmt: skip
    p.add_argument("--to", choices=["label-studio", "brat"], default="label-studio")
    p.add_argument("-o", "--output", help="tasks JSON file (label-studio) or folder (brat)")
    p.add_argument("--label-config", action="store_true", help="print Label Studio's labelling XML")

    p = sub.add_parser(
        "import",
        help="Label Studio's JSON export of corrected tasks, as training JSONL",
        description="Read Label Studio's JSON export into training JSONL. Annotations are "
        "taken before predictions; untouched tasks are skipped and counted.",
    )
    p.add_argument("export", help="JSON export of a Label Studio project")
    p.add_argument("-o", "--output", required=True, help="training JSONL to write")
    p.add_argument(
        "--accept-predictions", action="store_true", help="take untouched tasks' predictions"
    )
    p.add_argument("--skip-bad", action="store_true", help="leave out and list bad tasks")
    p = sub.add_parser(
        "report",
        help="who is quoted: sources.csv, entities.csv and report.html for a corpus",
        description="Tally the speakers of prediction files (quoteattr predict JSONL) into "
        "DIR/sources.csv (one row per article and speaker), DIR/entities.csv (one row per "
        "entity across articles) and DIR/report.html (charts; needs the report extra). "
        "Exit status 1 when lines were skipped (listed on standard error).",
    )
    p.add_argument("predictions", nargs="+", help="prediction JSONL files")
    p.add_argument("-o", "--output", required=True, help="folder to write")
    p.add_argument(
        "--texts", nargs="+", metavar="INPUT",
        help="the articles predicted (as given to predict): adds DIR/articles.html, "
        "which the report's figures link to",
    )  # fmt: skip
    p.add_argument("--top", type=int, default=20, help="people and organisations charted")

    for command in sub.choices.values():
        command.add_argument("-v", "--verbose", action="store_true", help="say more (INFO)")
        command.add_argument("-q", "--quiet", action="store_true", help="errors only")
    args = parser.parse_args(argv)
    commands = {
        "train": _train,
        "build": _build,
        "predict": _predict,
        "evaluate": _evaluate,
        "soup": _soup,
        "publish": _publish,
        "report": _report,
        "export": _export,
        "import": _import,
    }
    if args.command in ("predict", "evaluate", "publish"):
        _no_loading_bars()
    try:
        with _logging(args.verbose, args.quiet, args.command in ("train", "build")):
            if args.command == "evaluate":
                return _evaluate(args, argv)
            return commands[args.command](args)
    except (ValueError, OSError, RuntimeError, MissingDependency) as err:
        print(f"quoteattr {args.command}: error: {err}", file=sys.stderr)
        return 2


@contextlib.contextmanager
def _logging(verbose: bool, quiet: bool, progress: bool = False) -> Iterator[None]:
    """quoteattr's log lines on standard error while a command runs: warnings (and, with
    ``progress``, as in training, INFO), -v adds INFO, -q errors only (set back
    afterwards, for callers of ``main``)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("quoteattr: %(message)s"))
    log = logging.getLogger("quoteattr")
    level = log.level
    log.addHandler(handler)
    shown = logging.INFO if verbose or progress else logging.WARNING
    log.setLevel(logging.ERROR if quiet else shown)
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


def _no_loading_bars() -> None:
    """transformers draws a bar for loading weights; the CLI shows its own progress. (An
    environment variable, so that transformers is not imported where it is not needed.)"""
    if sys.modules.get("transformers") is not None:
        from transformers.utils import logging

        logging.disable_progress_bar()
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def _config(args: argparse.Namespace):
    from .config import load_config

    config = load_config(args.config, args.set)
    config.data.strict = config.data.strict or args.strict
    return config


def _train(args: argparse.Namespace) -> int:
    from .train.training import train

    metrics = train(_config(args), args.output_dir, args.checkpoint_steps)
    print(json.dumps(metrics, indent=2))
    return 0


def _build(args: argparse.Namespace) -> int:
    from .train.training import load_data

    _, _, data = load_data(_config(args))
    data.save_to_disk(args.output)
    print(f"saved {data} to {args.output}")
    return 0


def _predict(args: argparse.Namespace) -> int:
    if args.ray_address and not args.ray:
        raise ValueError("--ray-address needs --ray")
    if args.ray:
        return _predict_ray(args)
    if args.format == "parquet":
        raise ValueError("--format parquet needs --ray")
    from .jobs.local import run_prediction_job

    shard = (0, 1)
    if args.shard:
        try:
            index, count = (int(x) for x in args.shard.split("/"))
        except ValueError:
            raise ValueError(f"--shard {args.shard!r}: expected I/N, e.g. 0/4") from None
        shard = (index, count)
    summary = run_prediction_job(
        args.inputs,
        model=args.model,
        output=Path(args.output) if args.output else None,
        errors=Path(args.errors) if args.errors else None,
        fmt=args.format,
        batch_size=args.batch_size,
        chunk_size=args.chunk_size,
        quantize=args.quantize,
        revision=args.revision,
        strict=args.strict,
        resume=not args.no_resume,
        shard=shard,
        device=args.device,
        dtype=args.dtype,
        backend=args.backend,
        progress=not args.quiet,
        settings={"speaker_ner": True} if args.ner else None,
        metadata=not args.no_metadata,
    )
    return _finished(summary, args.quiet)


def _finished(summary: JobSummary, quiet: bool) -> int:
    """Print a prediction job's summary; exit status 1 when articles failed."""
    if not quiet:
        print(summary, file=sys.stderr)
    return 1 if summary.failed else 0


def _predict_ray(args: argparse.Namespace) -> int:
    from .jobs.ray import predict_ray

    if not args.output or args.format not in ("jsonl", "parquet") or args.shard:
        raise ValueError("--ray needs -o, --format jsonl or parquet, and no --shard")
    summary = predict_ray(
        args.inputs, args.output, model=args.model, address=args.ray_address,
        concurrency=args.concurrency, num_cpus=args.cpus_per_actor, num_gpus=args.gpus_per_actor,
        batch_size=args.batch_size, articles_per_batch=args.chunk_size, quantize=args.quantize,
        backend=args.backend,
        dtype=args.dtype, revision=args.revision, output_format=args.format,
        resume=not args.no_resume, strict=args.strict, errors=args.errors,
        progress=not args.quiet, settings={"speaker_ner": True} if args.ner else None,
    )  # fmt: skip
    return _finished(summary, args.quiet)


def _evaluate(args: argparse.Namespace, argv: list[str] | None = None) -> int:
    from .config import settings_overrides
    from .jobs.evaluate import evaluate
    from .scoring.metrics import format_scores, write_json

    # scores in fp32 unless a precision or backend is named: the same figures on any CPU
    pinned = args.dtype or args.quantize or args.backend != "auto"
    scores, report = evaluate(
        args.gold, args.predictions, model=args.model, revision=args.revision,
        device=args.device, dtype=args.dtype if pinned else "float32", quantize=args.quantize,
        backend=args.backend, batch_size=args.batch_size, settings=settings_overrides(args.set),
        save_predictions=args.save_predictions,
    )  # fmt: skip
    scores["command"] = " ".join(["quoteattr", *(argv if argv is not None else sys.argv[1:])])
    print(format_scores(scores))
    if report.skipped:
        print(report.summary(), file=sys.stderr)
    if args.output:
        write_json(args.output, scores)
    return 0


def _soup(args: argparse.Namespace) -> int:
    from .train.soup import make_soup

    make_soup(args.models, args.output, args.weights, args.any_heads)
    print(f"saved the average of {len(args.models)} models to {args.output} "
          f"(tokenizer and settings of {args.models[0]})")  # fmt: skip
    return 0


def _publish(args: argparse.Namespace) -> int:
    from .hub.publish import build_hub_folder
    from .inference.attributor import upload_folder

    def read(path: str | None) -> dict | None:
        return json.loads(Path(path).read_text(encoding="utf-8")) if path else None

    build = dict(
        repo_id=args.repo_id, scores=read(args.scores), int8_scores=read(args.int8_scores),
        test_scores=read(args.test_scores), human=read(args.human), dtype=args.dtype,
        teacher_scores=read(args.teacher_scores), bf16_scores=read(args.bf16_scores),
        openvino_scores=read(args.openvino_scores),
        speaker_scores={label: read(path) for label, path in args.speaker_scores},
    )  # fmt: skip
    if args.dry_run:
        build_hub_folder(args.model, args.dry_run, **build)
        print(f"wrote the folder for {args.repo_id} to {args.dry_run} (nothing uploaded)")
        return 0
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        build_hub_folder(args.model, tmp, **build)
        url = upload_folder(
            tmp, args.repo_id, token=args.token, private=args.private, revision=args.revision
        )
    print(f"pushed to {url}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from .reporting.report import write_report

    written, skipped = write_report(args.predictions, args.output, texts=args.texts, top=args.top)
    print("wrote " + ", ".join(str(p) for p in written))
    for where, reason in skipped:
        print(f"skipped {where}: {reason}", file=sys.stderr)
    return 1 if skipped else 0


def _export(args: argparse.Namespace) -> int:
    from .annotation import load_articles
    from .annotation.label_studio import LABEL_CONFIG

    if args.label_config:
        print(LABEL_CONFIG, end="")
        return 0
    if not (args.predictions and args.output):
        raise ValueError("give PREDICTIONS and -o (or --label-config)")
    articles = load_articles(args.predictions, args.texts)
    if args.to == "brat":
        from .annotation.brat import write_brat

        count = write_brat(articles, args.output)
    else:
        from .annotation.label_studio import write_tasks

        count = write_tasks(articles, args.output)
    print(f"wrote {count} articles to {args.output}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from .annotation.label_studio import read_export

    articles, summary = read_export(args.export, args.accept_predictions, args.skip_bad)
    with open(args.output, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in articles)
    print(f"wrote {len(articles)} articles to {args.output}: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
