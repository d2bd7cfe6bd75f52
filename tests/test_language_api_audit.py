"""Language processing / training API: behaviour and errors as spaCy 3.8 (differential audit).

Each test pins a case where lexloom differed from spaCy 3.8.18: an exception's builtin type
or spaCy's [Exxx] code, an input spaCy accepts, or what a call returns or changes. Small
blank pipelines only; no spaCy needed.
"""
from __future__ import annotations

import math

import numpy
import pytest
from lexloom.language import Language

import lexloom as spacy
from lexloom import util
from lexloom.training import Example

TRAIN = [("I like green eggs", {"tags": ["N", "V", "J", "N"], "entities": [(7, 12, "COLOR")]}),
         ("Eat blue ham", {"tags": ["V", "J", "N"], "entities": [(4, 8, "COLOR")]}),
         ("She ate red apples", {"tags": ["N", "V", "J", "N"], "entities": [(8, 11, "COLOR")]})]


@pytest.fixture(scope="module")
def trained():
    util.fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger")
    nlp.add_pipe("ner")
    examples = [Example.from_dict(nlp.make_doc(t), a) for t, a in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(5):
        nlp.update(examples, sgd=optimizer)
    return nlp, examples, optimizer


def _examples(nlp):
    return [Example.from_dict(nlp.make_doc(t), a) for t, a in TRAIN]


def _finite(losses: dict) -> bool:
    # parser and ner losses are numpy float32, as spaCy adds them up
    return all(isinstance(v, (float, numpy.floating)) and math.isfinite(v)
               for v in losses.values())


@Language.component("audit_boom")
def _boom(doc):
    if "boom" in doc.text:
        raise ValueError("boom!")
    return doc


@Language.component("audit_keyerror")
def _keyerror(doc):
    raise KeyError("k")


# ---- processing ---------------------------------------------------------------------


def test_bytes_input_is_a_serialised_doc():
    nlp = spacy.blank("en")
    data = nlp("Hello world.").to_bytes()
    assert [t.text for t in nlp(data)] == ["Hello", "world", "."]
    assert [[t.text for t in d] for d in nlp.pipe([data])] == [["Hello", "world", "."]]


def test_bytes_that_are_no_doc_raise_valueerror():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError):
        nlp(b"hello")
    with pytest.raises(ValueError):
        list(nlp.pipe([b"hello"]))


@pytest.mark.parametrize("value", [None, 1, bytearray(b"x"), ["a"]])
def test_non_text_input_is_e1041_valueerror(value):
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match=r"\[E1041\]"):
        nlp(value)
    with pytest.raises(ValueError, match=r"\[E1041\]"):
        list(nlp.pipe([value]))


def test_make_doc_bytes_is_typeerror():
    with pytest.raises(TypeError):
        spacy.blank("en").make_doc(b"x")


def test_max_length_e088():
    nlp = spacy.blank("en")
    nlp.max_length = 10
    for call in (lambda: nlp("x" * 11), lambda: nlp.make_doc("x" * 11),
                 lambda: list(nlp.pipe(["x" * 11]))):
        with pytest.raises(ValueError, match=r"\[E088\]"):
            call()
    assert len(nlp("x " * 5)) == 5   # exactly max_length is fine


def test_batch_size_types():
    nlp = spacy.blank("en")
    assert [d.text for d in nlp.pipe(["a", "b"], batch_size=True)] == ["a", "b"]
    for bad in ("2", 2.0):
        with pytest.raises(TypeError):
            list(nlp.pipe(["a"], batch_size=bad))
    with pytest.raises(ValueError):
        list(nlp.pipe(["a"], batch_size=-1))


def test_default_error_handler_is_util_raise_error():
    nlp = spacy.blank("en")
    assert nlp.default_error_handler is util.raise_error
    assert nlp.default_error_handler.__name__ == "raise_error"


def test_component_keyerror_is_e109():
    nlp = spacy.blank("en")
    nlp.add_pipe("audit_keyerror")
    with pytest.raises(ValueError, match=r"\[E109\]"):
        nlp("x")


