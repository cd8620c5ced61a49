"""Fine-tune from a YAML config; the same under ``python`` and ``accelerate launch``.

python scripts/train.py configs/polnear-minilm.yaml [--output-dir DIR]
accelerate launch scripts/train.py configs/polnear-minilm.yaml
"""

import sys

from quoteattr.cli import main

if __name__ == "__main__":
    sys.exit(main(["train", *sys.argv[1:]]))
