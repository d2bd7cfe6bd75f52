"""Regenerate the spaCy reference configs in this folder (run once, by hand):

    /work/bench-venv/bin/python tests/data/spacy_init_config/generate.py

Each case is `spacy init config` output from spaCy 3.8 for one set of options. spaCy writes
transformer blocks only when spacy-transformers imports; that needs torch, so for the --gpu
cases a stand-in registers spacy-transformers' names with the same signatures and factory
defaults (spacy-transformers 1.3.9), which is all `init config` reads from it.
"""
import sys
import types
from pathlib import Path
from typing import Callable

HERE = Path(__file__).parent

# name: (pipeline, optimize, gpu, pretraining)
CASES = {
    "tagger_parser_ner_eff": ("tagger,parser,ner", "efficiency", False, False),
    "tagger_parser_ner_acc": ("tagger,parser,ner", "accuracy", False, False),
    "morph_senter_textcat_acc": ("morphologizer,senter,textcat", "accuracy", False, False),
    "textcat_eff": ("textcat", "efficiency", False, False),
    "senter_eff": ("senter", "efficiency", False, False),
    "ner_eff": ("ner", "efficiency", False, False),
    "textcat_multilabel_eff_pretrain": ("textcat_multilabel", "efficiency", False, True),
    "all_acc_pretrain": ("tagger,morphologizer,textcat,textcat_multilabel", "accuracy", False, True),
    "tagger_parser_ner_textcat_gpu": ("tagger,parser,ner,textcat", "efficiency", True,
                                      False),
    "morph_senter_multilabel_acc_gpu": ("morphologizer,senter,textcat_multilabel", "accuracy",
                                        True, False),
    "textcat_both_acc_gpu": ("textcat,textcat_multilabel", "accuracy", True, False),
    "tagger_gpu_pretrain": ("tagger", "efficiency", True, True),
    # written with spaCy 3.8.18's CLI and the real spacy-transformers 1.4 installed
    "spans_linker_eff": ("tagger,spancat,spancat_singlelabel,span_finder,entity_linker",
                         "efficiency", False, False),
    "spans_linker_acc_gpu": ("tagger,spancat,spancat_singlelabel,span_finder,entity_linker",
                             "accuracy", True, False),
}


def install_transformers_stand_in():
    import catalogue
    from spacy.language import Language
    from spacy.util import registry
    from thinc.api import Config, Model, noop

    registry.span_getters = catalogue.create("spacy", "span_getters", entry_points=True)
    registry.annotation_setters = catalogue.create("spacy", "annotation_setters",
                                                   entry_points=True)

    @registry.architectures("spacy-transformers.TransformerListener.v1")
    def listener(pooling: Model, grad_factor: float = 1.0, upstream: str = "*") -> Model:
        return noop()

    @registry.architectures("spacy-transformers.TransformerModel.v3")
    def transformer_model(name: str, get_spans: Callable, tokenizer_config: dict = {},
                          transformer_config: dict = {}, mixed_precision: bool = False,
                          grad_scaler_config: dict = {}) -> Model:
        return noop()

    @registry.span_getters("spacy-transformers.strided_spans.v1")
    def strided_spans(window: int, stride: int) -> Callable:
        return lambda docs: docs

    @registry.annotation_setters("spacy-transformers.null_annotation_setter.v1")
    def null_annotation_setter() -> Callable:
        return lambda docs, trf_data: None

    defaults = Config().from_str("""
[transformer]
max_batch_items = 4096

[transformer.set_extra_annotations]
@annotation_setters = "spacy-transformers.null_annotation_setter.v1"

[transformer.model]
@architectures = "spacy-transformers.TransformerModel.v3"
name = "roberta-base"
tokenizer_config = {"use_fast": true}
transformer_config = {}
mixed_precision = false
grad_scaler_config = {}

[transformer.model.get_spans]
@span_getters = "spacy-transformers.strided_spans.v1"
window = 128
stride = 96
""")

    @Language.factory("transformer", assigns=["doc._.trf_data"],
                      default_config=defaults["transformer"])
    def make_transformer(nlp, name: str, model: Model, set_extra_annotations: Callable,
                         max_batch_items: int):
        return lambda doc: doc

    sys.modules["spacy_transformers"] = types.ModuleType("spacy_transformers")


def main():
    install_transformers_stand_in()
    from spacy.cli.init_config import init_config

    for name, (pipeline, optimize, gpu, pretraining) in CASES.items():
        config = init_config(lang="en", pipeline=pipeline.split(","), optimize=optimize,
                             gpu=gpu, pretraining=pretraining)
        (HERE / f"{name}.cfg").write_text(config.to_str() + "\n", encoding="utf-8")
        print("wrote", name)


if __name__ == "__main__":
    main()
