"""A tok2vec whose windows cross doc boundaries (spaCy's MishWindowEncoder pads nothing
between docs) gives each doc an output that depends on its batch: nlp.pipe must run it over
the batches spaCy runs it over, not the cache-sized slices lexloom cuts other models into."""
import numpy

import lexloom
from lexloom.pipeline import trainable_pipe
from lexloom.pipeline.trainable_pipe import mixes_docs

MISH = {"@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 16,
                  "attrs": ["NORM", "PREFIX"], "rows": [100, 50],
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MishWindowEncoder.v2", "width": 16,
                   "window_size": 1, "depth": 2}}
MAXOUT = {**MISH, "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 16,
                             "window_size": 1, "maxout_pieces": 2, "depth": 2}}


def _tok2vec(model):
    nlp = lexloom.blank("en")
    nlp.add_pipe("tok2vec", config={"model": model})
    nlp.initialize()
    return nlp


def test_mish_window_encoders_mix_docs_and_maxout_ones_do_not():
    assert mixes_docs(_tok2vec(MISH).get_pipe("tok2vec").model)
    assert not mixes_docs(_tok2vec(MAXOUT).get_pipe("tok2vec").model)
    assert not mixes_docs(None)   # a TrainablePipe subclass without a thinc model


def test_a_doc_mixing_tok2vec_runs_over_whole_batches(monkeypatch):
    monkeypatch.setattr(trainable_pipe, "PREDICT_TOKENS", 4)   # slices of ~1 doc otherwise
    nlp = _tok2vec(MISH)
    texts = ["Alice saw Bob", "then left", "quickly and quietly", "The end"]
    whole = nlp.get_pipe("tok2vec").model.predict([nlp.make_doc(t) for t in texts])
    docs = list(nlp.pipe(texts, batch_size=4))
    for doc, expected in zip(docs, whole):
        numpy.testing.assert_array_equal(doc.tensor, expected)
    # a doc's first row sees the previous doc's last token, so alone it differs
    assert not numpy.array_equal(nlp(texts[1]).tensor, docs[1].tensor)
