"""The fuzz targets: one function per place where outside bytes enter lexloom.

A target is set up once per process (`setup()` builds the pipeline, matcher or folder it
needs and returns a state) and then called once per input (`run(state, data)`). It may raise
only what `allowed` lists: lexloom's own errors (`lexloom.errors.LexloomError`, which
subclass the builtins spaCy raises), plus, for a target, a builtin spaCy documents for that
API. Anything else, a native crash or a hang is a finding. `seeds()` gives valid inputs the
fuzzer starts from, so that mutations explore near-valid data rather than only noise.

Inputs are bytes; text targets decode them as UTF-8 with `surrogatepass` and `replace`, so
lone surrogates (valid in a Python str, and in spaCy's) reach the code under test.
"""
from __future__ import annotations

import json
import os
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

TEXTS = [
    "Hello world. This is a test in New York, isn't it? Apple's U.K. office: $1.5bn!",
    "Dr. Smith's e-mail is j.smith@example.com; see https://example.org/a?b=c :-) 10km.",
    "«Ça va?» — non… l'été \u00e9t\u00e9 \U0001f600 \u200b tab\tnew\nline  double  space",
]


def text_of(data: bytes) -> str:
    """Bytes as a str that may hold lone surrogates (as Python strs may)."""
    return data.decode("utf-8", "surrogatepass" if _utf8_with_surrogates(data) else "replace")


def _utf8_with_surrogates(data: bytes) -> bool:
    try:
        data.decode("utf-8", "surrogatepass")
        return True
    except UnicodeDecodeError:
        return False


def json_of(data: bytes) -> Any:
    """The JSON value of the input, or None (a non-JSON input tests nothing here)."""
    try:
        return json.loads(text_of(data))
    except (ValueError, RecursionError):
        return None


def _errors() -> tuple[type[BaseException], ...]:
    from lexloom.errors import LexloomError

    return (LexloomError,)


@dataclass
class Target:
    name: str
    doc: str
    setup: Callable[[], Any]
    run: Callable[[Any, bytes], None]
    seeds: Callable[[Any], list[bytes]]
    # Builtins spaCy documents for this API, beyond lexloom's errors.
    extra_allowed: tuple[type[BaseException], ...] = field(default_factory=tuple)

    def allowed(self) -> tuple[type[BaseException], ...]:
        return _errors() + self.extra_allowed


TARGETS: dict[str, Target] = {}


def target(name: str, doc: str, seeds: Callable[[Any], list[bytes]],
           extra_allowed: tuple[type[BaseException], ...] = ()):
    def register(fns: tuple[Callable, Callable]):
        setup, run = fns
        TARGETS[name] = Target(name, doc, setup, run, seeds, extra_allowed)
        return fns
    return register


