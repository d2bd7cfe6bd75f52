"""spacy-transformers' module layout in lexloom.transformers (data_classes, align, truncate,
util, layers.*, pipeline_component, architectures) and the behaviours its own test suite
checks: trf_data in saved Docs, attention outputs, the alignment of a token's trailing
space, custom models built on its protocol, a frozen transformer that annotates, a
[corpora] reader returning a dict. Tiny random BERTs; nothing is downloaded."""
from __future__ import annotations

import warnings

import numpy
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

import lexloom  # noqa: E402
import lexloom.transformers as st  # noqa: E402
from lexloom.errors import AlignmentError, ConfigError, TransformerError  # noqa: E402
from lexloom.tokens import Doc, DocBin  # noqa: E402
from lexloom.training.example import Example  # noqa: E402
from lexloom.vocab import Vocab  # noqa: E402

from _trf import make_tiny_bert  # noqa: E402


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return make_tiny_bert(tmp_path_factory.mktemp("tiny-bert-layout"))


def trf_nlp(tiny, **transformer_config):
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {
        "name": str(tiny), "transformer_config": transformer_config,
        "get_spans": {"@span_getters": "spacy-transformers.doc_spans.v1"}}})
    nlp.initialize()
    return nlp


def spans_of(*word_lists):
    vocab = Vocab()
    return [Doc(vocab, words=words)[:] for words in word_lists]


def nested(align) -> list[list[int]]:
    data = numpy.asarray(align.dataXd).reshape(-1).tolist()
    out, at = [], 0
    for n in numpy.asarray(align.lengths).tolist():
        out.append(data[at:at + n])
        at += n
    return out


# ---- module layout ------------------------------------------------------------------------

def test_modules_have_spacy_transformers_names_for_lexlooms_objects():
    from lexloom.pipeline.transformer import Transformer
    from lexloom.registry import registry
    from lexloom.transformers import data

    assert st.data_classes.TransformerData is data.TransformerData
    assert st.data_classes.WordpieceBatch is data.WordpieceBatch
    assert st.pipeline_component.Transformer is Transformer is st.Transformer
    assert st.pipeline_component.DOC_EXT_ATTR == "trf_data"
    assert st.pipeline_component.DEFAULT_CONFIG["transformer"]["model"]["name"] == "roberta-base"
    assert "[transformer.model.get_spans]" in st.pipeline_component.DEFAULT_CONFIG_STR
    assert st.layers.TransformerModel is st.TransformerModel
    from lexloom.transformers.layers import hf_shim, listener, split_trf, trfs2arrays  # noqa
    assert listener.TransformerListener is st.TransformerListener
    assert registry.architectures.get("spacy-transformers.TransformerModel.v3") is \
        st.architectures.create_TransformerModel_v3
    assert registry.architectures.get("spacy-transformers.Tok2VecTransformer.v3") is \
        st.architectures.transformer_tok2vec_v3
    assert callable(st.install_extensions)
    with pytest.raises(AttributeError):
        st.no_such_name  # noqa: B018


# ---- align --------------------------------------------------------------------------------

@pytest.mark.parametrize("words,pieces,expected", [
    ([["a", "b"]], [["a", "b"]], [[0], [1]]),
    ([["ab"]], [["a", "b"]], [[0, 1]]),
    ([["a", "b"]], [["ab"]], [[0], [0]]),
    ([["ab", "c"]], [["a", "bc"]], [[0, 1], [1]]),
    ([["ab", "cd"]], [["a", "bc", "d"]], [[0, 1], [1, 2]]),
    ([["Walking", "outdoors"]], [["[CLS]", "walk", "##ing", "out", "##doors", "[SEP]"]],
     [[1, 2], [3, 4]]),
])
def test_get_alignment_matches_pieces_to_tokens_by_their_text(words, pieces, expected):
    assert nested(st.align.get_alignment(spans_of(*words), pieces)) == expected


def test_get_alignment_counts_a_token_in_two_spans_once_with_both_pieces():
    doc = Doc(Vocab(), words=["I", "like", "walking", "outdoors"])
    align = st.align.get_alignment([doc[0:3], doc[2:4]],
                                   [["i", "like", "walk", "##ing"], ["walk", "##ing", "out",
                                                                     "##doors"]])
    assert nested(align) == [[0], [1], [2, 3, 4, 5], [6, 7]]
    with pytest.raises(AlignmentError):
        st.align.get_alignment([doc[:]], [])


