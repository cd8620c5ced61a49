import io
import shutil
import struct
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from text_spans import offsets as at

from quoteattr.outputs.html import HtmlWriter, Mark, render_html, segments
from quoteattr.schema import Article, Attribution, SchemaError, Span, Speaker

VOID = {"meta", "br", "img", "hr", "input", "link"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                    found.append(child)
                found += child.all(tag, cls)
        return found


class Tree(HTMLParser):
    """A DOM tree; fails on an end tag that does not close the innermost open element."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.feed(page)
        self.close()
        assert [n.tag for n in self.stack] == ["#root"], "unclosed elements"

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


T1 = (
    'Jo Bloggs said: "Prices <will> rise & fall." The minister told reporters that '
    '"we are ready", adding it was "a matter of time".\n'
    '"It won\'t be easy," Bloggs added. "But we will manage."'
)
A1 = [
    Attribution(
        (Span.of(T1, *at(T1, '"Prices <will> rise & fall."')),),
        cue=Span.of(T1, *at(T1, "said")),
        speaker=Speaker(*at(T1, "Jo Bloggs"), "Jo Bloggs", resolved="Jo Bloggs", entity=0),
    ),
    Attribution(
        (Span.of(T1, *at(T1, '"we are ready"')), Span.of(T1, *at(T1, '"a matter of time"'))),
        cue=Span.of(T1, *at(T1, "told")),
        speaker=Speaker(*at(T1, "The minister"), "The minister", entity=1),
    ),
    Attribution(
        (Span.of(T1, *at(T1, '"It won\'t be easy,"')),),
        cue=Span.of(T1, *at(T1, "added")),
        speaker=Speaker(*at(T1, "Bloggs", 1), "Bloggs", resolved="Jo Bloggs", entity=0),
    ),
    Attribution(
        (Span.of(T1, *at(T1, '"But we will manage."')),),
        speaker=Speaker(*at(T1, "Bloggs", 1), "Bloggs", entity=0, inferred=True),
    ),
]
# A speaker and a cue inside another attribution's quote; a quote without speaker.
T2 = "\"Smith told me 'I quit' yesterday,\" said Doe. Nobody else spoke."
A2 = [
    Attribution(
        (Span.of(T2, *at(T2, "\"Smith told me 'I quit' yesterday,\"")),),
        cue=Span.of(T2, *at(T2, "said")),
        speaker=Speaker(*at(T2, "Doe"), "Doe"),
    ),
    Attribution(
        (Span.of(T2, *at(T2, "'I quit'")),),
        cue=Span.of(T2, *at(T2, "told")),
        speaker=Speaker(*at(T2, "Smith"), "Smith"),
    ),
    Attribution((Span.of(T2, *at(T2, "Nobody else spoke")),)),
]
ARTICLES = [("news/001 <A&B>", T1, A1), ("news-002", T2, [a.to_dict() for a in A2])]


def article(root: Node, number: int) -> Node:
    (found,) = [a for a in root.all("article") if a.attrs["id"] == f"art-{number}"]
    return found


def segment(node: Node, text: str) -> Node:
    (found,) = [s for s in node.all("span", "seg") if s.text() == text]
    return found


def test_segments_cut_overlapping_and_touching_marks_apart():
    marks = [
        Mark(0, 10, "q", "a0-0", "#000"),
        Mark(2, 4, "s", "a0-1", "#111"),
        Mark(4, 6, "c", "a0-1", "#111"),  # touches the speaker
        Mark(8, 8, "c", "a0-2", "#222"),  # empty: dropped
        Mark(12, 14, "q", "a0-1", "#111"),
    ]
    cut = segments(15, marks)
    assert [(s.start, s.end) for s in cut] == [(0, 2), (2, 4), (4, 6), (6, 10), (10, 12)] + [
        (12, 14),
        (14, 15),
    ]
    roles = [sorted(m.role + m.key[-1] for m in s.marks) for s in cut]
    assert roles == [["q0"], ["q0", "s1"], ["c1", "q0"], ["q0"], [], ["q1"], []]
    assert [(s.start, s.end, s.marks) for s in segments(3, [])] == [(0, 3, [])]


def test_page_is_well_formed_escaped_and_keeps_the_text():
    page = render_html(ARTICLES)
    assert page.startswith("<!DOCTYPE html>")
    root = Tree(page).root
    assert "<will>" not in page and "&lt;will&gt; rise &amp; fall" in page
    assert "news/001 &lt;A&amp;B&gt;" in page
    for number, (_, text, _) in enumerate(ARTICLES):
        (body,) = article(root, number).all("div", "text")
        assert body.text() == text  # every character once, in order, unescaped
    nodes = root.all()
    assert not [n for n in nodes if n.tag in ("link", "img", "iframe") or "src" in n.attrs]
    assert not [n for n in nodes if n.attrs.get("href", "#").startswith(("http", "//"))]


def test_roles_and_colours_follow_attributions_and_speakers():
    root = Tree(render_html(ARTICLES)).root
    first = article(root, 0)
    prices = segment(first, '"Prices <will> rise & fall."')
    assert prices.classes == {"seg", "q"} and prices.attrs["data-a"] == "a0-0"
    assert segment(first, "said").classes == {"seg", "c"}
    assert segment(first, "Jo Bloggs").classes == {"seg", "s", "sl", "sr"}
    # entity 0 has one colour for its three attributions, entity 1 another
    colour = prices.attrs["style"].split("--qc:")[1]
    assert segment(first, "said").attrs["style"] == f"--c:{colour}"
    assert f"--qc:{colour}" in segment(first, '"But we will manage."').attrs["style"]
    assert colour not in segment(first, '"we are ready"').attrs["style"]
    # the inferred speaker shares the span of attribution 2's speaker: both; solid box, as
    # attribution 2 states it; dashed where only inferred speakers cover a span
    bloggs = segment(first, "Bloggs")
    assert bloggs.classes == {"seg", "s", "sl", "sr"}
    assert bloggs.attrs["data-a"] == bloggs.attrs["data-hover"] == "a0-2 a0-3"
    alone = article(Tree(render_html([("x", T1, [A1[0], A1[3]])])).root, 0)
    assert segment(alone, "Bloggs").classes == {"seg", "s", "sl", "sr", "si"}
    legend = [(li.text(), li.attrs["data-a"]) for li in first.all("ul", "legend")[0].all("li")]
    assert legend == [
        ("Jo Bloggs entity 0 × 3 quotes", "a0-0 a0-2 a0-3"),
        ("The minister entity 1 × 1 quote", "a0-1"),
    ]


def test_nested_spans_become_segments_that_carry_every_role():
    second = article(Tree(render_html(ARTICLES)).root, 1)
    smith = segment(second, "Smith")
    assert smith.classes == {"seg", "q", "s", "sl", "sr"}
    assert smith.attrs["data-a"] == "a1-0 a1-1"
    assert smith.attrs["data-hover"] == "a1-1"  # hovering picks the innermost attribution
    assert "quote of #0" in smith.attrs["title"] and "speaker of #1" in smith.attrs["title"]
    assert segment(second, "told").classes == {"seg", "q", "c"}
    assert segment(second, "'I quit'").attrs["data-a"] == "a1-0 a1-1"
    assert segment(second, " me ").attrs["data-hover"] == "a1-0"
    legend = [li.text() for li in second.all("ul", "legend")[0].all("li")]
    assert legend == ["Doe × 1 quote", "Smith × 1 quote", "no speaker × 1 quote"]


def test_navigation_links_every_article():
    root = Tree(render_html(ARTICLES)).root
    (nav,) = root.all("nav")
    links = [(a.attrs["href"], a.text()) for a in nav.all("a")]
    assert links == [("#art-0", "news/001 <A&B>"), ("#art-1", "news-002")]
    assert {a.attrs["id"] for a in root.all("article")} == {"art-0", "art-1"}
    assert "2 articles, 7 attributions" in nav.text()


def test_a_span_off_the_text_names_the_article():
    wrong = Attribution((Span(0, 5, "Price"),))
    with pytest.raises(SchemaError, match="article 'x', attribution 0: span \\[0, 5\\) says"):
        render_html([("x", T1, [wrong])])


def test_writer_streams_articles_and_ends_with_the_same_page():
    out = io.StringIO()
    writer = HtmlWriter(out)
    writer.add(*ARTICLES[0])
    assert 'id="art-0"' in out.getvalue() and "</html>" not in out.getvalue()
    writer.add(*ARTICLES[1])
    writer.close()
    writer.close()  # closing twice writes nothing more
    assert out.getvalue() == render_html(ARTICLES)
    as_articles = [Article("news/001 <A&B>", T1, tuple(A1)), Article("news-002", T2, tuple(A2))]
    assert render_html(as_articles) == out.getvalue()
    with pytest.raises(ValueError, match="closed"):
        writer.add(*ARTICLES[0])


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    pytest.skip("no chromium binary found (Debian: apt-get install chromium)")


# Test-only probe: records what the browser computed for each styled element.
PROBE = """<script>
window.addEventListener('load', function () {
  document.querySelectorAll('.text .seg, .legend li, .key .seg').forEach(function (e) {
    var s = getComputedStyle(e);
    e.setAttribute('data-probe', [s.backgroundColor, s.fontWeight, s.borderTopStyle,
      s.opacity, s.textDecorationLine].join('|'));
  });
  document.body.setAttribute('data-probed', 'yes');
});
</script></body>"""


def browse(binary: str, url: str, *flags: str) -> str:
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    result = subprocess.run(
        [*command, "--window-size=1100,900", *flags, url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_page_renders_and_links_on_hover_in_a_real_browser(tmp_path: Path):
    binary = chromium()
    page = tmp_path / "page.html"
    page.write_text(render_html(ARTICLES).replace("</body>", PROBE), encoding="utf-8")
    # ?hover= makes the page dispatch a mouseover on the attribution's first part
    dom = browse(binary, page.as_uri() + "?hover=a1-1", "--dump-dom")
    root = Tree(dom).root
    (body,) = root.all("body")
    assert body.attrs.get("data-probed") == "yes", "the page's scripts did not run"
    for number, (_, text, _) in enumerate(ARTICLES):
        assert article(root, number).all("div", "text")[0].text() == text
    first, second = article(root, 0), article(root, 1)
    lit = [(n.tag, n.text()) for n in root.all(cls="hl")]
    assert lit == [
        ("li", "Smith × 1 quote"),  # the legend entry of its speaker
        ("span", "Smith"),  # the speaker, inside attribution 0's quote
        ("span", "told"),
        ("span", "'I quit'"),
    ]
    assert "hovering" in second.all("div", "text")[0].classes
    assert "hovering" not in first.all("div", "text")[0].classes
    # computed styles: roles are visible, and the hovered attribution stands out
    probe = {s.text(): s.attrs["data-probe"].split("|") for s in second.all("span", "seg")}
    background, weight, border, opacity, decoration = probe["Smith"]
    assert border == "solid" and opacity == "1" and decoration == "underline"
    assert probe["told"][1] == "700"  # the cue is bold
    assert probe[" me "][3] == "0.35"  # other parts fade while one attribution is hovered
    still = {s.text(): s.attrs["data-probe"].split("|") for s in first.all("span", "seg")}
    assert still["said"][1] == "700" and still["said"][3] == "1"
    assert still['"we are ready"'][0] != "rgba(0, 0, 0, 0)"  # a quote has a background
    assert still["Jo Bloggs"][2] == "solid"  # a speaker's box
    key = {s.text(): s.attrs["data-probe"].split("|") for s in root.all("p", "key")[0].all()}
    assert key["inferred speaker"][2] == "dashed"  # as the key at the top shows it
    # a screenshot of the same view (kept under tmp_path to look at)
    shot = tmp_path / "page.png"
    browse(binary, page.as_uri() + "?hover=a0-1", f"--screenshot={shot}")
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1100, 900)
