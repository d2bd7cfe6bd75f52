"""Behaviour spaCy's own tests assert (test_language, doc/test_doc_api, test_pipe_factories,
serialize/): merge_subtokens without a parser, a component writing to a getter extension in
nlp.pipe workers, custom components that save nothing, Language meta in to_bytes, a plain
Language on a language's vocab, and TrainablePipe subclasses without a cfg."""
import numpy
import pytest
from thinc.api import Linear

import lexloom
from lexloom.errors import LexloomWarning, MissingPipelineFileError, PipelineError
from lexloom.lang.en import English
from lexloom.language import Language
from lexloom.pipeline import TrainablePipe
from lexloom.tokens import Doc, Span
from lexloom.util import ignore_error, raise_error
from lexloom.vocab import Vocab


# ---- merge_subtokens needs dependency labels ------------------------------------------

@pytest.mark.parametrize("n_process", [1, 2])
def test_merge_subtokens_without_a_parser_raises_and_handlers_skip(n_process):
    nlp = English()
    nlp.add_pipe("merge_subtokens")
    nlp.initialize()
    texts = ["Curious to see what will happen to this text.", "And this one."]
    with pytest.raises(PipelineError, match="parser"):
        nlp(texts[0])
    with pytest.raises(ValueError):
        list(nlp.pipe(texts, n_process=n_process))
    nlp.set_error_handler(raise_error)
    with pytest.raises(ValueError):
        list(nlp.pipe(texts, n_process=n_process))
    nlp.set_error_handler(ignore_error)
    assert list(nlp.pipe(texts, n_process=n_process)) == []


def test_merge_subtokens_still_merges_a_parsed_doc():
    nlp = English()
    doc = Doc(nlp.vocab, words=["New", "York", "is"], heads=[1, 2, 2],
              deps=["subtok", "nsubj", "ROOT"])
    merged = nlp.create_pipe("merge_subtokens")(doc)
    assert [t.text for t in merged] == ["New York", "is"]
    assert len(nlp.create_pipe("merge_subtokens")(nlp.make_doc(""))) == 0


# ---- getter extensions written by a component, in worker processes -------------------

@Language.factory("tail_b_sent_ends")
class SentEnds:
    """spaCy's issue #4903 component: writes a getter-only Span extension."""

    def __init__(self, nlp, name="tail_b_sent_ends"):
        self.name = name
        Span.set_extension("tail_b_end", getter=self._end, force=True)
        Doc.set_extension("tail_b_ends", default=None, force=True)

    def __call__(self, doc):
        ends = []
        for sent in doc.sents:
            sent._.set("tail_b_end", self._end(sent))   # spaCy keeps this, getter wins
            ends.append(sent._.tail_b_end)
        doc._.set("tail_b_ends", "\n".join(ends))
        return doc

    @staticmethod
    def _end(span):
        return str(span.end)


@pytest.mark.filterwarnings("ignore::lexloom.errors.LexloomWarning")
@pytest.mark.parametrize("n_process", [1, 2])
def test_component_writing_a_getter_extension_runs_in_workers(n_process):
    nlp = English()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("tail_b_sent_ends", after="sentencizer")
    texts = ["I like bananas.", "Do you like them?", "No, I prefer wasabi."]
    docs = list(nlp.pipe(texts, n_process=n_process))
    assert [d.text for d in docs] == texts
    assert [d._.tail_b_ends for d in docs] == ["4", "5", "6"]


def test_writing_a_method_extension_warns_and_keeps_the_method():
    Doc.set_extension("tail_b_method", method=lambda doc, x: x * 2, force=True)
    try:
        doc = English()("a b")
        with pytest.warns(LexloomWarning, match="method"):
            doc._.set("tail_b_method", 3)
        assert doc._.tail_b_method(4) == 8
    finally:
        Doc.remove_extension("tail_b_method")


# ---- a custom component whose to_disk writes nothing ----------------------------------

@Language.factory("tail_b_saves_nothing")
class SavesNothing:
    def __init__(self, nlp, name="tail_b_saves_nothing", categories="all_categories"):
        self.name, self.categories = name, categories

    def __call__(self, doc):
        return doc

    def to_disk(self, path, **kwargs):
        pass

    def from_disk(self, path, **kwargs):
        self.loaded_from = path
        return self