def test_apply_alignment_gathers_rows_and_scatter_adds_gradients():
    from thinc.api import NumpyOps
    from thinc.types import Ragged

    ops = NumpyOps()
    align = Ragged(numpy.asarray([0, 1, 1, 2], dtype="int32"),
                   numpy.asarray([2, 1, 1], dtype="int32"))
    X = numpy.arange(6, dtype="float32").reshape(3, 2)
    Y, backprop = st.align.apply_alignment(ops, align, X)
    assert Y.dataXd.tolist() == [[0, 1], [2, 3], [2, 3], [4, 5]]
    dX = backprop(Ragged(numpy.ones((4, 2), dtype="float32"), Y.lengths))
    assert dX.tolist() == [[1, 1], [2, 2], [1, 1]]


def test_offset_alignment_gives_a_token_the_space_after_it():
    """spacy-transformers' rule: a piece whose offsets take in the space before a word
    ("Ġworld" untrimmed) serves the word before the space too."""
    span = Doc(Vocab(), words=["hello", "world", "!"], spaces=[True, False, False])[:]
    offsets = numpy.asarray([(0, 0), (0, 5), (5, 11), (11, 12), (0, 0)])
    assert st.align.get_span2wp_from_offset_mapping(span, offsets) == [[1, 2], [2], [3]]
    align = st.align.get_alignment_via_offset_mapping([span], [offsets])
    assert nested(align) == [[1, 2], [2], [3]]


def test_the_transformers_own_alignment_follows_the_same_trailing_space_rule():
    """lexloom's native alignment (model._align) equals spacy-transformers' character rule
    on random Docs and random piece offsets."""
    from lexloom.transformers.model import _align

    rng = numpy.random.default_rng(0)
    vocab = Vocab()
    for _ in range(50):
        n = int(rng.integers(1, 8))
        words = ["".join(rng.choice(list("abc"), size=int(rng.integers(1, 4)))) for _ in range(n)]
        spaces = [bool(s) for s in rng.integers(0, 2, size=n)]
        doc = Doc(vocab, words=words, spaces=spaces)
        cuts = sorted(set(rng.integers(0, len(doc.text) + 1, size=4).tolist()) |
                      {0, len(doc.text)})
        offsets = numpy.asarray([(0, 0)] + list(zip(cuts[:-1], cuts[1:])) + [(0, 0)])
        record = {"ids": list(range(len(offsets))), "starts": offsets[:, 0].astype("int32"),
                  "ends": offsets[:, 1].astype("int32")}
        ours = nested(_align([doc], [[doc[:]]], [record], len(offsets)))
        reference = st.align.get_span2wp_from_offset_mapping(doc[:], offsets)
        assert ours == [sorted(r) for r in reference], (words, spaces, offsets.tolist())


# ---- truncate, util, data classes -----------------------------------------------------------

def test_truncate_oversize_splits_drops_pieces_from_the_end_and_reindexes_the_alignment():
    from thinc.types import Ragged

    strings = [["a", "b", "c", "d"], ["e", "f"]]
    ids = numpy.arange(8, dtype="int64").reshape(2, 4)
    wordpieces = st.data_classes.WordpieceBatch(strings=strings, input_ids=ids,
                                                attention_mask=numpy.ones_like(ids),
                                                lengths=[4, 2], token_type_ids=None)
    align = Ragged(numpy.asarray([0, 1, 2, 3, 4, 5], dtype="int32"),
                   numpy.asarray([2, 2, 1, 1], dtype="int32"))
    same = st.truncate.truncate_oversize_splits(wordpieces, align, 5)
    assert same[0] is wordpieces and same[1] is align
    cut, new_align = st.truncate.truncate_oversize_splits(wordpieces, align, 3)
    assert cut.strings == [["a", "b", "c"], ["e", "f"]]
    assert cut.input_ids.tolist() == [[0, 1, 2], [4, 5, 6]]
    assert cut.lengths == [3, 2]
    assert nested(new_align) == [[0, 1], [2], [3], [4]]


def test_util_helpers():
    assert st.util.transpose_list([[1, 2], [3]]) == [[1, 3], [2, None]]
    seqs = ["a" * n for n in (5, 1, 5, 2, 9)]
    batches = st.util.batch_by_length(seqs, 10)
    assert sorted(i for b in batches for i in b) == list(range(5))
    assert all(max(len(seqs[i]) for i in b) * len(b) <= 10 or len(b) == 1 for b in batches)
    assert batches[0] == [4]  # the longest first
    with st.util.make_tempdir() as path:
        assert path.is_dir()
    assert not path.exists()


