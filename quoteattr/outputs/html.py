"""A standalone HTML page of attributions: quotes, cues and speakers highlighted in the text.

The page needs no network: inline CSS, a little inline JS. Spans may nest or touch across
attributions, so the text is cut into non-overlapping segments, each carrying the roles
(``q`` quote, ``c`` cue, ``s`` speaker) and attributions (``data-a``) of every span
covering it. Hovering a segment or a legend entry highlights every part of its
attribution(s); ``page.html?hover=a0-2`` does the same on load (attribution 2 of the
page's first article).
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from io import StringIO
from typing import IO, Any

from ..schema import Article, Attribution, Speaker
from .tables import AttributionLike, as_attributions

ROLE_NAMES = {"q": "quote", "c": "cue", "s": "speaker"}
# Tableau 10 without its grey (grey is for attributions without a speaker).
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b")
PALETTE += ("#e377c2", "#bcbd22")
NO_SPEAKER = "#8a8a8a"

CSS = """
:root { font-family: system-ui, sans-serif; color: #222; background: #f4f4f2; }
body { margin: 0; display: flex; flex-direction: column; align-items: center; }
body > * { box-sizing: border-box; width: min(62rem, 100% - 2rem); }
nav { order: -1; margin-top: 1rem; }
nav h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
nav ol { display: flex; flex-wrap: wrap; gap: .2rem .9rem; padding: 0; margin: .5rem 0;
  list-style: none; max-height: 12rem; overflow-y: auto; }
nav small, header small { color: #777; }
.key { font-size: .9rem; color: #555; }
article { background: #fff; border: 1px solid #ddd; border-radius: 6px;
  padding: .6rem 1.5rem 1.2rem; margin: .6rem 0; }
header { display: flex; gap: 1rem; align-items: baseline; }
header h2 { font-size: 1.1rem; margin: .4rem 0; overflow-wrap: anywhere; }
header a { margin-left: auto; text-decoration: none; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem .6rem; padding: 0; margin: .3rem 0 .8rem;
  list-style: none; font-size: .9rem; }
.legend li { padding: .05rem .4rem; border-radius: 4px; cursor: default; }
.legend li.hl { background: #fff3b0; }
.sw { display: inline-block; width: .8em; height: .8em; border-radius: 2px;
  margin-right: .3em; vertical-align: -.05em; }
.text { white-space: pre-wrap; overflow-wrap: break-word; line-height: 2;
  font-family: Georgia, "DejaVu Serif", serif; font-size: 1.05rem; }
.seg { box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.q { background: var(--q); text-decoration: underline 2px var(--qc);
  text-underline-offset: 4px; }
.c { font-weight: 700; color: var(--c); }
.s { border: 2px solid var(--s); border-left-width: 0; border-right-width: 0;
  padding: 1px 0; }
.s.sl { border-left-width: 2px; border-top-left-radius: 4px;
  border-bottom-left-radius: 4px; padding-left: 2px; }
.s.sr { border-right-width: 2px; border-top-right-radius: 4px;
  border-bottom-right-radius: 4px; padding-right: 2px; }
.s.si { border-style: dashed; }
.text.hovering { color: #aaa; }
.text.hovering .seg { opacity: .35; }
.text.hovering .seg.hl { opacity: 1; color: #111; background-color: #fff3b0;
  box-shadow: 0 0 0 1px #c9a400; }
.text.hovering .seg.hl.c { color: var(--c); }
"""

SCRIPT = """
(function () {
  var current = null;
  function clear() {
    document.querySelectorAll('.hl').forEach(function (e) { e.classList.remove('hl'); });
    document.querySelectorAll('.hovering').forEach(function (e) {
      e.classList.remove('hovering'); });
  }
  function show(el) {
    var article = el.closest('article');
    el.getAttribute('data-hover').split(' ').forEach(function (id) {
      article.querySelectorAll('[data-a~="' + id + '"]').forEach(function (e) {
        e.classList.add('hl'); });
    });
    article.querySelector('.text').classList.add('hovering');
  }
  document.addEventListener('mouseover', function (event) {
    var el = event.target.closest('[data-hover]');
    if (el === current) return;
    current = el;
    clear();
    if (el) show(el);
  });
  document.addEventListener('DOMContentLoaded', function () {
    var id = new URLSearchParams(location.search).get('hover');
    if (!id) return;
    var q = '.text [data-hover~="' + CSS.escape(id) + '"]';
    var el = document.querySelector(q) ||
      document.querySelector('.text [data-a~="' + CSS.escape(id) + '"]');
    if (!el) return;
    el.scrollIntoView({block: 'center'});
    el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
  });
})();
"""


@dataclass(frozen=True)
class Mark:
    """One role of one attribution over ``[start, end)``; ``key`` names the attribution."""

    start: int
    end: int
    role: str  # q, c or s
    key: str
    colour: str
    inferred: bool = False


@dataclass
class Segment:
    """``[start, end)`` of the text with every mark that covers all of it."""

    start: int
    end: int
    marks: list[Mark] = field(default_factory=list)


def segments(length: int, marks: Sequence[Mark]) -> list[Segment]:
    """Cut ``[0, length)`` at every mark's ends into segments; empty marks are dropped."""
    marks = [m for m in marks if m.start < m.end]
    cuts = sorted({0, length, *(m.start for m in marks), *(m.end for m in marks)})
    return [
        Segment(a, b, [m for m in marks if m.start <= a and b <= m.end])
        for a, b in zip(cuts, cuts[1:])
    ]


def colour(i: int) -> str:
    """The ``i``-th speaker colour: the palette, then hues a golden angle apart."""
    if i < len(PALETTE):
        return PALETTE[i]
    r, g, b = colorsys.hls_to_rgb((i * 0.381966) % 1.0, 0.4, 0.65)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def tint(hex_colour: str, amount: float = 0.2) -> str:
    """``hex_colour`` mixed with white: ``amount`` of the colour."""
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in rgb)


def speaker_key(speaker: Speaker | None) -> str | None:
    """Who a speaker is, for colours: the entity, else the resolved name, else the text."""
    if speaker is None:
        return None
    if speaker.entity is not None:
        return f"entity {speaker.entity}"
    return f"name {(speaker.resolved or speaker.text).casefold()}"


@dataclass
class _Speaker:
    colour: str
    keys: list[str] = field(default_factory=list)  # attribution keys
    names: list[str] = field(default_factory=list)  # resolved names and mentions

    @property
    def label(self) -> str:
        return max(self.names, key=len, default="?")  # the fullest of "he", "Bloggs", "Jo Bloggs"


def _speakers(prefix: str, attributions: Sequence[Attribution]) -> dict[str | None, _Speaker]:
    out: dict[str | None, _Speaker] = {}
    for i, attribution in enumerate(attributions):
        speaker, key = attribution.speaker, speaker_key(attribution.speaker)
        if key not in out:
            out[key] = _Speaker(colour(len(out) - (None in out)) if key else NO_SPEAKER)
        entry = out[key]
        entry.keys.append(f"{prefix}-{i}")
        if speaker is not None:
            for name in (speaker.resolved, speaker.text):
                if name and name not in entry.names:
                    entry.names.append(name)
    return out


def _marks(prefix: str, attributions: Sequence[Attribution], colours: list[str]) -> list[Mark]:
    out = []
    for i, (attribution, c) in enumerate(zip(attributions, colours)):
        key = f"{prefix}-{i}"
        out += [Mark(p.start, p.end, "q", key, c) for p in attribution.quote]
        if attribution.cue is not None:
            out.append(Mark(attribution.cue.start, attribution.cue.end, "c", key, c))
        if (s := attribution.speaker) is not None:
            out.append(Mark(s.start, s.end, "s", key, c, inferred=s.inferred))
    return out


def _segment_html(text: str, segment: Segment, titles: dict[str, str]) -> str:
    piece = escape(text[segment.start : segment.end], quote=False)
    if not segment.marks:
        return piece
    size = min(m.end - m.start for m in segment.marks)
    hover = sorted({m.key for m in segment.marks if m.end - m.start == size})
    classes, styles = ["seg"], []
    for role in ("q", "c", "s"):
        marks = [m for m in segment.marks if m.role == role]
        if not marks:
            continue
        inner = min(marks, key=lambda m: m.end - m.start)
        classes.append(role)
        if role == "q":
            styles += [f"--q:{tint(inner.colour)}", f"--qc:{inner.colour}"]
        else:
            styles.append(f"--{role}:{inner.colour}")
        if role == "s":
            classes += ["sl"] * (inner.start == segment.start) + ["sr"] * (inner.end == segment.end)
            classes += ["si"] * all(m.inferred for m in marks)  # no attribution states it
    keys = sorted({m.key for m in segment.marks})
    title = "\n".join(f"{ROLE_NAMES[m.role]} of {titles[m.key]}" for m in segment.marks)
    return (
        f'<span class="{" ".join(classes)}" style="{";".join(styles)}" '
        f'data-a="{" ".join(keys)}" data-hover="{" ".join(hover)}" '
        f'title="{escape(title)}">{piece}</span>'
    )


def _title(number: int, attribution: Attribution, label: str) -> str:
    return f"#{number} ({attribution.type}, score {attribution.score:.2f}): {label}"


def article_html(
    number: int, article_id: Any, text: str, attributions: Sequence[Attribution]
) -> str:
    """One ``<article>``: header, speaker legend and the highlighted text."""
    Article(str(article_id), text, tuple(attributions)).check()  # names the bad span
    prefix = f"a{number}"
    speakers = _speakers(prefix, attributions)
    by_key = {k: s for s in speakers.values() for k in s.keys}
    colours = [by_key[f"{prefix}-{i}"].colour for i in range(len(attributions))]
    titles = {
        f"{prefix}-{i}": _title(i, a, by_key[f"{prefix}-{i}"].label if a.speaker else "no speaker")
        for i, a in enumerate(attributions)
    }
    legend = []
    for key, speaker in speakers.items():
        keys = " ".join(speaker.keys)
        label = escape(speaker.label) if key else "<i>no speaker</i>"
        mentions = " / ".join(speaker.names) if key else ""
        entity = f" <small>{escape(key)}</small>" if key and key.startswith("entity") else ""
        n = len(speaker.keys)
        legend.append(
            f'<li data-a="{keys}" data-hover="{keys}" title="{escape(mentions)}">'
            f'<span class="sw" style="background:{speaker.colour}"></span>{label}{entity} '
            f"<small>× {n} quote{'s' * (n != 1)}</small></li>"
        )
    marks = _marks(prefix, attributions, colours)
    body = "".join(_segment_html(text, s, titles) for s in segments(len(text), marks))
    n = len(attributions)
    return (
        f'<article id="art-{number}">\n<header><h2>{escape(str(article_id))}</h2>'
        f"<small>{n} attribution{'s' * (n != 1)}</small>"
        f'<a href="#top" title="back to the list">↑</a></header>\n'
        f'<ul class="legend">{"".join(legend) or "<li><i>no attributions</i></li>"}</ul>\n'
        f'<div class="text">{body}</div>\n</article>\n'
    )


class HtmlWriter:
    """Writes the page as articles come: head now, each article on :meth:`add`, the
    navigation list on :meth:`close` (placed at the top by CSS). Does not close ``file``."""

    def __init__(self, file: IO[str], title: str = "quoteattr: attributions") -> None:
        self.file, self.title = file, title
        self.entries: list[str] = []
        self.attributions = 0
        self.closed = False
        file.write(
            f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n"
            f"<script>{SCRIPT}</script>\n</head>\n<body>\n<main>\n"
        )

    def add(
        self,
        article_id: Any,
        text: str,
        attributions: Sequence[AttributionLike],
        metadata: Any = None,  # not shown
    ) -> None:
        if self.closed:
            raise ValueError("this HtmlWriter is closed")
        found = as_attributions(attributions, article_id)
        number = len(self.entries)
        self.file.write(article_html(number, article_id, text, found))
        self.attributions += len(found)
        self.entries.append(
            f'<li><a href="#art-{number}">{escape(str(article_id))}</a> '
            f"<small>{len(found)}</small></li>"
        )

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        n = len(self.entries)
        key = (
            '<span class="seg q" style="--q:#d2e4f0;--qc:#1f77b4">quote</span> '
            '<span class="seg c" style="--c:#1f77b4">cue</span> '
            '<span class="seg s sl sr" style="--s:#1f77b4">speaker</span> '
            '<span class="seg s sl sr si" style="--s:#1f77b4">inferred speaker</span>'
            " · one colour per speaker · hover a part to see its whole attribution"
        )
        self.file.write(
            f'</main>\n<nav id="top">\n<h1>{escape(self.title)}</h1>\n'
            f"<small>{n} article{'s' * (n != 1)}, {self.attributions} attributions</small>\n"
            f'<p class="key">{key}</p>\n<ol>{"".join(self.entries)}</ol>\n</nav>\n'
            "</body>\n</html>\n"
        )

    def __enter__(self) -> HtmlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def render_html(
    articles: Iterable[tuple[Any, str, Sequence[AttributionLike]] | Article],
    title: str = "quoteattr: attributions",
) -> str:
    """The whole page for ``(id, text, attributions)`` triples (or Articles)."""
    out = StringIO()
    with HtmlWriter(out, title) as writer:
        for item in articles:
            if isinstance(item, Article):
                item = (item.id, item.text, item.attributions)
            writer.add(*item)
    return out.getvalue()
