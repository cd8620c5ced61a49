"""Push a trained model folder to the Hugging Face Hub with its rendered model card.

    python scripts/publish.py runs/polnear-minilm --repo-id ORG/quoteattr-minilm-polnear \
        --scores results/dev-minilm.json --human results/agreement.json [--dry-run OUT_DIR]

``--dry-run OUT_DIR`` writes the exact folder that would be uploaded and uploads nothing.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from quoteattr.inference import QuoteAttributor
from quoteattr.model_card import render_card


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", help="trained model folder")
    parser.add_argument("--repo-id", required=True)
    parser.add_argument("--scores", required=True, help="JSON from scripts/evaluate.py")
    parser.add_argument("--human", help="JSON from scripts/agreement.py")
    parser.add_argument("--base-model", default="sentence-transformers/all-MiniLM-L6-v2")
    parser.add_argument("--train-time", default="time not recorded")
    parser.add_argument(
        "--train-command",
        default="quoteattr train configs/polnear-minilm.yaml",
        help="how the model was made, for the card (say the soup's commands for a soup)",
    )
    parser.add_argument("--dry-run", metavar="OUT_DIR", help="write the folder, do not upload")
    parser.add_argument("--token")
    parser.add_argument("--revision")
    parser.add_argument("--private", action="store_true")
    args = parser.parse_args()

    scores = json.loads(Path(args.scores).read_text())
    card = render_card(
        args.model,
        scores,
        repo_id=args.repo_id,
        base_model=args.base_model,
        eval_command=f"python scripts/evaluate.py --model {args.model} --gold "
        f"data/polnear/dev -o {args.scores}",
        train_time=args.train_time,
        train_command=args.train_command,
        human=json.loads(Path(args.human).read_text()) if args.human else None,
    )
    attributor = QuoteAttributor.from_pretrained(args.model, local_files_only=True)
    if args.dry_run:
        attributor.save_pretrained(args.dry_run)
        Path(args.dry_run, "README.md").write_text(card, encoding="utf-8")
        print(f"wrote the upload folder to {args.dry_run}")
    else:
        url = attributor.push_to_hub(
            args.repo_id, token=args.token, private=args.private, revision=args.revision, card=card
        )
        print(f"pushed to {url}")


if __name__ == "__main__":
    main()
