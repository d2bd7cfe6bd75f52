"""The prepared device check for lexloom's CUDA kernels: run it whenever a GPU is available.

    python benchmarks/gpu_check.py [--quick] [--json benchmarks/results/gpu_check.json]
        [--minilm DIR] [--texts FILE] [--skip kernels,timings,cnn,pipelines]

Under 5 minutes on one GPU. Prints one JSON summary (and writes it with --json):
 (a) every kernel (kernels/*.cu) against its CPU twin (csrc/, the same device_math.hh code)
     on random data: hashes, rows and argmax indices exactly, float32 outputs within 1e-5
     relative (scatter-adds with atomics: 1e-4, the summation order differs);
 (b) each kernel timed against thinc's CupyOps on the same inputs (median of 20 launches
     after a warm-up, CUDA events), with the fraction of the device's memory bandwidth
     reached (bytes each kernel must move / time), against the nominal peak (2 x memory
     clock x bus width, where the device reports them) and against a measured
     device-to-device copy;
 (c) lexloom's shipped CNN pipeline on the GPU against itself on the CPU (identical
     annotations, words/s);
 (d) with --minilm (all-MiniLM-L6-v2's folder; random weights of its shape when the folder
     holds only config and tokenizer files) and spacy-transformers importable: a MiniLM + NER
     pipeline made and updated on the GPU by spaCy and one by lexloom; spacy-transformers
     and lexloom both annotate the spaCy-made one (entities compared, wordpieces per second;
     lexloom also with mixed precision, and both again with the CPU's cost of a model call
     in its sub-batching, model.SUB_BATCH_COST, for an A/B of GPU_SUB_BATCH_COST), lexloom
     its own. Each run in its own process.
Without --texts, 2,000 generated paragraphs. The JSON is rewritten after each part.
Exit status: 0 when every kernel equals its twin, 1 when one does not, 2 without a GPU
(the summary then says {"status": "no GPU", ...}).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy

HERE = Path(__file__).resolve().parent


def gpu_or_none():
    """(cupy, device properties) or None, with the reason."""
    try:
        import cupy
    except Exception as err:  # ImportError, or a broken CUDA install
        return None, f"cupy is not importable ({type(err).__name__}: {err})"
    try:
        n = cupy.cuda.runtime.getDeviceCount()
    except Exception as err:
        return None, f"no CUDA device ({type(err).__name__}: {err})"
    if n < 1:
        return None, "no CUDA device"
    return cupy, cupy.cuda.runtime.getDeviceProperties(0)


def timed(cupy, fn, repeat: int = 20) -> float:
    """Median seconds of fn() on the GPU (CUDA events), after a warm-up call."""
    fn()
    cupy.cuda.Device().synchronize()
    times = []
    for _ in range(repeat):
        start, stop = cupy.cuda.Event(), cupy.cuda.Event()
        start.record()
        fn()
        stop.record()
        stop.synchronize()
        times.append(cupy.cuda.get_elapsed_time(start, stop) / 1000.0)
    return float(numpy.median(times))


def compare(name, got, expected, *, exact: bool, rtol: float = 1e-5, atol: float = 1e-6):
    got = numpy.asarray(got)
    expected = numpy.asarray(expected)
    if got.shape != expected.shape:
        return {"kernel": name, "equal": False, "why": f"shape {got.shape} != {expected.shape}"}
    if exact:
        ok = bool(numpy.array_equal(got, expected, equal_nan=got.dtype.kind == "f"))
        return {"kernel": name, "equal": ok, "mode": "exact"}
    with numpy.errstate(all="ignore"):  # inf / NaN in the data
        ok = bool(numpy.allclose(got, expected, rtol=rtol, atol=atol, equal_nan=True))
        err = float(numpy.nanmax(numpy.abs(got - expected) / (numpy.abs(expected) + atol))) \
            if got.size else 0.0
    return {"kernel": name, "equal": ok, "mode": f"rtol {rtol}", "max_rel_err": err}


def check_kernels(cupy, quick: bool, scale: float = 1.0) -> list:
    """(a): every kernel against its CPU twin (array sizes times `scale`)."""
    from lexloom.ml import cuda_kernels as ck

    from lexloom import ml_ops, ragged_ops

    rng = numpy.random.default_rng(0)
    n, width, n_rows = (20_000, 64, 5_000) if quick else (200_000, 96, 50_000)
    n, n_rows = max(1, int(n * scale)), max(1, int(n_rows * scale))
    ids = rng.integers(0, 2**63, size=n, dtype="uint64")
    table = rng.standard_normal((n_rows, width)).astype("float32")
    d_out = rng.standard_normal((n, width)).astype("float32")
    out = []
    g_rows = ck.hash_rows(cupy.asarray(ids), 11, n_rows)
    out.append(compare("hash_rows", g_rows.get(), ml_ops.hash_rows(ids, 11, n_rows), exact=True))
    g_out, g_rows2 = ck.hash_gather_sum(cupy.asarray(table), cupy.asarray(ids), 11)
    c_out, c_rows = ml_ops.hash_gather_sum(table, ids, 11)
    out.append(compare("hash_gather_sum.rows", g_rows2.get(), c_rows, exact=True))
    out.append(compare("hash_gather_sum", g_out.get(), c_out, exact=False))
    g_rows = cupy.asarray(c_rows)  # each kernel on the same inputs as its twin
    out.append(compare("gather_sum", ck.gather_sum(cupy.asarray(table), g_rows).get(),
                       ml_ops.gather_sum(table, c_rows), exact=False))
    expected = ml_ops.scatter_add(numpy.zeros_like(table), c_rows, d_out)
    for det in (False, True):
        got = ck.scatter_add(cupy.zeros((n_rows, width), "float32"), g_rows,
                             cupy.asarray(d_out), deterministic=det)
        out.append(compare(f"scatter_add{'_sorted' if det else ''}", got.get(), expected,
                           exact=False, rtol=1e-4, atol=1e-4))
    if True:  # deterministic: bit-equal on a second run and to the CPU's sorted twin
        a = ck.scatter_add(cupy.zeros((n_rows, width), "float32"), g_rows, cupy.asarray(d_out),
                           deterministic=True).get()
        b = ml_ops.scatter_add_sorted(numpy.zeros_like(table), c_rows, d_out)
        out.append(compare("scatter_add_sorted vs CPU sorted twin", a, b, exact=False))

    B = max(1, int((30_000 if quick else 300_000) * scale))
    lengths = rng.choice([1, 1, 2, 3, 4], size=B).astype("int32")
    O = 384
    X = rng.standard_normal((int(lengths.sum()), O)).astype("float32")
    gX, gL = cupy.asarray(X), cupy.asarray(lengths)
    for op in ("sum", "mean", "max", "first", "last"):
        Y, aux = ck.ragged_reduce(gX, gL, op)
        cY, cW = ragged_ops.reduce_f32(X, lengths, op)
        out.append(compare(f"ragged_{op}_f32", Y.get(), cY, exact=False))
        if op == "max":
            out.append(compare("ragged_max.which", aux.get(), cW, exact=True))
    X16 = X.astype(numpy.float16)
    Xbf = (X.view("uint32") >> 16).astype("uint16")
    for op in ("sum", "max"):
        Y, _ = ck.ragged_reduce(cupy.asarray(X16), gL, op)
        out.append(compare(f"ragged_{op}_f16", Y.get(),
                           ragged_ops.reduce_f32(X16, lengths, op, source="float16")[0],
                           exact=False))
        Y, _ = ck.ragged_reduce(cupy.asarray(Xbf), gL, op, bfloat16=True)
        out.append(compare(f"ragged_{op}_bf16", Y.get(),
                           ragged_ops.reduce_f32(Xbf, lengths, op, source="bfloat16")[0],
                           exact=False))
    dY = rng.standard_normal((B, O)).astype("float32")
    for op in ("sum", "mean"):
        got = ck.ragged_backward(cupy.asarray(dY), gL, op)
        ref = getattr(ragged_ops, f"backprop_reduce_{op}")(dY, lengths)
        out.append(compare(f"backprop_ragged_{op}", got.get(), ref, exact=False))
    _, which = ragged_ops.reduce_max(X, lengths)
    got = ck.ragged_backward(cupy.asarray(dY), gL, "max", cupy.asarray(which))
    out.append(compare("backprop_ragged_max", got.get(),
                       ragged_ops.backprop_reduce_max(dY, which, lengths), exact=True))

    for op in ("first", "last"):
        _, idx = ragged_ops.reduce_first(X, lengths) if op == "first" else \
            ragged_ops.reduce_last(X, lengths)
        rows_ = idx[:-1] if op == "first" else idx
        got = ck.scatter_rows(cupy.asarray(dY), cupy.asarray(rows_), X.shape[0])
        ref = getattr(ragged_ops, f"backprop_reduce_{op}")(dY, idx)
        out.append(compare(f"backprop_ragged_{op}", got.get(), ref, exact=True))

    n_pieces = X.shape[0]
    tok_lengths = rng.choice([0, 1, 1, 2], size=B).astype("int32")
    indices = rng.integers(0, n_pieces, size=int(tok_lengths.sum())).astype("int32")
    got = ck.align_mean(gX, cupy.asarray(indices), cupy.asarray(tok_lengths))
    out.append(compare("align_mean", got.get(), ragged_ops.align_mean(X, indices, tok_lengths),
                       exact=False))
    got = ck.align_mean(cupy.asarray(X16), cupy.asarray(indices), cupy.asarray(tok_lengths))
    out.append(compare("align_mean_f16", got.get(),
                       ragged_ops.align_mean(X16.astype("float32"), indices, tok_lengths),
                       exact=False))
    got = ck.align_mean(cupy.asarray(Xbf), cupy.asarray(indices), cupy.asarray(tok_lengths),
                        bfloat16=True)
    out.append(compare("align_mean_bf16", got.get(), ragged_ops.align_mean(
        ragged_ops.load_f32_bits(Xbf, "bfloat16"), indices, tok_lengths), exact=False))
    got = ck.align_scatter(cupy.asarray(dY), cupy.asarray(indices), cupy.asarray(tok_lengths),
                           n_pieces)
    out.append(compare("align_scatter", got.get(),
                       ragged_ops.align_scatter(dY, indices, tok_lengths, n_pieces),
                       exact=False, rtol=1e-4, atol=1e-5))

    seq_lengths = rng.integers(1, 40, size=max(1, int((2_000 if quick else 10_000) * scale))
                               ).astype("int32")
    Xs = rng.standard_normal((int(seq_lengths.sum()), 96)).astype("float32")
    for nW in (1, 2):
        Y = ck.seq2col(cupy.asarray(Xs), nW, cupy.asarray(seq_lengths))
        out.append(compare(f"seq2col_nW{nW}", Y.get(), ragged_ops.seq2col(Xs, nW, seq_lengths),
                           exact=True))
        dYs = rng.standard_normal(Y.shape).astype("float32")
        got = ck.backprop_seq2col(cupy.asarray(dYs), nW, cupy.asarray(seq_lengths))
        out.append(compare(f"backprop_seq2col_nW{nW}", got.get(),
                           ragged_ops.backprop_seq2col(dYs, nW, seq_lengths), exact=False))
    return out


def time_kernels(cupy, props) -> dict:
    """(b): lexloom's kernels against thinc's CupyOps, and the fraction of peak bandwidth."""
    from lexloom.ml import cuda_kernels as ck
    from thinc.api import CupyOps

    ops = CupyOps()
    copy_bw = measured_copy_bandwidth(cupy)
    nominal = nominal_bandwidth(cupy, props)
    rng = numpy.random.default_rng(1)
    rows = {}

    def record(name, ours, theirs, nbytes):
        try:
            t_ours = timed(cupy, ours)
        except Exception as err:
            rows[name] = {"error": f"{type(err).__name__}: {err}"}
            return
        t_thinc, thinc_error = None, None
        if theirs is not None:
            try:
                t_thinc = timed(cupy, theirs)
            except Exception as err:  # a thinc op that refuses these inputs
                thinc_error = f"{type(err).__name__}: {err}"
        rows[name] = {"lexloom_ms": t_ours * 1e3,
                      "thinc_cupy_ms": None if t_thinc is None else t_thinc * 1e3,
                      "speedup": None if t_thinc is None else t_thinc / t_ours,
                      "GB_per_s": nbytes / t_ours / 1e9,
                      "fraction_of_copy_bandwidth": nbytes / t_ours / copy_bw,
                      "fraction_of_nominal_bandwidth":
                          None if nominal is None else nbytes / t_ours / nominal}
        if thinc_error:
            rows[name]["thinc_error"] = thinc_error

    B, O = 200_000, 768
    lengths = cupy.asarray(rng.choice([1, 1, 2, 3], size=B).astype("int32"))
    T = int(lengths.sum())
    X = cupy.asarray(rng.standard_normal((T, O)).astype("float32"))
    dY = cupy.asarray(rng.standard_normal((B, O)).astype("float32"))
    read_write = (T * O + B * O) * 4
    record("reduce_sum", lambda: ck.ragged_reduce(X, lengths, "sum"),
           lambda: ops.reduce_sum(X, lengths), read_write)
    record("reduce_mean", lambda: ck.ragged_reduce(X, lengths, "mean"),
           lambda: ops.reduce_mean(X, lengths), read_write)
    record("reduce_max", lambda: ck.ragged_reduce(X, lengths, "max"),
           lambda: ops.reduce_max(X, lengths), read_write + B * O * 4)
    record("backprop_reduce_mean", lambda: ck.ragged_backward(dY, lengths, "mean"),
           lambda: ops.backprop_reduce_mean(dY, lengths), read_write)
    X16 = X.astype("float16")
    record("reduce_mean_f16", lambda: ck.ragged_reduce(X16, lengths, "mean"), None,
           T * O * 2 + B * O * 4)

    n, width, n_rows = 500_000, 96, 100_000
    ids = cupy.asarray(rng.integers(0, 2**63, size=n, dtype="uint64"))
    table = cupy.asarray(rng.standard_normal((n_rows, width)).astype("float32"))
    d_out = cupy.asarray(rng.standard_normal((n, width)).astype("float32"))
    _, hrows = ck.hash_gather_sum(table, ids, 3)

    def thinc_embed():
        r = ops.hash(ids, 3) % n_rows
        return ops.gather_add(table, r)

    record("hash_gather_sum", lambda: ck.hash_gather_sum(table, ids, 3), thinc_embed,
           n * 8 + n * 4 * width * 4 + n * width * 4 + n * 16)
    d_table = cupy.zeros_like(table)

    def thinc_scatter():
        for k in range(4):
            ops.scatter_add(d_table, hrows[:, k].astype("int32"), d_out)

    record("scatter_add", lambda: ck.scatter_add(d_table, hrows, d_out), thinc_scatter,
           n * width * 4 + n * 4 * width * 4 * 2)
    record("scatter_add_sorted", lambda: ck.scatter_add(d_table, hrows, d_out,
                                                        deterministic=True), thinc_scatter,
           n * width * 4 + n * 4 * width * 4 * 2)
    Xs = cupy.asarray(rng.standard_normal((200_000, 96)).astype("float32"))
    sl = cupy.asarray(numpy.full(2_000, 100, dtype="int32"))
    record("seq2col_nW1", lambda: ck.seq2col(Xs, 1, sl), lambda: ops.seq2col(Xs, 1, lengths=sl),
           Xs.size * 4 * 4)
    return {"copy_bandwidth_GBs": copy_bw / 1e9,
            "nominal_bandwidth_GBs": None if nominal is None else nominal / 1e9,
            "kernels": rows}


def measured_copy_bandwidth(cupy) -> float:
    """Bytes/s of a 2 GiB device-to-device copy (read + write counted), the practical ceiling."""
    src = cupy.ones(2**29, dtype="float32")
    dst = cupy.empty_like(src)
    seconds = timed(cupy, lambda: cupy.copyto(dst, src), repeat=10)
    return 2 * src.nbytes / seconds


def nominal_bandwidth(cupy, props):
    """2 x memory clock x bus width, or None where the runtime no longer reports the clock
    (CUDA 13 dropped it from the device properties)."""
    clock = props.get("memoryClockRate")
    if not clock:
        try:
            clock = cupy.cuda.runtime.deviceGetAttribute(36, 0)  # cudaDevAttrMemoryClockRate
        except Exception:
            return None
    width = props.get("memoryBusWidth")
    return 2.0 * clock * 1e3 * width / 8.0 if clock and width else None


NER_LISTENER_MODEL = {
    "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
    "extra_state_tokens": False, "hidden_width": 64, "maxout_pieces": 2, "use_upper": False,
    "tok2vec": {"@architectures": "spacy-transformers.TransformerListener.v1",
                "grad_factor": 1.0, "pooling": {"@layers": "reduce_mean.v1"}, "upstream": "*"}}

# Builds a transformer + ner pipeline on the GPU with one library, takes a few update steps
# there (so GPU training is exercised too) and saves it.
MAKE_SCRIPT = r"""
import json, sys
system, name, out, ner_model = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
if system == "lexloom":
    import lexloom as lib
    from lexloom.training import Example
