"""Starter training configs: what `lexloom init config` writes.

`make_config(lang, pipeline, optimize, gpu, pretraining)` gives the config that spaCy 3.8's
`spacy init config` gives for the same options, block for block and value for value, so a
project can start from either tool. Each component contributes one small block, built by a
function below from three choices: efficiency or accuracy, CPU or GPU, and the layer that
feeds it features (a listener on the shared `tok2vec`, or on a `transformer` when the
config runs on GPU).

The blocks are written out in full, every factory and architecture setting included, as
spaCy's auto-fill writes them; so the file is the same whether or not a component's
implementation has landed, and a test checks that filling the result with lexloom's own
factories changes nothing.
"""
from __future__ import annotations

from typing import Any, Iterable

from ..errors import ConfigError, LanguageError
from ..util import combine_score_weights

TOK2VEC_WIDTH = "${components.tok2vec.model.encode.width}"

# Recommended static vectors and transformer per language code (efficiency and accuracy
# use the same transformer everywhere, with gradients accumulated over 3 batches).
# A language without an entry gets the multilingual default.
RECOMMENDATIONS: dict[str, tuple[str | None, str | None]] = {
    "ar": (None, "asafaya/bert-base-arabic"),
    "bg": (None, "iarfmoose/roberta-base-bulgarian"),
    "bn": (None, "sagorsarker/bangla-bert-base"),
    "ca": (None, "projecte-aina/roberta-base-ca-v2"),
    "da": ("da_core_news_lg", "Maltehb/danish-bert-botxo"),
    "de": ("de_core_news_lg", "bert-base-german-cased"),
    "el": ("el_core_news_lg", "nlpaueb/bert-base-greek-uncased-v1"),
    "en": ("en_core_web_lg", "roberta-base"),
    "es": ("es_core_news_lg", "dccuchile/bert-base-spanish-wwm-cased"),
    "eu": (None, "mrm8488/RoBasquERTa"),
    "fi": (None, "TurkuNLP/bert-base-finnish-cased-v1"),
    "fr": ("fr_core_news_lg", "camembert-base"),
    "hi": (None, "ai4bharat/indic-bert"),
    "id": (None, "indolem/indobert-base-uncased"),
    "it": ("it_core_news_lg", None),
    "ja": ("ja_core_news_lg", None),
    "lt": ("lt_core_news_lg", None),
    "mk": (None, "anon-submission-mk/bert-base-macedonian-cased"),
    "nb": ("nb_core_news_lg", "NbAiLab/nb-bert-base"),
    "nl": ("nl_core_news_lg", "GroNLP/bert-base-dutch-cased"),
    "pl": ("pl_core_news_lg", "dkleczek/bert-base-polish-cased-v1"),
    "pt": ("pt_core_news_lg", "neuralmind/bert-base-portuguese-cased"),
    "ro": ("ro_core_news_lg", "dumitrescustefan/bert-base-romanian-cased-v1"),
    "si": (None, "setu4993/LaBSE"),
    "sv": (None, "KB/bert-base-swedish-cased"),
    "ta": (None, "ai4bharat/indic-bert"),
    "te": (None, "kuppuluri/telugu_bertu"),
    "th": (None, "monsoon-nlp/bert-base-thai"),
    "tr": (None, "dbmdz/bert-base-turkish-cased"),
    "uk": (None, "youscan/ukr-roberta-base"),
    "ur": (None, "urduhack/roberta-urdu-small"),
    "zh": ("zh_core_web_lg", "bert-base-chinese"),
}
DEFAULT_RECOMMENDATION: tuple[str | None, str | None] = (None, "bert-base-multilingual-uncased")
TRANSFORMER_SIZE_FACTOR = 3

OPTIMIZE_CHOICES = ("efficiency", "accuracy")


class _Setup:
    """The choices every block depends on."""

    def __init__(self, optimize: str, gpu: bool, transformer: str | None):
        self.accuracy = optimize == "accuracy"
        self.gpu = gpu
        self.transformer = transformer  # the HF model name when the config uses one

    def features(self) -> dict:
        """The layer a component reads token vectors from: a listener on the shared layer."""
        if self.transformer:
            return {"@architectures": "spacy-transformers.TransformerListener.v1",
                    "grad_factor": 1.0, "upstream": "*",
                    "pooling": {"@layers": "reduce_mean.v1"}}
        return {"@architectures": "spacy.Tok2VecListener.v1", "width": TOK2VEC_WIDTH,
                "upstream": "*"}


