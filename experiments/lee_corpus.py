"""Unlabelled news for distillation: the Lee corpus of ABC (Australian) news, as JSONL.

The Lee corpus (Lee, Pincombe and Welsh, 2005) ships in gensim's test data, one article per
line: ``lee_background.cor`` (300 articles) and ``lee.cor`` (50 others). Read them straight
from gensim's wheel, without installing it:

    pip download gensim==4.4.0 --no-deps -d /tmp/wheels
    python experiments/lee_corpus.py /tmp/wheels/gensim-4.4.0-*.whl -o data/lee

This writes ``background.jsonl`` (for ``distill.unlabelled``) and ``heldout.jsonl`` (kept
out of training, for ``experiments/teacher_agreement.py``), one ``{"id", "text"}`` per line.
The texts are not part of this repository.
"""

from __future__ import annotations

import argparse
import json
import zipfile
from pathlib import Path

FILES = {
    "background.jsonl": "gensim/test/test_data/lee_background.cor",
    "heldout.jsonl": "gensim/test/test_data/lee.cor",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheel", help="gensim's wheel (pip download gensim --no-deps)")
    parser.add_argument("-o", "--output", required=True, help="folder for the two JSONL files")
    args = parser.parse_args()
    out = Path(args.output).expanduser()
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(args.wheel) as wheel:
        for name, member in FILES.items():
            # Latin-1: lee.cor has one "£" as byte 0xA3.
            lines = wheel.read(member).decode("latin-1").splitlines()
            stem = Path(member).stem
            with open(out / name, "w", encoding="utf-8") as f:
                n = 0
                for i, line in enumerate(lines, 1):
                    if line.strip():
                        n += 1
                        f.write(json.dumps({"id": f"{stem}-{i:03d}", "text": line.strip()}) + "\n")
            print(f"{out / name}: {n} articles from {member}")


if __name__ == "__main__":
    main()