def _scratch() -> Path:
    """A private folder for targets that read files (tmpfs when the machine has one)."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="lexloom-fuzz-", dir=base))


def _blank():
    import lexloom

    warnings.simplefilter("ignore")
    return lexloom.blank("en")


def _touch_doc(doc) -> None:
    """Read back what a loaded Doc holds, so that bad data shows up now, not later."""
    _ = doc.text, [(t.text, t.idx, t.head.i, t.dep_, t.tag_, t.ent_iob_) for t in doc]
    _ = [(e.start, e.end, e.label_) for e in doc.ents]
    for group in doc.spans.values():
        _ = [(s.start, s.end, s.label_, s.text) for s in group]
    if doc.has_annotation("SENT_START"):
        _ = [s.start for s in doc.sents]
    doc.to_bytes()


# ---- tokenizers ---------------------------------------------------------------------------

def _tok_en_setup():
    return _blank()


def _tok_en_run(nlp, data: bytes) -> None:
    text = text_of(data)
    doc = nlp.make_doc(text)
    assert doc.text == text, "the tokenizer lost or changed characters"


target("tokenizer_en", "the built-in English tokenizer on arbitrary text",
       lambda _: [t.encode() for t in TEXTS])((_tok_en_setup, _tok_en_run))


def _tok_rules_setup():
    return _blank()


def _tok_rules_run(nlp, data: bytes) -> None:
    from lexloom.tokenizer import Tokenizer

    tok = Tokenizer(nlp.vocab)
    tok.from_bytes(data)
    for text in TEXTS:
        doc = tok(text)
        assert doc.text == text, "a tokenizer built from rules lost or changed characters"


target("tokenizer_rules_file", "a Tokenizer built from serialised rules (Tokenizer.from_bytes)",
       lambda nlp: [nlp.tokenizer.to_bytes(exclude=["vocab"]),
                    _small_rules(nlp)])((_tok_rules_setup, _tok_rules_run))


def _small_rules(nlp) -> bytes:
    import srsly

    return srsly.msgpack_dumps({"prefix_search": "^[\\(\"']", "suffix_search": "[\\)\"'.,!?]$",
                                "infix_finditer": "[-~]", "token_match": None,
                                "url_match": "^https?://\\S+",
                                "exceptions": {"can't": [{65: "ca"}, {65: "n't"}]},
                                "faster_heuristics": True})


def _tok_file_setup():
    state = {"nlp": _blank(), "dir": _scratch()}
    return state


def _tok_file_run(state, data: bytes) -> None:
    nlp = state["nlp"]
    path = state["dir"] / "tokenizer"
    path.write_bytes(data)
    nlp.tokenizer.from_disk(path, exclude=["vocab"])
    for text in TEXTS:
        doc = nlp.make_doc(text)
        assert doc.text == text, "a tokenizer loaded from a file lost or changed characters"


target("tokenizer_file", "a pipeline folder's `tokenizer` file (Tokenizer.from_disk)",
       lambda s: [s["nlp"].tokenizer.to_bytes(exclude=["vocab"])])((_tok_file_setup,
                                                                   _tok_file_run))


# ---- Doc / DocBin -------------------------------------------------------------------------

def _sample_docs(nlp) -> list:
    from lexloom.tokens import Doc, Span

    words = ["Alice", "saw", "Bob", "in", "New", "York", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 6 + [False],
              heads=[1, 1, 1, 1, 5, 3, 1], deps=["nsubj", "ROOT", "dobj", "prep", "compound",
                                                  "pobj", "punct"],
              tags=["NNP", "VBD", "NNP", "IN", "NNP", "NNP", "."],
              ents=["B-PERSON", "O", "B-PERSON", "O", "B-GPE", "I-GPE", "O"],
              lemmas=["Alice", "see", "Bob", "in", "New", "York", "."],
              morphs=["Number=Sing", "Tense=Past", "", "", "", "", ""])
    doc.spans["sc"] = [Span(doc, 0, 1, "A"), Span(doc, 4, 6, "B")]
    doc.cats = {"POS": 1.0}
    return [doc, nlp.make_doc(TEXTS[0]), nlp.make_doc("")]


def _doc_bytes_setup():
    return _blank()


def _doc_bytes_run(nlp, data: bytes) -> None:
    from lexloom.tokens import Doc

    doc = Doc(nlp.vocab).from_bytes(data)
    _touch_doc(doc)


target("doc_bytes", "Doc.from_bytes", lambda nlp: [d.to_bytes() for d in _sample_docs(nlp)])(
    (_doc_bytes_setup, _doc_bytes_run))


def _docbin_run(nlp, data: bytes) -> None:
    """`Z` + bytes: DocBin bytes as they are; anything else: the msgpack inside, compressed
    here (mutating compressed bytes almost never gets past zlib's checksum)."""
    import zlib

    from lexloom.tokens import DocBin

    data = data[1:] if data[:1] == b"Z" else zlib.compress(data)
    db = DocBin(store_user_data=True).from_bytes(data)
    for doc in db.get_docs(nlp.vocab):
        _touch_doc(doc)


def _docbin_seeds(nlp) -> list[bytes]:
    import zlib

    from lexloom.tokens import DocBin

    full = DocBin(docs=_sample_docs(nlp), store_user_data=True).to_bytes()
    small = DocBin(docs=_sample_docs(nlp)[:1], attrs=["ORTH", "ENT_IOB", "ENT_TYPE"]).to_bytes()
    return [zlib.decompress(full), zlib.decompress(small), b"Z" + full]


target("docbin_bytes", "DocBin.from_bytes and get_docs", _docbin_seeds)(
    (_doc_bytes_setup, _docbin_run))


# ---- pipeline folder files ----------------------------------------------------------------

_CFG_SEED = """[nlp]
lang = "en"
pipeline = ["tagger"]

[components]

[components.tagger]
factory = "tagger"

[training]
seed = ${system.seed}
max_steps = 100

[system]
seed = 1
"""


def _config_run(_state, data: bytes) -> None:
    from lexloom.util import load_config_from_str

    text = text_of(data)
    head, _, tail = text.partition("\n----\n")
    overrides: dict[str, Any] = {}
    for line in tail.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            overrides[key.strip()] = json_of(value.encode()) if value.strip() else value
    config = load_config_from_str(head, overrides, interpolate=True)
    config.to_str()


target("config_cfg", "the config parser (config.cfg) with dotted overrides",
       lambda _: [_CFG_SEED.encode(), (_CFG_SEED + "\n----\ntraining.max_steps=5\n"
                                       "system.seed=\"x\"\nnlp.lang=\"de\"").encode()])(
    (lambda: None, _config_run))


def _strings_run(_state, data: bytes) -> None:
    from lexloom.strings import StringStore

    ss = StringStore().from_bytes(data)
    for s in list(ss)[:50]:
        assert ss[ss[s]] == s


target("strings_json", "a pipeline folder's strings.json (StringStore.from_bytes)",
       lambda _: [json.dumps(["a", "b", "New York", "\u00e9t\u00e9", ""]).encode()])(
    (lambda: None, _strings_run))


def _lookups_run(_state, data: bytes) -> None:
    from lexloom.lookups import Lookups

    lookups = Lookups().from_bytes(data)
    for name in lookups.tables:
        table = lookups.get_table(name)
        for key in list(table)[:20]:
            _ = table.get(key), key in table
        _ = table.get("cats"), "cats" in table
    lookups.to_bytes()


def _lookups_seeds(_state) -> list[bytes]:
    from lexloom.lookups import Lookups

    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"cats": "cat", "went": "go"})
    lookups.add_table("lexeme_norm", {"n't": "not"})
    return [lookups.to_bytes()]


