"""displacy: parse_deps / parse_ents / parse_spans, the dep, ent and span renderers, options,
manual dicts, page and minify, Jupyter display, the render wrapper, errors and serve.

Expected markup and dicts were recorded once from spaCy 3.8.18's displacy for the same Doc and
options (lexloom's markup is spaCy's byte for byte) and are written here literally; the dep
SVG's random id prefix is replaced by "ID".
"""
from __future__ import annotations

import re
import sys
import threading
import time
import types
import urllib.request

import pytest
from lexloom.displacy import templates
from lexloom.errors import DisplacyError, LexloomWarning, PortError
from lexloom.util import find_available_port

import lexloom
from lexloom import displacy
from lexloom.tokens import Doc, Span

WORDS = ["Alice", "visited", "New", "York", "."]


@pytest.fixture
def doc():
    nlp = lexloom.blank("en")
    doc = Doc(nlp.vocab, words=WORDS, spaces=[True, True, True, False, False],
              heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "compound", "dobj", "punct"],
              pos=["PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
              tags=["NNP", "VBD", "NNP", "NNP", "."],
              lemmas=["Alice", "visit", "New", "York", "."],
              ents=["B-PERSON", "O", "B-GPE", "I-GPE", "O"])
    doc.spans["sc"] = [Span(doc, 0, 1, "PERSON"), Span(doc, 2, 4, "GPE", kb_id="Q60"),
                       Span(doc, 1, 4, "EVENT")]
    return doc


def _ids_normalised(markup: str) -> str:
    return re.sub(r"[0-9a-f]{32}", "ID", markup)


def _attr_values(markup: str, cls: str) -> list[str]:
    return re.findall(rf'class="{cls}"[^>]*? d="([^"]+)"', markup)


# ---- parse_* ------------------------------------------------------------------------------

def test_parse_deps_merges_trailing_punct_into_word(doc):
    assert displacy.parse_deps(doc) == {
        "words": [{"text": "Alice", "tag": "PROPN", "lemma": None},
                  {"text": "visited", "tag": "VERB", "lemma": None},
                  {"text": "New", "tag": "PROPN", "lemma": None},
                  {"text": "York.", "tag": "PROPN", "lemma": None}],
        "arcs": [{"start": 0, "end": 1, "label": "nsubj", "dir": "left"},
                 {"start": 2, "end": 3, "label": "compound", "dir": "left"},
                 {"start": 1, "end": 3, "label": "dobj", "dir": "right"}],
        "settings": {"lang": "en", "direction": "ltr"}}
    assert len(doc) == 5  # merged on a copy


def test_parse_deps_fine_grained_lemmas_without_collapse(doc):
    parsed = displacy.parse_deps(doc, {"collapse_punct": False, "fine_grained": True,
                                       "add_lemma": True})
    assert parsed["words"] == [
        {"text": "Alice", "tag": "NNP", "lemma": "Alice"},
        {"text": "visited", "tag": "VBD", "lemma": "visit"},
        {"text": "New", "tag": "NNP", "lemma": "New"},
        {"text": "York", "tag": "NNP", "lemma": "York"},
        {"text": ".", "tag": ".", "lemma": "."}]
    assert parsed["arcs"][-1] == {"start": 1, "end": 4, "label": "punct", "dir": "right"}


def test_parse_deps_of_span_uses_span_tokens(doc):
    parsed = displacy.parse_deps(doc[2:4])
    assert [w["text"] for w in parsed["words"]] == ["New", "York"]
    assert parsed["arcs"] == [{"start": 0, "end": 1, "label": "compound", "dir": "left"}]


def test_parse_ents_gives_char_offsets_and_kb_links(doc):
    doc.ents = [Span(doc, 0, 1, "PERSON", kb_id="Q1"), Span(doc, 2, 4, "GPE")]
    parsed = displacy.parse_ents(doc, {"kb_url_template": "https://kb/{}"})
    assert parsed == {
        "text": "Alice visited New York.",
        "ents": [{"start": 0, "end": 5, "label": "PERSON", "kb_id": "Q1", "kb_url": "https://kb/Q1"},
                 {"start": 14, "end": 22, "label": "GPE", "kb_id": "", "kb_url": "https://kb/"}],
        "title": None, "settings": {"lang": "en", "direction": "ltr"}}