def test_ignore_error_pipe_and_tuples():
    nlp = spacy.blank("en")
    nlp.add_pipe("audit_boom")
    texts = ["ok one", "boom two", "ok three"]
    with pytest.raises(ValueError, match="boom!"):
        list(nlp.pipe(texts))
    nlp.set_error_handler(util.ignore_error)
    assert [d.text for d in nlp.pipe(texts)] == ["ok one", "ok three"]
    pairs = nlp.pipe([(t, i) for i, t in enumerate(texts)], as_tuples=True)
    assert [(d.text, c) for d, c in pairs] == [("ok one", 0), ("ok three", 2)]


def test_trainable_pipe_handler_gets_and_drops_the_batch(trained):
    nlp, _, _ = trained
    tagger = nlp.get_pipe("tagger")
    predict = tagger.predict
    got = []

    def failing(docs):
        if any("x" in d.text for d in docs):
            raise ValueError("x")
        return predict(docs)

    tagger.predict = failing
    tagger.set_error_handler(lambda name, comp, docs, e: got.append([d.text for d in docs]))
    try:
        out = [d.text for d in nlp.pipe(["a", "b", "x", "c", "d"], batch_size=2)]
    finally:
        tagger.set_error_handler(util.raise_error)
        del tagger.predict
    assert out == ["a", "b", "d"]
    assert got == [["x", "c"]]


# ---- training -----------------------------------------------------------------------


def test_update_component_cfg_drop_overrides(trained):
    nlp, examples, _ = trained
    cfg = {"ner": {"drop": 0.1}}
    losses = nlp.update(examples, component_cfg=cfg)
    assert sorted(losses) == ["ner", "tagger"] and _finite(losses)


def test_update_returns_new_dict_and_fills_given(trained):
    nlp, examples, _ = trained
    given = {"x": 1.0}
    result = nlp.update(examples, losses=given)
    assert result is not given
    assert sorted(given) == sorted(result) == ["ner", "tagger", "x"]


def test_update_annotates_leaves_caller_examples(trained):
    nlp, _, _ = trained
    examples = _examples(nlp)
    losses = nlp.update(examples, annotates=["tagger"])
    assert sorted(losses) == ["ner", "tagger"]
    assert not any(eg.predicted.has_annotation("TAG") for eg in examples)


def test_update_empty(trained):
    nlp, _, _ = trained
    assert nlp.update([]) == {}
    assert nlp.update(()) == {"tagger": 0.0, "ner": 0.0}   # only a list returns at once


def test_update_not_examples_e978(trained):
    nlp, examples, _ = trained
    for bad in ([("text", {})], examples[0], None):
        with pytest.raises(TypeError, match=r"\[E978\]"):
            nlp.update(bad)


def test_update_with_a_second_positional_argument_e989(trained):
    """spaCy 2's update(texts, annotations), or the optimizer passed by position."""
    nlp, examples, optimizer = trained
    for args in ((["some text"], [{"entities": []}]), (examples, optimizer)):
        with pytest.raises(ValueError, match=r"\[E989\]"):
            nlp.update(*args)


def test_resume_training_keeps_optimizer(trained):
    nlp, examples, optimizer = trained
    nlp._optimizer = optimizer
    assert nlp.resume_training() is optimizer
    losses = nlp.rehearse(examples)
    assert sorted(losses) == ["ner", "tagger"] and _finite(losses)


def test_rehearse_before_resume_tagger_key():
    util.fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger")
    nlp.add_pipe("ner")
    examples = _examples(nlp)
    nlp.initialize(lambda: examples)
    assert nlp.rehearse(examples) == {"tagger": 0.0}
    assert nlp.rehearse([]) == {}


