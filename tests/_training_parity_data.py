"""A tiny pipeline and batch for training parity with spaCy: the config, the data, and the
run whose figures benchmarks/make_training_parity_reference.py stores once (computed with
spaCy 3.8) and tests/test_training_parity.py recomputes with lexloom.

`run(lib, config_str)` takes `spacy` or `lexloom` (the same calls work for both): it builds the
pipeline from CONFIG (or BEAM_CONFIG) with seed 0, initializes it on the examples, takes one update with dropout 0.1
(seed 1; the gradients are summarized, then applied with the config's Adam), then three
more; it returns the initial weights', the first gradients' and the final weights'
summaries and every step's losses.
"""
from __future__ import annotations

import numpy

CONFIG = """
[nlp]
lang = "en"
pipeline = ["tok2vec","tagger","parser","ner","textcat"]

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 16
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [200,50,100,100]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 16
depth = 2
window_size = 1
maxout_pieces = 3

[components.tagger]
factory = "tagger"
label_smoothing = 0.05

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 16
upstream = "*"

[components.parser]
factory = "parser"
min_action_freq = 1
update_with_oracle_cut_size = 6

[components.parser.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = 16
maxout_pieces = 2
use_upper = true
nO = null

[components.parser.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 16
upstream = "*"

[components.ner]
factory = "ner"
update_with_oracle_cut_size = 4

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 16
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 16
upstream = "*"

[components.textcat]
factory = "textcat"

[components.textcat.model]
@architectures = "spacy.TextCatEnsemble.v2"
nO = null

[components.textcat.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 16
upstream = "*"

[components.textcat.model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = true
length = 262144
ngram_size = 1
no_output_layer = false
nO = null

[training]
seed = 0

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 0.00000001
learn_rate = 0.001
"""

# The same pipeline with beam_parser and beam_ner always taking spaCy's beam update
# (beam_update_prob 1.0): the max-violation update of _beam_utils.
BEAM_CONFIG = (CONFIG
               .replace('[components.parser]\nfactory = "parser"',
                        '[components.parser]\nfactory = "beam_parser"\nbeam_width = 4\n'
                        'beam_update_prob = 1.0\nbeam_density = 0.0')
               .replace('[components.ner]\nfactory = "ner"',
                        '[components.ner]\nfactory = "beam_ner"\nbeam_width = 4\n'
                        'beam_update_prob = 1.0\nbeam_density = 0.0'))

# (words, tags, heads, deps, BILUO entity tags, the positive category)
DATA = [
    ("Alice ate the big pizza in Paris yesterday .".split(),
     ["NNP", "VBD", "DT", "JJ", "NN", "IN", "NNP", "NN", "."],
     [1, 1, 4, 4, 1, 6, 1, 1, 1],
     ["nsubj", "ROOT", "det", "amod", "obj", "case", "obl", "obl:tmod", "punct"],
     ["U-PER", "O", "O", "O", "O", "O", "U-LOC", "O", "O"], "FOOD"),
    ("Bob Smith visited New York with his dog .".split(),
     ["NNP", "NNP", "VBD", "NNP", "NNP", "IN", "PRP$", "NN", "."],
     [2, 0, 2, 4, 2, 7, 7, 2, 2],
     ["nsubj", "flat", "ROOT", "compound", "obj", "case", "nmod:poss", "obl", "punct"],
     ["B-PER", "L-PER", "O", "B-LOC", "L-LOC", "O", "O", "O", "O"], "TRAVEL"),
    ("We cooked soup and bread for Carol in Berlin .".split(),
     ["PRP", "VBD", "NN", "CC", "NN", "IN", "NNP", "IN", "NNP", "."],
     [1, 1, 1, 4, 2, 6, 1, 8, 1, 1],
     ["nsubj", "ROOT", "obj", "cc", "conj", "case", "obl", "case", "obl", "punct"],
     ["O", "O", "O", "O", "O", "O", "U-PER", "O", "U-LOC", "O"], "FOOD"),
    ("The train to Rome left early .".split(),
     ["DT", "NN", "IN", "NNP", "VBD", "RB", "."],
     [1, 4, 3, 1, 4, 4, 4],
     ["det", "nsubj", "case", "nmod", "ROOT", "advmod", "punct"],
     ["O", "O", "O", "U-LOC", "O", "O", "O"], "TRAVEL"),
]
CATS = ("FOOD", "TRAVEL")


def examples(lib, nlp) -> list:
    out = []
    for words, tags, heads, deps, ents, cat in DATA:
        doc = lib.tokens.Doc(nlp.vocab, words=words)
        out.append(lib.training.Example.from_dict(doc, {
            "tags": tags, "heads": heads, "deps": deps, "entities": ents,
            "cats": {c: float(c == cat) for c in CATS}}))
    return out


def summarize(arrays: dict) -> dict:
    """Per array: shape, sum, sum of absolute values and the first 6 values."""
    return {key: {"shape": list(a.shape), "sum": float(a.sum()),
                  "abs_sum": float(numpy.abs(a).sum()),
                  "head": [float(v) for v in a.ravel()[:6]]}
            for key, a in arrays.items()}


def _arrays(nlp, names, what: str) -> dict:
    out = {}
    for name in names:
        for i, node in enumerate(nlp.get_pipe(name).model.walk()):
            for param in node.param_names:
                has = node.has_grad(param) if what == "grad" else node.has_param(param)
                if has:
                    value = node.get_grad(param) if what == "grad" else node.get_param(param)
                    out[f"{name}/{i}/{node.name}/{param}"] = numpy.asarray(value)
    return out


def run(lib, config_str: str = CONFIG) -> dict:
    from thinc.api import Config, fix_random_seed

    config = Config().from_str(config_str)
    fix_random_seed(0)
    nlp = lib.util.load_model_from_config(config, auto_fill=True)
    egs = examples(lib, nlp)
    nlp.initialize(lambda: egs)
    names = [n for n, p in nlp.pipeline if hasattr(p, "model")]
    optimizer = lib.util.registry.resolve({"o": config["training"]["optimizer"]})["o"]
    result = {"labels": {n: list(getattr(nlp.get_pipe(n), "labels", ())) for n in names},
              "init": summarize(_arrays(nlp, names, "param")), "losses": []}
    for step in range(4):
        fix_random_seed(1 + step)
        losses: dict = {}
        nlp.update(egs, drop=0.1, sgd=False, losses=losses)
        result["losses"].append({k: float(v) for k, v in losses.items()})
        if step == 0:
            result["grads"] = summarize(_arrays(nlp, names, "grad"))
        for name in names:
            nlp.get_pipe(name).finish_update(optimizer)
    result["final"] = summarize(_arrays(nlp, names, "param"))
    return result