else:
    import spacy as lib
    import spacy_transformers  # noqa: F401
    from spacy.training import Example
import os
if not os.environ.get("GPU_CHECK_DRY_RUN"):
    lib.require_gpu(0)
nlp = lib.blank("en")
nlp.add_pipe("transformer", config={"model": {"name": name}})
nlp.add_pipe("ner", config={"model": ner_model})
data = [("Alice Smith visited Paris with Acme Corp last May .", [(0, 11, "PER"), (20, 25, "LOC"), (31, 40, "ORG")]),
        ("The Danube flows through Vienna and Budapest .", [(4, 10, "LOC"), (25, 31, "LOC"), (36, 44, "LOC")]),
        ("Bob joined the United Nations in New York .", [(0, 3, "PER"), (15, 29, "ORG"), (33, 41, "LOC")])]
egs = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in data]
opt = nlp.initialize(lambda: egs)
losses = {}
for _ in range(10):
    losses = nlp.update(egs, sgd=opt)
nlp.to_disk(out)
print(json.dumps({"losses": {k: float(v) for k, v in losses.items()}}))
"""

# Times nlp.pipe over the texts on the GPU; prints seconds and each doc's entities.
PIPE_SCRIPT = r"""
import json, sys, time
system, model, texts_file, overrides = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
texts = [t for t in open(texts_file, encoding="utf-8").read().split("\n") if t.strip()]
if system == "lexloom":
    import lexloom as lib
    if len(sys.argv) > 5:  # the cost of a model call in wordpieces, for an A/B of sub_batches
        import lexloom.transformers.model as trf_model
        trf_model.GPU_SUB_BATCH_COST = int(sys.argv[5])
