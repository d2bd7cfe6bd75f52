"""displaCy, the visualizer for dependency parses, named entities and spans: spacy.displacy's
API and markup. `render` returns SVG/HTML (or shows it in Jupyter); `serve` shows it on a
local web server, bound to 127.0.0.1 unless you pass another host."""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import DisplacyError, Errors, LexloomWarning, Warnings
from ..tokens import Doc, Span
from ..util import find_available_port, is_in_jupyter
from . import templates  # noqa: F401  (spacy.displacy.templates, for custom templates)
from .render import DependencyRenderer, EntityRenderer, SpanRenderer

# the last rendered markup: what `app` (and so `serve`) answers with
_html: dict[str, str] = {}
# the server `serve` is running, so tests and embedders can stop it without Ctrl-C
_server: dict[str, Any] = {}
RENDER_WRAPPER: Callable[[str], str] | None = None


def render(
    docs: Iterable[Doc | Span | dict] | Doc | Span | dict,
    style: str = "dep",
    page: bool = False,
    minify: bool = False,
    jupyter: bool | None = None,
    options: dict[str, Any] | None = None,
    manual: bool = False,
) -> str:
    """Markup for `docs` in `style` ("dep", "ent" or "span"): an SVG per Doc for "dep", HTML
    for the others; a full HTML page if `page`. In Jupyter (detected, or `jupyter=True`) the
    markup is displayed instead and None returned. With `manual=True`, `docs` are dicts in the
    format parse_deps / parse_ents / parse_spans return."""
    options = options or {}
    factories = {"dep": (DependencyRenderer, parse_deps),
                 "ent": (EntityRenderer, parse_ents),
                 "span": (SpanRenderer, parse_spans)}
    if style not in factories:
        raise DisplacyError(Errors.E087.format(style=style))
    if isinstance(docs, (Doc, Span, dict)):
        docs = [docs]
    docs = [obj.as_doc() if isinstance(obj, Span) else obj for obj in docs]
    for obj in docs:
        _check_renderable(obj, manual)
    renderer_cls, converter = factories[style]
    renderer = renderer_cls(options=options)
    if manual:
        for doc in docs:
            if "ents" in doc:  # the entity renderer walks the text left to right
                doc["ents"] = sorted(doc["ents"], key=lambda ent: (ent["start"], ent["end"]))
        parsed = docs
    else:
        parsed = [converter(doc, options) for doc in docs]
    _html["parsed"] = renderer.render(parsed, page=page, minify=minify).strip()
    html = _html["parsed"]
    if RENDER_WRAPPER is not None:
        html = RENDER_WRAPPER(html)
    if jupyter or (jupyter is None and is_in_jupyter()):
        from IPython.display import HTML, display

        # the tex2jax_ignore span stops MathJax from reading "$" in the text as TeX
        return display(HTML(f'<span class="tex2jax_ignore">{html}</span>'))
    return html


def _check_renderable(obj: Any, manual: bool) -> None:
    if manual and not isinstance(obj, dict):
        raise DisplacyError(f"{Errors.E096} Got {type(obj).__name__}; with manual=True pass "
                            f"dicts in the format parse_deps / parse_ents / parse_spans return.")
    if not manual and not isinstance(obj, (Doc, Span)):
        hint = " Pass manual=True to render dicts." if isinstance(obj, dict) else ""
        raise DisplacyError(f"{Errors.E096} Got {type(obj).__name__}.{hint}")


def serve(
    docs: Iterable[Doc] | Doc,
    style: str = "dep",
    page: bool = True,
    minify: bool = False,
    options: dict[str, Any] | None = None,
    manual: bool = False,
    port: int = 5000,
    host: str = "127.0.0.1",
    auto_select_port: bool = False,
) -> None:
    """Render `docs` (as `render` does) and serve the page at http://host:port until Ctrl-C.
    The default host is 127.0.0.1 (this machine only; spaCy binds 0.0.0.0): pass
    host="0.0.0.0" to let other machines see it. A taken port is an error unless
    `auto_select_port`, which then takes the next free one."""
    options = options or {}
    from wsgiref import simple_server

    port = find_available_port(port, host, auto_select_port)
    if is_in_jupyter():
        warnings.warn(Warnings.W011, LexloomWarning, stacklevel=2)
    render(docs, style=style, page=page, minify=minify, options=options, manual=manual)
    httpd = simple_server.make_server(host, port, app)
    _server["httpd"] = httpd
    print(f"\nUsing the '{style}' visualizer")
    print(f"Serving on http://{host}:{port} ...\n")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        print(f"Shutting down server on port {port}.")
    finally:
        _server.pop("httpd", None)
        httpd.server_close()


def _shutdown_server() -> bool:
    """Stop the server a running `serve` call (in another thread) is serving; `serve` then
    returns. False if none is running."""
    httpd = _server.get("httpd")
    if httpd is None:
        return False
    httpd.shutdown()
    return True


def app(environ: dict[str, Any], start_response: Callable) -> list:
    """The WSGI app `serve` runs: every request gets the last rendered markup."""
    start_response("200 OK", [("Content-type", "text/html; charset=utf-8")])
    return [_html["parsed"].encode(encoding="utf-8")]


