"""Write tests/data/spacy_textcat_bow/ (cfg + model) with spaCy itself: a TextCatBOW.v3
textcat trained a few steps, saved as spaCy saves components. lexloom must load it and give
the same scores (tests/test_pipeline_components.py::test_loads_a_component_spacy_trained).

    /work/bench-venv/bin/python tests/data/make_spacy_textcat.py

It prints the scores to hard-code in that test.
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.training import Example

OUT = Path(__file__).with_name("spacy_textcat_bow")
DATA = [("I loved this film", {"POS": 1.0, "NEG": 0.0}), ("great fun", {"POS": 1.0, "NEG": 0.0}),
        ("I hated this film", {"POS": 0.0, "NEG": 1.0}), ("boring and bad", {"POS": 0.0, "NEG": 1.0})]
MODEL = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
         "no_output_layer": False, "length": 256}

nlp = spacy.blank("en")
textcat = nlp.add_pipe("textcat", config={"model": MODEL})
examples = [Example.from_dict(nlp.make_doc(text), {"cats": cats}) for text, cats in DATA]
optimizer = nlp.initialize(lambda: examples)
for _ in range(5):
    nlp.update(examples, sgd=optimizer)
textcat.to_disk(OUT, exclude=["vocab"])
for text in ("I loved bad fun", "hated it", "this film"):
    print(repr(text), {k: round(v, 6) for k, v in nlp(text).cats.items()})
