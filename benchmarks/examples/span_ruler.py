import spacy

# The span ruler: overlapping spans in doc.spans, ids, annotate_ents, a custom spans_key,
# filtering with a spans_filter / ents_filter.
nlp = spacy.blank("en")
ruler = nlp.add_pipe("span_ruler")
patterns = [{"label": "ORG", "pattern": "Apple"},
            {"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]},
            {"label": "CITY_PART", "pattern": "Francisco", "id": "fran"}]
ruler.add_patterns(patterns)
doc = nlp("Apple is opening its first big office in San Francisco.")
print([(span.text, span.label_, span.id_) for span in doc.spans["ruler"]])
print(doc.ents, list(doc.spans.keys()))
print(sorted(ruler.labels), sorted(ruler.ids), len(ruler), ruler.key)

nlp = spacy.blank("en")
config = {"spans_key": "custom", "annotate_ents": True, "overwrite": False,
          "phrase_matcher_attr": "LOWER"}
ruler = nlp.add_pipe("span_ruler", config=config)
ruler.add_patterns([{"label": "ORG", "pattern": "apple inc"},
                    {"label": "PRODUCT", "pattern": [{"LOWER": "iphone"}, {"IS_DIGIT": True}]},
                    {"label": "NUM", "pattern": [{"IS_DIGIT": True}]}])
doc = nlp("APPLE INC sold an iPhone 15 and an iphone 14 for 999 dollars.")
print([(s.text, s.label_, s.start, s.end) for s in doc.spans["custom"]])
print([(e.text, e.label_) for e in doc.ents])
print("ruler" in doc.spans, list(doc.spans.keys()))

# Keep the longest spans only, and remove patterns by label.
nlp = spacy.blank("en")
ruler = nlp.add_pipe("span_ruler", config={
    "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}})
ruler.add_patterns([{"label": "A", "pattern": "new york"},
                    {"label": "B", "pattern": "new york city"},
                    {"label": "C", "pattern": "york"}])
doc = nlp("I moved to new york city from york.")
print([(s.text, s.label_) for s in doc.spans["ruler"]])
ruler.remove("B")
doc = nlp("I moved to new york city from york.")
print([(s.text, s.label_) for s in doc.spans["ruler"]])
print(ruler.patterns)