else:
    import spacy as lib
    import spacy_transformers  # noqa: F401
import os
if not os.environ.get("GPU_CHECK_DRY_RUN"):
    lib.require_gpu(0)
nlp = lib.load(model, config=overrides) if overrides else lib.load(model)
list(nlp.pipe(texts[:128], batch_size=64))
best = float("inf")
for _ in range(2):
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    best = min(best, time.perf_counter() - start)
ents = [[(e.start, e.end, e.label_) for e in d.ents] for d in docs]
print(json.dumps({"seconds": best, "words": sum(len(d) for d in docs), "ents": ents}))
"""


def random_minilm(folder: Path, out: Path) -> Path:
    """MiniLM's architecture with seeded random weights (when `folder` has only its config and
    tokenizer files: the weights are too large to carry to a device machine). Speed does not
    depend on the weights' values; both libraries load the same saved model."""
    import shutil

    import torch
    from transformers import AutoConfig, AutoModel

    if any((folder / w).exists() for w in ("model.safetensors", "pytorch_model.bin")):
        return folder
    torch.manual_seed(0)
    model = AutoModel.from_config(AutoConfig.from_pretrained(str(folder)))
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    for f in folder.iterdir():
        if f.is_file() and not (out / f.name).exists():
            shutil.copy(f, out / f.name)
    return out


