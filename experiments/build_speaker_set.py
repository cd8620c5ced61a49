"""Build data/speakers/{tune,heldout}.jsonl from the marked-up articles in
experiments/speaker_set_sources/, so that no offset is ever counted by hand.

    python experiments/build_speaker_set.py          # write both files
    python experiments/build_speaker_set.py --check  # exit 1 unless they are up to date

A source file is a header, a line ``---`` and the article. Header lines are ``key: value``
for exactly ``id``, ``outlet``, ``country`` and ``split`` (``tune`` or ``heldout``). In the
article, a paragraph may be wrapped over several lines (they are joined with one space);
paragraphs are separated by a blank line and joined with ``\\n\\n``. A quotation is marked
``{{quoted text|Canonical Speaker}}`` (``null`` when no one can be named); the marks are
removed and the span recorded. Every span is checked against the built text, every named
speaker must occur verbatim in the text, and every article must have 250-700 words.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "experiments" / "speaker_set_sources"
OUT = ROOT / "data" / "speakers"
HEADER_KEYS = ("id", "outlet", "country", "split")
SPLITS = ("tune", "heldout")
MARK = re.compile(r"\{\{(.+?)\|([^|{}]+)\}\}", re.DOTALL)
MIN_WORDS, MAX_WORDS = 250, 700


class SourceError(ValueError):
    """A source file that cannot be built, with the file named."""


def _fail(path: Path, reason: str) -> SourceError:
    return SourceError(f"{path.name}: {reason}")


def parse_source(path: Path) -> tuple[str, dict]:
    """``(split, article record)`` for one source file."""
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise _fail(path, "no '---' line between header and article")
    header: dict[str, str] = {}
    for n, line in enumerate(head.splitlines(), 1):
        key, colon, value = line.partition(":")
        if not colon or key.strip() not in HEADER_KEYS or key.strip() in header:
            raise _fail(path, f"header line {n} is not one of {HEADER_KEYS} once: {line!r}")
        header[key.strip()] = value.strip()
    if set(header) != set(HEADER_KEYS):
        raise _fail(path, f"header lacks {sorted(set(HEADER_KEYS) - set(header))}")
    if header["split"] not in SPLITS:
        raise _fail(path, f"split must be one of {SPLITS}, got {header['split']!r}")
    paragraphs = re.split(r"\n\s*\n", body.strip())
    marked = "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)
    text, quotes = _unmark(path, marked)
    record = {"id": header["id"], "outlet": header["outlet"], "country": header["country"]}
    record |= {"text": text, "quotes": quotes}
    check_record(path, record)
    return header["split"], record


def _unmark(path: Path, marked: str) -> tuple[str, list[dict]]:
    pieces: list[str] = []
    quotes: list[dict] = []
    length = last = 0
    for match in MARK.finditer(marked):
        before = marked[last : match.start()]
        pieces.append(before)
        length += len(before)
        quote, speaker = match.group(1), match.group(2).strip()
        if "{{" in quote or "}}" in quote:
            raise _fail(path, f"nested or unclosed mark near {quote[:60]!r}")
        quotes.append(
            {
                "start": length,
                "end": length + len(quote),
                "text": quote,
                "speaker": None if speaker == "null" else speaker,
            }
        )
        pieces.append(quote)
        length += len(quote)
        last = match.end()
    pieces.append(marked[last:])
    return "".join(pieces), quotes


def check_record(path: Path, record: dict) -> None:
    """Raise :class:`SourceError` unless every span and speaker fits the built text."""
    text = record["text"]
    for bad in ("{{", "}}", "|"):
        if bad in text:
            at = text.index(bad)
            raise _fail(path, f"stray {bad!r} left in the text near {text[at - 40 : at + 20]!r}")
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise _fail(path, f"{words} words, outside {MIN_WORDS}-{MAX_WORDS}")
    if not record["quotes"]:
        raise _fail(path, "no quotations marked")
    for q in record["quotes"]:
        if text[q["start"] : q["end"]] != q["text"]:
            raise _fail(path, f"offsets [{q['start']}, {q['end']}) do not give {q['text']!r}")
        if q["text"] != q["text"].strip() or not q["text"]:
            raise _fail(path, f"quote {q['text']!r} starts or ends with whitespace")
        if q["speaker"] is not None and q["speaker"] not in text:
            raise _fail(path, f"speaker {q['speaker']!r} does not occur in the text")


def build(sources: Path = SOURCES) -> dict[str, list[dict]]:
    """Every source file's record, by split, in file-name order; ids must be unique."""
    out: dict[str, list[dict]] = {split: [] for split in SPLITS}
    seen: dict[str, str] = {}
    for path in sorted(sources.glob("*.txt")):
        split, record = parse_source(path)
        if record["id"] in seen:
            raise _fail(path, f"id {record['id']!r} is also used by {seen[record['id']]}")
        seen[record["id"]] = path.name
        out[split].append(record)
    return out


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def summary(built: dict[str, list[dict]]) -> str:
    lines = []
    for split, records in built.items():
        quotes = [q for r in records for q in r["quotes"]]
        countries = Counter(r["country"] for r in records)
        lines.append(
            f"{split}: {len(records)} articles, {len(quotes)} quotes "
            f"({sum(q['speaker'] is None for q in quotes)} with no named speaker), "
            f"{sum(len(r['text'].split()) for r in records)} words; "
            + ", ".join(f"{c} {n}" for c, n in sorted(countries.items()))
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    built = build()
    stale = []
    for split, records in built.items():
        path = OUT / f"{split}.jsonl"
        content = render(records)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(str(path.relative_to(ROOT)))
        else:
            OUT.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    print(summary(built))
    if stale:
        sys.exit(f"out of date (run experiments/build_speaker_set.py): {', '.join(stale)}")


if __name__ == "__main__":
    main()