# ---- one block per component ------------------------------------------------------------

def _tok2vec(s: _Setup) -> dict:
    return {"factory": "tok2vec", "model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": TOK2VEC_WIDTH,
                  "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                  "rows": [5000, 1000, 2500, 2500], "include_static_vectors": s.accuracy},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2",
                   "width": 256 if s.accuracy else 96, "depth": 8 if s.accuracy else 4,
                   "window_size": 1, "maxout_pieces": 3}}}


def _transformer(s: _Setup) -> dict:
    return {"factory": "transformer", "max_batch_items": 4096,
            "set_extra_annotations": {
                "@annotation_setters": "spacy-transformers.null_annotation_setter.v1"},
            "model": {"@architectures": "spacy-transformers.TransformerModel.v3",
                      "name": s.transformer, "tokenizer_config": {"use_fast": True},
                      "transformer_config": {}, "mixed_precision": False,
                      "grad_scaler_config": {},
                      "get_spans": {"@span_getters": "spacy-transformers.strided_spans.v1",
                                    "window": 128, "stride": 96}}}


def _tagger_model(tok2vec: dict) -> dict:
    return {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False,
            "tok2vec": tok2vec}


def _smoothed(factory: str, s: _Setup, settings: dict) -> dict:
    """A tagger-like block: label smoothing 0.05 on CPU, written right after the factory;
    with a transformer the default 0.0, written after the other settings (as spaCy's
    template leaves it to auto-fill there)."""
    if s.transformer:
        return {"factory": factory, **settings, "label_smoothing": 0.0}
    return {"factory": factory, "label_smoothing": 0.05, **settings}


def _tagger(s: _Setup) -> dict:
    return {**_smoothed("tagger", s, {"overwrite": False, "neg_prefix": "!"}),
            "scorer": {"@scorers": "spacy.tagger_scorer.v1"},
            "model": _tagger_model(s.features())}


def _morphologizer(s: _Setup) -> dict:
    return {**_smoothed("morphologizer", s, {"overwrite": True, "extend": False}),
            "scorer": {"@scorers": "spacy.morphologizer_scorer.v1"},
            "model": _tagger_model(s.features())}


def _senter(s: _Setup) -> dict:
    # Sentence boundaries need little context: the senter keeps its own small embedding
    # instead of listening to the shared layer.
    own = {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None,
           "width": 12, "depth": 1, "embed_size": 2000, "window_size": 1,
           "maxout_pieces": 2, "subword_features": True}
    return {"factory": "senter", "overwrite": False,
            "scorer": {"@scorers": "spacy.senter_scorer.v1"},
            "model": _tagger_model(own)}


def _transition_model(s: _Setup, state_type: str, hidden_width: int,
                      maxout_pieces: int) -> dict:
    return {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": state_type,
            "extra_state_tokens": False, "hidden_width": hidden_width,
            "maxout_pieces": maxout_pieces, "use_upper": not s.transformer, "nO": None,
            "tok2vec": s.features()}


def _parser(s: _Setup) -> dict:
    return {"factory": "parser", "moves": None, "update_with_oracle_cut_size": 100,
            "learn_tokens": False, "min_action_freq": 30,
            "scorer": {"@scorers": "spacy.parser_scorer.v1"},
            "model": _transition_model(s, "parser", 128, 3)}


def _ner(s: _Setup) -> dict:
    return {"factory": "ner", "moves": None, "update_with_oracle_cut_size": 100,
            "incorrect_spans_key": None, "scorer": {"@scorers": "spacy.ner_scorer.v1"},
            "model": _transition_model(s, "ner", 64, 2)}


def _bow(exclusive: bool) -> dict:
    return {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": exclusive,
            "length": 262144, "ngram_size": 1, "no_output_layer": False, "nO": None}


def _textcat_model(s: _Setup, exclusive: bool) -> dict:
    if s.accuracy:
        return {"@architectures": "spacy.TextCatEnsemble.v2", "nO": None,
                "tok2vec": s.features(), "linear_model": _bow(exclusive)}
    if s.transformer:
        return {"@architectures": "spacy.TextCatCNN.v2", "exclusive_classes": exclusive,
                "nO": None, "tok2vec": s.features()}
    return _bow(exclusive)  # bag of words: fast, and needs no token vectors