def test_deprecated_util_loaders_warn_and_work(tiny):
    with pytest.warns(DeprecationWarning):
        tokenizer, transformer = st.util.huggingface_from_pretrained(str(tiny), {})
    with pytest.warns(DeprecationWarning):
        data = st.util.huggingface_tokenize(tokenizer, ["the cat", "a dog runs"])
    assert data["input_texts"][0][:3] == ["[CLS]", "the", "cat"]
    assert transformer.config.hidden_size == 16


def test_wordpiece_batch_round_trips_and_comes_from_a_tokenizer(tiny):
    from lexloom.transformers.layers.transformer_model import huggingface_tokenize

    hf = st.layers.transformer_model.huggingface_from_pretrained(str(tiny), {}, {})
    encoding = huggingface_tokenize(hf.tokenizer, ["the cat sat", "hello"])
    batch = st.data_classes.WordpieceBatch.from_batch_encoding(encoding)
    assert batch.lengths == [5, 3] and batch.input_ids.shape == (2, 5)
    # the pieces as the tokenizer padded them (as spacy-transformers), the lengths without;
    # a slice is cut to its own longest span, strings as the ids
    assert batch.strings[1] == ["[CLS]", "hello", "[SEP]", "[PAD]", "[PAD]"]
    assert batch[1].strings == [["[CLS]", "hello", "[SEP]"]]
    assert batch[1].input_ids.shape == (1, 3) and batch[1].lengths == [3]
    again = st.data_classes.WordpieceBatch.empty().from_dict(batch.to_dict())
    assert again.strings == batch.strings and (again.input_ids == batch.input_ids).all()
    assert set(batch.to_hf_dict()) >= {"input_ids", "attention_mask", "input_texts"}
    zeros = st.data_classes.WordpieceBatch.zeros([2, 3])
    assert zeros.input_ids.shape == (2, 3) and zeros.strings == [["", ""], ["", "", ""]]
    # stand-in batches hold spacy-transformers' dtypes: int32 ids, a bool mask
    for stand_in in (zeros, st.data_classes.WordpieceBatch.empty(),
                     st.TransformerData.zeros(4, 8).wordpieces):
        assert stand_in.input_ids.dtype == numpy.int32
        assert stand_in.attention_mask.dtype == numpy.bool_
    with pytest.raises(TransformerError):
        st.data_classes.WordpieceBatch.from_batch_encoding({"input_ids": []})


def test_model_output_has_only_the_fields_it_holds():
    # as Hugging Face's ModelOutput, which a Doc's trf_data holds in spacy-transformers
    from collections import OrderedDict

    output = st.data_classes.ModelOutput(last_hidden_state=numpy.zeros((1, 2, 3)))
    assert output.last_hidden_state.shape == (1, 2, 3) and isinstance(output, OrderedDict)
    assert not hasattr(output, "attentions")
    assert getattr(output, "hidden_states", "default") == "default"
    with pytest.raises(AttributeError):
        output.no_such_field  # noqa: B018


def test_a_batch_output_reads_absent_hugging_face_fields_as_none():
    # FullTransformerBatch.model_output is the model's own output class there
    from lexloom.transformers.data import BatchModelOutput, as_torch_output

    output = as_torch_output(st.data_classes.ModelOutput(
        last_hidden_state=numpy.zeros((1, 2, 3), dtype="float32")))
    assert isinstance(output, BatchModelOutput)
    assert output.attentions is None and output.hidden_states is None
    with pytest.raises(AttributeError):
        output.no_such_field  # noqa: B018


def test_model_output_indexes_its_fields_in_order():
    """As Hugging Face's ModelOutput: output[0] is the first field, output[1:] the rest."""
    hidden, pooled = numpy.zeros((1, 2, 3)), numpy.ones((1, 3))
    output = st.data_classes.ModelOutput(last_hidden_state=hidden, pooler_output=pooled)
    assert output[0] is hidden and output[-1] is pooled
    assert output[1:] == (pooled,) and output["pooler_output"] is pooled
    with pytest.raises(IndexError):
        output[2]
    with pytest.raises(KeyError):
        output["attentions"]


# ---- trf_data in saved Docs ---------------------------------------------------------------