def test_initialize_errors_e930_e143():
    nlp = spacy.blank("en")
    nlp.add_pipe("tagger")
    examples = _examples(nlp)
    with pytest.raises(TypeError, match=r"\[E930\]"):
        nlp.initialize(examples)
    for get_examples in (list, lambda: None):
        with pytest.raises(TypeError, match=r"\[E930\]"):
            nlp.initialize(get_examples)
    with pytest.raises(ValueError, match=r"\[E143\]"):
        nlp.initialize(lambda: [Example.from_dict(nlp.make_doc("a b"), {})])


def test_begin_training_w089():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    with pytest.warns(DeprecationWarning, match=r"\[W089\]"):
        nlp.begin_training()


def test_evaluate_checks_max_length(trained):
    nlp, examples, _ = trained
    nlp.max_length = 5
    try:
        with pytest.raises(ValueError, match=r"\[E088\]"):
            nlp.evaluate(examples)
    finally:
        nlp.max_length = 10**6


# ---- saving -------------------------------------------------------------------------


def test_from_bytes_str_is_typeerror():
    with pytest.raises(TypeError):
        spacy.blank("en").from_bytes("garbage")
    with pytest.raises(ValueError):
        spacy.blank("en").from_bytes(b"garbage")


@pytest.mark.parametrize("exclude,missing", [("meta", "meta.json"), ("config", "config.cfg")])
def test_to_disk_exclude_file_stems(tmp_path, exclude, missing):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path, exclude=[exclude])
    assert not (tmp_path / missing).exists()
    assert (tmp_path / "tokenizer").exists()


def test_add_pipe_raw_config_is_merged_over_the_stored_config():
    """spaCy's internal raw_config= (the block as written) is what nlp.config keeps."""
    from confection import Config

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", raw_config=Config({"factory": "sentencizer", "note": "${x}"}))
    stored = nlp.get_pipe_config("sentencizer")
    assert stored["note"] == "${x}" and stored["punct_chars"] is None
    assert nlp.create_pipe("sentencizer", raw_config={"factory": "sentencizer"}) is not None


@pytest.mark.parametrize("call,code", [
    (lambda nlp: nlp.get_pipe_config("absent"), "E960"),
    (lambda nlp: nlp.add_pipe("sentencizer", config=[1]), "E962"),
    (lambda nlp: type(nlp).from_config(
        __import__("confection").Config().from_str('[nlp]\nlang = "fr"\npipeline = []\n')),
     "E958")])
def test_pipeline_errors_carry_spacys_codes(call, code):
    with pytest.raises(ValueError, match=rf"\[{code}\]"):
        call(spacy.blank("en"))


def test_component_refuses_what_is_not_callable():
    with pytest.raises(ValueError, match="not a int"):
        Language.component("lexloom_test_not_callable", func=42)


def test_meta_has_spacys_keys():
    """Code written for spaCy reads nlp.meta["spacy_git_version"] (spaCy's commit: none
    here); a loaded pipeline's own value is kept."""
    nlp = spacy.blank("en")
    assert nlp.meta["spacy_git_version"] == "" and nlp.meta["spacy_version"]
    nlp.meta = {"name": "foo", "spacy_git_version": "abc1234"}
    assert nlp.meta["spacy_git_version"] == "abc1234"


def test_meta_setter_refuses_non_dict():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError):
        nlp.meta = "x"
    nlp.meta = {"name": "foo"}
    assert nlp.meta["name"] == "foo"


