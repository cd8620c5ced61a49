"""Correct and retrain, measured: fine-tune the shipped model on 20 corrected ABC articles.

The Lee corpus (ABC news, 2001-2002) is an outlet the model has not seen. Its 20 `train`
articles of ``data/real/lee.jsonl`` stand for a newsroom's corrections; they go through
the Label Studio loop (``quoteattr export`` of the shipped model's predictions, the gold
spans in place of an annotator's corrections, ``quoteattr import``) into a training file.
The shipped model is then fine-tuned on it with ``configs/finetune-corrections.yaml``
(PolNeAR train mixed in), and the shipped and the fine-tuned model are scored on the 10
`test` articles (never tuned on) and on PolNeAR dev (what was forgotten).

Needs the Lee texts (``data/real/README.md``) and PolNeAR at ``data/polnear``. Every step
writes into ``--work`` and is skipped when its output is there, so a killed run goes on::

    python experiments/finetune_lee.py --work runs/finetune_lee

Prints the figures and writes them to ``experiments/results/finetune_lee.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quoteattr.annotation import load_articles  # noqa: E402
from quoteattr.annotation.label_studio import read_export, results, task  # noqa: E402
from quoteattr.schema import Article, Attribution, Speaker  # noqa: E402

CONFIG = ROOT / "configs" / "finetune-corrections.yaml"
RESULTS = ROOT / "experiments" / "results" / "finetune_lee.json"


def lee_articles(gold: Path, texts: Path, split: str) -> list[Article]:
    """The annotated Lee articles of one split, with their texts (speaker: its name)."""
    text_of = {}
    for line in texts.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text_of[record["id"]] = record["text"]
    articles = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["split"] != split:
            continue
        attributions = []
        for a in record["attributions"]:
            attribution = Attribution.from_dict(a)
            s = attribution.speaker
            if s is not None:
                speaker = Speaker(s.start, s.end, s.text, resolved=a.get("name"))
                attribution = Attribution(attribution.quote, attribution.cue, speaker)
            attributions.append(attribution)
        article = Article(record["id"], text_of[record["id"]], tuple(attributions))
        article.check()
        articles.append(article)
    return articles


def write_jsonl(path: Path, articles: list[Article]) -> None:
    path.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles), encoding="utf-8")


def quoteattr(*args: str, log: Path) -> float:
    """Run ``python -m quoteattr ARGS`` from the repository root; its wall time (s)."""
    started = time.time()
    with log.open("w", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, "-m", "quoteattr", *args], cwd=ROOT, stdout=out, stderr=out, check=True
        )
    return time.time() - started


def signature(articles: list[Article]) -> list[tuple]:
    """What an attribution says, offsets only: quote pieces, cue and speaker."""
    return [
        (a.id, tuple(sorted((tuple((q.start, q.end) for q in t.quote),
                              t.cue and (t.cue.start, t.cue.end),
                              t.speaker and (t.speaker.start, t.speaker.end))
                             for t in a.attributions)))
        for a in articles
    ]  # fmt: skip


def corrections(work: Path, train: list[Article]) -> Path:
    """The training file, through the loop: the shipped model's predictions exported as
    Label Studio tasks, the gold spans put in as the annotators' results, imported back."""
    gold = work / "lee-train-gold.jsonl"
    if gold.exists():
        return gold
    write_jsonl(work / "lee-train-texts.jsonl", train)
    predictions = work / "lee-train-shipped.jsonl"
    quoteattr("predict", str(work / "lee-train-texts.jsonl"), "-o", str(predictions), "--quiet",
              "--no-resume", log=work / "predict-lee-train.log")  # fmt: skip
    tasks = [task(a) for a in load_articles(predictions, [work / "lee-train-texts.jsonl"])]
    corrected = {a.id: a for a in train}  # what the annotators corrected each task to
    for made in tasks:
        result = results(corrected[made["data"]["id"]])
        made["annotations"] = [{"id": 1, "result": result, "was_cancelled": False}]
    export = work / "label-studio-export.json"
    export.write_text(json.dumps(tasks, indent=1), encoding="utf-8")
    quoteattr("import", str(export), "-o", str(gold), log=work / "import.log")
    imported = read_export(export)[0]
    if sorted(signature(imported)) != sorted(signature(train)):
        raise SystemExit("the imported corrections differ from the gold annotations")
    return gold


def scores(path: Path) -> dict:
    s = json.loads(path.read_text())
    return {
        "attribution_f1": s["attribution"]["f1"],
        "quote_exact_f1": s["quote"]["exact"]["f1"],
        "quote_overlap_f1": s["quote"]["overlap"]["f1"],
        "cue_exact_f1": s["cue"]["exact"]["f1"],
        "speaker_exact_f1": s["speaker"]["exact"]["f1"],
        "articles": s.get("articles"),
    }