target("lookups_bin", "a pipeline folder's lookups.bin (Lookups.from_bytes)", _lookups_seeds)(
    (lambda: None, _lookups_run))


def _vectors_setup():
    import numpy
    from lexloom.vectors import Vectors

    path = _scratch()
    vectors = Vectors(shape=(3, 4))
    for i, word in enumerate(["cat", "dog", "fish"]):
        vectors.add(word, vector=numpy.arange(4, dtype="f") + i)
    vectors.to_disk(path)
    return {"dir": path, "seed": (path / "vectors").read_bytes()}


def _vectors_run(state, data: bytes) -> None:
    from lexloom.vectors import Vectors

    path = state["dir"]
    (path / "vectors").write_bytes(data)
    vectors = Vectors().from_disk(path)
    _ = vectors.shape
    for key in list(vectors.keys())[:5]:
        if key in vectors:
            _ = vectors[key]
    if vectors.shape[0] and vectors.shape[1]:
        vectors.most_similar(vectors.data[:1], n=1)


target("vectors_file", "a vectors folder's `vectors` array file (Vectors.from_disk)",
       lambda s: [s["seed"]])((_vectors_setup, _vectors_run))


def _tiny_nlp(components: tuple[str, ...]):
    """A pipeline with tiny models (so the model files are a few kB), initialised."""
    from lexloom.training import Example

    nlp = _blank()
    tok2vec = {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
               "width": 4, "depth": 1, "embed_size": 8, "window_size": 1,
               "maxout_pieces": 2, "subword_features": False}
    for name in components:
        if name == "tagger":
            nlp.add_pipe("tagger", config={"model": {"@architectures": "spacy.Tagger.v2",
                                                     "nO": None, "tok2vec": tok2vec}})
        else:
            nlp.add_pipe(name, config={"model": {
                "@architectures": "spacy.TransitionBasedParser.v2",
                "state_type": "parser" if name == "parser" else "ner",
                "extra_state_tokens": False, "hidden_width": 4, "maxout_pieces": 2,
                "use_upper": True, "nO": None, "tok2vec": tok2vec}})
    examples = [Example.from_dict(nlp.make_doc("I like cats"), {
        "tags": ["PRP", "VBP", "NNS"], "heads": [1, 1, 1], "deps": ["nsubj", "ROOT", "dobj"],
        "entities": ["U-PERSON", "O", "O"]})]
    nlp.initialize(lambda: examples)
    return nlp