def test_parse_spans_reads_spans_key(doc):
    assert displacy.parse_spans(doc) == {
        "text": "Alice visited New York.",
        "spans": [
            {"start": 0, "end": 5, "start_token": 0, "end_token": 1, "label": "PERSON",
             "kb_id": "", "kb_url": "#"},
            {"start": 14, "end": 22, "start_token": 2, "end_token": 4, "label": "GPE",
             "kb_id": "Q60", "kb_url": "#"},
            {"start": 6, "end": 22, "start_token": 1, "end_token": 4, "label": "EVENT",
             "kb_id": "", "kb_url": "#"}],
        "title": None, "settings": {"lang": "en", "direction": "ltr"},
        "tokens": WORDS}
    doc.spans["other"] = [Span(doc, 1, 2, "X")]
    assert [s["label"] for s in displacy.parse_spans(doc, {"spans_key": "other"})["spans"]] == ["X"]


def test_parse_warns_when_nothing_to_show():
    doc = lexloom.blank("en")("no annotation here")
    with pytest.warns(LexloomWarning, match=r"\[W005\]"):
        displacy.parse_deps(doc)
    with pytest.warns(LexloomWarning, match=r"\[W006\]"):
        displacy.parse_ents(doc)
    with pytest.warns(LexloomWarning, match=r"\[W117\].*doc.spans\['sc'\]"):
        displacy.parse_spans(doc)


# ---- dep ----------------------------------------------------------------------------------

def test_render_dep_lays_out_words_and_arcs(doc):
    svg = displacy.render(doc, style="dep", jupyter=False)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/'
                          '1999/xlink" xml:lang="en" id="')
    assert 'class="displacy" width="750" height="312.0" direction="ltr" style="max-width: none; ' \
           'height: 312.0px; color: #000000; background: #ffffff; font-family: Arial; ' \
           'direction: ltr"' in svg
    assert re.findall(r'class="displacy-word" fill="currentColor" x="(\d+)">([^<]*)<', svg) == [
        ("50", "Alice"), ("225", "visited"), ("400", "New"), ("575", "York.")]
    assert _attr_values(svg, "displacy-arc") == [
        "M70,177.0 C70,89.5 220.0,89.5 220.0,177.0",
        "M420,177.0 C420,89.5 570.0,89.5 570.0,177.0",
        "M245,177.0 C245,2.0 575.0,2.0 575.0,177.0"]
    assert _attr_values(svg, "displacy-arrowhead") == [
        "M70,179.0 L62,167.0 78,167.0", "M420,179.0 L412,167.0 428,167.0",
        "M575.0,179.0 L583.0,167.0 567.0,167.0"]
    assert re.findall(r'class="displacy-label"[^>]*>([^<]*)<', svg) == ["nsubj", "compound", "dobj"]
    # each label follows its own arc
    ids = re.findall(r'class="displacy-arc" id="(arrow-[0-9a-f]{32}-0-\d)"', svg)
    assert [f'xlink:href="#{i}"' in svg for i in ids] == [True, True, True]


def test_render_dep_compact_draws_square_arcs(doc):
    svg = displacy.render(doc, style="dep", jupyter=False, options={"compact": True})
    assert 'width="650" height="287.0"' in svg
    assert _attr_values(svg, "displacy-arc") == [
        "M62,152.0 62,127.0 197.0,127.0 197.0,152.0",
        "M362,152.0 362,127.0 497.0,127.0 497.0,152.0",
        "M212,152.0 212,102.0 500.0,102.0 500.0,152.0"]
    assert _attr_values(svg, "displacy-arrowhead")[0] == "M62,154.0 L58,146.0 66,146.0"