def _run_json(args: list, timeout: float) -> dict:
    run = subprocess.run([sys.executable, "-c", *args], capture_output=True, text=True,
                         timeout=timeout)
    if run.returncode != 0:
        return {"error": run.stderr[-3000:]}
    return json.loads(run.stdout.strip().splitlines()[-1])


def time_pipelines(args) -> dict:
    """(c): MiniLM + NER on the GPU: spacy-transformers and lexloom on the same spaCy-trained
    pipeline (entities compared), and a lexloom-trained one; wordpieces per second."""
    if not args.minilm:
        return {"skipped": "pass --minilm DIR (all-MiniLM-L6-v2's config and tokenizer files)"}
    try:
        import spacy_transformers  # noqa: F401
        from transformers import AutoTokenizer
    except Exception as err:
        return {"skipped": f"spacy-transformers / transformers not importable ({err})"}
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    name = str(random_minilm(Path(args.minilm), work / "minilm"))
    texts_file = Path(args.texts)
    texts = [t for t in texts_file.read_text(encoding="utf-8").split("\n") if t.strip()]
    tok = AutoTokenizer.from_pretrained(name)
    wordpieces = sum(len(tok(t)["input_ids"]) for t in texts)
    result = {"texts": len(texts), "wordpieces": wordpieces, "model": name}
    ner = json.dumps(NER_LISTENER_MODEL)
    for system in ("spacy", "lexloom"):
        made = _run_json([MAKE_SCRIPT, system, name, str(work / f"{system}_trf_ner"), ner], 240)
        result[f"made_by_{system}"] = made
    mixed = json.dumps({"components": {"transformer": {"model": {"mixed_precision": True}}}})
    # the last two: lexloom cutting sub-batches with the CPU's cost of a model call
    from lexloom.transformers.model import SUB_BATCH_COST

    cpu_cost = [str(SUB_BATCH_COST)]
    runs = (("spacy", "spacy", "{}", []), ("lexloom", "spacy", "{}", []),
            ("lexloom", "lexloom", "{}", []), ("lexloom", "spacy", mixed, []),
            ("lexloom", "spacy", "{}", cpu_cost), ("lexloom", "spacy", mixed, cpu_cost))
    for system, maker, overrides, extra in runs:
        key = f"{system}_on_{maker}_pipeline" + ("_mixed_precision" if overrides != "{}" else "")
        key += "_cpu_sub_batch_cost" if extra else ""
        if "error" in result[f"made_by_{maker}"]:
            result[key] = {"skipped": f"no pipeline made by {maker}"}
            continue
        try:
            stats = _run_json([PIPE_SCRIPT, system, str(work / f"{maker}_trf_ner"),
                               str(texts_file), overrides, *extra], 300)
        except subprocess.TimeoutExpired:
            stats = {"error": "timed out"}
        if "seconds" in stats:
            stats["wordpieces_per_s"] = wordpieces / stats["seconds"]
            stats["words_per_s"] = stats["words"] / stats["seconds"]
        result[key] = stats
    base = result.get("spacy_on_spacy_pipeline", {})
    for key in list(result):
        run = result[key]
        if key.startswith("lexloom_on") and isinstance(run, dict) and "seconds" in run \
                and "seconds" in base:
            run["ratio_to_spacy"] = run["wordpieces_per_s"] / base["wordpieces_per_s"]
            if "on_spacy_pipeline" in key:
                same = sum(a == b for a, b in zip(run["ents"], base["ents"]))
                run["docs_with_identical_entities"] = f"{same}/{len(base['ents'])}"
    for run in result.values():
        if isinstance(run, dict) and "ents" in run:
            run["n_ents"] = sum(len(e) for e in run.pop("ents"))
    return result