def _textcat(s: _Setup) -> dict:
    return {"factory": "textcat", "threshold": 0.0,
            "scorer": {"@scorers": "spacy.textcat_scorer.v2"},
            "model": _textcat_model(s, exclusive=True)}


def _textcat_multilabel(s: _Setup) -> dict:
    return {"factory": "textcat_multilabel", "threshold": 0.5,
            "scorer": {"@scorers": "spacy.textcat_multilabel_scorer.v2"},
            "model": _textcat_model(s, exclusive=False)}


def _trainable_lemmatizer(s: _Setup) -> dict:
    return {"factory": "trainable_lemmatizer", "backoff": "orth", "min_tree_freq": 3,
            "overwrite": False, "top_k": 1,
            "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
            "model": _tagger_model(s.features())}


def _span_categorizer(s: _Setup, scorer: dict) -> dict:
    return {"@architectures": "spacy.SpanCategorizer.v1",
            "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 128},
            "scorer": scorer, "tok2vec": s.features()}


def _spancat(s: _Setup) -> dict:
    return {"factory": "spancat", "max_positive": None,
            "scorer": {"@scorers": "spacy.spancat_scorer.v1"}, "spans_key": "sc",
            "threshold": 0.5,
            "model": _span_categorizer(s, {"@layers": "spacy.LinearLogistic.v1", "nO": None,
                                           "nI": None}),
            "suggester": {"@misc": "spacy.ngram_suggester.v1", "sizes": [1, 2, 3]}}


def _spancat_singlelabel(s: _Setup) -> dict:
    return {"factory": "spancat_singlelabel", "negative_weight": 1.0, "allow_overlap": True,
            "scorer": {"@scorers": "spacy.spancat_scorer.v1"}, "spans_key": "sc",
            "model": _span_categorizer(s, {"@layers": "Softmax.v2", "nO": None, "nI": None,
                                           "init_W": None, "init_b": None,
                                           "normalize_outputs": True, "temperature": 1.0}),
            "suggester": {"@misc": "spacy.ngram_suggester.v1", "sizes": [1, 2, 3]}}


def _span_finder(s: _Setup) -> dict:
    return {"factory": "span_finder", "max_length": 25, "min_length": None,
            "scorer": {"@scorers": "spacy.span_finder_scorer.v1"}, "spans_key": "sc",
            "threshold": 0.5,
            "model": {"@architectures": "spacy.SpanFinder.v1",
                      "scorer": {"@layers": "spacy.LinearLogistic.v1", "nO": 2, "nI": None},
                      "tok2vec": s.features()}}


def _entity_linker(s: _Setup) -> dict:
    return {"factory": "entity_linker",
            "get_candidates": {"@misc": "spacy.CandidateGenerator.v1"},
            "get_candidates_batch": {"@misc": "spacy.CandidateBatchGenerator.v1"},
            "generate_empty_kb": {"@misc": "spacy.EmptyKB.v2"},
            "scorer": {"@scorers": "spacy.entity_linker_scorer.v1"},
            "incl_context": True, "incl_prior": True, "labels_discard": [], "n_sents": 0,
            "entity_vector_length": 64, "overwrite": True, "use_gold_ents": True,
            "candidates_batch_size": 1, "threshold": None,
            "model": {"@architectures": "spacy.EntityLinker.v2", "nO": None,
                      "tok2vec": s.features()}}


BLOCKS = {"tagger": _tagger, "morphologizer": _morphologizer, "senter": _senter,
          "parser": _parser, "ner": _ner, "textcat": _textcat,
          "textcat_multilabel": _textcat_multilabel,
          "trainable_lemmatizer": _trainable_lemmatizer, "spancat": _spancat,
          "spancat_singlelabel": _spancat_singlelabel, "span_finder": _span_finder,
          "entity_linker": _entity_linker}

# Components that read features from the shared layer. textcat listens only when it runs
# the ensemble (accuracy) or a transformer; otherwise it is a bag of words on its own.
_ALWAYS_LISTEN = ("tagger", "morphologizer", "parser", "ner", "trainable_lemmatizer",
                  "spancat", "spancat_singlelabel", "span_finder", "entity_linker")


# ---- the whole config -----------------------------------------------------------------

