"""Write tests/data/spacy_rulers_pipeline/ with spaCy itself: a blank English pipeline with an
entity_ruler and a span_ruler (token and phrase patterns, an id), saved by nlp.to_disk. Only
config.cfg, meta.json and the two component folders are kept (a blank pipeline's tokenizer and
vocab files add nothing here). lexloom must load it and annotate as spaCy does
(tests/test_entity_ruler.py::test_loads_a_spacy_written_pipeline).

    /work/spacy-venv/bin/python tests/data/make_spacy_rulers.py

It prints the annotations to hard-code in that test.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import spacy

OUT = Path(__file__).with_name("spacy_rulers_pipeline")
PATTERNS = [{"label": "ORG", "pattern": "Apple Inc.", "id": "apple"},
            {"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]}]

nlp = spacy.blank("en")
nlp.add_pipe("entity_ruler").add_patterns(PATTERNS)
nlp.add_pipe("span_ruler").add_patterns(PATTERNS)
shutil.rmtree(OUT, ignore_errors=True)
nlp.to_disk(OUT)
shutil.rmtree(OUT / "vocab")
(OUT / "tokenizer").unlink()   # (so it loads with exclude=["tokenizer"], in spaCy too)
doc = nlp("Apple Inc. is in San Francisco")
print([(e.text, e.label_, e.ent_id_) for e in doc.ents])
print([(s.text, s.label_, s.id_) for s in doc.spans["ruler"]])
