"""The report page: one standalone HTML file of Plotly charts (plotly.js inlined once).

Every chart is followed by the table of the articles behind each of its bars or points,
linked to their view in ``articles.html`` when the report has one, otherwise their ids;
clicking a bar opens that table at its row. The share of women counts named people, each
once per article that quotes them, with the gender decided for the entity across the
corpus; people whose gender is unknown are counted and shown apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from ..extras import require
from .sources import UNKNOWN, Report, share_of_women

GENDER_COLOURS = {"female": "#d62728", "male": "#1f77b4", UNKNOWN: "#9a9a9a"}
GENDER_FROM = ("pronoun", "title", "first name", UNKNOWN)
GENDER_FROM_COLOURS = dict(zip(GENDER_FROM, ("#2ca02c", "#17becf", "#ff7f0e", "#9a9a9a")))

CSS = """
:root { font-family: system-ui, sans-serif; color: #222; background: #f4f4f2; }
body { margin: 0 auto; max-width: 64rem; padding: 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin: .2rem 0; }
section { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .8rem 1.2rem;
  margin: .8rem 0; }
.numbers { display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; padding: 0; list-style: none; }
.numbers b { font-size: 1.3rem; display: block; }
.note { color: #555; font-size: .9rem; }
details table { border-collapse: collapse; font-size: .9rem; width: 100%; }
details td, details th { border-top: 1px solid #eee; padding: .2rem .4rem; text-align: left;
  vertical-align: top; }
details td a, details td code { margin-right: .5rem; }
tr.hl { background: #fff3b0; }
"""

CLICK = """
document.getElementById('{plot_id}').on('plotly_click', function (event) {
  var id = event.points[0].customdata;
  var row = id && document.getElementById(Array.isArray(id) ? id[0] : id);
  if (!row) return;
  row.closest('details').open = true;
  document.querySelectorAll('tr.hl').forEach(function (r) { r.classList.remove('hl'); });
  row.classList.add('hl');
  row.scrollIntoView({block: 'center'});
});
"""


def plotly_modules():
    """plotly's modules the page uses, or an error naming the ``report`` extra."""
    go = require("plotly.graph_objects", "report.html", "report")
    pio = require("plotly.io", "report.html", "report")
    return go, pio, require("plotly.offline", "report.html", "report").get_plotlyjs


class _Figure:
    """A chart and the rows (label, count, article ids) behind its bars."""

    def __init__(self, key: str, title: str, note: str = "") -> None:
        self.key, self.title, self.note = key, title, note
        self.rows: list[tuple[str, str, list[str]]] = []

    def row(self, label: str, value: str, ids: Sequence[str]) -> str:
        """Add a row; returns its element id (the bar's ``customdata``)."""
        self.rows.append((label, value, list(dict.fromkeys(ids))))
        return f"{self.key}-{len(self.rows) - 1}"


def _links(ids: Sequence[str], anchors: Mapping[str, str]) -> str:
    return "".join(
        f'<a href="{escape(anchors[i])}">{escape(i)}</a>'
        if i in anchors
        else f"<code>{escape(i)}</code>"
        for i in ids
    )


def _section(figure: _Figure, chart: str, anchors: Mapping[str, str]) -> str:
    rows = "".join(
        f'<tr id="{figure.key}-{n}"><td>{escape(label)}</td><td>{escape(value)}</td>'
        f"<td>{_links(ids, anchors)}</td></tr>"
        for n, (label, value, ids) in enumerate(figure.rows)
    )
    note = f'<p class="note">{figure.note}</p>' if figure.note else ""
    return (
        f'<section id="{figure.key}"><h2>{escape(figure.title)}</h2>{note}\n'
        f'<div class="chart">{chart}</div>\n'
        f"<details><summary>The articles behind this chart</summary><table>"
        f"<tr><th></th><th></th><th>articles</th></tr>{rows}</table></details></section>\n"
    )


def _top_chart(go, tables: Report, kind: str, top: int, figure: _Figure):
    chosen = tables.entities[tables.entities["kind"].isin(kind.split("|"))].head(top)
    names = list(chosen["name"])
    labels = [n if names.count(n) == 1 else f"{n} ({e})" for n, e in zip(names, chosen["entity"])]
    fig = go.Figure()
    colour_by = "gender" if kind == "person" else None
    groups = GENDER_COLOURS if colour_by else {"": "#4c78a8"}
    for group, colour in groups.items():
        keep = [
            (label, q, figure.row(label, f"{q} quotes, {a} articles", ids.split()))
            for label, q, a, ids, g in zip(
                labels, chosen["quotes"], chosen["articles"], chosen["ids"], chosen["gender"]
            )
            if not colour_by or g == group
        ]
        if keep:
            fig.add_bar(
                y=[k[0] for k in keep], x=[k[1] for k in keep], customdata=[k[2] for k in keep],
                orientation="h", name=group or kind, marker_color=colour,
            )  # fmt: skip
    fig.update_layout(
        yaxis={"categoryorder": "array", "categoryarray": labels[::-1]},
        xaxis_title="quotes", height=max(260, 26 * len(labels) + 120), barmode="stack",
        showlegend=bool(colour_by),
    )  # fmt: skip
    return fig


def _gender_chart(go, people, figure: _Figure):
    fig = go.Figure()
    for how in GENDER_FROM:
        xs, ys, data = [], [], []
        for gender in GENDER_COLOURS:
            part = people[
                (people["entity_gender"] == gender) & (people["entity_gender_from"] == how)
            ]
            if len(part):
                xs.append(gender)
                ys.append(len(part))
                data.append(figure.row(f"{gender}, from {how}", f"{len(part)} people", part["id"]))
        if xs:
            fig.add_bar(x=xs, y=ys, customdata=data, name=f"from {how}",
                        marker_color=GENDER_FROM_COLOURS[how])  # fmt: skip
    fig.update_layout(barmode="stack", yaxis_title="named people quoted (per article)", height=340)
    return fig


def _share_chart(go, people, column: str, figure: _Figure, line: bool):
    xs, ys, texts, data = [], [], [], []
    for value, part in people.groupby(column, sort=True):
        share, known = share_of_women(list(part["entity_gender"]))
        if share is None:
            continue
        xs.append(str(value))
        ys.append(round(100 * share, 1))
        texts.append(f"{known} known")
        data.append(figure.row(str(value), f"{100 * share:.1f}% of {known}", part["id"]))
    fig = go.Figure()
    trace = dict(x=xs, y=ys, text=texts, customdata=data, marker_color=GENDER_COLOURS["female"])
    fig.add_scatter(mode="lines+markers", **trace) if line else fig.add_bar(**trace)
    fig.update_layout(yaxis={"title": "% women", "range": [0, 100]}, height=320)
    fig.update_xaxes(type="category")  # months and outlets as written
    return fig


def _speaker_chart(go, tables: Report, figure: _Figure):
    sources, articles = tables.sources, tables.articles
    parts = [
        ("named person", sources[sources["named"] & (sources["kind"] == "person")]),
        ("named organisation or other", sources[sources["named"] & (sources["kind"] != "person")]),
        ("unnamed speaker", sources[~sources["named"]]),
    ]
    xs, ys, data = [], [], []
    for label, part in parts:
        xs.append(label)
        ys.append(int(part["quotes"].sum()))
        data.append(figure.row(label, f"{ys[-1]} quotes", part["id"]))
    none = articles[articles["no_speaker"] > 0]
    xs.append("no speaker")
    ys.append(int(articles["no_speaker"].sum()))
    data.append(figure.row("no speaker", f"{ys[-1]} quotes", none["id"]))
    fig = go.Figure()
    fig.add_bar(
        x=xs, y=ys, customdata=data, marker_color=["#4c78a8", "#72b7b2", "#f58518", "#9a9a9a"]
    )
    fig.update_layout(yaxis_title="quotes", height=320)
    return fig


def render_report(
    tables: Report, anchors: Mapping[str, str], *, top: int = 20, title: str = "quoteattr"
) -> str:
    """The report page for ``tables``; ``anchors`` maps article ids to their HTML view."""
    go, pio, get_plotlyjs = plotly_modules()
    import pandas as pd

    people = tables.people()
    share, known = share_of_women(list(people["entity_gender"]))
    articles = tables.articles
    no_name = int(articles["no_speaker"].sum() + articles["unnamed"].sum())
    figures: list[tuple[_Figure, Any]] = []

    f = _Figure("people", f"Most-quoted people (top {top})", "Bar colour: gender, as decided "
                "for the person across the corpus (grey: unknown).")  # fmt: skip
    figures.append((f, _top_chart(go, tables, "person", top, f)))
    f = _Figure("organisations", f"Most-quoted organisations, places and groups (top {top})")
    figures.append((f, _top_chart(go, tables, "organisation|place|group", top, f)))
    f = _Figure("gender", "Gender of the named people quoted, and how it was decided",
                "Each person counts once per article quoting them. Pronoun and title: said in "
                "the article; first name: first-name statistics; unknown: neither.")  # fmt: skip
    figures.append((f, _gender_chart(go, people, f)))
    if "outlet" in people and people["outlet"].notna().any():
        f = _Figure("outlets", "Share of women among quoted people of known gender, by outlet")
        figures.append((f, _share_chart(go, people.dropna(subset=["outlet"]), "outlet", f, False)))
    if "date" in people and people["date"].notna().any():
        dated = people.assign(
            month=pd.to_datetime(people["date"], errors="coerce", utc=True).dt.strftime("%Y-%m")
        ).dropna(subset=["month"])
        if len(dated):
            f = _Figure("months", "Share of women among quoted people of known gender, by month")
            figures.append((f, _share_chart(go, dated, "month", f, True)))
    f = _Figure("speakers", "Quotes by speaker: named, unnamed (\u201ca spokesperson\u201d, an "
                "unresolved \u201che\u201d) or none found")  # fmt: skip
    figures.append((f, _speaker_chart(go, tables, f)))

    sections = []
    for figure, chart in figures:
        chart.update_layout(margin={"l": 10, "r": 10, "t": 30, "b": 40}, template="plotly_white")
        div = pio.to_html(
            chart, full_html=False, include_plotlyjs=False, div_id=f"chart-{figure.key}",
            post_script=CLICK, config={"displaylogo": False, "responsive": True},
        )  # fmt: skip
        sections.append(_section(figure, div, anchors))
    numbers = [
        (len(articles), "articles"),
        (int(articles["quotes"].sum()), "quotes"),
        (int(people["entity"].nunique()), "named people"),
        (f"{100 * share:.1f}%" if share is not None else "–", f"women, of {known} of known gender"),
        (int((people["entity_gender"] == UNKNOWN).sum()), "people of unknown gender"),
        (no_name, "quotes with no named speaker"),
    ]
    numbers_html = "".join(
        f"<li><b>{escape(str(n))}</b>{escape(label)}</li>" for n, label in numbers
    )
    view = (
        '<a href="articles.html">the articles, highlighted</a>'
        if anchors
        else "no article texts were given, so articles are listed by id"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n"
        f'<script type="text/javascript">{get_plotlyjs()}</script>\n</head>\n<body>\n'
        f'<h1>{escape(title)}</h1>\n<ul class="numbers">{numbers_html}</ul>\n'
        f'<p class="note">Files: sources.csv, entities.csv, articles.csv; {view}. Click a bar '
        "to see the articles behind it. Gender is inferred (pronouns and titles in the "
        "article, else first-name statistics), binary and often unknown: count it over many "
        "articles, never use it to decide about a person.</p>\n"
        + "".join(sections)
        + "</body>\n</html>\n"
    )
