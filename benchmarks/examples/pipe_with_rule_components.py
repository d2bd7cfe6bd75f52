import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

# Streams through nlp.pipe, as in the "Processing pipelines" usage page: as_tuples with
# context, batch sizes, disable, and a pipeline mixing plain function components, a matcher
# component made by a factory, the sentencizer and the entity ruler.
Doc.set_extension("text_id", default=None)
Doc.set_extension("calls", default=None)


@Language.component("count_calls")
def count_calls(doc):
    doc._.calls = (doc._.calls or 0) + 1
    return doc


@Language.component("title_spans")
def title_spans(doc):
    doc.spans["titles"] = [Span(doc, t.i, t.i + 1, "TITLE") for t in doc if t.is_title]
    return doc


@Language.factory("weekday_matcher", default_config={"label": "DATE"})
def make_weekday_matcher(nlp, name, label):
    matcher = Matcher(nlp.vocab)
    matcher.add(label, [[{"LOWER": {"IN": ["monday", "tuesday", "friday"]}}]])

    def component(doc):
        spans = matcher(doc, as_spans=True)
        doc.ents = spacy.util.filter_spans(list(doc.ents) + list(spans))
        return doc

    return component


nlp = spacy.blank("en")
nlp.add_pipe("count_calls")
nlp.add_pipe("sentencizer")
nlp.add_pipe("title_spans")
ruler = nlp.add_pipe("entity_ruler")
ruler.add_patterns([{"label": "ORG", "pattern": "Acme"}])
nlp.add_pipe("weekday_matcher", config={"label": "DAY"})
nlp.add_pipe("count_calls", name="count_again")
print(nlp.pipe_names)

data = [("Acme opens on Monday. Bob Smith is happy.", {"id": 1}),
        ("see you friday at Acme", {"id": 2}),
        ("Nothing Here. Or here!", {"id": 3})]
for batch_size in (1, 2, 1000):
    for doc, context in nlp.pipe(data, as_tuples=True, batch_size=batch_size):
        doc._.text_id = context["id"]
        print(batch_size, doc._.text_id, doc._.calls, [(e.text, e.label_) for e in doc.ents],
              [s.text for s in doc.spans["titles"]], [s.text for s in doc.sents])

texts = [text for text, _ in data]
docs = list(nlp.pipe(texts, disable=["entity_ruler", "count_again"]))
print([(d._.calls, [e.text for e in d.ents]) for d in docs])
with nlp.select_pipes(enable=["sentencizer", "weekday_matcher"]):
    print([[(e.text, e.label_) for e in d.ents] for d in nlp.pipe(texts)])
print([len(list(d.sents)) for d in nlp.pipe(iter(texts), n_process=1)])
print([(d.text[:5], d._.calls) for d in nlp.pipe([nlp.make_doc("A Doc made first")])])