def test_custom_component_without_a_folder_loads(tmp_path):
    nlp = English()
    nlp.add_pipe("tail_b_saves_nothing", name="mine")
    nlp.to_disk(tmp_path)
    assert not (tmp_path / "mine").exists()
    overrides = {"components": {"mine": {"categories": "my_categories"}}}
    nlp2 = lexloom.load(tmp_path, config=overrides)
    mine = nlp2.get_pipe("mine")
    assert mine.categories == "my_categories"
    assert mine.loaded_from == tmp_path / "mine"   # its from_disk decides, as in spaCy


def test_builtin_component_without_its_folder_still_raises(tmp_path):
    nlp = English()
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Apple"}])
    nlp.to_disk(tmp_path, exclude=["entity_ruler"])
    with pytest.raises(MissingPipelineFileError, match="entity_ruler"):
        lexloom.load(tmp_path)


# ---- Language meta and lang -----------------------------------------------------------

def test_language_bytes_carry_the_meta_unless_excluded():
    nlp = Language(meta={"name": "name-in-fixture", "version": "1.2.3",
                         "vectors": {"width": 0, "vectors": 0, "keys": 0, "name": None}})
    assert nlp.meta["name"] == "name-in-fixture"
    restored = Language().from_bytes(nlp.to_bytes())
    assert (restored.meta["name"], restored.meta["version"]) == ("name-in-fixture", "1.2.3")
    assert Language().from_bytes(nlp.to_bytes(), exclude=["meta"]).meta["name"] != \
        "name-in-fixture"
    assert Language().from_bytes(nlp.to_bytes(exclude=["meta"])).meta["name"] != \
        "name-in-fixture"


def test_plain_language_on_a_language_vocab_takes_its_lang(tmp_path):
    nlp = Language(vocab=English().vocab)
    assert nlp.lang == "en" and nlp.config["nlp"]["lang"] == "en"
    assert Language.lang == ""   # the class is left as it was
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns([{"label": "ORG", "pattern": "Apple"}])
    nlp.to_disk(tmp_path)
    nlp2 = lexloom.load(tmp_path)
    assert nlp2.lang == "en"
    assert nlp2.get_pipe("entity_ruler").patterns == [{"label": "ORG", "pattern": "Apple"}]
    assert nlp2.get_pipe("entity_ruler").overwrite is True
    assert Language().lang == ""


# ---- TrainablePipe subclasses without cfg ---------------------------------------------

class _NoVocab(TrainablePipe):
    def __init__(self, vocab):
        pass


class _NoModel(TrainablePipe):
    def __init__(self, vocab):
        self.vocab, self.model = vocab, None


class _NoCfg(TrainablePipe):
    def __init__(self, vocab, model):
        self.vocab, self.model = vocab, model


def _linear():
    model = Linear(2, 3)
    model.initialize(X=numpy.zeros((1, 3), dtype="f"))
    return model


@pytest.mark.parametrize("cls", [_NoVocab, _NoModel])
def test_trainable_pipe_without_vocab_or_model_refuses_to_save(cls, tmp_path):
    pipe = cls(Vocab())
    with pytest.raises(ValueError, match="set self"):
        pipe.to_bytes()
    with pytest.raises(ValueError, match="set self"):
        pipe.to_disk(tmp_path)


def test_trainable_pipe_without_cfg_round_trips(tmp_path):
    pipe = _NoCfg(Vocab(), _linear())
    data = pipe.to_bytes()
    new = _NoCfg(Vocab(), _linear()).from_bytes(data)
    assert not hasattr(new, "cfg")
    assert new.to_bytes() == data
    pipe.to_disk(tmp_path)
    assert not (tmp_path / "cfg").exists()
    new = _NoCfg(Vocab(), _linear()).from_disk(tmp_path)
    assert new.to_bytes() == data


def test_ignored_make_doc_errors_in_workers_skip_only_those_texts():
    # spaCy drops the whole batch of a text make_doc refuses (its test expects 0 docs here);
    # lexloom's workers report each document, so only the too-long texts are skipped
    nlp = English()
    nlp.max_length = 10
    texts = ["12345678901234567890", "12345"] * 10
    with pytest.raises(ValueError):
        list(nlp.pipe(texts, n_process=2))
    nlp.default_error_handler = ignore_error
    assert [d.text for d in nlp.pipe(texts, n_process=2)] == ["12345"] * 10
