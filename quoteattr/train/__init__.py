"""Training: fine-tuning, distillation, provenance, weight soups. Needs the ``train`` extra
(``pip install 'quoteattr[train]'``), checked here so that a missing package is named."""

import logging
import os

from ..extras import require_training

require_training()
logger = logging.getLogger(__name__)


def info(message: str) -> None:
    """Log ``message`` once: under ``accelerate launch`` or ``torchrun`` only process 0
    (``RANK``) logs, so every process does not repeat it."""
    if int(os.environ.get("RANK", "0")) == 0:
        logger.info(message)
