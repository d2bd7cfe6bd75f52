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

import torch

torch.set_num_threads(1)
import lexloom
from lexloom.training.corpus import Corpus
from lexloom.transformers import model as M

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from trf_baseline import greedy_sub_batches as old_sb  # noqa: E402

model_path, eval_path = sys.argv[1], sys.argv[2]
nlp = lexloom.load(model_path)
examples = list(Corpus(eval_path)(nlp))
new_sb, new_enc = M.sub_batches, M._encode_batch_directly
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