def cnn_on_gpu(args) -> dict:
    """lexloom's shipped CNN pipeline on the GPU against itself on the CPU: identical
    annotations expected (HashEmbed and seq2col take the kernels there), and words/s."""
    code = r"""
import json, sys, time
import lexloom
texts = [t for t in open(sys.argv[1], encoding="utf-8").read().split("\n") if t.strip()]
def annotate(nlp):
    list(nlp.pipe(texts[:64], batch_size=128))
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=128))
    secs = time.perf_counter() - start
    return secs, [[(t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in d] for d in docs], sum(len(d) for d in docs)
cpu_s, cpu, words = annotate(lexloom.load("en_lexloom_sm"))
import os
if not os.environ.get("GPU_CHECK_DRY_RUN"):
    lexloom.require_gpu(0)
gpu_s, gpu, _ = annotate(lexloom.load("en_lexloom_sm"))
same = sum(a == b for a, b in zip(cpu, gpu))
# a few training steps on the GPU (HashEmbed's scatter-add kernel, the parser's backprop)
from lexloom.training import Example
nlp = lexloom.load("en_lexloom_sm")
docs = list(nlp.pipe(texts[:32]))
egs = [Example(nlp.make_doc(d.text), d) for d in docs]
opt = nlp.resume_training()
losses = {}
for _ in range(3):
    losses = nlp.update(egs, sgd=opt)
print(json.dumps({"words": words, "cpu_words_per_s": words / cpu_s, "gpu_words_per_s": words / gpu_s,
                  "docs_identical": f"{same}/{len(cpu)}",
                  "gpu_update_losses": {k: float(v) for k, v in losses.items()}}))
"""
    try:
        return _run_json([code, args.texts], 240)
    except subprocess.TimeoutExpired:
        return {"error": "timed out"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller arrays in (a)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--minilm", default=None,
                        help="all-MiniLM-L6-v2 folder (weights optional: random when absent)")
    parser.add_argument("--workdir", default="/tmp/lexloom_gpu_check")
    parser.add_argument("--texts", default=None, help="one text per line")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: "
                        "kernels,timings,pipelines,cnn")
    parser.add_argument("--dry-run", action="store_true",
                        help="without a GPU: parts (c) and (d) on the CPU, to test this script")
    args = parser.parse_args(argv)
    if args.dry_run:
        os.environ["GPU_CHECK_DRY_RUN"] = "1"
        args.texts = args.texts or write_sample_texts(Path(args.workdir), n=50)
        summary = {"status": "dry run on the CPU", "cnn_pipeline": cnn_on_gpu(args),
                   "pipeline": time_pipelines(args)}
        print(json.dumps(summary, indent=1))
        return 0
    cupy, props = gpu_or_none()
    if cupy is None:
        summary = {"status": "no GPU", "reason": props}
        print(json.dumps(summary, indent=1))
        if args.json:
            args.json.write_text(json.dumps(summary, indent=1))
        return 2
    started = time.perf_counter()
    name = props["name"].decode() if isinstance(props["name"], bytes) else str(props["name"])
    summary = {"status": "ok", "device": name,
               "compute_capability": f"{props['major']}.{props['minor']}",
               "memory_GB": props["totalGlobalMem"] / 1e9}
    skip = set(filter(None, args.skip.split(",")))
    texts = args.texts or write_sample_texts(Path(args.workdir))
    args.texts = texts

    def save():  # after every part, so a run cut short still leaves what it measured
        summary["seconds"] = time.perf_counter() - started
        if args.json:
            args.json.write_text(json.dumps(summary, indent=1))

    if "kernels" not in skip:
        try:
            checks = check_kernels(cupy, args.quick)
        except Exception as err:  # a kernel that fails to compile or launch is a failed check
            checks = [{"kernel": "all", "equal": False, "why": f"{type(err).__name__}: {err}"}]
        summary["equal_to_cpu"] = checks
        summary["all_equal"] = all(c["equal"] for c in checks)
        save()
    if "timings" not in skip:
        try:
            summary["timings"] = time_kernels(cupy, props)
        except Exception as err:
            summary["timings"] = {"error": f"{type(err).__name__}: {err}"}
        save()
    if "cnn" not in skip:
        summary["cnn_pipeline"] = cnn_on_gpu(args)
        save()
    if "pipelines" not in skip:
        summary["pipeline"] = time_pipelines(args)
        save()
    print(json.dumps(summary, indent=1))
    return 0 if summary.get("all_equal", True) else 1


def write_sample_texts(workdir: Path, n: int = 2000) -> str:
    """Without --texts: n generated English paragraphs (lexloom's sample generator)."""
    import random

    workdir.mkdir(parents=True, exist_ok=True)
    words = ("the a of and to in company city river people report market year said would "
             "new first last government minister Paris London Acme Google Alice Smith John "
             "Maria Berlin Tokyo council bank court water school").split()
    rng = random.Random(0)
    lines = []
    for _ in range(n):
        sents = []
        for _ in range(rng.randint(2, 5)):
            sent = " ".join(rng.choice(words) for _ in range(rng.randint(6, 20)))
            sents.append(sent[0].upper() + sent[1:] + ".")
        lines.append(" ".join(sents))
    path = workdir / "texts.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)

if __name__ == "__main__":
    sys.exit(main())