def default_pretraining_config():
    """The blocks `--pretraining` adds: [pretraining], [paths] raw_text, [corpora.pretrain]
    (read from default_config_pretraining.cfg, spaCy's DEFAULT_CONFIG_PRETRAIN_PATH)."""
    from confection import Config

    from ..language import DEFAULT_CONFIG_PRETRAIN_PATH

    return Config().from_disk(DEFAULT_CONFIG_PRETRAIN_PATH, interpolate=False)


def parse_pipeline(text: str | Iterable[str]) -> list[str]:
    """"tagger,parser", "[tagger, parser]" or a list -> ["tagger", "parser"]."""
    if not isinstance(text, str):
        return [str(p).strip() for p in text if str(p).strip()]
    text = text.strip().strip("[]")
    return [p.strip().strip("'\"").strip() for p in text.split(",") if p.strip("'\" ")]


def make_config(lang: str = "en", pipeline: str | Iterable[str] = ("tagger",),
                optimize: str = "efficiency", gpu: bool = False, pretraining: bool = False):
    """A complete starter config (a confection Config) for training `pipeline` in `lang`.

    optimize: "efficiency" (smaller, faster) or "accuracy" (wider tok2vec, static vectors,
    ensemble text classifiers). gpu: use the language's recommended transformer, shared
    through listeners, where there is one. pretraining: add the [pretraining] blocks.
    "tok2vec" / "transformer" in `pipeline` are ignored: they are added where needed.
    Components without a block here (your own) get their factory's default config.
    """
    from confection import Config

    from ..language import LANGUAGES, Language, get_lang_class

    if optimize not in OPTIMIZE_CHOICES:
        raise ConfigError(f"optimize must be one of {', '.join(OPTIMIZE_CHOICES)}, "
                          f"not {optimize!r}.")
    if lang not in LANGUAGES:
        raise LanguageError(f"No language data for {lang!r}. Available: "
                            f"{', '.join(sorted(LANGUAGES))}.")
    names = [p for p in parse_pipeline(pipeline) if p not in ("tok2vec", "transformer")]
    if len(set(names)) != len(names):
        raise ConfigError(f"The pipeline {names} names a component twice; names must be "
                          "unique.")
    vectors, transformer = RECOMMENDATIONS.get(lang, DEFAULT_RECOMMENDATION)
    setup = _Setup(optimize, gpu, transformer if gpu else None)

    has_textcat = any(n in ("textcat", "textcat_multilabel") for n in names)
    shared = any(n in _ALWAYS_LISTEN for n in names) or (
        has_textcat and (setup.accuracy or setup.transformer is not None))
    components: dict[str, dict] = {}
    weights: list[dict] = []
    if shared:
        components["transformer" if setup.transformer else "tok2vec"] = (
            _transformer(setup) if setup.transformer else _tok2vec(setup))
    custom = [n for n in names if n not in BLOCKS]
    for name in names:
        components[name] = BLOCKS[name](setup) if name in BLOCKS else {"factory": name}
        # what each factory contributes to [training.score_weights] (None: reported only)
        weights.append(dict(Language.get_factory_meta(name).default_score_weights))
    if custom:
        components.update(_fill_from_factories(lang, custom))

    training: dict[str, Any] = {
        "logger": {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False},
        "score_weights": combine_score_weights(weights),
    }
    if setup.transformer:
        training["accumulate_gradient"] = TRANSFORMER_SIZE_FACTOR
        training["optimizer"] = {"learn_rate": {
            "@schedules": "warmup_linear.v1", "warmup_steps": 250, "total_steps": 20000,
            "initial_rate": 5e-5}}
        training["batcher"] = {"@batchers": "spacy.batch_by_padded.v1",
                               "discard_oversize": True, "size": 2000, "buffer": 256,
                               "get_length": None}
    else:
        training["batcher"] = {"@batchers": "spacy.batch_by_words.v1",
                               "discard_oversize": False, "tolerance": 0.2,
                               "get_length": None,
                               "size": {"@schedules": "compounding.v1", "start": 100,
                                        "stop": 1000, "compound": 1.001, "t": 0.0}}
    use_vectors = setup.accuracy and not setup.transformer and vectors
    ours = Config({
        "paths": {"vectors": vectors if use_vectors else None},
        "system": {"gpu_allocator": "pytorch" if setup.transformer else None},
        "nlp": {"lang": lang, "pipeline": list(components), "batch_size": 128 if gpu else 1000},
        "components": components,
        "training": training,
        "pretraining": {},
    })
    # the language's own defaults (its tokenizer, [initialize.tokenizer]), as spaCy fills
    # the template from the language class
    config = get_lang_class(lang).default_config.merge(ours)
    if pretraining:
        config = default_pretraining_config().merge(config)
    return _ordered(config)