def test_trf_data_survives_doc_to_bytes_docbin_and_srsly(tiny):
    import srsly

    nlp = trf_nlp(tiny)
    doc = nlp("the cat sat on the mat")
    data = doc._.trf_data
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())._.trf_data
    assert isinstance(again, st.TransformerData)
    numpy.testing.assert_array_equal(again.tensors[0], data.tensors[0])
    assert again.wordpieces.strings == data.wordpieces.strings
    assert nested(again.align) == nested(data.align)
    doc_bin = DocBin(store_user_data=True)
    doc_bin.add(doc)
    loaded = next(DocBin().from_bytes(doc_bin.to_bytes()).get_docs(nlp.vocab))
    numpy.testing.assert_array_equal(loaded._.trf_data.tensors[0], data.tensors[0])
    # srsly's own msgpack, with the hooks data_classes registers (spacy-transformers' layout)
    import lexloom.transformers.data_classes  # noqa: F401 (registers them, as importing
    # spacy_transformers does)
    restored = srsly.msgpack_loads(srsly.msgpack_dumps({"x": data}))["x"]
    assert isinstance(restored, st.TransformerData) and restored.width == 16
    assert st.TransformerData.empty().from_bytes(data.to_bytes()).width == 16
    with pytest.raises(TransformerError):
        st.TransformerData.empty().from_bytes(b"\xc1 not msgpack")


def test_an_empty_doc_gets_empty_transformer_data(tiny):
    data = trf_nlp(tiny)("")._.trf_data
    assert data.tensors == () and data.wordpieces.strings == []
    assert data.wordpieces.input_ids.shape == (0, 0)
    assert data.wordpieces.input_ids.dtype == numpy.int32
    assert len(data.align.lengths) == 0


# ---- attentions ---------------------------------------------------------------------------

def test_output_attentions_are_kept_per_doc_and_after_saving(tiny, tmp_path):
    nlp = trf_nlp(tiny, output_attentions=True)
    docs = list(nlp.pipe(["the cat sat on the mat", "hello"]))
    for doc in docs:
        out = doc._.trf_data.model_output
        n_pieces = len(doc._.trf_data.wordpieces.strings[0])
        assert len(out.attentions) == 2  # one per layer
        assert out.attentions[0].shape == (1, 2, n_pieces, n_pieces)
        numpy.testing.assert_allclose(out.attentions[0].sum(-1), 1.0, rtol=1e-5)
    # not asked for: no such field in a Doc's output (Hugging Face's ModelOutput, as there)
    assert not hasattr(trf_nlp(tiny)("hello")._.trf_data.model_output, "attentions")
    nlp.to_disk(tmp_path / "p")
    loaded = lexloom.load(tmp_path / "p")
    assert loaded("hello")._.trf_data.model_output.attentions is not None
    init_config = loaded.get_pipe("transformer").model._init_tokenizer_config
    assert init_config == {}
    with pytest.raises(NotImplementedError):
        init_config["use_fast"] = False


# ---- custom models on spacy-transformers' protocol -------------------------------------------

def test_a_custom_model_built_on_the_protocol_runs_saves_and_loads(tmp_path, tiny):
    """A sequence-classification model wrapped with HFWrapper and run by
    layers.transformer_model.forward, as spacy-transformers users write them."""
    import functools

    import torch
    import transformers
    from thinc.api import Model

    from lexloom.transformers.layers import transformer_model as tm
    from lexloom.transformers.layers.hf_wrapper import HFWrapper

    path = tmp_path / "clf"
    config = transformers.BertConfig.from_pretrained(tiny)
    config.num_labels = 3
    torch.manual_seed(0)
    transformers.BertForSequenceClassification(config).save_pretrained(path)
    transformers.AutoTokenizer.from_pretrained(tiny).save_pretrained(path)
    cls = transformers.AutoModelForSequenceClassification

    class ClassifierModel(Model):
        @property
        def tokenizer(self):
            return self.layers[0].shims[0]._hfmodel.tokenizer

    def build():
        wrapper = HFWrapper(st.HFObjects(None, None, None, {}, {}),
                            convert_inputs=tm._convert_transformer_inputs,
                            convert_outputs=tm._convert_transformer_outputs, model_cls=cls)
        return ClassifierModel(
            "clf", tm.forward, layers=[wrapper], dims={"nO": None},
            attrs={"get_spans": functools.partial(st.span_getters.get_strided_spans,
                                                  window=8, stride=6),
                   "has_transformer": False, "flush_cache_chance": 0.0})

    model = build()
    model.layers[0].shims[0]._hfmodel.tokenizer = None  # the view accepts the fields
    hf = tm.huggingface_from_pretrained(path, {}, {}, model_cls=cls)
    tm.set_pytorch_transformer(model, hf)
    assert model.layers[0].shims[0]._hfmodel.transformer is hf.transformer
    doc = lexloom.blank("en")("the cat sat on the mat . the dog runs on a mat")
    batch = model.predict([doc])
    assert batch.model_output.logits.shape == (2, 3)  # two strided windows
    assert len(batch.align.lengths) == len(doc)
    reloaded = build().from_bytes(model.to_bytes())
    assert isinstance(reloaded.layers[0].shims[0]._model,
                      transformers.BertForSequenceClassification)
    torch.testing.assert_close(reloaded.predict([doc]).model_output.logits,
                               batch.model_output.logits)


