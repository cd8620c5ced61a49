"""Disk size of quoteattr's installs: the plain one (ONNX Runtime on the CPU) against
``[train]`` (PyTorch, transformers, datasets, accelerate), each in a fresh virtual
environment, as the README installs them.

    python experiments/install_sizes.py -o experiments/results/install-sizes.json
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTALLS = {
    "quoteattr": [["."]],
    "quoteattr[train]": [["torch==2.13.0"], [".[train]"]],  # torch first, as the README does
}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def measure(name: str, steps: list[list[str]], where: Path) -> dict:
    venv = where / name.replace("[", "-").replace("]", "")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-cache-dir"]
    empty = folder_bytes(venv)
    start = time.perf_counter()
    for args in steps:
        subprocess.run([*pip, *args], check=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    listed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format=json"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    packages = sorted(p["name"].lower() for p in json.loads(listed.stdout))
    heavy = [p for p in ("torch", "transformers", "datasets", "accelerate") if p in packages]
    return {
        "install": "pip install " + " && pip install ".join(" ".join(a) for a in steps),
        "megabytes": round((folder_bytes(venv) - empty) / 1e6, 1),
        "packages": len(packages),
        "heavy_packages": heavy,
        "seconds": round(seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    results: dict = {"python": platform.python_version(), "machine": platform.machine()}
    with tempfile.TemporaryDirectory() as tmp:
        for name, steps in INSTALLS.items():
            results[name] = measure(name, steps, Path(tmp))
            row = results[name]
            print(f"{name:18} {row['megabytes']:8.1f} MB  {row['packages']:3} packages  "
                  f"{row['seconds']:6.1f} s  ({row['install']})")  # fmt: skip
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
