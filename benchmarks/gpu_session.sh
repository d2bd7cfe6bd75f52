#!/usr/bin/env bash
# One device session for issue 18, run in the repository root of a machine with a GPU that
# cannot reach a package index: install the carried wheels, build lexloom, run the GPU tests
# and benchmarks/gpu_check.py. Results and logs go to OUT.
#   bash benchmarks/gpu_session.sh WHEELS OUT
# WHEELS holds cp312 wheels of lexloom's dependencies, spaCy 3.8 + spacy-transformers 1.4 +
# transformers 4.53 (debug info stripped to fit a 64 MiB transfer), minilm/ (all-MiniLM-L6-v2's
# config and tokenizer files) and texts.txt (one paragraph per line).
set -u
WHEELS=${1:-.whl}
OUT=${2:-/tmp/gpu_session}
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false
step() { echo "== $(date +%T) $*" | tee -a "$OUT/steps.txt"; }

step environment
{ nvidia-smi; python3 -VV; python3 -m pip list 2>/dev/null | grep -iE "^(cython|numpy|cupy|torch|scikit-build|cmake|ninja) "; nvcc --version; } > "$OUT/env.txt" 2>&1

step install wheels
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site "$WHEELS"/*.whl > "$OUT/build.log" 2>&1 || { step install failed; exit 3; }
export PYTHONPATH=/tmp/site

step build lexloom
CMAKE_BUILD_PARALLEL_LEVEL=$(nproc) timeout 420 python3 -m pip install -q --no-index --no-deps \
    --no-build-isolation --no-compile --target /tmp/lex . -Cbuild-dir=/tmp/lexbuild \
    >> "$OUT/build.log" 2>&1 || { step build failed; tail -50 "$OUT/build.log"; exit 4; }
export PYTHONPATH=/tmp/lex:/tmp/site
python3 -c "import lexloom, thinc, spacy, cupy, transformers; print(lexloom.__file__, thinc.__version__, spacy.__version__, cupy.__version__, transformers.__version__)" >> "$OUT/env.txt" 2>&1

step gpu tests
for t in tests/test_cuda_kernels.py tests/test_transformer.py::test_transformer_runs_on_gpu_with_mixed_precision; do
    timeout 240 python3 -m pytest -q -p no:cacheprovider -o addopts="" -rs "$t" >> "$OUT/pytest.log" 2>&1
    echo "pytest $t exit $?" | tee -a "$OUT/steps.txt"
done

step gpu_check
timeout 420 python3 benchmarks/gpu_check.py --json "$OUT/gpu_check.json" \
    --minilm "$WHEELS/minilm" --texts "$WHEELS/texts.txt" ${GPU_CHECK_ARGS:-} \
    > "$OUT/gpu_check.log" 2>&1
echo "gpu_check exit $?" | tee -a "$OUT/steps.txt"

if command -v compute-sanitizer > /dev/null; then
    step memcheck of every kernel
    timeout 120 compute-sanitizer --tool memcheck --error-exitcode 9 python3 \
        benchmarks/gpu_check.py --quick --skip timings,cnn,pipelines \
        > "$OUT/memcheck.log" 2>&1
    echo "memcheck exit $?" | tee -a "$OUT/steps.txt"
fi
step done
