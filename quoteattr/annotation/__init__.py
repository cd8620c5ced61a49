"""Correct and retrain: predictions out to annotation tools, corrections back in.

:mod:`.label_studio` writes Label Studio tasks with pre-annotations and reads Label
Studio's JSON export into training JSONL; :mod:`.brat` writes BRAT standoff folders.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..data.readers import CorpusError, iter_texts, read_jsonl, read_predictions
from ..schema import Article, SchemaError


def load_articles(predictions: str | Path, texts: Iterable[str | Path] = ()) -> list[Article]:
    """Articles with their attributions from a JSONL file.

    A file whose lines carry ``text`` (training JSONL) is read as it is. A ``quoteattr
    predict`` file carries only ids: ``texts`` (the inputs given to ``predict``: ``.txt``
    files, folders, JSONL with ``id`` and ``text``) supply the texts, and every span is
    checked against its text.
    """
    predictions, texts = Path(predictions), list(texts)
    if not texts:
        try:
            return list(read_jsonl(predictions, strict=True))
        except CorpusError as err:
            if "'text'" not in err.reason:
                raise
            raise CorpusError(
                err.path, err.line, f"{err.reason}: give the texts predict read with --texts"
            ) from None
    text_of = dict(iter_texts(texts, strict=True))
    articles = []
    for article_id, attributions in read_predictions(predictions).items():
        if article_id not in text_of:
            raise CorpusError(predictions, None, f"no text for article {article_id!r} in --texts")
        article = Article(article_id, text_of[article_id], tuple(attributions))
        try:
            article.check()
        except SchemaError as err:
            raise CorpusError(predictions, None, f"{err} (are these its texts?)") from None
        articles.append(article)
    return articles
