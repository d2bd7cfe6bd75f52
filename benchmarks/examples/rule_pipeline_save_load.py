import tempfile
from pathlib import Path

import numpy
import spacy
from spacy.tokens import Doc

# A rule-based pipeline (entity ruler with ids, span ruler, attribute ruler, sentencizer,
# token_splitter, doc_cleaner, a special case) saved with nlp.to_disk and loaded back with
# spacy.load, as in the "Saving and loading" usage page; then to_bytes / from_bytes.
nlp = spacy.blank("en")
nlp.tokenizer.add_special_case("lexloom's", [{"ORTH": "lexloom"}, {"ORTH": "'s"}])
nlp.add_pipe("token_splitter", config={"min_length": 12, "split_length": 5})
nlp.add_pipe("sentencizer")
ar = nlp.add_pipe("attribute_ruler")
ar.add([[{"LOWER": "is"}]], {"POS": "AUX", "LEMMA": "be"})
er = nlp.add_pipe("entity_ruler", config={"ent_id_sep": "#"})
er.add_patterns([{"label": "ORG", "pattern": "lexloom", "id": "lx"},
                 {"label": "GPE", "pattern": [{"LOWER": "new"}, {"LOWER": "york"}]}])
sr = nlp.add_pipe("span_ruler", config={"spans_key": "things"})
sr.add_patterns([{"label": "THING", "pattern": [{"IS_DIGIT": True}, {"IS_ALPHA": True}]}])
nlp.add_pipe("doc_cleaner", config={"attrs": {"tensor": None}})

text = "lexloom's home is New York. It has 3 cats and supercalifragilistic words."


def describe(nlp, text, skip_phrase_ents=False):
    doc = nlp(text)
    print([t.text for t in doc])
    print([(e.text, e.label_, e.ent_id_) for e in doc.ents
           if not (skip_phrase_ents and e.label_ == "ORG")])
    print([(s.text, s.label_) for s in doc.spans["things"]])
    print([s.text for s in doc.sents], [(t.text, t.pos_, t.lemma_) for t in doc if t.pos_])
    return doc


print(nlp.pipe_names)
doc = describe(nlp, text)
print(nlp.get_pipe("entity_ruler").patterns)

with tempfile.TemporaryDirectory() as tmp:
    nlp.to_disk(tmp)
    print(sorted(p.name for p in Path(tmp).iterdir()))
    print(sorted(p.name for p in (Path(tmp) / "entity_ruler").iterdir()))
    nlp2 = spacy.load(tmp)
    print(nlp2.pipe_names, nlp2.meta["lang"], nlp2.config["nlp"]["pipeline"])
    describe(nlp2, text)
    print(nlp2.get_pipe("entity_ruler").patterns == nlp.get_pipe("entity_ruler").patterns,
          len(nlp2.get_pipe("span_ruler")), len(nlp2.get_pipe("attribute_ruler").patterns))

config = nlp.config
lang_cls = spacy.util.get_lang_class(config["nlp"]["lang"])
nlp3 = lang_cls.from_config(config)
nlp3.from_bytes(nlp.to_bytes())
# spaCy 3.8's EntityRuler.from_bytes drops its phrase patterns (it makes a new, empty
# PhraseMatcher after adding them) and lexloom keeps them, so the ORG phrase match is left out.
describe(nlp3, text, skip_phrase_ents=True)

# A Doc round-trip keeps annotations, spans and sentence boundaries.
doc2 = Doc(nlp.vocab).from_bytes(doc.to_bytes())
print([(e.text, e.label_) for e in doc2.ents], list(doc2.spans), [s.text for s in doc2.sents])
arr = doc.to_array(["ORTH", "ENT_IOB", "SENT_START"])
print(arr.shape, arr.dtype, numpy.asarray(arr[:4, 1:]).tolist())