def test_nlp_to_bytes_is_spacys_layout_and_loads_into_a_pipeline_built_from_the_config():
    """spaCy's documented pattern: lang_cls.from_config(config).from_bytes(bytes_data); the
    bytes hold "vocab", "tokenizer", "meta.json", "config.cfg" and one entry per component,
    so either library reads the other's."""
    import srsly

    nlp = spacy.load("en_lexloom_sm")
    data = nlp.to_bytes()
    msg = srsly.msgpack_loads(data)
    assert set(msg) == {"vocab", "tokenizer", "meta.json", "config.cfg", *nlp.component_names}
    assert srsly.json_loads(msg["meta.json"])["name"] == nlp.meta["name"]
    text = "Ada Lovelace wrote the first program in London."
    fresh = util.load_model_from_config(nlp.config, auto_fill=True)   # no weights yet
    fresh.from_bytes(data)
    annotations = lambda doc: [(t.tag_, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in doc]
    assert annotations(fresh(text)) == annotations(nlp(text))
    assert set(srsly.msgpack_loads(nlp.to_bytes(exclude=["vocab", "ner"]))) == {
        "tokenizer", "meta.json", "config.cfg", *(n for n in nlp.component_names if n != "ner")}


def test_nlp_from_bytes_still_reads_the_layout_lexloom_wrote_before():
    import srsly

    nlp = spacy.load("en_lexloom_sm")
    old = srsly.msgpack_dumps({
        "config": nlp.config.to_str(), "meta": nlp.meta,
        "strings": nlp.vocab.strings.to_bytes(),
        "vectors": nlp.vocab.vectors.to_bytes(exclude=["strings"]),
        "components": {n: p.to_bytes(exclude=["vocab"]) for n, p in nlp.pipeline},
        "tokenizer": nlp.tokenizer.to_bytes(exclude=["vocab"])})
    text = "It ran on paper in 1843."
    fresh = util.load_model_from_config(nlp.config, auto_fill=True).from_bytes(old)
    assert [(t.tag_, t.dep_, t.head.i) for t in fresh(text)] == [
        (t.tag_, t.dep_, t.head.i) for t in nlp(text)]


def test_get_pipe_index_places_components_as_spacys():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("doc_cleaner")
    assert nlp._get_pipe_index() == 2
    assert nlp._get_pipe_index(first=True) == 0
    assert nlp._get_pipe_index(before="doc_cleaner") == 1
    assert nlp._get_pipe_index(after="sentencizer") == 1
    assert nlp._get_pipe_index(after=1) == 2
    with pytest.raises(ValueError, match="E006"):
        nlp._get_pipe_index(first=True, last=True)
    with pytest.raises(ValueError, match="E001"):
        nlp._get_pipe_index(before="ner")


def test_util_pipe_runs_a_component_over_a_stream_with_its_error_handler():
    from lexloom.util import _pipe

    nlp = spacy.blank("en")
    docs = [nlp("a b"), nlp("bad"), nlp("c")]
    seen = []

    def mark(doc):
        if doc.text == "bad":
            raise RuntimeError("no")
        doc.user_data["seen"] = True
        return doc

    def handler(name, proc, batch, error):
        seen.append((name, [d.text for d in batch], str(error)))

    # a plain callable: batch_size is not passed to it; the failing Doc goes to the handler
    out = list(_pipe(iter(docs), mark, "mark", handler, {"batch_size": 8}))
    assert [d.text for d in out] == ["a b", "c"] and all(d.user_data["seen"] for d in out)
    assert seen == [("mark", ["bad"], "no")]
    # a component with .pipe gets the kwargs
    sentencizer = nlp.add_pipe("sentencizer")
    out = list(_pipe(iter(docs), sentencizer, "sentencizer", handler, {"batch_size": 2}))
    assert [d.has_annotation("SENT_START") for d in out] == [True, True, True]


def test_a_custom_languages_defaults_config_tokenizer_is_built():
    # the documented way to give a custom language its own tokenizer: Defaults.config
    from confection import Config

    from lexloom.lang.defaults import BaseDefaults
    from lexloom.tokens import Doc

    class WhitespaceTokenizer:
        def __init__(self, vocab):
            self.vocab = vocab

        def __call__(self, text):
            return Doc(self.vocab, words=text.split(" "))

    @spacy.registry.tokenizers("test_audit.whitespace.v1")
    def create():
        return lambda nlp: WhitespaceTokenizer(nlp.vocab)

    class WsDefaults(BaseDefaults):
        config = Config().from_str(
            '[nlp]\n\n[nlp.tokenizer]\n@tokenizers = "test_audit.whitespace.v1"\n')

    @spacy.registry.languages("zzx")
    class WsLanguage(Language):
        lang = "zzx"
        Defaults = WsDefaults

    for nlp in (spacy.blank("zzx"), WsLanguage(), WsLanguage.from_config()):
        assert isinstance(nlp.tokenizer, WhitespaceTokenizer)
        assert [t.text for t in nlp("Hello, world!")] == ["Hello,", "world!"]
    # an explicit spacy.Tokenizer.v1 still builds the rule-based tokenizer
    nlp = WsLanguage.from_config({"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    assert [t.text for t in nlp("Hello, world!")] == ["Hello", ",", "world", "!"]


def test_from_config_fills_and_checks_the_functions_of_the_training_blocks():
    from confection import Config, ConfigValidationError

    @spacy.registry.readers("test_audit.reader.v1")
    def reader(path: str, limit: int = 0, shuffle: bool = False):
        return lambda nlp: iter([])

    @spacy.registry.callbacks("test_audit.callback.v1")
    def callback(n: int = 3):
        return lambda nlp: nlp

    text = ('[nlp]\nlang = "en"\npipeline = []\n\n[components]\n\n[corpora]\n\n'
            '[corpora.dev]\n@readers = "test_audit.reader.v1"\npath = "x"\n{extra}\n'
            '[initialize]\n\n[initialize.before_init]\n@callbacks = "test_audit.callback.v1"\n')
    nlp = util.load_model_from_config(Config().from_str(text.format(extra="")),
                                      auto_fill=True)
    assert dict(nlp.config["corpora"]["dev"]) == {"@readers": "test_audit.reader.v1",
                                                  "path": "x", "limit": 0, "shuffle": False}
    assert nlp.config["initialize"]["before_init"]["n"] == 3
    bad = Config().from_str(text.format(extra='limit = "abc"\n'))
    with pytest.raises(ConfigValidationError):
        util.load_model_from_config(bad, auto_fill=True, validate=True)


def test_a_factory_setting_of_the_wrong_type_names_the_factory_in_the_error():
    from confection import ConfigValidationError

    @Language.factory("test_audit_acro", default_config={"threshold": 0.5})
    def make(nlp, name, threshold: float):
        return lambda doc: doc

    with pytest.raises(ConfigValidationError) as info:
        spacy.blank("en").add_pipe("test_audit_acro", config={"threshold": "abc"})
    assert info.value.errors[0]["loc"] == ["test_audit_acro", "threshold"]
    assert info.value.config["threshold"] == "abc"


def test_loading_a_saved_pipeline_reads_its_training_blocks_as_written(tmp_path):
    # spaCy's load doesn't fill or check [training]: a logger or reader that isn't
    # registered here, or arguments lexloom's functions would type differently, still load
    @spacy.registry.loggers("test_audit.strict_logger.v1")
    def strict_logger(every: int = 1):
        return None

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "pipe")
    path = tmp_path / "pipe" / "config.cfg"
    text = path.read_text(encoding="utf8")
    start = text.index("[training.logger]")
    end = text.index("\n\n", start)
    path.write_text(text[:start] + '[training.logger]\n@loggers = "test_audit.strict_logger.v1"'
                    '\nevery = "often"' + text[end:], encoding="utf8")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == ["sentencizer"]
    assert loaded.config["training"]["logger"]["every"] == "often"


def test_training_blocks_with_variables_are_filled_after_interpolation():
    from confection import Config

    @spacy.registry.readers("test_audit.vars_reader.v1")
    def vars_reader(path: str, max_length: int = 0):
        return lambda nlp: iter([])

    text = ('[vars]\nmax_len = 40\n\n[nlp]\nlang = "en"\npipeline = []\n\n[components]\n\n'
            '[corpora]\n\n[corpora.dev]\n@readers = "test_audit.vars_reader.v1"\npath = "x"\n'
            'max_length = ${vars.max_len}\n')
    nlp = util.load_model_from_config(Config().from_str(text, interpolate=False),
                                      auto_fill=True)
    assert nlp.config["corpora"]["dev"]["max_length"] == "${vars.max_len}"
    assert nlp.config.interpolate()["corpora"]["dev"]["max_length"] == 40