def _model_setup():
    return _tiny_nlp(("tagger",))


def _model_run(nlp, data: bytes) -> None:
    tagger = nlp.get_pipe("tagger")
    tagger.from_bytes(data)
    doc = nlp("I like cats and dogs")
    _ = [t.tag_ for t in doc]


def _model_seeds(nlp) -> list[bytes]:
    tagger = nlp.get_pipe("tagger")
    return [tagger.to_bytes(exclude=["vocab"]), tagger.model.to_bytes()]


target("model_file", "a component's saved bytes (tagger.from_bytes: cfg + model)",
       _model_seeds)((_model_setup, _model_run))


def _moves_setup():
    nlp = _tiny_nlp(("parser",))
    parser = nlp.get_pipe("parser")
    return {"nlp": nlp, "dir": _scratch(), "model": parser.model.to_bytes(),
            "cfg": dict(parser.cfg), "good": parser.to_bytes(exclude=["vocab"])}


def _moves_run(state, data: bytes) -> None:
    import srsly

    nlp = state["nlp"]
    parser = nlp.get_pipe("parser")
    path = state["dir"]
    if data[:1] == b"{":  # the JSON table alone, packed here (mutations stay readable)
        data = srsly.msgpack_dumps({"moves": text_of(data), "cfg": {"neg_key": None}})
    (path / "moves").write_bytes(data)
    (path / "model").write_bytes(state["model"])
    srsly.write_json(path / "cfg", state["cfg"])
    try:
        parser.from_disk(path, exclude=["vocab"])
    except BaseException:
        # A bad file may leave the parser half-loaded (as in spaCy); the saved bytes must
        # always bring it back, or the next input would test a broken parser.
        parser.from_bytes(state["good"], exclude=["vocab"])
        raise
    doc = nlp("I like cats and dogs .")
    _ = [(t.head.i, t.dep_) for t in doc]


def _moves_seeds(state) -> list[bytes]:
    import srsly

    data = state["nlp"].get_pipe("parser")._moves_bytes()
    return [data, srsly.msgpack_loads(data)["moves"].encode()]


target("moves", "a parser's `moves` file, loaded with its model and then used",
       _moves_seeds)((_moves_setup, _moves_run))


# ---- matchers -----------------------------------------------------------------------------

def _split_text(data: bytes) -> tuple[str, Any]:
    """`TEXT\nJSON`: a Doc's text and the patterns."""
    head, _, tail = data.partition(b"\n")
    return text_of(head), json_of(tail)


class Reader:
    """Choices read from the input bytes (0 once they run out), so that mutating the input
    mutates a structured value: a pattern that always parses, with odd keys and values."""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def int(self, n: int) -> int:
        if n <= 1:
            return 0
        if self.pos >= len(self.data):
            return 0
        b = self.data[self.pos]
        self.pos += 1
        return b % n

    def pick(self, seq):
        return seq[self.int(len(seq))]


WORDS = ["a", "A", "New", "York", "new", "b", "aa", "10", "1.5", ".", ",", "Ab", "\u00e9t\u00e9",
         "\ud800", "x\udfff", "\U0001f600", "saw", "in", "Alice", "NNP", "nsubj", "VERB", "-",
         "can't", "http://x.org", " ", "\u0000", "Yrok", "aaa"]
