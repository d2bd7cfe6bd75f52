"""displaCy markup in a real browser: headless Chromium loads one page with a dependency
parse, entities and spans, a script measures what was laid out (arc lengths, labels placed
along their arcs, entity boxes, span bars) and writes it into the DOM, and `--dump-dom`
hands that back. A screenshot of the page goes to the test's tmp folder for a human look.
Skipped when no Chromium binary is installed (Debian: apt-get install chromium)."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import lexloom
from lexloom import displacy
from lexloom.tokens import Doc, Span

CHROMIUM = next((path for name in ("chromium", "chromium-browser", "google-chrome",
                                    "google-chrome-stable")
                 if (path := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary on PATH "
                                "(apt-get install chromium)")

# Runs after the markup is parsed; getBBox / getComputedTextLength force a layout.
MEASURE = """
<script>
const box = (el) => { const r = el.getBoundingClientRect();
  return {x: r.x, y: r.y, w: r.width, h: r.height}; };
const report = {
  arcs: [...document.querySelectorAll("path.displacy-arc")].map((p) => ({
    length: p.getTotalLength(), box: box(p)})),
  labels: [...document.querySelectorAll("textPath.displacy-label")].map((t) => ({
    text: t.textContent, width: t.getComputedTextLength(),
    onArc: document.querySelector(t.getAttribute("xlink:href")) !== null})),
  heads: [...document.querySelectorAll("path.displacy-arrowhead")].map((p) => box(p)),
  words: [...document.querySelectorAll("tspan.displacy-word")].map((t) => ({
    text: t.textContent, box: box(t)})),
  svg: box(document.querySelector("svg.displacy")),
  marks: [...document.querySelectorAll("div.entities mark.entity")].map((m) => ({
    text: m.firstChild.textContent.trim(), label: m.querySelector("span").textContent,
    bg: getComputedStyle(m).backgroundColor, box: box(m)})),
  spanTokens: [...document.querySelectorAll("div.spans > span")].map((s) => ({
    text: s.firstChild.textContent.trim(), box: box(s),
    bars: [...s.children].map((bar) => ({box: box(bar), label: bar.textContent.trim()}))})),
};
document.body.setAttribute("data-report", JSON.stringify(report));
</script>
"""


def _doc():
    nlp = lexloom.blank("en")
    doc = Doc(nlp.vocab, words=["Alice", "visited", "New", "York", "."],
              spaces=[True, True, True, False, False], heads=[1, 1, 3, 1, 1],
              deps=["nsubj", "ROOT", "compound", "dobj", "punct"],
              pos=["PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
              ents=["B-PERSON", "O", "B-GPE", "I-GPE", "O"])
    doc.spans["sc"] = [Span(doc, 0, 1, "PERSON"), Span(doc, 2, 4, "GPE"),
                       Span(doc, 1, 4, "EVENT")]
    return doc


def _chromium(tmp_path: Path, *args: str) -> str:
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--user-data-dir={tmp_path / 'profile'}", *args]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The page (dep, ent and span figures), Chromium's measurements of it, and its folder."""
    tmp_path = tmp_path_factory.mktemp("displacy_browser")
    doc = _doc()
    page = displacy.render(doc, style="dep", page=True, jupyter=False)
    extra = (displacy.render(doc, style="ent", jupyter=False)
             + displacy.render(doc, style="span", jupyter=False))
    page = page.replace("</body>", extra + MEASURE + "</body>")
    path = tmp_path / "displacy.html"
    path.write_text(page, encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", path.as_uri())
    found = re.search(r'data-report="([^"]*)"', dom)
    assert found, dom[:2000]
    return json.loads(html.unescape(found.group(1))), path, tmp_path


def test_dep_arcs_are_drawn_with_their_labels(rendered):
    report, _, _ = rendered
    assert [w["text"] for w in report["words"]] == ["Alice", "visited", "New", "York."]
    xs = [w["box"]["x"] for w in report["words"]]
    assert xs == sorted(xs)  # left to right
    assert len(report["arcs"]) == 3 and all(arc["length"] > 100 for arc in report["arcs"])
    # labels sit on their arcs, and the long arc (dobj) rises above the two short ones
    assert [(label["text"], label["onArc"]) for label in report["labels"]] == [
        ("nsubj", True), ("compound", True), ("dobj", True)]
    assert all(label["width"] > 10 for label in report["labels"])
    tops = [arc["box"]["y"] for arc in report["arcs"]]
    assert tops[2] < tops[0] and tops[0] == pytest.approx(tops[1])
    svg = report["svg"]
    for arc in report["arcs"]:
        assert svg["x"] <= arc["box"]["x"] and arc["box"]["x"] + arc["box"]["w"] <= svg["x"] + svg["w"]
        assert svg["y"] <= arc["box"]["y"] <= svg["y"] + svg["h"]
    # arrowheads at the dependents: Alice, New (left arcs), York. (right arc)
    heads_x = [head["x"] + head["w"] / 2 for head in report["heads"]]
    words_x = [w["box"]["x"] + w["box"]["w"] / 2 for w in report["words"]]
    for head_x, word in zip(heads_x, [0, 2, 3]):
        nearest = min(range(4), key=lambda i: abs(words_x[i] - head_x))
        assert nearest == word


def test_entities_are_marked_with_labels_and_colors(rendered):
    report, _, _ = rendered
    assert [(m["text"], m["label"], m["bg"]) for m in report["marks"]] == [
        ("Alice", "PERSON", "rgb(170, 156, 252)"), ("New York", "GPE", "rgb(254, 202, 116)")]
    first, second = (m["box"] for m in report["marks"])
    assert first["w"] > 0 and first["h"] > 0 and second["x"] > first["x"] + first["w"]


def test_spans_draw_stacked_bars_under_tokens(rendered):
    report, _, _ = rendered
    tokens = report["spanTokens"]
    assert [t["text"] for t in tokens] == ["Alice", "visited", "New", "York"]
    assert [len(t["bars"]) for t in tokens] == [2, 2, 3, 2]  # slices + start bars
    new = tokens[2]
    bar_tops = sorted({round(bar["box"]["y"] - new["box"]["y"]) for bar in new["bars"]})
    assert bar_tops == [40, 57]  # EVENT on the first slot, GPE one step lower
    labels = [bar["label"] for t in tokens for bar in t["bars"] if bar["label"]]
    assert labels == ["PERSON", "EVENT", "GPE"]
    for t in tokens:
        for bar in t["bars"]:
            assert bar["box"]["h"] == pytest.approx(4)
            assert bar["box"]["w"] == pytest.approx(t["box"]["w"] + 2)


def test_screenshot_of_the_page(rendered, tmp_path):
    _, path, _ = rendered
    png = tmp_path / "displacy.png"
    _chromium(tmp_path, f"--screenshot={png}", "--window-size=1000,1400", path.as_uri())
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