# ---- training with a frozen transformer; corpora; blank pipelines --------------------------

def test_a_frozen_transformer_annotates_and_its_listener_reads_trf_data(tiny):
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {
        "name": str(tiny), "get_spans": {"@span_getters": "spacy-transformers.doc_spans.v1"}}})
    nlp.add_pipe("tagger", config={"model": {"tok2vec": {
        "@architectures": "spacy-transformers.TransformerListener.v1", "grad_factor": 1.0,
        "pooling": {"@layers": "reduce_mean.v1"}}}})
    egs = [Example.from_dict(nlp.make_doc("this is awesome"), {"tags": ["A", "B", "C"]})]
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(2):
        nlp.update(egs, sgd=optimizer)
    transformer_bytes = nlp.get_pipe("transformer").to_bytes()
    tagger_bytes = nlp.get_pipe("tagger").to_bytes()
    for _ in range(2):
        nlp.update(egs, sgd=optimizer, exclude=["transformer"], annotates=["transformer"])
    assert nlp.get_pipe("transformer").to_bytes() == transformer_bytes
    assert nlp.get_pipe("tagger").to_bytes() != tagger_bytes


def test_a_corpora_block_that_returns_a_dict_of_readers(tmp_path):
    from confection import Config

    from lexloom.registry import registry
    from lexloom.training.initialize import resolve_corpus

    def train_reader(nlp):
        return iter([])

    @registry.readers("test_layout_dict_corpora.v1")
    def dict_corpora():
        return {"train": train_reader, "dev": train_reader}

    config = Config({"corpora": {"@readers": "test_layout_dict_corpora.v1"}})
    assert resolve_corpus(config, "corpora.train") is train_reader
    with pytest.raises(ConfigError, match="has no 'test'"):
        resolve_corpus(config, "corpora.test")
    with pytest.raises(ConfigError, match=r"no \[other.train\] block"):
        resolve_corpus(config, "other.train")


def test_a_blank_language_less_pipeline_rebuilds_from_its_config_and_in_workers():
    from lexloom.language import Language

    nlp = Language()
    nlp.add_pipe("sentencizer")
    rebuilt = Language.from_config(nlp.config)
    assert type(rebuilt) is Language and rebuilt.pipe_names == ["sentencizer"]
    texts = ["One. Two.", "Three four. Five."] * 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = list(nlp.pipe(texts, n_process=2, batch_size=1))
    assert [len(list(d.sents)) for d in docs] == [2, 2, 2, 2]


def test_set_logger_logs_batch_shapes_and_memory_around_each_forward(tiny, caplog):
    import io
    import logging

    from lexloom.transformers.layers.transformer_model import set_logger

    nlp = trf_nlp(tiny)
    model = nlp.get_pipe("transformer").model
    set_logger(model, io.StringIO())
    assert isinstance(model.attrs["logger"], logging.Logger)
    with caplog.at_level(logging.INFO, logger=model.attrs["logger"].name):
        nlp("hello world again")
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.endswith("begin forward") for m in messages)
    assert any(m.endswith("after forward") for m in messages)
    assert any(m.startswith("1 x ") and m.endswith(" predict") for m in messages)


def test_transformer_get_loss_has_spacy_transformers_signature():
    import inspect

    from lexloom.pipeline.transformer import Transformer

    assert list(inspect.signature(Transformer.get_loss).parameters) == [
        "self", "docs", "golds", "scores"]
