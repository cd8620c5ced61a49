"""``quoteattr report``: the CSVs of a small hand-written corpus, and the page in a browser.

The corpus: six articles from two outlets over two months, their attributions written
by hand and their speakers resolved by the rules, saved as ``quoteattr predict`` writes
them (with the metadata carried through).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from text_spans import said

from quoteattr.cli import main
from quoteattr.data.readers import read_prediction_records
from quoteattr.schema import Attribution
from quoteattr.speakers.resolve import resolve_speakers

pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("pandas", "plotly", "gender_guesser")),
    reason="needs the report extra (pandas, plotly) and gender-guesser",
)

# (id, outlet, date, text, [(quote, cue, speaker or None, nth speaker occurrence)])
ARTICLES = [
    (
        "a1", "Star", "2024-01-05",
        "Prime Minister Justin Trudeau said the deal was fair. “It is a good deal,” Trudeau "
        "told reporters. Health Canada said the vaccine was safe.",
        [("the deal was fair", "said", "Prime Minister Justin Trudeau", 0),
         ("“It is a good deal,”", "told", "Trudeau", 1),
         ("the vaccine was safe", "said", "Health Canada", 0)],
    ),
    (
        "a2", "Star", "2024-01-20",
        "Ryan Caldwell runs the shelter. “We are full every night,” said Ryan Caldwell. "
        "She added that the province must help. “It is not enough,” a spokesperson said.",
        [("“We are full every night,”", "said", "Ryan Caldwell", 1),
         ("that the province must help", "added", "She", 0),
         ("“It is not enough,”", "said", "a spokesperson", 0)],
    ),
    (
        "a3", "Globe", "2024-02-02",
        "“Costs keep rising,” Ryan Caldwell said on Tuesday. Justin Trudeau said talks "
        "would resume. “No comment,” came the reply.",
        [("“Costs keep rising,”", "said", "Ryan Caldwell", 0),
         ("talks would resume", "said", "Justin Trudeau", 0),
         ("“No comment,”", "came", None, 0)],
    ),
    (
        "a4", "Globe", "2024-02-10",
        "“I was there in 1970,” Pierre Trudeau said. Health Canada said it would review "
        "the data.",
        [("“I was there in 1970,”", "said", "Pierre Trudeau", 0),
         ("it would review the data", "said", "Health Canada", 0)],
    ),
    (
        "a5", "Globe", "2024-02-11",
        "“We will appeal,” Mr Trudeau said. Mayor Olivia Chow said the city would pay.",
        [("“We will appeal,”", "said", "Mr Trudeau", 0),
         ("the city would pay", "said", "Mayor Olivia Chow", 0)],
    ),
    (
        "a6", "Star", "not a date",
        "Johnson & Johnson said the recall was voluntary.",
        [("the recall was voluntary", "said", "Johnson & Johnson", 0)],
    ),
]  # fmt: skip


def _attributions(text: str, specs) -> list[Attribution]:
    return resolve_speakers(text, [said(text, *spec) for spec in specs])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """(predictions JSONL, the articles JSONL that was predicted)."""
    folder = tmp_path_factory.mktemp("corpus")
    predictions, texts = folder / "pred.jsonl", folder / "articles.jsonl"
    with predictions.open("w", encoding="utf-8") as p, texts.open("w", encoding="utf-8") as t:
        for id_, outlet, date, text, specs in ARTICLES:
            meta = {"outlet": outlet, "date": date}
            t.write(json.dumps({"id": id_, "text": text, **meta}) + "\n")
            attributions = [a.to_dict() for a in _attributions(text, specs)]
            p.write(json.dumps({"id": id_, **meta, "attributions": attributions}) + "\n")
    return predictions, texts


@pytest.fixture(scope="module")
def written(corpus, tmp_path_factory) -> Path:
    predictions, texts = corpus
    out = tmp_path_factory.mktemp("report")
    assert main(["report", str(predictions), "-o", str(out), "--texts", str(texts)]) == 0
    return out


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_sources_csv_has_one_row_per_article_and_speaker(written):
    rows = _csv(written / "sources.csv")
    assert list(rows[0])[:9] == [
        "id", "name", "kind", "gender", "gender_from", "quotes", "named", "mention", "entity",
    ]  # fmt: skip
    assert list(rows[0])[9:] == ["outlet", "date"]
    got = [
        (r["id"], r["name"], r["kind"], r["gender"], r["gender_from"], r["quotes"]) for r in rows
    ]
    assert got == [
        ("a1", "Justin Trudeau", "person", "male", "first name", "2"),
        ("a1", "Health Canada", "organisation", "unknown", "unknown", "1"),
        ("a2", "Ryan Caldwell", "person", "female", "pronoun", "2"),
        ("a2", "", "person", "unknown", "unknown", "1"),  # a spokesperson: unnamed
        ("a3", "Ryan Caldwell", "person", "male", "first name", "1"),
        ("a3", "Justin Trudeau", "person", "male", "first name", "1"),
        ("a4", "Pierre Trudeau", "person", "male", "first name", "1"),
        ("a4", "Health Canada", "organisation", "unknown", "unknown", "1"),
        ("a5", "Trudeau", "person", "male", "title", "1"),
        ("a5", "Olivia Chow", "person", "female", "first name", "1"),
        ("a6", "Johnson & Johnson", "organisation", "unknown", "unknown", "1"),
    ]
    assert rows[3]["mention"] == "a spokesperson" and rows[3]["entity"] == ""
    assert (rows[0]["outlet"], rows[0]["date"]) == ("Star", "2024-01-05")


def test_entities_csv_tallies_each_entity_across_articles(written):
    rows = {r["name"]: r for r in _csv(written / "entities.csv")}
    assert set(rows) == {
        "Justin Trudeau", "Health Canada", "Ryan Caldwell", "Pierre Trudeau", "Trudeau",
        "Olivia Chow", "Johnson & Johnson",
    }  # fmt: skip
    justin = rows["Justin Trudeau"]
    assert (justin["quotes"], justin["articles"], justin["outlets"]) == ("3", "2", "2")
    assert (justin["first_date"], justin["last_date"]) == ("2024-01-05", "2024-02-02")
    assert justin["ids"] == "a1 a3"
    caldwell = rows["Ryan Caldwell"]  # "she" in one article outweighs first-name statistics
    assert (caldwell["gender"], caldwell["gender_from"], caldwell["quotes"]) == (
        "female",
        "pronoun",
        "3",
    )
    health = rows["Health Canada"]
    assert (health["kind"], health["quotes"], health["ids"]) == ("organisation", "2", "a1 a4")
    assert rows["Johnson & Johnson"]["first_date"] == ""  # "not a date" is no date
    # most quoted first
    quotes = [int(r["quotes"]) for r in _csv(written / "entities.csv")]
    assert quotes == sorted(quotes, reverse=True)


def test_articles_csv_counts_quotes_without_a_named_speaker(written):
    rows = {r["id"]: r for r in _csv(written / "articles.csv")}
    assert (rows["a2"]["quotes"], rows["a2"]["no_speaker"], rows["a2"]["unnamed"]) == (
        "3",
        "0",
        "1",
    )
    assert (rows["a3"]["quotes"], rows["a3"]["no_speaker"], rows["a3"]["unnamed"]) == (
        "3",
        "1",
        "0",
    )


def test_report_returns_the_same_tables_as_dataframes(corpus, written):
    import quoteattr

    tables = quoteattr.report([corpus[0]])
    on_disk = _csv(written / "sources.csv")
    assert list(tables.sources["name"].fillna("")) == [r["name"] for r in on_disk]
    assert str(tables.sources["entity"].dtype) == "Int64"
    assert list(tables.entities["name"])[0] == "Justin Trudeau"
    assert tables.skipped == []


def test_a_bad_prediction_line_is_skipped_and_named(corpus, tmp_path):
    import quoteattr

    bad = tmp_path / "bad.jsonl"
    lines = corpus[0].read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], '{"id": "x", "attributions": 3}', *lines[1:]]) + "\n")
    tables = quoteattr.report([bad])
    assert tables.skipped == [(f"{bad}:2", "needs 'id' and an 'attributions' list")]
    assert set(tables.sources["id"]) == {"a1", "a2", "a3", "a4", "a5", "a6"}


def test_the_command_lists_skipped_lines_and_exits_1(corpus, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(corpus[0].read_text(encoding="utf-8") + "{torn\n", encoding="utf-8")
    assert main(["report", str(bad), "-o", str(tmp_path / "out")]) == 1
    assert f"skipped {bad}:7: not JSON" in capsys.readouterr().err
    assert len(_csv(tmp_path / "out" / "articles.csv")) == 6


def test_prediction_records_keep_the_metadata(corpus):
    records = list(read_prediction_records(corpus[0]))
    assert [r.id for r in records] == ["a1", "a2", "a3", "a4", "a5", "a6"]
    assert records[0].metadata == {"outlet": "Star", "date": "2024-01-05"}
    assert records[0].text is None


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    pytest.skip("no chromium binary found (Debian: apt-get install chromium)")


def _dom(url: str) -> str:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += ["--window-size=1100,900", "--virtual-time-budget=10000", "--dump-dom", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.slow
def test_the_page_renders_its_charts_offline_and_links_every_chart_to_its_articles(written):
    page = (written / "report.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert all("src=" not in s for s in scripts) and "<link" not in page  # nothing loaded
    outside = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    assert not re.search(r"https?:", outside), "the page refers to the network"
    assert len(re.findall(r"plotly\.js v\d", page)) == 1  # plotly.js inlined once
    dom = _dom((written / "report.html").as_uri())
    sections = re.findall(r'<section id="([\w-]+)">(.*?)</section>', dom, re.S)
    keys = [k for k, _ in sections]
    assert keys == ["people", "organisations", "gender", "outlets", "months", "speakers"]
    articles_html = (written / "articles.html").read_text(encoding="utf-8")
    for key, body in sections:
        # Plotly drew the chart: an SVG with one bar or point per row of its table
        assert 'class="main-svg"' in body, f"{key}: no chart drawn"
        marks = len(re.findall(r'class="point(?: [^"]*)?"', body))
        rows = re.findall(r'<tr id="([\w-]+)">(.*?)</tr>', body, re.S)
        assert rows, f"{key}: no articles behind the chart"
        assert marks == len(rows), (key, marks, len(rows))
        for _, row in rows:
            links = re.findall(r'<a href="articles\.html#(art-\d+)">([\w-]+)</a>', row)
            assert links, f"{key}: a row without article links: {row[:200]}"
            for anchor, id_ in links:  # each link opens that article's view
                m = re.search(rf'<article id="{anchor}">\s*<header><h2>([^<]*)</h2>', articles_html)
                assert m and m.group(1) == id_
    people = dict(sections)["people"]
    assert "Justin Trudeau" in people and "Olivia Chow" in people
    outlets = dict(sections)["outlets"]  # share of women by outlet: Star 1 of 2, Globe 2 of 5
    assert re.search(r"Star</td><td>50\.0% of 2<", outlets)
    assert re.search(r"Globe</td><td>40\.0% of 5<", outlets)


def test_without_texts_the_figures_list_article_ids(corpus, tmp_path):
    assert main(["report", str(corpus[0]), "-o", str(tmp_path)]) == 0
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert not (tmp_path / "articles.html").exists()
    assert "<code>a1</code>" in page and "articles.html#" not in page


def test_without_plotly_the_command_names_the_extra_and_writes_nothing(
    corpus, tmp_path, capsys, monkeypatch
):
    for name in ["plotly", *(m for m in sys.modules if m.startswith("plotly."))]:
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    assert main(["report", str(corpus[0]), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "report.html needs plotly" in err and "pip install 'quoteattr[report]'" in err
    assert not (tmp_path / "out").exists()