def _fill_from_factories(lang: str, names: list[str]) -> dict:
    """Blocks for components without a template: each factory's filled default config."""
    import lexloom

    nlp = lexloom.blank(lang)
    out = {}
    for name in names:
        nlp.add_pipe(name)
        out[name] = {"factory": name, **{k: v for k, v in nlp.get_pipe_config(name).items()
                                        if k != "factory"}}
    return out


# The order spaCy's `init config` writes blocks and settings in (its template's order, then
# what auto-fill adds; [components] and [pretraining] last, as its from_config re-adds them),
# so that the two tools' files are the same text, not only the same config.
_SECTION_ORDER = ("paths", "system", "nlp", "corpora", "training", "initialize", "components",
                  "pretraining")
_KEYS_FIRST = {
    "paths": ("train", "dev", "vectors", "init_tok2vec"),
    "training": ("dev_corpus", "train_corpus"),
    "corpora.*": ("@readers", "path", "min_length", "max_length"),
    "components.*": ("factory",),
}
# sub-blocks (written after a block's own settings) in this order
_BLOCKS_ORDER = {"training": ("optimizer", "batcher", "logger", "score_weights"),
                 "components.*": ("model", "suggester")}
# a factory's model block whose settings spaCy's template lists in another order
_MODEL_KEYS_FIRST = {("textcat", "spacy.TextCatBOW.v3"): (
    "@architectures", "exclusive_classes", "ngram_size", "no_output_layer", "length")}


def _ordered(config):
    """The config's blocks and settings in the order spaCy's `init config` writes them."""
    from confection import Config

    keys = [k for k in _SECTION_ORDER if k in config] + [k for k in config
                                                          if k not in _SECTION_ORDER]
    out = {}
    for key in keys:
        block = config[key]
        if not isinstance(block, dict):
            out[key] = block
        elif key == "corpora":
            out[key] = {name: _ordered_block(sub, "corpora.*") if isinstance(sub, dict)
                        else sub for name, sub in block.items()}
        elif key == "components":
            out[key] = {name: _ordered_model(_ordered_block(sub, "components.*"))
                        if isinstance(sub, dict) else sub for name, sub in block.items()}
        else:
            out[key] = _ordered_block(block, key)
    return Config(out, is_interpolated=False)   # it holds ${...} references, as spaCy's


def _ordered_block(block: dict, where: str) -> dict:
    """One block's settings: _KEYS_FIRST's first, then the rest as they were; its sub-blocks
    (confection writes them after the settings, in key order) as _BLOCKS_ORDER says."""
    first = [k for k in _KEYS_FIRST.get(where, ()) if k in block]
    if where == "training" and block.get("accumulate_gradient", 1) != 1:
        first.insert(0, "accumulate_gradient")   # the transformer template sets it first
    keys = first + [k for k in block if k not in first]
    blocks = [k for k in keys if isinstance(block[k], dict)]
    wanted = [k for k in _BLOCKS_ORDER.get(where, ()) if k in blocks]
    blocks = wanted + [k for k in blocks if k not in wanted]
    settings = [k for k in keys if not isinstance(block[k], dict)]
    return {k: block[k] for k in settings + blocks}


def _ordered_model(component):
    """A component block with its model's settings in spaCy's order (_MODEL_KEYS_FIRST;
    a model's get_spans block before its other blocks, as the transformer template has it)."""
    if not isinstance(component, dict) or not isinstance(component.get("model"), dict):
        return component
    model = component["model"]
    first = list(_MODEL_KEYS_FIRST.get((component.get("factory"),
                                         model.get("@architectures")), ()))
    if isinstance(model.get("get_spans"), dict):
        first.append("get_spans")
    if not first:
        return component
    head = [k for k in first if k in model]
    return {**component, "model": {k: model[k] for k in head + [k for k in model
                                                                 if k not in head]}}


__all__ = ["make_config", "default_pretraining_config", "combine_score_weights",
           "parse_pipeline", "RECOMMENDATIONS", "BLOCKS"]
