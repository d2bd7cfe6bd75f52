"""Entity F and predictions on the eval split of one lexloom transformer pipeline in each CPU
inference mode: float32 with the code before issue 14 (greedy sub-batch packing, tokenizer
wrapper call; patched in), float32 now, int8, and bfloat16 (emulated where the CPU lacks
native bf16: numbers only, not speed). Prints one dict per mode, then `JSON {...}`.

    OMP_NUM_THREADS=1 HF_HUB_OFFLINE=1 taskset -c 1 .venv/bin/python \
        benchmarks/transformer_cpu_modes.py MODEL_DIR EVAL.spacy
"""
import json
import os
import sys
import time

import numpy
import torch

torch.set_num_threads(1)
import lexloom
from lexloom.training.corpus import Corpus
from lexloom.transformers import model as M
model_path, eval_path = sys.argv[1], sys.argv[2]
nlp = lexloom.load(model_path)
examples = list(Corpus(eval_path)(nlp))
new_sb, new_enc = M.sub_batches, M._encode_batch_directly
def old_sb(lengths, max_items):
    order = numpy.argsort(numpy.asarray(lengths), kind="stable")
    groups, current, longest = [], [], 0
    for index in order.tolist():
        length = lengths[index]
        if current and (len(current) + 1) * max(longest, length) > max_items:
            groups.append(current); current, longest = [], 0
        current.append(index); longest = max(longest, length)
    groups.append(current)
    return [numpy.asarray(g, dtype="int64") for g in groups]
native = M.cpu_supports_bf16()
def run(name, env, old=False):
    os.environ["LEXLOOM_CPU_INFERENCE_DTYPE"] = env
    M.sub_batches = old_sb if old else new_sb
    M._encode_batch_directly = (lambda t, x: None) if old else new_enc
    if env == "bfloat16" and not native:
        M.cpu_supports_bf16 = lambda: True
    texts = [eg.reference.text for eg in examples]
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    secs = time.perf_counter() - t
    scores = nlp.evaluate(examples, batch_size=64)
    ents = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]
    hidden = [numpy.asarray(d._.trf_data.tensors[0]) if d._.trf_data is not None else None for d in docs]
    return {"name": name, "ents_f": scores["ents_f"], "ents_p": scores["ents_p"], "ents_r": scores["ents_r"],
            "wps": sum(len(d) for d in docs) / secs}, ents, docs
res = {}
base, base_ents, _ = run("float32_old", "float32", old=True)
print(base, flush=True)
for name, env in (("float32", "float32"), ("int8", "int8"), ("bfloat16", "bfloat16")):
    r, ents, _ = run(name, env)
    r["ents_identical_to_old_float32"] = ents == base_ents
    r["docs_with_changed_ents"] = sum(a != b for a, b in zip(ents, base_ents))
    r["n_ents"] = sum(map(len, ents))
    print(r, flush=True)
    res[name] = r
res["float32_old"] = base
res["bf16_native"] = native
print("JSON " + json.dumps(res))