TOKEN_KEYS = ["ORTH", "TEXT", "LOWER", "NORM", "LENGTH", "IS_ALPHA", "IS_DIGIT", "IS_PUNCT",
              "LIKE_NUM", "IS_SENT_START", "SENT_START", "POS", "TAG", "DEP", "LEMMA",
              "ENT_TYPE", "ENT_IOB", "MORPH", "SHAPE", "PREFIX", "IS_TITLE", "SPACY", "_",
              "orth", "Lower", "BOGUS", "OP", "", "ENT_KB_ID", "HEAD", "ID"]
PREDICATES = ["IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS", "REGEX", "FUZZY",
              "FUZZY1", "FUZZY3", "FUZZY9", "==", "!=", ">=", "<=", ">", "<", "in", "BAD"]
OPS = ["?", "*", "+", "!", "1", "{2}", "{1,3}", "{,2}", "{2,}", "{0,5}", "{3,1}", "{}", "{,}",
       "{1000}", "x", "{1,8}", "{0,9}", "", None, 1, "{\u0663}", "{1,2,3}"]
REL_OPS = [">", "<", ">>", "<<", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--", ">+", ">-",
           ">++", ">--", "<+", "<-", "<++", "<--", "BAD", "", None]


def _scalar(r: Reader) -> Any:
    kind = r.int(9)
    if kind <= 2:
        return r.pick(WORDS)
    if kind == 3:
        return r.pick([0, 1, 2, 3, -1, 2 ** 63, 2 ** 64 + 5, -(2 ** 70), 7])
    if kind == 4:
        return r.pick([True, False, None])
    if kind == 5:
        return r.pick([0.5, -1.5, float("inf"), float("nan"), 1e300])
    if kind == 6:
        return r.pick(["^a", "[", "(a|b)*c", "\\d+", "(?P<x>a)(?P=x)", "a{1000}", "(a*)*b", ""])
    if kind == 7:
        return [r.pick(WORDS) for _ in range(r.int(4))]
    return {}


def _value(r: Reader, depth: int = 0) -> Any:
    if depth < 2 and r.int(3) == 0:
        return {r.pick(PREDICATES): (_value(r, depth + 1) if r.int(4) == 0 else _scalar(r))
                for _ in range(1 + r.int(2))}
    return _scalar(r)


def _token_spec(r: Reader, with_op: bool = True) -> Any:
    if r.int(16) == 0:
        return _scalar(r)  # not a dict at all
    spec: dict[Any, Any] = {}
    for _ in range(r.int(4)):
        key = r.pick(TOKEN_KEYS)
        spec[key] = ({r.pick(["ext", "x", ""]): _value(r)} if key == "_" else _value(r))
    if with_op and r.int(2):
        spec["OP"] = r.pick(OPS)
    return spec


def _doc_words(r: Reader) -> list[str]:
    return [w for w in (r.pick(WORDS) for _ in range(r.int(40))) if w.strip()]


def _matcher_patterns(r: Reader) -> Any:
    return [[_token_spec(r) for _ in range(r.int(7))] for _ in range(1 + r.int(3))]


def _matcher_setup():
    return _blank()


def _matcher_run(nlp, data: bytes) -> None:
    """`J` TEXT \n JSON: patterns as JSON; anything else: patterns and words read from the
    bytes by Reader (always well-formed JSON-like values, mostly odd ones)."""
    from lexloom.matcher import Matcher
    from lexloom.tokens import Doc

    if data[:1] == b"J":
        text, patterns = _split_text(data[1:])
        if patterns is None:
            return
        docs = [nlp.make_doc(text), nlp.make_doc(TEXTS[0])]
        greedy = None
    else:
        r = Reader(data)
        greedy = r.pick([None, "FIRST", "LONGEST"])
        patterns = _matcher_patterns(r)
        words = _doc_words(r)
        docs = [Doc(nlp.vocab, words=words), nlp.make_doc(TEXTS[0])]
    matcher = Matcher(nlp.vocab, validate=True)
    matcher.add("K", patterns, greedy=greedy)
    for doc in docs:
        matcher(doc)
        matcher(doc, as_spans=True)
        if greedy is None:
            matcher(doc, with_alignments=True)