def trained(work: Path) -> dict:
    """Windows, steps and final (best-epoch) metrics of the fine-tune, from its folder."""
    log = (work / "train.log").read_text(encoding="utf-8", errors="replace")
    windows = re.search(r"windows: train (\d+), dev (\d+)", log)
    mix = re.search(r"mix: (\d+) of its articles", log)
    metrics = json.loads((work / "model" / "eval_results.json").read_text())
    return {
        "windows": int(windows.group(1)) if windows else None,
        "mixed_polnear_articles": int(mix.group(1)) if mix else None,
        "steps": metrics.get("train_steps"),
        "best_epoch_dev_attribution_f1": metrics.get("eval_attribution_f1"),
    }


def cpu() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    except OSError:
        return platform.processor()
    lines = [x.split(":", 1) for x in out.splitlines() if ":" in x]
    model = next((v.strip() for k, v in lines if k.strip() == "Model name"), "")
    flags = next((v.split() for k, v in lines if k.strip() == "Flags"), [])
    vector = [f for f in flags if f.startswith(("avx", "amx"))]
    return f"{model} ({os.cpu_count()} CPUs; {' '.join(vector) or 'no AVX'})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", default="runs/finetune_lee", help="folder for every step")
    parser.add_argument("--lee", default="data/lee/background.jsonl", help="Lee texts")
    parser.add_argument("--gold", default="data/real/lee.jsonl")
    parser.add_argument("--polnear-dev", default="data/polnear/dev")
    parser.add_argument("-o", "--output", default=str(RESULTS))
    args = parser.parse_args()
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    train = lee_articles(Path(args.gold), Path(args.lee), "train")
    test = lee_articles(Path(args.gold), Path(args.lee), "test")
    write_jsonl(work / "lee-test.jsonl", test)
    gold = corrections(work, train)

    model, timing = work / "model", work / "train-seconds.json"
    train_args = ["train", str(CONFIG), "--set", "model.name_or_path=package:quoteattr",
                  "--set", f"data.train={gold}", "--set", f"data.dev={gold}",
                  "--output-dir", str(model)]  # fmt: skip
    if not timing.exists():
        seconds = quoteattr(*train_args, log=work / "train.log")
        timing.write_text(json.dumps({"seconds": round(seconds, 1)}))
    train_seconds = json.loads(timing.read_text())["seconds"]

    results: dict = {}
    for name, folder in (("shipped", None), ("fine-tuned", model)):
        for corpus, path in (("lee_test", work / "lee-test.jsonl"),
                             ("polnear_dev", Path(args.polnear_dev))):  # fmt: skip
            out = work / f"{name}-{corpus.replace('_', '-')}.json"
            if not out.exists():
                extra = ["--model", str(folder)] if folder else []
                quoteattr("evaluate", str(path), *extra, "--device", "cpu", "-o", str(out),
                          log=work / f"evaluate-{name}-{corpus}.log")  # fmt: skip
            results.setdefault(name, {})[corpus] = scores(out)
    gain = {
        corpus: {k: round(results["fine-tuned"][corpus][k] - results["shipped"][corpus][k], 4)
                 for k in results["shipped"][corpus] if k != "articles"}
        for corpus in ("lee_test", "polnear_dev")
    }  # fmt: skip
    report = {
        "command": "python experiments/finetune_lee.py --work " + args.work,
        "config": str(CONFIG.relative_to(ROOT)),
        "train_command": "quoteattr " + " ".join(train_args),
        "corrections": {"articles": len(train),
                        "attributions": sum(len(a.attributions) for a in train)},
        "test": {"articles": len(test), "attributions": sum(len(a.attributions) for a in test)},
        "scores": results,
        "change": gain,
        "training": trained(work),
        "fine_tune_seconds": train_seconds,
        "fine_tune_minutes": round(train_seconds / 60, 1),
        "machine": f"busy shared machine, 2 CPU cores shared by 5 jobs, {cpu()}",
    }  # fmt: skip
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for corpus in ("lee_test", "polnear_dev"):
        s, f = results["shipped"][corpus], results["fine-tuned"][corpus]
        shown = ("attribution_f1", "quote_exact_f1", "cue_exact_f1", "speaker_exact_f1")
        print(f"{corpus}: " + ", ".join(f"{k} {s[k]:.3f} -> {f[k]:.3f}" for k in shown))
    print(f"fine-tune: {train_seconds / 60:.1f} min ({report['machine']})")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
