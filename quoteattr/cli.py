"""Command line: ``quoteattr train | build | predict | evaluate | soup``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SET_HELP = "override a config value, e.g. training.seed=43 (repeatable)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quoteattr", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("train", help="fine-tune a model from a YAML config")
    p.add_argument("config")
    p.add_argument("--output-dir", help="overrides training.output_dir")
    p.add_argument("--checkpoint-steps", type=int, default=0, help="also save every N steps")
    p.add_argument("--strict", action="store_true", help="stop at the first bad article")
    p.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE", help=SET_HELP)

    p = sub.add_parser("build", help="build the token-classification datasets of a config")
    p.add_argument("config")
    p.add_argument("-o", "--output", required=True, help="folder for DatasetDict.save_to_disk")
    p.add_argument("--strict", action="store_true", help="stop at the first bad article")
    p.add_argument("--set", action="append", default=[], metavar="SECTION.KEY=VALUE", help=SET_HELP)

    p = sub.add_parser("predict", help="attributions for .txt files, folders or JSONL")
    p.add_argument("inputs", nargs="+")
    p.add_argument("--model", required=True, help="model folder or Hub id")
    p.add_argument("-o", "--output", required=True, help="JSONL file to write (appended)")
    p.add_argument("--errors", help="JSONL file for failed articles (default: OUTPUT.errors)")
    p.add_argument("--batch-size", type=int, default=32, help="windows per forward pass")
    p.add_argument("--chunk-size", type=int, default=64, help="articles written per flush")
    p.add_argument("--quantize", choices=["int8"])
    p.add_argument("--revision")
    p.add_argument("--strict", action="store_true", help="stop at the first bad input")
    p.add_argument("--no-resume", action="store_true", help="do not skip ids already written")
    p.add_argument("--shard", help="I/N: take every N-th article from the I-th (0-based)")

    p = sub.add_parser("evaluate", help="score predictions against gold annotations")
    p.add_argument("gold", help="BRAT folder (text/, attributions/) or JSONL")
    p.add_argument("predictions", help="predictions JSONL")
    p.add_argument("-o", "--output", help="JSON file for the scores")

    p = sub.add_parser("soup", help="average the weights of fine-tuned models into one")
    p.add_argument("models", nargs="+", help="model folders or Hub ids (at least two)")
    p.add_argument("-o", "--output", required=True, help="folder for the averaged model")
    p.add_argument("--weights", type=float, nargs="+", help="one per model (default: equal)")
    p.add_argument(
        "--any-heads", action="store_true", help="average models trained with different seeds"
    )

    args = parser.parse_args(argv)
    commands = {
        "train": _train,
        "build": _build,
        "predict": _predict,
        "evaluate": _evaluate,
        "soup": _soup,
    }
    try:
        return commands[args.command](args)
    except (ValueError, OSError, RuntimeError) as err:
        print(f"quoteattr {args.command}: error: {err}", file=sys.stderr)
        return 2


def _config(args: argparse.Namespace):
    from .config import load_config

    config = load_config(args.config, args.set)
    config.data.strict = config.data.strict or args.strict
    return config


def _train(args: argparse.Namespace) -> int:
    from .training import train

    metrics = train(_config(args), args.output_dir, args.checkpoint_steps)
    print(json.dumps(metrics, indent=2))
    return 0


def _build(args: argparse.Namespace) -> int:
    from .training import load_data

    _, _, data = load_data(_config(args))
    data.save_to_disk(args.output)
    print(f"saved {data} to {args.output}")
    return 0


def _predict(args: argparse.Namespace) -> int:
    from .jobs import run_prediction_job

    shard = (0, 1)
    if args.shard:
        index, count = (int(x) for x in args.shard.split("/"))
        shard = (index, count)
    summary = run_prediction_job(
        args.inputs,
        model=args.model,
        output=Path(args.output),
        errors=Path(args.errors) if args.errors else None,
        batch_size=args.batch_size,
        chunk_size=args.chunk_size,
        quantize=args.quantize,
        revision=args.revision,
        strict=args.strict,
        resume=not args.no_resume,
        shard=shard,
    )
    print(summary, file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .metrics import format_scores, score
    from .readers import CorpusReport, read_corpus, read_predictions

    report = CorpusReport()
    gold = list(read_corpus(args.gold, report=report))
    predicted = read_predictions(args.predictions)
    scores = score(gold, predicted)
    print(format_scores(scores))
    if report.skipped:
        print(report.summary(), file=sys.stderr)
    if args.output:
        Path(args.output).write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    return 0


def _soup(args: argparse.Namespace) -> int:
    from .soup import make_soup

    make_soup(args.models, args.output, args.weights, args.any_heads)
    print(f"saved the average of {len(args.models)} models to {args.output} "
          f"(tokenizer and settings of {args.models[0]})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
