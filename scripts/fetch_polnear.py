"""Fetch the public PolNeAR corpus (networkdynamics/PolNeAR on GitHub) into a folder.

    python scripts/fetch_polnear.py data/polnear            # downloads the repository zip
    python scripts/fetch_polnear.py data/polnear --from-zip PolNeAR-master.zip

Writes ``OUT/{train,dev,test,annotator-training}/{text,attributions}`` exactly as the
repository's ``data/`` folder holds them (BRAT standoff, one ``.ann`` per annotator), and
checks that every split can be read.
"""

from __future__ import annotations

import argparse
import io
import sys
import urllib.request
import zipfile
from pathlib import Path

URLS = [
    "https://github.com/networkdynamics/PolNeAR/archive/refs/heads/master.zip",
    "https://github.com/networkdynamics/PolNeAR/archive/refs/heads/main.zip",
]


def download() -> bytes:
    errors = []
    for url in URLS:
        try:
            with urllib.request.urlopen(url, timeout=120) as response:
                return response.read()
        except OSError as err:
            errors.append(f"{url}: {err}")
    raise SystemExit("cannot download PolNeAR:\n  " + "\n  ".join(errors))


def extract(archive: bytes, out: Path) -> int:
    """Copy the repository's ``data/`` tree into ``out``; returns the number of files."""
    count = 0
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        for name in zf.namelist():
            parts = Path(name).parts
            if len(parts) < 4 or parts[1] != "data" or name.endswith("/"):
                continue  # <repo>-<branch>/data/<split>/<text|attributions>/<file>
            target = out.joinpath(*parts[2:])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(name))
            count += 1
    if not count:
        raise SystemExit("the archive has no data/ folder: is it the PolNeAR repository?")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--from-zip", type=Path, help="use a downloaded repository zip")
    args = parser.parse_args()
    archive = args.from_zip.read_bytes() if args.from_zip else download()
    print(f"extracted {extract(archive, args.out)} files into {args.out}")

    from quoteattr.data.readers import CorpusReport, read_corpus

    for split in sorted(p for p in args.out.iterdir() if (p / "text").is_dir()):
        report = CorpusReport()
        articles = list(read_corpus(split, report=report))
        print(f"{split.name}: {len(articles)} articles; {report.summary()}")
    sys.exit(0)


if __name__ == "__main__":
    main()
