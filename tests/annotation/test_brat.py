"""BRAT folders written from predictions read back, through quoteattr's own BRAT reader,
into the same attributions; the folder also opens in BRAT (text beside each .ann)."""

from __future__ import annotations

import json

import pytest
from test_label_studio import TEXT, article, signature, span, speaker

from quoteattr.annotation.brat import ann_text, write_brat
from quoteattr.cli import main
from quoteattr.data.readers import read_brat_folder
from quoteattr.schema import Article, Attribution


def test_a_written_folder_reads_back_the_same_attributions(tmp_path):
    assert write_brat([article()], tmp_path / "brat") == 1
    [back] = read_brat_folder(tmp_path / "brat", strict=True)
    assert signature([back]) == signature([article()])
    side = tmp_path / "brat" / "attributions"
    assert (side / "ferry-1_quoteattr.txt").read_text(encoding="utf-8") == TEXT
    assert "[events]" in (side / "annotation.conf").read_text()


def test_pieces_are_one_discontinuous_content_and_a_shared_source_is_one_span():
    t = "“Yes,” Ana said.\n“No,” Ana added, “never.”"
    ana = speaker(t, "Ana")
    a = Article("x", t, (
        Attribution((span(t, "“Yes,”"),), span(t, "said"), ana),
        Attribution((span(t, "“No,”"), span(t, "“never.”")), span(t, "added"), ana),
        Attribution((span(t, "Ana said.\n“No,”"),)),
    ))  # fmt: skip
    lines = ann_text(a).splitlines()
    assert sum(line.split("\t")[1].startswith("Source ") for line in lines) == 1
    assert any(line.split("\t")[1].count(";") == 1 for line in lines if "\tContent " in line)
    assert lines[-1].startswith("E3\tAttribution-no-source:")
    assert "Ana said. “No,”" in ann_text(a)  # one line per span in the .ann file


def test_export_to_brat_from_the_command_line(tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(article().to_dict()) + "\n", encoding="utf-8")
    assert main(["export", str(pred), "--to", "brat", "-o", str(tmp_path / "out")]) == 0
    [back] = read_brat_folder(tmp_path / "out", strict=True)
    assert signature([back]) == signature([article()])


def test_an_id_that_cannot_name_a_file_is_refused(tmp_path):
    with pytest.raises(ValueError, match="cannot name a file"):
        write_brat([Article("a/b", "text")], tmp_path)