target("matcher", "Matcher patterns (structured from the bytes, or JSON) on a Doc", lambda _: [
    b'JHello hello world\n[[{"LOWER": "hello"}, {"OP": "?"}]]',
    b'JNew York is big\n[[{"TEXT": {"FUZZY": "Yrok"}}], [{"IS_TITLE": true, "OP": "{1,3}"}]]',
    b'Ja b c\n[[{"ORTH": {"IN": ["a", "b"]}, "OP": "+"}, {"TEXT": {"REGEX": "^c"}}]]',
    b'JApple 10km\n[[{"LENGTH": {">=": 2}, "OP": "*"}, {"LIKE_NUM": true}]]',
    bytes(range(0, 256, 3)), bytes(range(255, 0, -7)) * 3,
])((_matcher_setup, _matcher_run))


def _phrase_run(nlp, data: bytes) -> None:
    from lexloom.matcher import PhraseMatcher

    text, patterns = _split_text(data)
    if patterns is None:
        return
    attr = "LOWER" if len(data) % 2 else "ORTH"
    if isinstance(patterns, dict):
        attr, patterns = patterns.get("attr"), patterns.get("patterns")
    if isinstance(patterns, list):
        patterns = [nlp.make_doc(p) if isinstance(p, str) else p for p in patterns]
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    matcher.add("K", patterns)
    for doc in (nlp.make_doc(text), nlp.make_doc(TEXTS[0])):
        matcher(doc)
        matcher(doc, as_spans=True)
    if isinstance(patterns, list) and patterns:
        matcher.remove("K")


target("phrase_matcher", "PhraseMatcher patterns (JSON strings) on a Doc", lambda _: [
    b'Hello New York world\n["New York", "world", "hello"]',
    b'Apple office\n{"attr": "LOWER", "patterns": ["apple", "U.K."]}',
    b'a b\n{"attr": "SHAPE", "patterns": [[1, 2], "Xx", "a b"]}',
])((_matcher_setup, _phrase_run))


def _dep_setup():
    nlp = _blank()
    return {"nlp": nlp, "doc": _sample_docs(nlp)[0]}


def _dep_patterns(r: Reader) -> Any:
    patterns = []
    for _ in range(1 + r.int(2)):
        ids: list[Any] = []
        pattern = []
        for k in range(1 + r.int(5)):
            node: dict[Any, Any] = {}
            new_id = r.pick(["a", "b", "c", "d", "a", 1, None]) if r.int(8) == 0 else f"n{k}"
            if k and r.int(10):
                node["LEFT_ID"] = r.pick(ids) if ids and r.int(6) else r.pick(["zz", 3, None])
                node["REL_OP"] = r.pick(REL_OPS)
            if r.int(12):
                node["RIGHT_ID"] = new_id
            if r.int(12):
                node["RIGHT_ATTRS"] = _token_spec(r, with_op=r.int(8) == 0)
            if r.int(16) == 0:
                node[r.pick(["EXTRA", "right_id", "LEFT_ATTRS"])] = _scalar(r)
            ids.append(new_id)
            pattern.append(node)
        patterns.append(pattern)
    return patterns


def _dep_run(state, data: bytes) -> None:
    """`J` JSON: patterns as JSON; anything else: patterns (and a second Doc with its own
    tree) read from the bytes by Reader."""
    from lexloom.errors import LexloomError

    from lexloom.matcher import DependencyMatcher
    from lexloom.tokens import Doc

    nlp = state["nlp"]
    docs = [state["doc"]]
    if data[:1] == b"J":
        patterns = json_of(data[1:])
        if patterns is None:
            return
    else:
        r = Reader(data)
        patterns = _dep_patterns(r)
        words = _doc_words(r)[:12] or ["x"]
        heads = [r.int(len(words)) for _ in words]
        deps = [r.pick(["nsubj", "ROOT", "dobj", "amod", "dep"]) for _ in words]
        try:
            docs.append(Doc(nlp.vocab, words=words, heads=heads, deps=deps))
        except LexloomError:
            pass  # heads that don't form a tree: the Doc refuses them
    matcher = DependencyMatcher(nlp.vocab)
    matcher.add("K", patterns)
    for doc in docs:
        matcher(doc)


