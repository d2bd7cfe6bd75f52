"""The entity linker's architecture and its knowledge-base helpers: an encoder that turns each
entity's sentence into a vector (compared with the KB's entity vectors), the KB loaders
([initialize] kb_loader, generate_empty_kb) and the candidate generators."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, List, Optional, Tuple

import numpy
from thinc.api import (Linear, Maxout, Model, chain, list2ragged, reduce_mean, residual,
                       tuplify)
from thinc.types import Floats2d, Ragged

from ...errors import DocError
from ...kb import (Candidate, InMemoryLookupKB, KnowledgeBase, get_candidates,
                   get_candidates_batch)
from ...registry import register
from ..extract_spans import extract_spans


@register("architectures", "lexloom.EntityLinker.v2", "spacy.EntityLinker.v2")
def build_nel_encoder(tok2vec: Model, nO: Optional[int] = None) -> Model[List, Floats2d]:
    """docs -> one row per entity: the mean token vector of the entity's sentence, a residual
    Maxout, and a Linear layer to the KB's entity vector width (nO)."""
    token_width = tok2vec.maybe_get_dim("nO")
    output_layer = Linear(nO=nO, nI=token_width)
    # nested two-layer chains, as spaCy's `>>` builds them: the same tree, so the same weights
    encoder = chain(tuplify(chain(tok2vec, list2ragged()), build_span_maker()), extract_spans())
    encoder = chain(chain(encoder, reduce_mean()),
                    residual(Maxout(nO=token_width, nI=token_width, nP=2, dropout=0.0)))
    model = chain(encoder, output_layer)
    model.set_ref("output_layer", output_layer)
    model.set_ref("tok2vec", tok2vec)
    model.attrs["include_span_maker"] = True  # marks the v2 model (spaCy reads this flag)
    return model


@register("architectures", "lexloom.EntityLinker.v1", "spacy.EntityLinker.v1",
          "spacy-legacy.EntityLinker.v1")
def build_nel_encoder_v1(tok2vec: Model, nO: Optional[int] = None) -> Model[List, Floats2d]:
    """spaCy < 3.4's encoder: one row per doc (the mean of all its token vectors), so the
    component cuts each entity's context into a doc of its own (pipeline.legacy)."""
    token_width = tok2vec.maybe_get_dim("nO")
    output_layer = Linear(nO=nO, nI=token_width)
    encoder = chain(chain(chain(tok2vec, list2ragged()), reduce_mean()),
                    residual(Maxout(nO=token_width, nI=token_width, nP=2, dropout=0.0)))
    model = chain(encoder, output_layer)
    model.set_ref("output_layer", output_layer)
    model.set_ref("tok2vec", tok2vec)
    return model


def build_span_maker(n_sents: int = 0) -> Model:
    """docs -> the (start, end) token window of each entity: its sentence and n_sents
    sentences either side."""
    model: Model = Model("span_maker", forward=span_maker_forward)
    model.attrs["n_sents"] = n_sents
    return model


def _sentence_starts(doc) -> numpy.ndarray:
    """Token offsets where the doc's sentences start; a doc without sentence boundaries is
    made one sentence (as spaCy's span maker does, which happens at initialization)."""
    try:
        return numpy.asarray([sent.start for sent in doc.sents], dtype=numpy.int64)
    except (ValueError, DocError):
        if len(doc):
            doc[0].is_sent_start = True
            for token in doc[1:]:
                token.is_sent_start = False
        return numpy.zeros(1, dtype=numpy.int64)


def entity_windows(doc, n_sents: int) -> numpy.ndarray:
    """(start, end) token rows, one per entity of doc.ents: the sentence holding the entity's
    first token, widened by n_sents sentences either side (clipped to the doc)."""
    ents = doc.ents
    if not ents:
        return numpy.zeros((0, 2), dtype=numpy.int64)
    starts = _sentence_starts(doc)
    ends = numpy.append(starts[1:], len(doc))
    ent_starts = numpy.asarray([ent.start for ent in ents], dtype=numpy.int64)
    sent_i = numpy.searchsorted(starts, ent_starts, side="right") - 1
    first = numpy.maximum(sent_i - n_sents, 0)
    last = numpy.minimum(sent_i + n_sents, len(starts) - 1)
    return numpy.stack([starts[first], ends[last]], axis=1)


def span_maker_forward(model: Model, docs: List, is_train: bool) -> Tuple[Ragged, Callable]:
    n_sents = model.attrs["n_sents"]
    windows = [entity_windows(doc, n_sents) for doc in docs]
    lengths = model.ops.asarray1i([len(w) for w in windows])
    data = numpy.concatenate(windows) if windows else numpy.zeros((0, 2), numpy.int64)
    # the windows only index the docs: nothing to backpropagate
    return Ragged(model.ops.asarray2i(data.astype("i")), lengths), lambda d_spans: []


@register("misc", "lexloom.KBFromFile.v1", "spacy.KBFromFile.v1")
def load_kb(kb_path: Path) -> Callable:
    """[initialize.components.entity_linker] kb_loader: the InMemoryLookupKB saved at
    kb_path (a folder written by kb.to_disk)."""

    def kb_from_file(vocab) -> KnowledgeBase:
        kb = InMemoryLookupKB(vocab, entity_vector_length=1)
        kb.from_disk(kb_path)
        return kb

    return kb_from_file


@register("misc", "lexloom.EmptyKB.v2", "spacy.EmptyKB.v2")
def empty_kb_for_config() -> Callable:
    """generate_empty_kb: (vocab, entity_vector_length) -> an empty InMemoryLookupKB."""

    def empty_kb_factory(vocab, entity_vector_length: int) -> KnowledgeBase:
        return InMemoryLookupKB(vocab=vocab, entity_vector_length=entity_vector_length)

    return empty_kb_factory


@register("misc", "lexloom.EmptyKB.v1", "spacy.EmptyKB.v1")
def empty_kb(entity_vector_length: int) -> Callable:
    """vocab -> an empty InMemoryLookupKB of a fixed vector width."""

    def empty_kb_factory(vocab) -> KnowledgeBase:
        return InMemoryLookupKB(vocab=vocab, entity_vector_length=entity_vector_length)

    return empty_kb_factory


@register("misc", "lexloom.CandidateGenerator.v1", "spacy.CandidateGenerator.v1")
def create_candidates() -> Callable[[KnowledgeBase, object], Iterable[Candidate]]:
    return get_candidates


@register("misc", "lexloom.CandidateBatchGenerator.v1", "spacy.CandidateBatchGenerator.v1")
def create_candidates_batch() -> Callable[[KnowledgeBase, Iterable],
                                          Iterable[Iterable[Candidate]]]:
    return get_candidates_batch


__all__ = ["build_nel_encoder", "build_nel_encoder_v1", "build_span_maker", "span_maker_forward", "load_kb",
           "empty_kb_for_config", "empty_kb", "create_candidates", "create_candidates_batch"]