def test_render_dep_style_options(doc):
    svg = displacy.render(doc, jupyter=False, options={
        "color": "white", "bg": "#09a", "font": "Source Sans Pro", "distance": 100,
        "offset_x": 10, "word_spacing": 30, "arrow_stroke": 3})
    assert "color: white; background: #09a; font-family: Source Sans Pro" in svg
    assert 'stroke-width="3px"' in svg
    assert re.findall(r'class="displacy-word" fill="currentColor" x="(\d+)"', svg) == [
        "10", "110", "210", "310"]


def test_render_dep_escapes_markup_in_words():
    nlp = lexloom.blank("en")
    doc = Doc(nlp.vocab, words=["a<b>", "x&y", 'say"q"'], heads=[1, 1, 1], deps=["x", "ROOT", "y"])
    svg = displacy.render(doc, jupyter=False)
    assert ">a&lt;b&gt;<" in svg and ">x&amp;y<" in svg and ">say&quot;q&quot;<" in svg


def test_render_several_docs_and_spans_gets_distinct_ids(doc):
    svg = displacy.render([doc, doc[0:2]], jupyter=False)
    prefixes = re.findall(r'class="displacy" width="\d+"', svg)
    assert len(prefixes) == 2
    ids = re.findall(r'id="([0-9a-f]{32})-(\d)" class="displacy"', svg)
    assert [n for _, n in ids] == ["0", "1"] and ids[0][0] == ids[1][0]


def test_render_dep_lemma_row(doc):
    svg = displacy.render(doc, jupyter=False, options={"add_lemma": True})
    assert '<tspan class="displacy-lemma" dy="2em" fill="currentColor" x="225">visit</tspan>' in svg


def test_render_dep_manual_dict():
    parse = {"words": [{"text": "This", "tag": "DT"}, {"text": "is", "tag": "VBZ"},
                       {"text": "a", "tag": "DT"}, {"text": "sentence", "tag": "NN"}],
             "arcs": [{"start": 0, "end": 1, "label": "nsubj", "dir": "left"},
                      {"start": 2, "end": 3, "label": "det", "dir": "left"},
                      {"start": 1, "end": 3, "label": "attr", "dir": "right"}]}
    svg = displacy.render(parse, style="dep", manual=True, jupyter=False)
    assert 'xml:lang="en"' in svg and 'width="750"' in svg
    assert re.findall(r'class="displacy-label"[^>]*>([^<]*)<', svg) == ["nsubj", "det", "attr"]


def test_render_dep_rtl_doc_mirrors_x():
    nlp = lexloom.blank("ar")
    doc = Doc(nlp.vocab, words=["a", "b"], heads=[1, 1], deps=["nsubj", "ROOT"])
    svg = displacy.render(doc, jupyter=False)
    assert 'xml:lang="ar"' in svg and 'direction="rtl"' in svg
    assert re.findall(r'class="displacy-word" fill="currentColor" x="(\d+)"', svg) == ["350", "175"]
    assert 'side="right"' in svg


def test_render_dep_negative_arc_index_raises():
    parse = {"words": [{"text": "a", "tag": "X"}],
             "arcs": [{"start": -1, "end": 0, "label": "dep", "dir": "left"}]}
    with pytest.raises(DisplacyError, match=r"\[E157\].*negative"):
        displacy.render(parse, manual=True, jupyter=False)


# ---- ent ----------------------------------------------------------------------------------

ENT_HTML = (
    '<div class="entities" style="line-height: 2.5; direction: ltr">\n<mark class="entity" '
    'style="background: #aa9cfc; padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; '
    'border-radius: 0.35em;">\n    Alice\n    <span style="font-size: 0.8em; font-weight: bold; '
    'line-height: 1; border-radius: 0.35em; vertical-align: middle; margin-left: 0.5rem">PERSON'
    '</span>\n</mark>\n visited \n<mark class="entity" style="background: #feca74; padding: '
    '0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;">\n    New York\n    '
    '<span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; '
    'vertical-align: middle; margin-left: 0.5rem">GPE</span>\n</mark>\n.</div>')