target("dependency_matcher", "DependencyMatcher patterns (structured or JSON) on parsed Docs",
       lambda _: [
    b"J" + json.dumps([[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB"}},
                        {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s",
                         "RIGHT_ATTRS": {"DEP": "nsubj"}}]]).encode(),
    b"J" + json.dumps([[{"RIGHT_ID": "a", "RIGHT_ATTRS": {"ORTH": "saw"}},
                        {"LEFT_ID": "a", "REL_OP": ">>", "RIGHT_ID": "b", "RIGHT_ATTRS": {}},
                        {"LEFT_ID": "b", "REL_OP": ".*", "RIGHT_ID": "c",
                         "RIGHT_ATTRS": {"TAG": {"IN": ["NNP"]}}}]]).encode(),
    bytes(range(1, 256, 5)), bytes(range(200, 0, -3)) * 2,
])((_dep_setup, _dep_run))


# ---- training data readers ----------------------------------------------------------------

def _init_vectors_run(state, data: bytes) -> None:
    from lexloom.training.vectors import read_vectors

    path = state / ("v.txt" if len(data) % 2 else "v.bin")
    path.write_bytes(data)
    read_vectors(path, progress=False, truncate=len(data) % 5)


target("init_vectors_text", "init vectors' readers (word2vec text / binary, fastText, GloVe)",
       lambda _: [b"3 2\ncat 1.0 2.0\ndog 0.5 -1\nfish 3 4e-2\n",
                  b"cat 1.0 2.0 3.0\ndog 4 5 6\n",
                  b"2 2\ncat \x00\x00\x80?\x00\x00\x00@\ndog \x00\x00\x80?\x00\x00\x00@\n"])(
    (_scratch, _init_vectors_run))


_CONLLU = """# newdoc id = d1
# sent_id = 1
# text = I like New York.
1\tI\tI\tPRON\tPRP\tCase=Nom|Number=Sing\t2\tnsubj\t_\tNER=O
2\tlike\tlike\tVERB\tVBP\t_\t0\troot\t_\tNER=O
3-4\tNewYork\t_\t_\t_\t_\t_\t_\t_\t_
3\tNew\tNew\tPROPN\tNNP\t_\t4\tcompound\t_\tNER=B-GPE
4\tYork\tYork\tPROPN\tNNP\t_\t2\tobj\tSpaceAfter=No\tNER=I-GPE
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\tNER=O

"""


def _conllu_run(nlp, data: bytes) -> None:
    from lexloom.training.converters.conllu_to_docs import conllu_to_docs

    flags = data[-1] if data else 0
    for doc in conllu_to_docs(text_of(data), n_sents=1 + flags % 3,
                              append_morphology=bool(flags & 4),
                              merge_subtokens=bool(flags & 8), vocab=nlp.vocab):
        _touch_doc(doc)


target("conllu", "the CoNLL-U converter", lambda _: [_CONLLU.encode()])(
    (_blank, _conllu_run))


def _iob_run(nlp, data: bytes) -> None:
    from lexloom.training.converters.conll_ner_to_docs import conll_ner_to_docs
    from lexloom.training.converters.iob_to_docs import iob_to_docs

    text = text_of(data)
    # Word|TAG|ENT lines go to the IOB reader, others to the CoNLL-2003 one (as `convert`'s
    # auto-detection does); either may see the other's format after mutation.
    convert = iob_to_docs if "|" in text.split("\n", 1)[0] else conll_ner_to_docs
    for doc in convert(text, n_sents=2, vocab=nlp.vocab):
        _touch_doc(doc)


target("iob", "the IOB and CoNLL-2003 NER converters", lambda _: [
    b"I|PRP|O like|VBP|O London|NNP|B-GPE\nNew|NNP|B-LOC York|NNP|I-LOC",
    b"-DOCSTART- -X- O O\n\nI PRP B-NP O\nlike VBP B-VP O\nLondon NNP B-NP B-LOC\n",
])((_blank, _iob_run))
