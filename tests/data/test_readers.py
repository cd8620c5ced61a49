from pathlib import Path

import pytest

from quoteattr.data.readers import (
    CorpusError,
    CorpusReport,
    choose_annotation,
    iter_records,
    iter_texts,
    read_brat_article,
    read_brat_folder,
    read_corpus,
    read_jsonl,
    read_prediction_records,
)

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
POLNEAR = Path("/work/shared/data/polnear")
TEXT = 'Ana said "we will win." Bo replied "no way".\n'
GOOD_ANN = (
    "T1\tSource 0 3\tAna\nT2\tCue 4 8\tsaid\nT3\tContent 10 22\twe will win.\n"
    "T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
)


def brat(tmp_path: Path, anns: dict[str, str], texts: dict[str, str | bytes]) -> Path:
    """A BRAT folder with ``texts`` (stem -> text) and ``anns`` (file stem -> content)."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for stem, text in texts.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (tmp_path / "text" / f"{stem}.txt").write_bytes(data)
    for stem, ann in anns.items():
        (tmp_path / "attributions" / f"{stem}.ann").write_bytes(ann.encode("utf-8"))
    return tmp_path


def quotes(article) -> list[list[str]]:
    return [[q.text for q in a.quote] for a in article.attributions]


def test_sample_brat_and_jsonl_agree():
    report = CorpusReport()
    articles = list(read_corpus(SAMPLE / "brat", strict=True, report=report))
    assert [a.id for a in articles] == [
        "council_2024-01-09_budget-vote",
        "metro_2024-02-14_storm-warning",
    ]
    assert report.read == 2 and not report.skipped
    assert len(report.warnings) == 1 and "_kim.ann:16: E4 has no Content" in report.warnings[0]
    assert f"  warning: {report.warnings[0]}" in report.summary()  # shown, not only counted
    report.warnings *= 12
    assert report.summary().count("  warning: ") == 10 and "and 2 more warnings" in report.summary()
    council, metro = articles
    assert quotes(council) == [
        ["will protect every library in town."],
        ["the money\nis simply not there."],  # a span whose .ann text runs over two lines
        ["We will need new taxes,", "and soon."],  # discontinuous: one Span per piece
    ]
    assert [a.speaker.text for a in council.attributions] == [
        "The mayor",
        "Councillor Ana Ruiz",
        "she",
    ]
    assert metro.attributions[1].speaker is None  # Attribution-no-source
    assert [a.cue.text for a in metro.attributions] == ["expect", "were urged", "called"]
    for article in articles:
        article.check()
    assert list(read_corpus(SAMPLE / "articles.jsonl", strict=True)) == articles


def test_notes_discuss_discard_and_triggers_are_not_spans():
    council = next(read_brat_folder(SAMPLE / "brat"))
    texts = {s.text for a in council.attributions for s in a.spans()}
    assert "Critics were less sure." not in texts  # Discuss
    assert "quoted words only" not in str(council)  # note
    assert len(council.attributions) == 3  # one per E line, triggers give no span


def test_choose_annotation_most_e_lines_then_annotator(tmp_path):
    council = sorted((SAMPLE / "brat" / "attributions").glob("council*.ann"))
    assert choose_annotation(council).name.endswith("_kim.ann")  # 3 E lines beat 2
    one = "E1\tAttribution:T1\n"
    for name, content in [("a_x_zed.ann", one), ("a_x_bob.ann", one), ("a_x_amy.ann", "")]:
        (tmp_path / name).write_text(content)
    assert choose_annotation(sorted(tmp_path.glob("*.ann"), reverse=True)).name == "a_x_bob.ann"
    with pytest.raises(ValueError):
        choose_annotation([])


def test_read_one_annotator_directly():
    lee = SAMPLE / "brat" / "attributions" / "council_2024-01-09_budget-vote_lee.ann"
    warnings: list[str] = []
    article = read_brat_article(
        SAMPLE / "brat" / "text" / "council_2024-01-09_budget-vote.txt", lee, warnings=warnings
    )
    assert article.id == "council_2024-01-09_budget-vote" and warnings == []
    assert quotes(article) == [
        ['"will protect every library in town."'],
        ["We will need new taxes,", "and soon."],
    ]
    assert article.attributions[1].speaker is None  # Content2 joins the quote


def test_content2_without_content_is_kept_with_a_warning(tmp_path):
    ann = GOOD_ANN.replace("Content:T3", "Content2:T3")
    folder = brat(tmp_path, {"a_x": ann}, {"a": TEXT})
    report = CorpusReport()
    (article,) = read_brat_folder(folder, report=report)
    assert quotes(article) == [["we will win."]]
    assert "Content2 but no Content" in report.warnings[0]


def test_crlf_text_keeps_offsets(tmp_path):
    text = 'Intro line.\r\nAna said "we will win."\r\n'
    ann = GOOD_ANN.replace("0 3", "13 16").replace("4 8", "17 21").replace("10 22", "23 35")
    folder = brat(tmp_path, {"a_x": ann}, {"a": text})
    (article,) = read_brat_folder(folder, strict=True)
    assert article.text == text
    assert article.attributions[0].quote[0].text == "we will win."
    assert list(iter_texts([folder / "text" / "a.txt"])) == [("a", text)]


BAD_ANNS = {
    "malformed T line": ("T1\tSource zero 3\tAna\n", 1, "malformed span line T1"),
    "offsets past the end": ("T1\tSource 40 99\tAna\n", 1, "outside the text"),
    "text mismatch": ("T1\tSource 0 3\tBob\n", 1, "T1 says 'Bob'"),
    "unknown span id": (
        GOOD_ANN.replace("Source:T1", "Source:T99"),
        5,
        "unknown span id T99 in E1",
    ),
    "stray first line": ("stray text\n" + GOOD_ANN, 1, "cannot parse line 'stray text'"),
    "unknown label": (GOOD_ANN.replace("Cue 4 8", "Verb 4 8"), 2, "unknown label 'Verb' in T2"),
    "unknown event": (GOOD_ANN.replace("E1\tAttribution:", "E1\tQuote:"), 5, "unknown event type"),
    "role twice": (GOOD_ANN.replace("Source:T1", "Cue:T1"), 5, "unexpected role 'Cue' in E1"),
}


@pytest.mark.parametrize("case", BAD_ANNS)
def test_bad_ann_is_reported_with_file_and_line(tmp_path, case):
    ann, line, reason = BAD_ANNS[case]
    folder = brat(tmp_path, {"a_x": ann, "b_x": GOOD_ANN}, {"a": TEXT, "b": TEXT})
    report = CorpusReport()
    assert [a.id for a in read_brat_folder(folder, report=report)] == ["b"]
    ((where, why),) = report.skipped
    assert where == f"{folder / 'attributions' / 'a_x.ann'}:{line}" and reason in why
    assert "read 1 articles, skipped 1," in report.summary()
    assert f"  skipped {where}: {why}" in report.summary()
    with pytest.raises(CorpusError) as err:
        list(read_brat_folder(folder, strict=True))
    assert err.value.line == line and err.value.path.endswith("a_x.ann")
    assert str(err.value).startswith(f"{err.value.path}:{line}: ")


def test_missing_files_and_wrong_encoding(tmp_path):
    latin = ("Intro.\nCaf\u00e9 " + TEXT).encode("latin-1")
    anns = {"a_x": GOOD_ANN, "b_x": GOOD_ANN, "c_x": GOOD_ANN}
    folder = brat(tmp_path, anns, {"b": TEXT, "c": latin, "d": TEXT})
    report = CorpusReport()
    assert [a.id for a in read_brat_folder(folder, report=report)] == ["b"]
    assert report.skipped == [
        (str(folder / "attributions" / "a_x.ann"), f"no text file {folder / 'text' / 'a'}.txt"),
        (f"{folder / 'text' / 'c.txt'}:2", "not UTF-8: byte 0xe9 at byte 10"),
        (str(folder / "text" / "d.txt"), f"no {folder / 'attributions' / 'd'}_*.ann file"),
    ]
    with pytest.raises(CorpusError, match="a_x.ann: no text file"):
        list(read_brat_folder(folder, strict=True))
    del_a = folder / "attributions" / "a_x.ann"
    del_a.unlink()
    with pytest.raises(CorpusError, match=r"c.txt:2: not UTF-8"):
        list(read_brat_folder(folder, strict=True))


def test_jsonl_errors_name_the_line(tmp_path):
    good = (SAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    bad_span = good[0].replace('"start": 27', '"start": 26')
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([good[0], "", "{not json", bad_span, "[1]", good[1]]) + "\n")
    report = CorpusReport()
    assert [a.id for a in read_jsonl(path, report=report)] == [
        "council_2024-01-09_budget-vote",
        "metro_2024-02-14_storm-warning",
    ]
    assert [w for w, _ in report.skipped] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert report.skipped[0][1].startswith("not JSON")
    assert "span [26, 62)" in report.skipped[1][1]
    assert next(read_jsonl(path, strict=True)).id == "council_2024-01-09_budget-vote"  # streamed
    with pytest.raises(CorpusError) as err:
        list(read_jsonl(path, strict=True))
    assert (err.value.path, err.value.line) == (str(path), 3)


def test_read_corpus_rejects_other_paths(tmp_path):
    with pytest.raises(CorpusError, match="not a BRAT folder"):
        read_corpus(tmp_path)


def test_iter_texts(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text("one")
    (tmp_path / "y" / "a.txt").write_text("two")
    (tmp_path / "y" / "bad.txt").write_bytes(b"caf\xe9")
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text('{"id": 7, "text": "seven", "extra": 1}\n\n{"id": "n"}\nnope\n')
    report = CorpusReport()
    got = list(
        iter_texts([tmp_path / "x", tmp_path, jsonl, tmp_path / "missing.txt"], report=report)
    )
    assert got == [("a", "one"), ("x/a", "one"), ("y/a", "two"), ("7", "seven")]
    assert [w for w, _ in report.skipped] == [
        f"{tmp_path / 'y' / 'bad.txt'}:1",
        f"{jsonl}:3",
        f"{jsonl}:4",
        str(tmp_path / "missing.txt"),
    ]
    assert "byte 3" in report.skipped[0][1]
    with pytest.raises(CorpusError, match="bad.txt:1: not UTF-8"):
        list(iter_texts([tmp_path / "y"], strict=True))


def test_a_utf16_file_is_named_as_such(tmp_path):
    windows = tmp_path / "windows.txt"  # as PowerShell's > and Notepad's "Unicode" write it
    windows.write_bytes("“Yes,” she said.".encode("utf-16"))
    with pytest.raises(CorpusError, match=r"windows.txt:1: UTF-16, not UTF-8: convert it"):
        list(iter_texts([windows], strict=True))


@pytest.mark.skipif(not (POLNEAR / "dev").exists(), reason="PolNeAR corpus not available")
def test_real_dev_split():
    report = CorpusReport()
    articles = list(read_corpus(POLNEAR / "dev", strict=True, report=report))
    assert len(articles) == report.read == 84 and not report.skipped
    assert sum(len(a.attributions) for a in articles) > 2000
    for article in articles:
        for span in (s for a in article.attributions for s in a.spans()):
            assert article.text[span.start : span.end] == span.text


def test_records_carry_the_fields_besides_id_and_text(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": 1, "text": "Hi.", "outlet": "Star", "attributions": []}\n'
        '{"id": "b", "text": "Yo."}\n',
        encoding="utf-8",
    )
    txt = tmp_path / "c.txt"
    txt.write_text("Hey.", encoding="utf-8")
    assert list(iter_records([path, txt])) == [
        ("1", "Hi.", {"outlet": "Star"}),  # attributions are no metadata
        ("b", "Yo.", {}),
        ("c", "Hey.", {}),
    ]


def test_prediction_records_name_a_bad_line(tmp_path):
    path = tmp_path / "pred.jsonl"
    path.write_text(
        '{"id": "a", "outlet": "Star", "attributions": []}\n{"id": "b", "attributions": [{}]}\n',
        encoding="utf-8",
    )
    first = next(read_prediction_records(path))
    assert (first.id, first.attributions, first.metadata) == ("a", [], {"outlet": "Star"})
    with pytest.raises(CorpusError, match=r"pred\.jsonl:2: an attribution needs a 'quote'"):
        list(read_prediction_records(path))