def test_render_ent_marks_entities(doc):
    assert displacy.render(doc, style="ent", jupyter=False) == ENT_HTML


def test_render_ent_filter_and_colors(doc):
    html = displacy.render(doc, style="ent", jupyter=False,
                           options={"ents": ["gpe"], "colors": {"GPE": "red"}})
    assert html == (
        '<div class="entities" style="line-height: 2.5; direction: ltr">Alice visited \n<mark '
        'class="entity" style="background: red; padding: 0.45em 0.6em; margin: 0 0.25em; '
        'line-height: 1; border-radius: 0.35em;">\n    New York\n    <span style="font-size: '
        '0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: middle; '
        'margin-left: 0.5rem">GPE</span>\n</mark>\n.</div>')


def test_render_ent_minified(doc):
    assert displacy.render(doc, style="ent", jupyter=False, minify=True) == (
        '<div class="entities" style="line-height: 2.5; direction: ltr"><mark class="entity" '
        'style="background: #aa9cfc; padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; '
        'border-radius: 0.35em;">Alice<span style="font-size: 0.8em; font-weight: bold; '
        'line-height: 1; border-radius: 0.35em; vertical-align: middle; margin-left: 0.5rem">'
        'PERSON</span></mark> visited <mark class="entity" style="background: #feca74; padding: '
        '0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;">New York<span '
        'style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; '
        'vertical-align: middle; margin-left: 0.5rem">GPE</span></mark>.</div>')


def test_render_ent_manual_sorts_ents_keeps_newlines_and_kb_links():
    parsed = {"text": "But Google\nis <here>.",
              "ents": [{"start": 14, "end": 20, "label": "LOC"},
                       {"start": 4, "end": 10, "label": "ORG", "kb_id": "Q95",
                        "kb_url": "https://www.wikidata.org/wiki/Q95"}]}
    html = displacy.render(parsed, style="ent", manual=True, jupyter=False)
    assert html.index("Google") < html.index("&lt;here&gt;")
    assert "</mark>\n<br>is \n<mark" in html
    assert ('ORG\n <a style="text-decoration: none; color: inherit; font-weight: normal" '
            'href="https://www.wikidata.org/wiki/Q95">Q95</a>\n</span>') in html
    assert "background: #ff9561" in html  # LOC's default color


def test_render_ent_custom_template_with_params():
    parsed = {"text": "Hi Bob", "ents": [{"start": 3, "end": 6, "label": "PER",
                                           "params": {"extra": "!"}}]}
    html = displacy.render(parsed, style="ent", manual=True, jupyter=False,
                           options={"template": "[{text}|{label}|{bg}{extra}]"})
    assert html == ('<div class="entities" style="line-height: 2.5; direction: ltr">'
                    'Hi [Bob|PER|#ddd!]</div>')


def test_render_ent_title_from_user_data(doc):
    doc.user_data["title"] = "My title"
    assert displacy.render(doc, style="ent", jupyter=False).startswith(
        '<h2 style="margin: 0">My title</h2>\n\n<div class="entities"')


def test_registered_displacy_colors_apply(doc):
    import catalogue
    from lexloom.util import registry

    registry.displacy_colors.register("test_displacy_colors", func=lambda: {"gpe": "#123456"})
    try:
        assert "background: #123456" in displacy.render(doc, style="ent", jupyter=False)
    finally:
        catalogue.REGISTRY.pop(("lexloom", "displacy_colors", "test_displacy_colors"))


@pytest.mark.parametrize("group", ["spacy_displacy_colors", "lexloom_displacy_colors"])
def test_displacy_colors_declared_by_a_package_apply(doc, monkeypatch, group):
    """A plugin declares its colours for spaCy ([spacy_displacy_colors] in its entry points),
    or for lexloom: both reach the ent renderer, as registry.displacy_colors lists them."""
    import importlib.metadata

    import catalogue
    from lexloom.util import registry

    module = types.ModuleType("lexloom_test_plugin_colors")
    module.colors = {"GPE": "#abcdef"}
    monkeypatch.setitem(sys.modules, module.__name__, module)
    ep = importlib.metadata.EntryPoint(name="plugin_colors", group=group,
                                       value=f"{module.__name__}:colors")
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", importlib.metadata.EntryPoints([ep]))
    assert "plugin_colors" in registry.displacy_colors.get_all()
    assert "background: #abcdef" in displacy.render(doc, style="ent", jupyter=False)


