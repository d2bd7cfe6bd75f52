"""words/s of one pipeline's nlp.pipe over the benchmark texts, one torch thread, best of
REPS passes (env, default 2). For interleaved lexloom / spaCy comparisons on a noisy host:

    for r in 1 2 3; do
      taskset -c 0 /work/trf-venv/bin/python benchmarks/transformer_pipe_wps.py spacy \
          $W/out_spacy/model-best 318 64
      taskset -c 0 .venv/bin/python benchmarks/transformer_pipe_wps.py lexloom \
          $W/out_lexloom/model-best 318 64
      LEXLOOM_CPU_INFERENCE_DTYPE=int8 taskset -c 0 .venv/bin/python \
          benchmarks/transformer_pipe_wps.py lexloom $W/out_lexloom/model-best 318 64
    done

(W: the --workdir of benchmarks/transformer.py, whose infer_texts.json is read; OMP_NUM_THREADS=1
HF_HUB_OFFLINE=1 set; OLD_PATH=1 patches in lexloom's sub-batching and tokenizer call from
before issue 14.)
"""
import json, os, sys, time
import torch
torch.set_num_threads(1)
system, model, n, bs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lib = __import__("lexloom" if system == "lexloom" else "spacy")
nlp = lib.load(model)
if os.environ.get("OLD_PATH") == "1":  # the code before this change: greedy packing, wrapper call
    from lexloom.transformers import model as M
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from trf_baseline import greedy_sub_batches as old_sb
    M.sub_batches = old_sb
    M._encode_batch_directly = lambda t, x: None
texts = json.load(open(os.path.join(os.path.dirname(os.path.dirname(model.rstrip("/"))), "infer_texts.json")))[:n]
list(nlp.pipe(texts[:8], batch_size=8))
best = 1e9
for _ in range(int(os.environ.get("REPS", 2))):
    t = time.perf_counter(); w = 0
    for doc in nlp.pipe(texts, batch_size=bs):
        w += len(doc)
    best = min(best, time.perf_counter() - t)
print(system, os.environ.get("LEXLOOM_CPU_INFERENCE_DTYPE", ""), "old" if os.environ.get("OLD_PATH") == "1" else "", f"{w/best:.0f} wps", flush=True)