def parse_deps(orig_doc: Doc | Span, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The parse as {"words": [{"text", "tag", "lemma"}], "arcs": [{"start", "end", "label",
    "dir"}], "settings"}. Options: collapse_punct (default True) merges runs of punctuation
    into the word before them, collapse_phrases merges noun chunks, fine_grained shows tags
    instead of POS, add_lemma adds lemmas. The Doc itself is not changed."""
    options = options or {}
    if isinstance(orig_doc, Span):
        orig_doc = orig_doc.as_doc()
    # merge on a copy: the caller's Doc keeps its tokens
    doc = Doc(orig_doc.vocab).from_bytes(orig_doc.to_bytes(exclude=["user_data", "user_hooks"]))
    if not doc.has_annotation("DEP"):
        warnings.warn(Warnings.W005, LexloomWarning, stacklevel=2)
    if options.get("collapse_phrases", False):
        with doc.retokenize() as retokenizer:
            for chunk in list(doc.noun_chunks):
                root = chunk.root
                retokenizer.merge(chunk, attrs={"tag": root.tag_, "lemma": root.lemma_,
                                                "ent_type": root.ent_type_})
    if options.get("collapse_punct", True):
        _collapse_punct(doc)
    fine_grained = options.get("fine_grained")
    add_lemma = options.get("add_lemma")
    words = [{"text": w.text, "tag": w.tag_ if fine_grained else w.pos_,
              "lemma": w.lemma_ if add_lemma else None} for w in doc]
    arcs = []
    for word in doc:
        head = word.head.i
        if word.i < head:
            arcs.append({"start": word.i, "end": head, "label": word.dep_, "dir": "left"})
        elif word.i > head:
            arcs.append({"start": head, "end": word.i, "label": word.dep_, "dir": "right"})
    return {"words": words, "arcs": arcs, "settings": get_doc_settings(orig_doc)}


def _collapse_punct(doc: Doc) -> None:
    """Merge each word with the punctuation right after it ("Hello" + "!!" -> "Hello!!"),
    keeping the word's tag, lemma and entity type."""
    merges = []
    for word in doc[:-1]:
        if word.is_punct or not word.nbor(1).is_punct:
            continue
        end = word.i + 1
        while end < len(doc) and doc[end].is_punct:
            end += 1
        merges.append((doc[word.i:end], {"tag": word.tag_, "lemma": word.lemma_,
                                         "ent_type": word.ent_type_}))
    with doc.retokenize() as retokenizer:
        for span, attrs in merges:
            retokenizer.merge(span, attrs=attrs)


def parse_ents(doc: Doc, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The entities as {"text", "ents": [{"start", "end", "label", "kb_id", "kb_url"}],
    "title", "settings"}, with character offsets. options["kb_url_template"] (e.g.
    "https://www.wikidata.org/wiki/{}") makes each kb_id a link."""
    options = options or {}
    kb_url_template = options.get("kb_url_template", None)
    ents = [{"start": ent.start_char, "end": ent.end_char, "label": ent.label_,
             "kb_id": ent.kb_id_ or "",
             "kb_url": kb_url_template.format(ent.kb_id_) if kb_url_template else "#"}
            for ent in doc.ents]
    if not ents:
        warnings.warn(Warnings.W006, LexloomWarning, stacklevel=2)
    return {"text": doc.text, "ents": ents, "title": _title(doc),
            "settings": get_doc_settings(doc)}


def parse_spans(doc: Doc, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The spans in doc.spans[options["spans_key"]] (default "sc") as {"text", "spans":
    [{"start", "end", "start_token", "end_token", "label", "kb_id", "kb_url"}], "title",
    "settings", "tokens"}."""
    options = options or {}
    kb_url_template = options.get("kb_url_template", None)
    spans_key = options.get("spans_key", "sc")
    spans = [{"start": span.start_char, "end": span.end_char, "start_token": span.start,
              "end_token": span.end, "label": span.label_, "kb_id": span.kb_id_ or "",
              "kb_url": kb_url_template.format(span.kb_id_) if kb_url_template else "#"}
             for span in doc.spans.get(spans_key, [])]
    if not spans:
        keys = list(doc.spans.keys())
        warnings.warn(Warnings.W117.format(spans_key=spans_key, keys=keys), LexloomWarning,
                      stacklevel=2)
    return {"text": doc.text, "spans": spans, "title": _title(doc),
            "settings": get_doc_settings(doc), "tokens": [token.text for token in doc]}


def _title(doc: Doc) -> str | None:
    return doc.user_data.get("title", None) if hasattr(doc, "user_data") else None


def set_render_wrapper(func: Callable[[str], str]) -> None:
    """Make `render` pass its markup through `func` (markup -> markup) before returning it:
    to embed displaCy in a page or platform of your own."""
    global RENDER_WRAPPER
    if not callable(func):
        raise DisplacyError(Errors.E110.format(obj=type(func)))
    RENDER_WRAPPER = func


def get_doc_settings(doc: Doc) -> dict[str, Any]:
    """The Doc's language code and writing direction ("ltr" or "rtl"), which set the markup's
    lang and dir attributes."""
    return {"lang": doc.vocab.lang,
            "direction": doc.vocab.writing_system.get("direction", "ltr")}