# ---- span ---------------------------------------------------------------------------------

def test_render_span_stacks_overlapping_spans(doc):
    html = displacy.render(doc, style="span", jupyter=False,
                           options={"kb_url_template": "https://www.wikidata.org/wiki/{}"})
    assert html.startswith('<div class="spans" style="line-height: 2.5; direction: ltr">')
    # token boxes: Alice and visited carry one bar, New and York two
    assert re.findall(r"position: relative; height: (\d+)px;\">\n    (\w+)", html) == [
        ("60", "Alice"), ("60", "visited"), ("77", "New"), ("77", "York")]
    # EVENT starts first, so GPE (starting inside it) goes one slot lower
    assert re.findall(r"background: (#\w+); top: (\d+)px; height: 4px; border-top-left", html) == [
        ("#aa9cfc", "40"), ("#ffeb80", "40"), ("#feca74", "57")]
    assert re.findall(r"font-size: 0.6em[^>]*>\n        (\w+)", html) == ["PERSON", "EVENT", "GPE"]
    assert 'href="https://www.wikidata.org/wiki/Q60">Q60</a>' in html
    assert html.endswith("</span>\n. </div>")


def test_render_span_manual_and_offsets():
    parsed = {"text": "Welcome to the Bank of China.",
              "tokens": ["Welcome", "to", "the", "Bank", "of", "China", "."],
              "spans": [{"start_token": 3, "end_token": 6, "label": "ORG"},
                        {"start_token": 5, "end_token": 6, "label": "GPE"}]}
    html = displacy.render(parsed, style="span", manual=True, jupyter=False,
                           options={"top_offset": 30, "top_offset_step": 10,
                                    "span_label_offset": 5})
    assert html.startswith('<div class="spans" style="line-height: 2.5; direction: ltr">'
                           "Welcome to the \n<span")
    assert re.findall(r"height: (\d+)px;\">\n    (\w+)", html) == [
        ("35", "Bank"), ("35", "of"), ("45", "China")]
    assert "background: #feca74; top: 40px; height: 4px; border-top-left" in html


# ---- render: page, jupyter, wrapper, errors --------------------------------------------------

@pytest.mark.parametrize("style", ["dep", "ent", "span"])
def test_page_wraps_a_full_html_document(doc, style):
    html = displacy.render(doc, style=style, page=True, jupyter=False)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n    <head>\n        '
                           "<title>displaCy</title>")
    assert '<figure style="margin-bottom: 6rem">' in html
    assert html.endswith("</body>\n</html>")
    body = displacy.render(doc, style=style, jupyter=False)
    if style != "dep":  # dep ids are random per call
        assert body in html


def test_page_minified_has_no_newlines(doc):
    html = displacy.render(doc, style="dep", page=True, minify=True, jupyter=False)
    assert "\n" not in html and "    " not in html
    assert html.startswith('<!DOCTYPE html><html lang="en"><head><title>displaCy</title></head>')


def test_render_in_jupyter_displays_html(doc, monkeypatch):
    shown = []
    display_mod = types.ModuleType("IPython.display")
    display_mod.HTML = lambda markup: ("HTML", markup)
    display_mod.display = shown.append
    ipython = types.ModuleType("IPython")
    ipython.display = display_mod
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display_mod)
    assert displacy.render(doc, style="ent", jupyter=True) is None
    assert shown == [("HTML", f'<span class="tex2jax_ignore">{ENT_HTML}</span>')]
    assert displacy.render(doc, style="ent", jupyter=False) == ENT_HTML


def test_render_wrapper_wraps_markup(doc, monkeypatch):
    monkeypatch.setattr(displacy, "RENDER_WRAPPER", None)
    displacy.set_render_wrapper(lambda html: f"<div id='x'>{html}</div>")
    assert displacy.render(doc, style="ent", jupyter=False) == f"<div id='x'>{ENT_HTML}</div>"
    with pytest.raises(DisplacyError, match=r"\[E110\].*callable"):
        displacy.set_render_wrapper("not a function")


def test_unknown_style_is_a_value_error(doc):
    with pytest.raises(DisplacyError, match=r"\[E087\] displaCy has no style 'tree'") as info:
        displacy.render(doc, style="tree", jupyter=False)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("bad, manual, match", [
    ("some text", False, r"\[E096\].* Got str\.$"),
    ({"text": "x", "ents": []}, False, "Got dict. Pass manual=True"),
    (None, True, "Got Doc; with manual=True pass dicts"),
])
def test_wrong_objects_raise(doc, bad, manual, match):
    if bad is None:
        bad = doc
    with pytest.raises(DisplacyError, match=match):
        displacy.render(bad, style="ent", manual=manual, jupyter=False)


def test_templates_are_public_format_strings():
    assert "{label}" in templates.TPL_ENT and "{kb_link}" in templates.TPL_ENT
    assert templates.TPL_KB_LINK.startswith("\n ")


# ---- serve --------------------------------------------------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_defaults_to_localhost():
    import inspect

    params = inspect.signature(displacy.serve).parameters
    assert params["host"].default == "127.0.0.1" and params["port"].default == 5000


def test_serve_answers_with_the_rendered_page(doc, capsys):
    port = _free_port()
    thread = threading.Thread(target=displacy.serve, args=(doc,),
                              kwargs={"style": "ent", "port": port}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while "httpd" not in displacy._server and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        assert displacy._server["httpd"].server_address == ("127.0.0.1", port)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.headers["Content-type"] == "text/html; charset=utf-8"
            page = response.read().decode("utf-8")
    finally:
        assert displacy._shutdown_server()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert page.startswith("<!DOCTYPE html>") and ENT_HTML in page
    assert f"Serving on http://127.0.0.1:{port} ..." in capsys.readouterr().out
    assert not displacy._shutdown_server()


def test_app_serves_last_render(doc):
    displacy.render(doc, style="ent", jupyter=False)
    statuses = []
    body = displacy.app({}, lambda status, headers: statuses.append((status, headers)))
    assert body == [ENT_HTML.encode("utf-8")]
    assert statuses == [("200 OK", [("Content-type", "text/html; charset=utf-8")])]


def test_taken_port_raises_or_moves_on():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        with pytest.raises(PortError, match=rf"\[E1050\] Port {port} is in use"):
            find_available_port(port, "127.0.0.1")
        with pytest.warns(UserWarning, match=r"\[W124\]"):
            assert find_available_port(port, "127.0.0.1", auto_select=True) > port
    assert find_available_port(port, "127.0.0.1") == port


def test_serve_on_a_taken_port_raises_before_serving(doc):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        with pytest.raises(PortError, match="auto_select_port=True"):
            displacy.serve(doc, style="ent", port=sock.getsockname()[1])
    assert "httpd" not in displacy._server


def test_labels_are_escaped_in_the_markup():
    """A label can't inject markup into a page (displacy.serve shows it to a browser)."""
    manual = {"text": "Hi Bob", "ents": [{"start": 3, "end": 6, "label": "<script>x</script>"}]}
    html = lexloom.displacy.render(manual, style="ent", manual=True, jupyter=False)
    assert "<script>" not in html and "&lt;script&gt;" in html
    dep = {"words": [{"text": "a", "tag": "<b>"}, {"text": "b", "tag": "T"}],
           "arcs": [{"start": 0, "end": 1, "label": "<i>", "dir": "left"}]}
    svg = lexloom.displacy.render(dep, style="dep", manual=True, jupyter=False)
    assert "<b>" not in svg and "<i>" not in svg and "&lt;i&gt;" in svg
